"""The proposal terms, the privacy notice and the eligibility pledge: accepted at sign-up and
with each submission and application; a new version is asked for again; the office reads who
accepted which version when; a refusal leaves nothing behind."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from proposals.models import Proposal
from proposals.workflow import A, transition
from terms.forms import FIELD
from terms.models import Acceptance, Kind, TermsVersion
from terms.services import needs_acceptance, required_versions
from tests.factories.proposals import ProposalFactory
from tests.factories.terms import (
    APPLICATION,
    TermsVersionFactory,
    accepted_terms,
    signup_data,
    submit_data,
)
from tests.proposals.helpers import case_url, form_errors
from tests.scenarios import application, published_call, submit

pytestmark = pytest.mark.django_db
S = Proposal.Status
PASSWORD = "kyoso-Passw0rd-2026"


def _draft_of(proposer):
    return ProposalFactory(
        complete=True, organization=proposer.membership.organization, created_by=proposer
    )


# Submission ----------------------------------------------------------------------------------


def test_submission_keeps_the_current_terms_privacy_notice_and_pledge_with_the_case(
    signed_in, proposer
):
    draft = _draft_of(proposer)

    response = signed_in.post(case_url("submit", draft), submit_data())

    draft.refresh_from_db()
    assert response.status_code == 302 and draft.status == S.RECEIVED
    kept = draft.terms_acceptances.order_by("terms__kind")
    assert [(a.terms.kind, a.terms.version, a.user, a.context) for a in kept] == [
        (Kind.PLEDGE, 1, proposer, Acceptance.Context.SUBMISSION),
        (Kind.PRIVACY, 1, proposer, Acceptance.Context.SUBMISSION),
        (Kind.PROPOSAL_TERMS, 1, proposer, Acceptance.Context.SUBMISSION),
    ]
    assert {a.organization for a in kept} == {draft.organization}


@pytest.mark.parametrize("ticked", [0, 2], ids=["none_ticked", "pledge_not_ticked"])
def test_submission_without_every_box_ticked_is_refused_and_the_case_stays_a_draft(
    signed_in, proposer, ticked
):
    draft = _draft_of(proposer)
    data = submit_data()
    data[FIELD] = data[FIELD][:ticked]

    response = signed_in.post(case_url("submit", draft), data)

    draft.refresh_from_db()
    assert response.status_code == 200
    assert form_errors(response) == {FIELD: ["required"]}
    assert (draft.status, draft.reference) == (S.DRAFT, None)
    assert not draft.transitions.exists()
    assert not Acceptance.objects.exists()
    assert not draft.issued_documents.exists()


def test_submission_step_without_acceptance_is_refused_by_the_workflow_and_nothing_changes():
    draft = ProposalFactory(complete=True)

    with pytest.raises(ValidationError) as refusal:
        transition(draft, A.SUBMIT, by=draft.created_by)

    assert refusal.value.code == "terms_not_accepted"
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and not draft.transitions.exists()
    assert not Acceptance.objects.exists()


def test_new_version_of_the_terms_is_asked_for_again_at_the_next_submission(signed_in, proposer):
    first = _draft_of(proposer)
    signed_in.post(case_url("submit", first), submit_data())
    assert needs_acceptance(proposer) == []
    page_seen_before = submit_data()
    revised = TermsVersionFactory(kind=Kind.PROPOSAL_TERMS)
    second = _draft_of(proposer)

    assert needs_acceptance(proposer) == [revised]
    stale = signed_in.post(case_url("submit", second), page_seen_before)
    page = signed_in.get(case_url("submit", second))
    accepted = signed_in.post(case_url("submit", second), submit_data())

    assert form_errors(stale) == {FIELD: ["invalid_choice"]}
    assert revised.title in page.content.decode()
    assert [str(item) for item in page.context["terms_updated"]] == [str(revised)]
    assert accepted.status_code == 302
    second.refresh_from_db()
    assert second.status == S.RECEIVED
    assert second.terms_acceptances.get(terms__kind=Kind.PROPOSAL_TERMS).terms == revised
    assert first.terms_acceptances.get(terms__kind=Kind.PROPOSAL_TERMS).terms.version == 1
    assert needs_acceptance(proposer) == []


def test_step_with_the_ids_of_an_earlier_version_is_refused_as_terms_changed():
    draft = ProposalFactory(complete=True)
    seen = accepted_terms()
    TermsVersionFactory(kind=Kind.PLEDGE, title="誓約事項")

    with pytest.raises(ValidationError) as refusal:
        transition(draft, A.SUBMIT, by=draft.created_by, accepted=seen)

    assert refusal.value.code == "terms_changed"
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and not Acceptance.objects.exists()


def test_published_version_cannot_be_changed_a_new_version_is_a_new_row():
    version = TermsVersion.objects.get(kind=Kind.PRIVACY, version=1)
    version.body = "書き換え"

    with pytest.raises(ValidationError) as refusal:
        version.save()

    assert refusal.value.code == "immutable"
    assert TermsVersion.objects.get(pk=version.pk).body != "書き換え"


# Application to an open call -----------------------------------------------------------------


def test_application_without_the_boxes_ticked_is_refused_and_stays_a_draft(client, office_user):
    call = published_call(office=office_user)
    draft = application(call, submit=False)
    client.force_login(draft.created_by)
    data = submit_data(context=APPLICATION)
    del data[FIELD]

    refused = client.post(case_url("submit", draft), data)
    accepted = client.post(case_url("submit", draft), submit_data(context=APPLICATION))

    assert form_errors(refused) == {FIELD: ["required"]}
    assert accepted.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.SELECTING
    assert sorted(draft.terms_acceptances.values_list("terms__kind", "context")) == [
        (Kind.PLEDGE, APPLICATION),
        (Kind.PRIVACY, APPLICATION),
        (Kind.PROPOSAL_TERMS, APPLICATION),
    ]


# Sign-up -------------------------------------------------------------------------------------


def test_sign_up_without_accepting_the_terms_is_refused_and_no_account_is_made(client):
    data = signup_data(email="hanako@example.jp", password1=PASSWORD, password2=PASSWORD)
    del data[FIELD]

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    assert form_errors(response) == {FIELD: ["required"]}
    assert not User.objects.exists()
    assert 'name="accepted_terms"' in response.content.decode()


def test_sign_up_records_the_terms_and_privacy_notice_accepted(client):
    response = client.post(
        reverse("account_signup"),
        signup_data(email="hanako@example.jp", password1=PASSWORD, password2=PASSWORD),
    )

    assert response.status_code == 302
    user = User.objects.get()
    assert sorted(user.terms_acceptances.values_list("terms__kind", "context")) == [
        (Kind.PRIVACY, Acceptance.Context.SIGNUP),
        (Kind.PROPOSAL_TERMS, Acceptance.Context.SIGNUP),
    ]
    assert needs_acceptance(user) == []


# The office reads the acceptances --------------------------------------------------------------


def test_office_sees_the_accepted_versions_time_and_person_on_the_staff_case_page(
    client, office_user
):
    case = submit(ProposalFactory(complete=True))
    client.force_login(office_user)

    response = client.get(reverse("proposals:staff_case", args=[case.pk]))

    page = response.content.decode()
    section = page.split('id="accepted-terms"')[1].split("</section>")[0]
    for version in required_versions(Acceptance.Context.SUBMISSION):
        assert version.title in section
    assert str(case.created_by) in section
    assert "<time datetime=" in section
    assert 'scope="col"' in section
