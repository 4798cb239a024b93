"""The confidentiality holes found by hand (issue 12, item 7), each reproduced first:

- a draft is the proposer's alone until submitted, on every URL of a case;
- the admin's history forms never write, on any model with a history;
- "view on site" answers inside the admin's sign-in only, and only for public objects.
"""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from simple_history.admin import SimpleHistoryAdmin

from evaluation.models import CriteriaSet, Round
from outcomes.models import PublishedDecision
from partnership.models import Agreement, ImprovementAction, MonitoringReport
from partnership.monitoring import save_improvement_action
from proposals.admin.history import ReadOnlyHistoryAdmin
from proposals.models import OpenCall, Proposal
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.dialogue import record
from tests.factories.evaluation import CriteriaSetFactory
from tests.factories.proposals import ProposalFactory, attach
from tests.scenarios import (
    TODAY,
    adoption_round,
    case_at,
    monitoring_report,
    operating_case,
    published,
    published_call,
    signed,
    submitted_case,
)
from tests.scenarios.calls import direct_agreement_case

pytestmark = pytest.mark.django_db
S = Proposal.Status


# A draft is the proposer's alone ---------------------------------------------------------


def _case_urls(pk):
    """Every page of a case that takes its number alone (proposer's and staff pages)."""
    urls = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace:
                if list(pattern.pattern.converters) != ["pk"]:
                    continue
                url = reverse(f"{namespace}:{pattern.name}", kwargs={"pk": pk})
                if url.startswith(("/proposals/", "/staff/cases/")):
                    urls.append(url)

    walk(get_resolver().url_patterns, None)
    return urls


def test_the_office_cannot_open_a_draft_nor_its_file_through_the_proposers_pages(
    client, office_user
):
    draft = ProposalFactory()
    stored = attach(draft)
    client.force_login(office_user)

    assert client.get(reverse("proposals:detail", args=[draft.pk])).status_code == 404
    assert (
        client.get(reverse("proposals:attachment", args=[draft.pk, stored.pk])).status_code == 404
    )


def test_a_draft_answers_no_page_of_a_case_to_anyone_but_its_proposer(
    client, office_user, department_user
):
    draft = ProposalFactory(preferred_department=department_user.department)
    urls = _case_urls(draft.pk)
    assert reverse("proposals:detail", args=[draft.pk]) in urls
    assert reverse("dialogue:thread", args=[draft.pk]) in urls

    for user in (office_user, department_user, MemberFactory()):
        client.force_login(user)
        opened = [url for url in urls if client.get(url).status_code not in (403, 404, 405)]
        assert opened == [], user

    client.force_login(draft.created_by)
    assert client.get(reverse("proposals:detail", args=[draft.pk])).status_code == 200


def test_once_submitted_the_office_reads_the_case_on_the_proposers_page(client, office_user):
    case = submitted_case()
    client.force_login(office_user)

    assert client.get(reverse("proposals:detail", args=[case.pk])).status_code == 200


# History forms never write ----------------------------------------------------------------


def _proposal(office):
    return submitted_case()


def _open_call(office):
    return published_call(office=office)


def _agreement(office):
    case = direct_agreement_case(office=office)
    signed(case, office=office)
    return Agreement.objects.get(proposal=case)


def _report(office):
    case = operating_case(office=office)
    return monitoring_report(case, by=office)


def _action(office):
    case = operating_case(office=office)
    return save_improvement_action(
        case=case,
        by=office,
        description="予約画面の改善",
        owner_side=ImprovementAction.Owner.BUSINESS,
        owner_name="担当 花子",
        due_on=TODAY(),
    )


def _decision(office):
    return published(case_at(S.ADOPTED, office=office), office=office)


def _criteria_set(office):
    return CriteriaSetFactory()


def _round(office):
    return adoption_round(office=office)


def _policy(office):
    from outcomes.models import PublicationPolicy

    return PublicationPolicy.objects.create()  # the office keeps it in the admin


def _meeting(office):
    return record(submitted_case(), office)


BUILDERS = {
    Proposal: _proposal,
    OpenCall: _open_call,
    Agreement: _agreement,
    MonitoringReport: _report,
    ImprovementAction: _action,
    PublishedDecision: _decision,
    CriteriaSet: _criteria_set,
    Round: _round,
}


def _history_admins():
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    }


def test_every_admin_with_a_history_reads_it_only():
    admins = _history_admins()

    assert admins, "no admin with a history: the test below would test nothing"
    assert [model for model, a in admins.items() if not isinstance(a, ReadOnlyHistoryAdmin)] == []


def test_every_model_with_a_history_in_the_admin_is_tried_below():
    from django.apps import apps

    labelled = {apps.get_model(label) for label in BY_LABEL}
    assert set(_history_admins()) == {*BUILDERS, *labelled}


def _city(office):
    from municipality.models import CityProfile

    profile = CityProfile.objects.order_by("pk").first() or CityProfile()
    profile.save()  # a version in its history (the seeding migration writes none)
    return profile


def _suggestion(office):
    from tests.citizens.data import suggestion

    return suggestion(by=office, status="published", reply="検討します。")


def _feedback(office):
    from tests.citizens.data import feedback, running_service

    _publication, agreement = running_service(office=office)
    return feedback(agreement, by=office, status="published")


BY_LABEL = {
    "dialogue.MeetingRecord": _meeting,
    "outcomes.PublicationPolicy": _policy,
    "municipality.CityProfile": _city,
    "citizens.IssueSuggestion": _suggestion,
    "citizens.ServiceFeedback": _feedback,
}


@pytest.mark.parametrize("model", [*BUILDERS, *BY_LABEL], ids=str)
def test_a_post_to_a_history_form_changes_nothing(client, office_user, model):
    obj = BY_LABEL[model](office_user) if model in BY_LABEL else BUILDERS[model](office_user)
    model = type(obj)
    version = obj.history.order_by("history_id").first()
    before = obj.history.count()
    title_field = "title" if hasattr(obj, "title") else None
    client.force_login(office_user)
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
        args=[obj.pk, version.history_id],
    )

    response = client.post(url, {"title": "書き換えた件名", "_change_history": "1"})

    assert response.status_code in (403, 404, 405)
    assert obj.history.count() == before
    if title_field:
        obj.refresh_from_db()
        assert obj.title != "書き換えた件名"


def test_the_office_still_reads_a_past_version_of_an_open_call(client, office_user):
    call = _open_call(office_user)
    version = call.history.order_by("history_id").first()
    client.force_login(office_user)

    response = client.get(
        reverse("admin:proposals_opencall_simple_history", args=[call.pk, version.history_id])
    )

    assert response.status_code == 200


# View on site -------------------------------------------------------------------------------


def _view_on_site(obj):
    return reverse("view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_view_on_site_sends_a_visitor_to_the_admins_sign_in_not_to_a_draft_theme(client):
    draft = ThemeFactory(draft=True)

    response = client.get(_view_on_site(draft))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert reverse("cocreation_list:theme_detail", args=[draft.number]) not in response["Location"]


def test_view_on_site_answers_404_for_a_draft_theme_even_to_the_office(client, office_user):
    draft = ThemeFactory(draft=True)
    client.force_login(office_user)

    assert client.get(_view_on_site(draft)).status_code == 404


def test_view_on_site_takes_the_office_to_a_published_themes_page(client, office_user):
    theme = ThemeFactory()
    client.force_login(office_user)

    response = client.get(_view_on_site(theme))

    assert response.status_code == 302
    assert response["Location"] == theme.get_absolute_url()


def test_view_on_site_never_jumps_to_a_private_case(client, office_user):
    case = submitted_case()
    client.force_login(office_user)

    assert client.get(_view_on_site(case)).status_code == 404


def test_a_signed_in_business_is_not_let_into_view_on_site(client):
    theme = ThemeFactory()
    client.force_login(MemberFactory())

    response = client.get(_view_on_site(theme))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_department_staff_without_the_admin_get_no_jump_either(client):
    department_staff = DepartmentUserFactory(is_staff=False)
    client.force_login(department_staff)

    response = client.get(_view_on_site(ThemeFactory()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
