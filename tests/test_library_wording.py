"""The stock Japanese of the libraries, reworded in the portal's catalogue: a sign-in says
「ログインしました。」, an empty text box 「入力してください。」, an unchosen radio button
「選択してください。」 (mishima_kyoso/library_strings.py)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import PASSWORD, VerifiedMemberFactory

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    agreed = forms.BooleanField()


def test_sign_in_message_reads_plainly_in_japanese(client):
    cache.clear()
    member = VerifiedMemberFactory()

    response = client.post(
        reverse("account_login"),
        {"login": member.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="ja",
    )

    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["ログインしました。"]
    cache.clear()


def test_required_errors_say_what_to_do_by_the_kind_of_field():
    with translation.override("ja"):
        errors = _Form(data={}).errors

        assert errors["name"] == ["入力してください。"]
        assert errors["kind"] == ["選択してください。"]
        assert errors["agreed"] == ["チェックを入れてください。"]


def test_a_forms_own_required_message_still_wins():
    field = forms.ChoiceField(choices=[("a", "A")], error_messages={"required": "独自"})

    with pytest.raises(forms.ValidationError) as refusal:
        field.clean("")

    assert refusal.value.messages == ["独自"]
