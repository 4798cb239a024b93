# Placeholder while the staff pages are written (issue 5); every view answers 404.
from django.http import Http404


def _pending(*args, **kwargs):
    raise Http404


work_list = case = take_action = goal_edit = goal_delete = _pending
