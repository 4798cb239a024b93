"""Proposals in the admin, by what is administered (the office's reading and triage tools):

- cases.py: the case list, its filters (filters.py), its readable history (history.py) and its
  triage actions (forms.py: their intermediate forms).
- logs.py: the access log and the reminders sent.
- calls.py: the open calls.
- call_fairness.py: the questions on the calls and their selection committees.
- read_only.py: the read-only building blocks the other apps' admins use too.
"""

from . import call_fairness, calls, cases, logs  # noqa: F401 (each registers its models)
