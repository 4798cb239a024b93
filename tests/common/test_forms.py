"""A service's refusal is shown where the person looks (mishima_kyoso.common.forms)."""

from django import forms
from django.core.exceptions import ValidationError

from mishima_kyoso.common.forms import add_refusal, refusal_code


class StepForm(forms.Form):
    reason = forms.CharField(required=False)
    title = forms.CharField(required=False)


def _bound() -> StepForm:
    form = StepForm({})
    assert form.is_valid()
    return form


def test_a_refusal_naming_fields_is_shown_beside_those_the_form_has_and_above_it_otherwise():
    form = _bound()

    add_refusal(
        form,
        ValidationError(
            {
                "title": ValidationError("題名を入力してください。", code="required"),
                "kind": ValidationError("種類が違います。", code="kind_target"),
            }
        ),
    )

    errors = form.errors.as_data()
    assert [error.code for error in errors["title"]] == ["required"]
    assert [error.code for error in errors["__all__"]] == ["kind_target"]


def test_a_refusal_is_shown_beside_the_field_its_code_names():
    form = _bound()

    add_refusal(
        form,
        ValidationError("理由を入力してください。", code="reason_required"),
        fields_by_code={"reason_required": "reason", "public_reason_required": "public_reason"},
    )

    assert [error.code for error in form.errors.as_data()["reason"]] == ["reason_required"]


def test_a_refusal_whose_field_the_form_lacks_is_shown_above_the_form():
    form = _bound()

    add_refusal(
        form,
        ValidationError("公開理由を入力してください。", code="public_reason_required"),
        fields_by_code={"public_reason_required": "public_reason"},
    )

    assert list(form.errors) == ["__all__"]


def test_the_code_of_a_refusal_is_read_only_from_a_single_error():
    assert refusal_code(ValidationError("x", code="stale")) == "stale"
    assert refusal_code(ValidationError({"title": "x"})) is None
