"""Forms and the refusals of services (STYLE §6): the rule is judged by the service, the message
is shown where the person looks."""

from django.core.exceptions import ValidationError


def refusal_code(refusal: ValidationError) -> str | None:
    """The code of a single refusal (None for a refusal of several errors, or without one)."""
    return getattr(refusal, "code", None)


def add_refusal(form, refusal: ValidationError, *, fields_by_code: dict | None = None) -> None:
    """Show a service's refusal on the form: each error beside the field it names, or that its
    code names in `fields_by_code` (e.g. {"reason_required": "reason"}), when the form has
    that field; above the form otherwise."""
    if hasattr(refusal, "error_dict"):
        for name, errors in refusal.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    field = (fields_by_code or {}).get(refusal_code(refusal))
    form.add_error(field if field in form.fields else None, refusal)
