"""The forms of proposals' pages: they shape the input; services and the workflow judge it.

- fields.py: the fields and widgets every app's forms use (text, phone, e-mail, dates).
- proposal.py: the proposer's (start, edit, submit, withdraw, files).
- adoption.py: the adoption's choice, shared by every form that adopts.
- staff.py: the city's (a step, shared goals).
- worklist.py: the staff work list's filter and its export's columns.
- calls.py: the open call's.
The admin's intermediate forms are the admin's (admin/forms.py).
"""
