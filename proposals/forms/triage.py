"""Forms of the office's triage on the staff case page (issue 13 §2): put a department in
charge of the case, or take one off it. They shape the input; services.assign_department and
services.unassign_department judge it (office only, case open and submitted)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department


class AssignDepartmentForm(forms.Form):
    """担当課の割当: one department among those not in charge yet."""

    department = forms.ModelChoiceField(
        label=_("Department to put in charge"),
        queryset=Department.objects.none(),
        empty_label=_("Choose a department"),
        help_text=_("Its staff will see this case and receive an e-mail."),
        error_messages={
            "required": _("Choose the department to put in charge."),
            "invalid_choice": _(
                "That department cannot be chosen. Choose one from the list; it may already "
                "be in charge of this case."
            ),
        },
    )

    def __init__(self, *args, assigned=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.exclude(
            pk__in=[department.pk for department in assigned]
        ).order_by("name")


class UnassignDepartmentForm(forms.Form):
    """A department taken off the case: one of those in charge."""

    department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the department to take off this case."),
            "invalid_choice": _(
                "That department is not in charge of this case. Reload the case to see who is."
            ),
        },
    )

    def __init__(self, *args, assigned=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            pk__in=[department.pk for department in assigned]
        )
