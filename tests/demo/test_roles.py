"""After load_demo, each demo account signs in with the published password, lands on its page
and sees its own content, and only its own: the office every case, each department its
cases, each business its organisation's, each evaluator their rounds; anyone the public
record."""

import html

import pytest
from django.urls import reverse

from accounts.models import Organization, User
from cocreation_list.models import Theme
from evaluation.models import Round
from outcomes.models import PublishedDecision
from proposals.models import Proposal

from .shared import EVALUATORS, PASSWORD, S, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo", "fresh_cache")]


def signed_in(client, email):
    client.force_login(User.objects.get(email=email))
    return client


def page(client, name, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (name, args, response.status_code)
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("email", "landing"),
    [
        ("office@example.jp", "proposals:staff_home"),
        ("kankyo@example.jp", "proposals:staff_home"),
        ("kosodate@example.jp", "proposals:staff_home"),
        ("evaluator@example.jp", "evaluation:my_rounds"),
        ("evaluator2@example.jp", "evaluation:my_rounds"),
        ("biz-a@example.jp", "proposals:dashboard"),
        ("biz-a2@example.jp", "proposals:dashboard"),
        ("biz-b@example.jp", "proposals:dashboard"),
        ("biz-c@example.jp", "proposals:dashboard"),
        ("biz-d@example.jp", "proposals:dashboard"),
    ],
)
def test_each_demo_account_signs_in_through_the_login_page_and_lands_on_its_page(
    client, email, landing
):
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse(landing)
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)
    assert client.get(response["Location"]).status_code == 200


# The office ---------------------------------------------------------------------------------


def test_the_office_sees_every_submitted_case_in_its_work_list_and_in_the_admin(client):
    signed_in(client, "office@example.jp")

    response = client.get(reverse("proposals:staff_cases"))
    admin = page(client, "admin:proposals_proposal_changelist")

    assert {row["case"] for row in response.context["rows"]} == set(submitted())
    assert response.context["result_count"] == 21
    for case in submitted():
        assert case.reference in admin, case.reference
    for case in submitted().order_by("pk")[:3]:
        assert case.title in page(client, "proposals:staff_case", case.pk)
    assert "共創推進室 デモ職員" in page(client, "admin:index")


# Departments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "code"), [("kankyo@example.jp", "kankyo"), ("kosodate@example.jp", "kosodate")]
)
def test_a_department_sees_only_its_cases(client, email, code):
    signed_in(client, email)
    mine = submitted().filter(assignments__department__code=code)
    others = submitted().exclude(pk__in=mine)

    response = client.get(reverse("proposals:staff_cases"))

    assert {row["case"] for row in response.context["rows"]} == set(mine)
    assert mine.count() == 5 and others.filter(assignments__isnull=False).exists()
    listed = html.unescape(response.content.decode())
    for case in others:
        assert case.reference not in listed
    assert mine.first().title in page(client, "proposals:staff_case", mine.first().pk)
    other = others.filter(assignments__isnull=False).first()
    assert client.get(reverse("proposals:staff_case", args=[other.pk])).status_code == 404


# Businesses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "organisation", "count"),
    [
        ("biz-a@example.jp", "株式会社みしまデジタルラボ", 12),
        ("biz-a2@example.jp", "株式会社みしまデジタルラボ", 12),
        ("biz-b@example.jp", "NPO法人せせらぎ環境ネット", 8),
        ("biz-c@example.jp", "一般社団法人みしま里山こども学校", 1),
        ("biz-d@example.jp", "株式会社駿河メディアワークス", 2),
    ],
)
def test_a_business_sees_its_organisations_cases_and_not_the_others(
    client, email, organisation, count
):
    signed_in(client, email)
    own = Proposal.objects.filter(organization__name=organisation)

    dashboard = page(client, "proposals:dashboard")

    assert own.count() == count
    for case in own:
        assert case.title in dashboard, case.title
    for case in Proposal.objects.exclude(organization__name=organisation):
        assert case.title not in dashboard, case.title
    case = own.exclude(status=S.DRAFT).first()
    assert case.title in page(client, "proposals:detail", case.pk)
    stranger = Proposal.objects.exclude(organization__name=organisation).first()
    assert client.get(reverse("proposals:detail", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("proposals:staff_cases")).status_code == 404
    assert organisation in page(client, "accounts:organization_detail")


def test_an_applicant_never_opens_the_case_whose_open_call_it_answers(client):
    signed_in(client, "biz-c@example.jp")

    for original in Proposal.objects.filter(call__isnull=False):
        assert client.get(reverse("proposals:detail", args=[original.pk])).status_code == 404


# Evaluators ---------------------------------------------------------------------------------


@pytest.mark.parametrize("email", EVALUATORS)
def test_an_evaluator_sees_their_two_rounds_and_no_case(client, email):
    signed_in(client, email)

    listed = page(client, "evaluation:my_rounds")

    rounds = Round.objects.filter(assignments__evaluator__email=email)
    assert rounds.count() == 2
    for evaluation_round in rounds:
        assert evaluation_round.title in listed
        detail = page(client, "evaluation:round", evaluation_round.pk)
        assert evaluation_round.title in detail
        for name in Organization.objects.values_list("name", flat=True):  # anonymised
            assert name not in detail, name
    case = Round.objects.first().proposal
    assert client.get(reverse("proposals:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("proposals:staff_cases")).status_code == 404


# Anyone -------------------------------------------------------------------------------------


def test_anyone_sees_the_published_themes_and_never_the_drafts(client):
    listed = page(client, "cocreation_list:theme_list")

    public = Theme.objects.public()
    assert public.count() == 18
    for theme in public:
        assert theme.title in listed, theme.title
    for theme in Theme.objects.filter(status=Theme.Status.DRAFT):
        assert theme.title not in listed
        response = client.get(reverse("cocreation_list:theme_detail", args=[theme.number]))
        assert response.status_code == 404
    theme = public.first()
    assert theme.title in page(client, "cocreation_list:theme_detail", theme.number)


def test_anyone_sees_the_published_results_statistics_and_calls(client):
    results = page(client, "outcomes:results")

    for publication in PublishedDecision.objects.all():
        assert publication.title in results
        assert publication.title in page(client, "outcomes:result", publication.pk)
    assert PublishedDecision.objects.count() == 6
    assert "<svg" in page(client, "outcomes:statistics")
    calls = page(client, "outcomes:calls")
    assert "放課後しぜん教室 運営業務委託 公募型プロポーザル" in calls
    for number in (1, 2):
        page(client, "outcomes:call", number)


def test_anyone_is_asked_to_sign_in_for_the_cases(client):
    case = submitted().first()

    for url in (
        reverse("proposals:dashboard"),
        reverse("proposals:detail", args=[case.pk]),
        reverse("proposals:staff_cases"),
        reverse("evaluation:my_rounds"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
