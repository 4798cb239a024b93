"""The city's publication policy (公表方針, outcomes.models.PublicationPolicy) as the
publication service enforces it: which decisions are published, the neutral title of a case
that went no further, the proposer's name and outline only with their consent (共創指針 原則3).
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outcomes.models import PublicationPolicy, PublishedDecision
from outcomes.services import publish_decision
from proposals.models import Proposal
from proposals.workflow import A
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.scenarios import case_at, decision_of

from .data import SECRET_ORGANIZATION, SECRET_OUTLINE, confidential_case

pytestmark = pytest.mark.django_db
S = Proposal.Status
OWN_TITLE = "SECRET-TITLE-商店街ポイントと健康ポイントの共通化"
NEUTRAL_TITLE = "商業振興の分野のご相談"


def declined(office, *, consent=False):
    return case_at(S.DECLINED, office=office, title=OWN_TITLE, consent_to_publish=consent)


def policy(**changes) -> PublicationPolicy:
    found = PublicationPolicy.current()
    for name, value in changes.items():
        setattr(found, name, value)
    found.save()
    return found


def test_the_policy_exists_from_the_start_with_declines_under_a_neutral_title():
    found = PublicationPolicy.current()

    assert found.pk is not None
    assert found.publishes("decline") and found.publishes("not_adopt")
    assert found.unsuccessful_title == PublicationPolicy.UnsuccessfulTitle.NEUTRAL


def test_publishing_the_proposer_name_without_their_consent_is_refused(office_user):
    case = confidential_case(office=office_user, consent=False)

    with pytest.raises(ValidationError) as refusal:
        publish_decision(
            transition=decision_of(case, A.ADOPT), by=office_user, discloses_proposer=True
        )

    assert refusal.value.error_dict["discloses_proposer"][0].code == "no_consent"
    assert not PublishedDecision.objects.exists()


def test_the_publication_page_shows_the_refusal_by_the_disclosure_box(client, office_user):
    case = confidential_case(office=office_user, consent=False)
    step = decision_of(case, A.ADOPT)
    client.force_login(office_user)

    page = client.post(
        reverse("outcomes:publish", args=[case.pk]),
        {"transition": step.pk, "discloses_proposer": "on"},
    )

    assert page.status_code == 200
    form = page.context["items"][0]["form"]
    assert [error.code for error in form.errors.as_data()["discloses_proposer"]] == ["no_consent"]
    assert not PublishedDecision.objects.exists()
    assert SECRET_ORGANIZATION not in client.get(reverse("outcomes:results")).content.decode()


def test_a_consenting_proposer_is_published_with_name_and_outline(office_user):
    case = confidential_case(office=office_user, consent=True)

    publication = publish_decision(
        transition=decision_of(case, A.ADOPT), by=office_user, discloses_proposer=True
    )

    assert (publication.proposer_name, publication.outline) == (SECRET_ORGANIZATION, SECRET_OUTLINE)


@pytest.mark.parametrize("consent", [False, True])
def test_a_declined_case_needs_the_offices_neutral_title(office_user, consent):
    case = declined(office_user, consent=consent)

    with pytest.raises(ValidationError) as refusal:
        publish_decision(
            transition=decision_of(case, A.DECLINE), by=office_user, discloses_proposer=False
        )

    assert refusal.value.error_dict["title"][0].code == "neutral_title_required"
    assert not PublishedDecision.objects.exists()


def test_a_not_adopted_case_is_published_under_the_neutral_title(office_user):
    case = case_at(S.NOT_ADOPTED, office=office_user, title=OWN_TITLE)

    publication = publish_decision(
        transition=decision_of(case, A.NOT_ADOPT),
        by=office_user,
        discloses_proposer=False,
        title=NEUTRAL_TITLE,
    )

    assert publication.title == NEUTRAL_TITLE


def test_by_the_consented_title_policy_a_consenting_proposers_own_title_is_published(
    office_user,
):
    policy(unsuccessful_title=PublicationPolicy.UnsuccessfulTitle.CONSENTED)
    consenting, not_consenting = declined(office_user, consent=True), declined(office_user)

    publication = publish_decision(
        transition=decision_of(consenting, A.DECLINE), by=office_user, discloses_proposer=False
    )
    with pytest.raises(ValidationError) as refusal:
        publish_decision(
            transition=decision_of(not_consenting, A.DECLINE),
            by=office_user,
            discloses_proposer=False,
        )

    assert publication.title == OWN_TITLE
    assert refusal.value.error_dict["title"][0].code == "neutral_title_required"


@pytest.mark.parametrize(
    ("switch", "status", "step"),
    [
        ("publishes_declines", S.DECLINED, A.DECLINE),
        ("publishes_non_adoptions", S.NOT_ADOPTED, A.NOT_ADOPT),
        ("publishes_adoptions", S.ADOPTED, A.ADOPT),
    ],
)
def test_a_decision_the_policy_does_not_publish_is_refused(office_user, switch, status, step):
    policy(**{switch: False})
    case = case_at(status, office=office_user, consent_to_publish=True)

    with pytest.raises(ValidationError) as refusal:
        publish_decision(
            transition=decision_of(case, step),
            by=office_user,
            discloses_proposer=False,
            title=NEUTRAL_TITLE,
        )

    assert refusal.value.code == "policy_not_published"
    assert not PublishedDecision.objects.exists()


def test_the_publication_page_asks_for_the_neutral_title_of_a_declined_case(client, office_user):
    case = declined(office_user)
    step = decision_of(case, A.DECLINE)
    client.force_login(office_user)
    url = reverse("outcomes:publish", args=[case.pk])

    refused = client.post(url, {"transition": step.pk})
    published = client.post(url, {"transition": step.pk, "title": NEUTRAL_TITLE})

    form = refused.context["items"][0]["form"]
    assert [error.code for error in form.errors.as_data()["title"]] == ["neutral_title_required"]
    assert published.status_code == 302
    assert PublishedDecision.objects.get().title == NEUTRAL_TITLE


def test_a_declined_case_s_own_title_is_on_no_public_page_or_file(client, office_user):
    """Published under the neutral title: neither /results/, a result page, the open data
    (CSV, JSON), the themes' Atom feed nor the statistics carry the proposer's title."""
    case = declined(office_user)
    publication = publish_decision(
        transition=decision_of(case, A.DECLINE),
        by=office_user,
        discloses_proposer=False,
        title=NEUTRAL_TITLE,
    )
    pages = {
        url: client.get(url).content.decode()
        for url in (
            reverse("outcomes:results"),
            publication.get_absolute_url(),
            reverse("outcomes:results_csv"),
            reverse("outcomes:results_json"),
            reverse("outcomes:statistics"),
            reverse("cocreation_list:themes_feed"),
        )
    }

    for url, text in pages.items():
        assert OWN_TITLE not in text, url
        assert case.organization.name not in text, url
    assert NEUTRAL_TITLE in pages[reverse("outcomes:results")]
    records = json.loads(pages[reverse("outcomes:results_json")])["results"]
    assert [record["title"] for record in records] == [NEUTRAL_TITLE]


# The policy in the admin: the office edits it; nobody else sees it; it is never deleted.


def test_the_office_changes_the_policy_in_the_admin(client, office_user):
    found = PublicationPolicy.current()
    client.force_login(office_user)
    url = reverse("admin:outcomes_publicationpolicy_change", args=[found.pk])

    response = client.post(
        url,
        {
            "publishes_adoptions": "on",
            "publishes_non_adoptions": "on",
            "publishes_selections": "on",
            "publishes_completions": "on",
            "unsuccessful_title": PublicationPolicy.UnsuccessfulTitle.CONSENTED,
        },
    )

    assert response.status_code == 302
    found.refresh_from_db()
    assert not found.publishes_declines
    assert found.unsuccessful_title == PublicationPolicy.UnsuccessfulTitle.CONSENTED
    assert client.get(reverse("admin:outcomes_publicationpolicy_add")).status_code == 403
    assert (
        client.get(reverse("admin:outcomes_publicationpolicy_delete", args=[found.pk])).status_code
        == 403
    )


@pytest.mark.parametrize("role", ["department", "member"])
def test_others_than_the_office_cannot_open_the_policy_in_the_admin(client, department, role):
    person = (
        DepartmentUserFactory(department=department, is_staff=True)
        if role == "department"
        else MemberFactory()
    )
    client.force_login(person)
    url = reverse("admin:outcomes_publicationpolicy_change", args=[PublicationPolicy.current().pk])

    response = client.get(url)

    assert response.status_code in (302, 403)
    assert "publishes_declines" not in response.content.decode()
