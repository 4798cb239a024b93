"""The admin of the co-creation list: who sees which theme, who publishes, what is refused."""

import datetime

import pytest
from django.contrib import admin, messages
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from cocreation_list.models import Theme
from tests.factories.accounts import DepartmentFactory, UserFactory
from tests.factories.cocreation_list import ThemeFactory, field

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cocreation_list_theme_changelist")
ADD = reverse("admin:cocreation_list_theme_add")


def _change_url(theme):
    return reverse("admin:cocreation_list_theme_change", args=[theme.pk])


def _listed(response):
    return set(response.context["cl"].result_list)


def _messages(response):
    return [(message.level, str(message)) for message in get_messages(response.wsgi_request)]


def _inline_management(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _theme_form(department, **overrides):
    data = {
        "title": "公園の魅力向上",
        "department": str(department.pk),
        "fields": [str(field("machizukuri").pk)],
        "background": "公園の利用者が減っています。",
        "wanted": "にぎわいづくりの提案。",
        "business_role": "企画と運営。",
        "city_offer": "占用許可の調整。",
        "conditions": "",
        "accepts_from": "",
        "accepts_until": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "contact": "",
        "_save": "保存",
        **_inline_management("attachments"),
        **_inline_management("questions"),
        **_inline_management("goals"),
        **_inline_management("indicators"),
    }
    data.update(overrides)
    return data


def _act(client, action, themes):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [str(theme.pk) for theme in themes], "index": "0"},
    )


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="観光政策課", code="kanko")


# Who sees which theme ------------------------------------------------------------


def test_office_sees_every_theme_of_every_department_in_the_changelist(
    client, office_user, department, other_department
):
    themes = {
        ThemeFactory(department=department),
        ThemeFactory(draft=True, department=other_department),
        ThemeFactory(closed=True, department=other_department),
    }
    client.force_login(office_user)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert _listed(response) == themes


def test_department_staff_see_only_their_departments_themes_in_the_changelist(
    client, department_user, department, other_department
):
    mine = {ThemeFactory(department=department), ThemeFactory(draft=True, department=department)}
    other = ThemeFactory(draft=True, department=other_department, title="他課の下書き")
    client.force_login(department_user)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert _listed(response) == mine
    assert other.title not in response.content.decode()


def test_department_staff_cannot_open_another_departments_theme(
    client, department_user, other_department
):
    other = ThemeFactory(draft=True, department=other_department, title="他課の下書き")
    client.force_login(department_user)

    response = client.get(_change_url(other))

    # The admin answers as for a theme that does not exist: back to the index, nothing shown.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert other.title not in client.get(response["Location"]).content.decode()


def test_department_staff_cannot_change_another_departments_theme(
    client, department_user, department, other_department
):
    other = ThemeFactory(draft=True, department=other_department, title="他課の下書き")
    client.force_login(department_user)

    response = client.post(_change_url(other), _theme_form(department, title="書き換え"))

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.title == "他課の下書き"
    assert other.department == other_department


def test_department_staff_cannot_delete_a_theme_even_their_own(client, department_user, department):
    theme = ThemeFactory(draft=True, department=department)
    client.force_login(department_user)

    response = client.post(
        reverse("admin:cocreation_list_theme_delete", args=[theme.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_department_staff_open_their_own_theme(client, department_user, department):
    theme = ThemeFactory(draft=True, department=department)
    client.force_login(department_user)

    response = client.get(_change_url(theme))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields["department"].queryset) == [department]


# Creating themes -----------------------------------------------------------------------


def test_department_staff_create_a_draft_in_their_own_department(
    client, department_user, department
):
    client.force_login(department_user)

    response = client.post(ADD, _theme_form(department))

    assert response.status_code == 302
    theme = Theme.objects.get()
    assert theme.department == department
    assert theme.status == Theme.Status.DRAFT
    assert theme.published_at is None


def test_department_staff_are_refused_creating_a_theme_for_another_department(
    client, department_user, other_department
):
    client.force_login(department_user)

    response = client.post(ADD, _theme_form(other_department))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["department"]] == ["invalid_choice"]
    assert not Theme.objects.exists()


def test_office_creates_a_theme_for_any_department(client, office_user, other_department):
    client.force_login(office_user)

    response = client.post(ADD, _theme_form(other_department))

    assert response.status_code == 302
    assert Theme.objects.get().department == other_department


def test_office_is_refused_a_call_period_ending_before_it_starts_in_the_form(
    client, office_user, department
):
    client.force_login(office_user)

    response = client.post(
        ADD, _theme_form(department, accepts_from="2026-05-01", accepts_until="2026-04-01")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert not Theme.objects.exists()


# Publishing and closing --------------------------------------------------------------------


def test_office_publishes_the_selected_drafts_with_the_action(client, office_user):
    drafts = ThemeFactory.create_batch(2, draft=True)
    client.force_login(office_user)

    response = _act(client, "publish_selected", drafts)

    assert response.status_code == 302
    assert set(Theme.objects.public()) == set(drafts)
    assert [level for level, _text in _messages(response)] == [messages.SUCCESS]


def test_office_sees_each_refusal_as_an_error_when_publishing_with_the_action(client, office_user):
    ready = ThemeFactory(draft=True)
    without_field = ThemeFactory(draft=True, fields=[])
    without_deadline = ThemeFactory(draft=True, accepts_until=None)
    client.force_login(office_user)

    response = _act(client, "publish_selected", [ready, without_field, without_deadline])

    assert list(Theme.objects.public()) == [ready]
    reported = _messages(response)
    errors = [text for level, text in reported if level == messages.ERROR]
    assert len(errors) == 2
    assert {text.split(" ", 1)[0] for text in errors} == {
        str(without_field.number),
        str(without_deadline.number),
    }
    assert [level for level, _text in reported].count(messages.SUCCESS) == 1


def test_office_closes_the_selected_themes_with_the_action(client, office_user):
    published = ThemeFactory()
    draft = ThemeFactory(draft=True)
    client.force_login(office_user)

    response = _act(client, "close_selected", [published, draft])

    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.status == Theme.Status.CLOSED
    assert draft.status == Theme.Status.DRAFT
    errors = [text for level, text in _messages(response) if level == messages.ERROR]
    assert [text.split(" ", 1)[0] for text in errors] == [str(draft.number)]


@pytest.mark.parametrize("action", ["publish_selected", "close_selected"])
def test_department_staff_are_refused_the_publish_and_close_actions(
    client, department_user, department, action
):
    draft = ThemeFactory(draft=True, department=department)
    published = ThemeFactory(department=department)
    client.force_login(department_user)

    _act(client, action, [draft, published])

    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Theme.Status.DRAFT
    assert published.status == Theme.Status.PUBLISHED
    request = client.get(CHANGELIST).wsgi_request
    assert action not in admin.site.get_model_admin(Theme).get_actions(request)


# Filters and search ------------------------------------------------------------------------------


def test_office_filters_the_changelist_by_status_field_department_and_call(
    client, office_user, department, other_department
):
    draft = ThemeFactory(draft=True, department=department, fields=[field("welfare")])
    accepting = ThemeFactory(department=other_department, fields=[field("environment")])
    closed = ThemeFactory(closed=True, department=other_department)
    client.force_login(office_user)

    cases = {
        "status__exact=draft": {draft},
        "status__exact=closed": {closed},
        f"fields__id__exact={field('welfare').pk}": {draft},
        f"department__id__exact={department.pk}": {draft},
        "accepting=yes": {accepting},
        "accepting=no": {draft, closed},
    }

    for query, expected in cases.items():
        response = client.get(f"{CHANGELIST}?{query}")
        assert response.status_code == 200, query
        assert _listed(response) == expected, query


def test_office_finds_a_theme_by_its_title_when_searching(client, office_user):
    wanted = ThemeFactory(title="スマート農業の実証")
    ThemeFactory(title="公園の魅力向上")
    client.force_login(office_user)

    response = client.get(CHANGELIST, {"q": "スマート農業"})

    assert _listed(response) == {wanted}


# Who may enter -----------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={CHANGELIST}"


def test_business_user_cannot_enter_the_admin(client):
    client.force_login(UserFactory())
    ThemeFactory(draft=True, title="下書きのテーマ")

    index = client.get(reverse("admin:index"))
    changelist = client.get(CHANGELIST)

    assert index.status_code == 302
    assert index["Location"].startswith(reverse("admin:login"))
    assert changelist.status_code == 302
    assert changelist["Location"].startswith(reverse("admin:login"))


def test_office_cannot_delete_a_public_theme_so_its_number_is_never_reused(client, office_user):
    public = ThemeFactory()
    draft = ThemeFactory(draft=True)
    client.force_login(office_user)

    refused = client.post(
        reverse("admin:cocreation_list_theme_delete", args=[public.pk]), {"post": "yes"}
    )
    allowed = client.post(
        reverse("admin:cocreation_list_theme_delete", args=[draft.pk]), {"post": "yes"}
    )

    assert refused.status_code == 403
    assert allowed.status_code == 302
    assert list(Theme.objects.all()) == [public]
