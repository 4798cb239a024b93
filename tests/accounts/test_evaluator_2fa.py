"""Two-factor authentication for everyone who reads confidential content (issue 12, item 6):
staff as before, and evaluators (選定委員) with an assignment, when KYOSO_2FA_REQUIRED is on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from accounts.roles import reads_confidential_content
from tests.factories.accounts import DepartmentUserFactory, MemberFactory, UserFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.scenarios import adoption_round

pytestmark = pytest.mark.django_db

TOTP_SETUP = reverse("mfa_activate_totp")
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def two_factor_required(settings):
    settings.KYOSO_2FA_REQUIRED = True


@pytest.fixture
def evaluator(office_user):
    person = EvaluatorFactory()
    adoption_round(office=office_user, evaluators=[person])
    return person


def test_an_evaluator_with_an_assignment_reads_confidential_content(evaluator):
    assert reads_confidential_content(evaluator)


def test_staff_read_confidential_content_and_a_business_or_a_plain_account_does_not(
    office_user, department_user
):
    assert reads_confidential_content(office_user)
    assert reads_confidential_content(department_user)
    assert not reads_confidential_content(MemberFactory())
    assert not reads_confidential_content(UserFactory())


def test_an_evaluator_without_totp_is_sent_to_the_setup_from_their_rounds(
    client, two_factor_required, evaluator
):
    client.force_login(evaluator)

    response = client.get(reverse("evaluation:my_rounds"))

    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


def test_the_evaluator_is_told_why_in_their_own_words(client, two_factor_required, evaluator):
    client.force_login(evaluator)

    response = client.get(reverse("evaluation:my_rounds"), follow=True)

    notices = [str(message) for message in response.context["messages"]]
    assert any("two-factor" in notice or "二要素" in notice for notice in notices), notices
    assert not any("Staff accounts" in notice for notice in notices)


def test_an_evaluator_with_totp_reaches_their_rounds(client, two_factor_required, evaluator):
    TOTP.activate(evaluator, generate_totp_secret())
    client.force_login(evaluator)

    assert client.get(reverse("evaluation:my_rounds")).status_code == 200


def test_an_evaluator_still_reaches_the_account_pages_to_set_it_up(
    client, two_factor_required, evaluator
):
    client.force_login(evaluator)

    assert client.get(reverse("mfa_index")).status_code == 200


def test_a_plain_account_without_an_assignment_is_not_asked(client, two_factor_required):
    client.force_login(UserFactory())

    assert client.get(reverse("home")).status_code == 200


def test_department_staff_without_the_admin_flag_are_asked_too(client, two_factor_required):
    client.force_login(DepartmentUserFactory(is_staff=False))

    assert client.get(reverse("home"))["Location"] == TOTP_SETUP


def test_nobody_is_sent_to_the_setup_when_the_setting_is_off(client, settings, evaluator):
    settings.KYOSO_2FA_REQUIRED = False
    client.force_login(evaluator)

    assert client.get(reverse("evaluation:my_rounds")).status_code == 200


def test_the_old_setting_name_still_turns_it_on():
    environment = {key: value for key, value in os.environ.items() if "2FA" not in key}
    environment.update(
        DJANGO_SETTINGS_MODULE="mishima_kyoso.settings", KYOSO_STAFF_2FA_REQUIRED="true"
    )
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import "
            "settings; print(settings.KYOSO_2FA_REQUIRED)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    assert shown.stdout.strip() == "True"
