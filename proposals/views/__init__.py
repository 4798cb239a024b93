"""The pages of proposals, by who acts and on what:

- proposer.py: the business's dashboard, new proposals, the case, its files and versions.
- home.py: the staff home, the queue each of the city's staff lands on.
- worklist.py: the city's work list, its search, CSV export and print view.
- staff.py: the city's case page, workflow steps and shared goals.
- calls.py: the office writes and publishes an open call.
- applications.py: a business applies to a published open call.
"""
