"""The proposer's pages: the dashboard, new proposals, the case, its steps, its files.

Every lookup goes through access.py: a case the user may not see does not exist (404); a case
the user sees but may not act on answers 403. The rules are in services and workflow.

A module per part: cases.py (dashboard, new proposals, the case page, versions), steps.py
(edit, submit, withdraw, delete), files.py (upload, download, removal); pages.py holds what
their pages share (the case page's, the edit page's and the confirmation page's context).
"""

from .cases import create_free, create_theme, dashboard, detail, version
from .files import attachment, attachment_delete, upload
from .steps import delete, edit, submit, withdraw

__all__ = [
    "attachment",
    "attachment_delete",
    "create_free",
    "create_theme",
    "dashboard",
    "delete",
    "detail",
    "edit",
    "submit",
    "upload",
    "version",
    "withdraw",
]
