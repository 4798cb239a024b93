"""Writes on proposals: drafts, revisions as versions, deletion, and what a closed case refuses."""

import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals import services
from proposals.models import Proposal, ProposalAttachment
from proposals.selectors import organization_proposals, visible_proposals
from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    MemberFactory,
    OfficeUserFactory,
    UserFactory,
)
from tests.factories.cocreation_list import ThemeFactory, field
from tests.factories.proposals import ProposalFactory, attach
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db

START = {"title": "公共施設予約のオンライン化", "outline": "オンラインで予約できるようにします。"}


# New drafts ----------------------------------------------------------------------------------


def test_member_creates_a_theme_draft_that_only_the_organisation_sees_until_submitted():
    member = MemberFactory()
    organization = member.membership.organization
    theme = ThemeFactory()

    case = services.create_theme_proposal(theme=theme, by=member, **START)

    assert (case.kind, case.theme, case.status, case.version) == (
        Proposal.Kind.THEME,
        theme,
        Proposal.Status.DRAFT,
        0,
    )
    assert (case.contact_name, case.contact_phone, case.contact_email) == (
        organization.contact_person,
        organization.phone,
        organization.email,
    )
    colleague = MemberFactory(organization=organization)
    assert list(visible_proposals(colleague)) == [case]
    assert list(organization_proposals(member)) == [case]
    assert list(visible_proposals(OfficeUserFactory())) == []  # a draft is the proposer's alone
    assert list(visible_proposals(MemberFactory())) == []
    assert list(visible_proposals(DepartmentUserFactory())) == []


@pytest.mark.parametrize(
    "theme_kwargs", [{"closed": True}, {"draft": True}], ids=["closed", "unpublished"]
)
def test_no_draft_is_created_on_a_theme_that_is_not_accepting(theme_kwargs):
    member = MemberFactory()

    with pytest.raises(ValidationError) as refusal:
        services.create_theme_proposal(theme=ThemeFactory(**theme_kwargs), by=member, **START)

    assert refusal.value.code == "theme_closed"
    assert not Proposal.objects.exists()


def test_member_creates_a_free_draft_in_a_field_with_a_department_in_mind():
    member = MemberFactory()
    department = DepartmentFactory(code="kankyo")

    case = services.create_free_proposal(
        field=field("environment"), by=member, preferred_department=department, **START
    )

    assert (case.kind, case.field, case.theme, case.preferred_department) == (
        Proposal.Kind.FREE,
        field("environment"),
        None,
        department,
    )


def test_a_user_without_organisation_cannot_create_a_draft():
    with pytest.raises(ValidationError) as refusal:
        services.create_free_proposal(field=field(), by=UserFactory(), **START)

    assert refusal.value.code == "no_organization"
    assert not Proposal.objects.exists()


def test_a_draft_with_an_empty_title_is_refused_by_field():
    with pytest.raises(ValidationError) as refusal:
        services.create_free_proposal(field=field(), by=MemberFactory(), title="", outline="概要")

    assert list(refusal.value.error_dict) == ["title"]
    assert not Proposal.objects.exists()


# Drafts and revisions ------------------------------------------------------------------------


def test_a_draft_is_edited_in_place_without_versions():
    case = ProposalFactory()

    services.update_proposal(case=case, by=case.created_by, body="本文を追記", roles="当社")

    case.refresh_from_db()
    assert (case.body, case.roles, case.version) == ("本文を追記", "当社", 0)
    assert not case.versions.exists()


def test_a_revision_after_submission_adds_a_version_and_keeps_the_old_content():
    case = submit(ProposalFactory(complete=True))
    first_body = case.body

    services.update_proposal(
        case=case, by=case.created_by, body="規模を拡大した内容", note="対象施設を追加"
    )
    services.update_proposal(case=case, by=case.created_by, schedule="令和9年度から")

    case.refresh_from_db()
    assert case.version == 3
    versions = list(case.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[0].content["body"] == first_body
    assert (versions[1].content["body"], versions[1].note) == (
        "規模を拡大した内容",
        "対象施設を追加",
    )
    assert versions[2].content == case.content()


def test_an_unchanged_revision_is_refused():
    case = submit(ProposalFactory())

    with pytest.raises(ValidationError) as refusal:
        services.update_proposal(case=case, by=case.created_by, title=case.title)

    assert refusal.value.code == "unchanged"
    assert case.versions.count() == 1


def test_a_revision_keeps_a_full_proposal_complete():
    case = submit(ProposalFactory(complete=True))

    with pytest.raises(ValidationError) as refusal:
        services.update_proposal(case=case, by=case.created_by, body="")

    assert list(refusal.value.error_dict) == ["body"]
    case.refresh_from_db()
    assert case.body and case.versions.count() == 1


@pytest.mark.parametrize(
    "who", [lambda: MemberFactory(), lambda: OfficeUserFactory()], ids=["other_org", "office"]
)
def test_only_the_organisation_changes_its_proposal(who):
    case = ProposalFactory()

    with pytest.raises(PermissionDenied):
        services.update_proposal(case=case, by=who(), title="乗っ取り")

    case.refresh_from_db()
    assert case.title != "乗っ取り"


def test_a_withdrawn_proposal_cannot_be_changed_nor_take_files(settings):
    case = withdraw(submit(ProposalFactory()))

    with pytest.raises(ValidationError) as edit:
        services.update_proposal(case=case, by=case.created_by, title="再開したい")
    with pytest.raises(ValidationError) as upload:
        attach(case)

    assert edit.value.code == upload.value.code == "not_editable"
    case.refresh_from_db()
    assert case.title != "再開したい" and case.versions.count() == 1
    assert not ProposalAttachment.objects.exists()


def test_unknown_fields_are_not_written():
    case = ProposalFactory()

    with pytest.raises(ValueError):
        services.update_proposal(case=case, by=case.created_by, status="received")

    case.refresh_from_db()
    assert case.is_draft


# Deletion ------------------------------------------------------------------------------------


def test_a_draft_is_deleted_with_its_files_once_committed(settings, run_jobs):
    case = ProposalFactory()
    stored = attach(case)
    path = stored.file.path

    services.delete_draft(case=case, by=case.created_by)
    run_jobs()

    assert not Proposal.objects.exists() and not ProposalAttachment.objects.exists()
    assert not os.path.exists(path)


def test_a_submitted_proposal_cannot_be_deleted():
    case = submit(ProposalFactory())

    with pytest.raises(ValidationError) as refusal:
        services.delete_draft(case=case, by=case.created_by)

    assert refusal.value.code == "not_draft"
    assert Proposal.objects.filter(pk=case.pk).exists()


def test_only_the_organisation_deletes_its_draft():
    case = ProposalFactory()

    with pytest.raises(PermissionDenied):
        services.delete_draft(case=case, by=OfficeUserFactory())

    assert Proposal.objects.filter(pk=case.pk).exists()


def test_a_file_of_a_submitted_proposal_cannot_be_removed():
    case = ProposalFactory()
    stored = attach(case)
    submit(case)

    with pytest.raises(ValidationError) as refusal:
        services.remove_attachment(attachment=stored, by=case.created_by)

    assert refusal.value.code == "not_draft"
    assert ProposalAttachment.objects.filter(pk=stored.pk).exists()
