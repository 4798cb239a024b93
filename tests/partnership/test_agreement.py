"""協定: the office writes the agreement and its role and risk table, adds documents and
records the signing, which moves the case to operation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnership import agreements
from partnership.models import Agreement, RoleRiskItem
from proposals.models import AccessLog, Proposal
from proposals.states import has_agreement_page
from proposals.workflow import A, available_steps, transition
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.proposals import pdf_bytes, upload
from tests.scenarios import (
    TODAY,
    VALID,
    agreement_with_item,
    application,
    direct_agreement_case,
    published_call,
)

pytestmark = pytest.mark.django_db
S = Proposal.Status


def test_signing_moves_the_case_to_operation(office_user):
    case = direct_agreement_case(office=office_user)
    agreement_with_item(case, office=office_user)

    case = agreements.sign_agreement(case=case, signed_on=TODAY(), by=office_user)

    assert case.status == S.OPERATING
    assert [record.step for record in case.transitions.all()][-2:] == [A.AGREE, A.START_OPERATION]
    agreement = Agreement.objects.get(proposal=case)
    assert (agreement.signed_on, agreement.signed_by) == (TODAY(), office_user)


def test_signing_without_a_role_and_risk_item_is_refused_and_nothing_is_saved(office_user):
    case = direct_agreement_case(office=office_user)
    agreements.save_agreement(case=case, by=office_user, title="協定", starts_on=TODAY())

    with pytest.raises(ValidationError) as refusal:
        agreements.sign_agreement(case=case, signed_on=TODAY(), by=office_user)

    assert refusal.value.code == "role_risk_table_required"
    case.refresh_from_db()
    assert case.status == S.ADOPTED
    assert Agreement.objects.get(proposal=case).signed_on is None


def test_an_open_call_case_must_go_through_the_selection_first(office_user):
    call = published_call(office=office_user)
    case = transition(call.proposal, A.START_SELECTION, by=office_user, **VALID[A.START_SELECTION])

    with pytest.raises(ValidationError) as refusal:
        agreements.save_agreement(case=case, by=office_user, title="協定", starts_on=TODAY())

    assert refusal.value.code == "selection_required"
    assert not Agreement.objects.exists()


def test_a_signed_agreement_is_read_only_but_takes_documents(office_user):
    case = direct_agreement_case(office=office_user)
    agreement = agreement_with_item(case, office=office_user)
    agreements.sign_agreement(case=case, signed_on=TODAY(), by=office_user)
    case.refresh_from_db()

    with pytest.raises(ValidationError) as changed:
        agreements.save_agreement(case=case, by=office_user, title="変更", starts_on=TODAY())
    document = agreements.add_agreement_document(
        agreement=agreement, by=office_user, uploaded=upload("協定書.pdf", pdf_bytes())
    )

    assert changed.value.code == "wrong_status"
    assert document.content_type == "application/pdf"


def test_a_document_not_what_its_name_says_is_refused(office_user):
    case = direct_agreement_case(office=office_user)
    agreement = agreement_with_item(case, office=office_user)

    with pytest.raises(ValidationError) as refusal:
        agreements.add_agreement_document(
            agreement=agreement, by=office_user, uploaded=upload("協定書.pdf", b"MZ not a pdf")
        )

    assert refusal.value.code == "file_content_mismatch"
    assert not agreement.documents.exists()


def test_department_staff_may_not_write_the_agreement(office_user, department, department_user):
    case = direct_agreement_case(office=office_user, departments=[department])

    with pytest.raises(PermissionDenied):
        agreements.save_agreement(case=case, by=department_user, title="協定", starts_on=TODAY())


def test_a_future_signing_date_is_refused(office_user):
    case = direct_agreement_case(office=office_user)
    agreement_with_item(case, office=office_user)

    with pytest.raises(ValidationError) as refusal:
        agreements.sign_agreement(
            case=case, signed_on=TODAY() + datetime.timedelta(days=3), by=office_user
        )

    assert refusal.value.code == "signed_on_future"


def test_generic_step_page_no_longer_offers_agreement_or_selection_steps(client, office_user):
    case = direct_agreement_case(office=office_user)
    agreement_with_item(case, office=office_user)
    client.force_login(office_user)

    page = client.get(reverse("proposals:staff_case", args=[case.pk]))
    codes = [step["code"] for step in page.context["steps"]]

    assert A.AGREE in available_steps(case, office_user)  # signed on the agreement's page
    assert not {A.SELECT, A.NOT_SELECT, A.AGREE} & set(codes)
    for step in (A.SELECT, A.NOT_SELECT, A.AGREE):
        assert client.get(reverse("proposals:staff_step", args=[case.pk, step])).status_code == 404
    assert page.context["agreement_url"] == reverse("partnership:staff_agreement", args=[case.pk])


def test_signing_before_the_term_begins_leaves_the_case_agreed_until_the_office_starts_it(
    client, office_user
):
    case = direct_agreement_case(office=office_user)
    agreement_with_item(case, office=office_user)
    agreements.save_agreement(
        case=case, by=office_user, starts_on=datetime.date.today() + datetime.timedelta(days=30)
    )

    case = agreements.sign_agreement(case=case, signed_on=datetime.date.today(), by=office_user)

    assert case.status == Proposal.Status.AGREED
    client.force_login(office_user)
    page = client.get(reverse("proposals:staff_case", args=[case.pk]))
    assert A.START_OPERATION in [step["code"] for step in page.context["steps"]]
    response = client.post(
        reverse("proposals:staff_step", args=[case.pk, A.START_OPERATION]),
        {"seen_status": Proposal.Status.AGREED},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Proposal.Status.OPERATING


# Pages ---------------------------------------------------------------------------------------


def test_office_writes_table_uploads_and_signs_on_the_pages(client, office_user):
    case = direct_agreement_case(office=office_user)
    client.force_login(office_user)
    url = reverse("partnership:staff_agreement", args=[case.pk])

    client.post(
        url, {"title": "協定", "starts_on": "２０２６／０４／０１", "ends_on": "", "incentives": ""}
    )
    client.post(
        reverse("partnership:agreement_item_create", args=[case.pk]),
        {"item": "<script>x</script>障害対応", "risk_bearer": "business", "order": "１０"},
    )
    item = RoleRiskItem.objects.get()
    client.post(
        reverse("partnership:agreement_item_edit", args=[case.pk, item.pk]),
        {"item": "障害対応", "risk_bearer": "shared", "order": "10", "city_role": "周知"},
    )
    client.post(
        reverse("partnership:agreement_document_upload", args=[case.pk]),
        {"file": upload("協定書.pdf", pdf_bytes())},
    )
    page = client.get(url).content.decode()
    response = client.post(
        reverse("partnership:agreement_sign", args=[case.pk]),
        {"signed_on": TODAY().isoformat(), "confirm": "on"},
    )

    assert Agreement.objects.get().starts_on == datetime.date(2026, 4, 1)
    item.refresh_from_db()
    assert (item.item, item.risk_bearer) == ("障害対応", "shared")
    assert "協定書.pdf" in page
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.OPERATING


def test_sign_refusal_shows_on_the_form_and_changes_nothing(client, office_user):
    case = direct_agreement_case(office=office_user)
    agreements.save_agreement(case=case, by=office_user, title="協定", starts_on=TODAY())
    client.force_login(office_user)

    response = client.post(
        reverse("partnership:agreement_sign", args=[case.pk]),
        {"signed_on": TODAY().isoformat(), "confirm": "on"},
    )

    assert response.status_code == 200
    assert response.context["sign_form"].errors
    case.refresh_from_db()
    assert case.status == S.ADOPTED


def test_agreement_form_refuses_20000_characters_and_a_reversed_term(client, office_user):
    case = direct_agreement_case(office=office_user)
    client.force_login(office_user)

    response = client.post(
        reverse("partnership:staff_agreement", args=[case.pk]),
        {"title": "あ" * 20000, "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )

    assert response.status_code == 200
    assert response.context["agreement_form"].errors
    assert not Agreement.objects.exists()


def _roles(case, office_user, department_user):
    return {
        "anonymous": None,
        "business": MemberFactory(),
        "proposer": case.created_by,
        "unassigned": DepartmentUserFactory(department=DepartmentFactory(code="other")),
        "assigned": department_user,
        "office": office_user,
    }


@pytest.mark.parametrize(
    "who, staff_page, proposer_page, download, edit",
    [
        ("anonymous", 302, 302, 302, 302),
        ("business", 404, 404, 404, 404),
        ("proposer", 404, 200, 200, 404),
        ("unassigned", 404, 404, 404, 404),
        ("assigned", 200, 200, 200, 403),
        ("office", 200, 200, 200, 200),
    ],
)
def test_agreement_pages_for_every_role(
    client, office_user, department, department_user, who, staff_page, proposer_page, download, edit
):
    case = direct_agreement_case(office=office_user, departments=[department])
    agreement = agreement_with_item(case, office=office_user)
    document = agreements.add_agreement_document(
        agreement=agreement, by=office_user, uploaded=upload("協定書.pdf", pdf_bytes())
    )
    user = _roles(case, office_user, department_user)[who]
    if user is not None:
        client.force_login(user)

    assert (
        client.get(reverse("partnership:staff_agreement", args=[case.pk])).status_code == staff_page
    )
    assert client.get(reverse("partnership:agreement", args=[case.pk])).status_code == proposer_page
    got = client.get(reverse("partnership:agreement_document", args=[case.pk, document.pk]))
    assert got.status_code == download
    assert (
        client.get(reverse("partnership:agreement_item_create", args=[case.pk])).status_code == edit
    )
    if download == 200:
        assert AccessLog.objects.filter(kind=AccessLog.Kind.FILE, user=user).exists()


def test_applicant_can_read_its_own_agreement_never_the_originals(client, office_user):
    call = published_call(office=office_user)
    case = application(call)
    case = transition(case, A.SELECT, by=office_user, **VALID[A.SELECT])
    agreement_with_item(case, office=office_user)
    client.force_login(case.created_by)

    assert client.get(reverse("partnership:agreement", args=[case.pk])).status_code == 200
    assert client.get(reverse("partnership:agreement", args=[call.proposal.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_agreement_pages_are_constant_in_queries(
    client, office_user, count, django_assert_num_queries
):
    case = direct_agreement_case(office=office_user)
    agreement = agreement_with_item(case, office=office_user)
    for number in range(count):
        agreements.save_role_risk_item(
            case=case, by=office_user, item=f"項目{number}", risk_bearer="city"
        )
        agreements.add_agreement_document(
            agreement=agreement, by=office_user, uploaded=upload(f"資料{number}.pdf", pdf_bytes())
        )
    client.force_login(office_user)
    staff_url = reverse("partnership:staff_agreement", args=[case.pk])
    proposer_url = reverse("partnership:agreement", args=[case.pk])
    client.get(staff_url)
    client.get(proposer_url)

    # With the read log's membership check and entry, the changes and the incentive rules.
    with django_assert_num_queries(14):
        client.get(staff_url)
    client.force_login(case.created_by)
    client.get(proposer_url)
    with django_assert_num_queries(12):
        client.get(proposer_url)


# A direct agreement is signed from `adopted`; `selecting` means the open call's selection only.


def test_a_direct_agreement_is_drafted_and_signed_from_adopted_without_a_selection(office_user):
    case = direct_agreement_case(office=office_user)
    agreement_with_item(case, office=office_user)

    offered_before = available_steps(case, office_user)
    case = agreements.sign_agreement(case=case, signed_on=TODAY(), by=office_user)

    assert A.START_SELECTION not in offered_before
    assert [record.step for record in case.transitions.all()][-3:] == [
        A.ADOPT,
        A.AGREE,
        A.START_OPERATION,
    ]
    assert case.opportunity == "direct" and case.direct_reason


def test_the_selection_cannot_start_for_a_direct_agreement(office_user):
    case = direct_agreement_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        transition(case, A.START_SELECTION, by=office_user, **VALID[A.START_SELECTION])

    assert refusal.value.code == "wrong_status"
    case.refresh_from_db()
    assert case.status == S.ADOPTED


def test_an_open_call_case_shows_no_agreement_page_until_its_selection_starts(office_user):
    case = published_call(office=office_user).proposal
    selecting = transition(case, A.START_SELECTION, by=office_user, **VALID[A.START_SELECTION])

    assert (case.status, has_agreement_page(case)) == (S.ADOPTED, False)
    assert has_agreement_page(selecting)
    assert has_agreement_page(direct_agreement_case(office=office_user))


def test_the_adoption_keeps_its_choice_on_the_case(office_user):
    case = direct_agreement_case(office=office_user)

    assert (case.ppp_method, case.opportunity) == (VALID[A.ADOPT]["ppp_method"], "direct")
    assert case.chose_open_call is False and case.goes_through_selection is False
    assert case.transitions.get(step=A.ADOPT).details["opportunity"] == "direct"
