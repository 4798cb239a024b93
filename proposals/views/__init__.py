"""The pages of proposals, by who acts and on what:

- proposer.py: the business's dashboard, new proposals, the case, its files and versions.
- staff.py: the city's work list, case page, workflow steps and shared goals.
- calls.py: the office writes and publishes an open call.
- applications.py: a business applies to a published open call.
"""
