"""Goals on the list (目標共有, 共創指針 原則2): a theme carries the city's goals on the four
viewpoints with their indicators and targets, public with the theme (page and API); a proposal
on the theme starts from them when it is submitted, and the dialogue then refines the case's
own copy, never the theme's. The office and the theme's department edit them as inlines of
the theme in the admin."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreation_list.models import ThemeGoal, ThemeIndicator, Viewpoint
from mishima_kyoso.demo import datafiles
from proposals.models import Proposal, SharedGoal
from proposals.services import save_goal
from tests.api.conftest import get_json
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory, ThemeGoalFactory, ThemeIndicatorFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import submit

pytestmark = pytest.mark.django_db

TARGET_ON = datetime.date(2028, 3, 31)
DESCRIPTIONS = {
    Viewpoint.CITIZENS: "予約から支払いまでを、いつでもオンラインで済ませられるようにする。",
    Viewpoint.FINANCIAL: "予約と収納の事務に係る職員の作業時間を半分にする。",
    Viewpoint.GROWTH: "利用データを施設の運営の見直しに活かす。",
    Viewpoint.REGION: "新しい団体の活動の場を広げる。",
}


def _goals(theme, *, indicators_each=1):
    """The theme's goals on the four viewpoints, each with `indicators_each` indicators."""
    for viewpoint, description in DESCRIPTIONS.items():
        ThemeGoalFactory(theme=theme, viewpoint=viewpoint, description=description)
        for n in range(indicators_each):
            ThemeIndicatorFactory(
                theme=theme,
                viewpoint=viewpoint,
                name=f"{viewpoint}の指標{n}",
                unit="%",
                baseline="10",
                target="60",
                target_on=TARGET_ON,
            )
    return theme


@pytest.fixture
def theme():
    return _goals(ThemeFactory(title="公共施設の予約と支払いのオンライン化"))


# The public theme page ---------------------------------------------------------------


def test_visitor_sees_the_goals_on_the_four_viewpoints_with_their_targets(client, theme):
    response = client.get(theme.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert [goal.viewpoint for goal, _ in response.context["goals"]] == list(Viewpoint.values)
    assert '<section id="goals" aria-labelledby="goals-title">' in page
    for label in ("市民・利用者", "財務", "成長・発展", "地域・社会"):
        assert f"<h3>{label}</h3>" in page
    for description in DESCRIPTIONS.values():
        assert description in page
    assert '<th scope="row">citizensの指標0</th>' in page
    assert "60 %" in page
    assert f'<time datetime="{TARGET_ON:%Y-%m-%d}">' in page


def test_visitor_sees_no_goal_section_on_a_theme_without_goals(client):
    theme = ThemeFactory()

    page = client.get(theme.get_absolute_url()).content.decode()

    assert 'id="goals-title"' not in page


@pytest.mark.parametrize("status", ["published", "closed"])
def test_anonymous_visitor_sees_the_goals_of_a_public_theme(client, status):
    theme = _goals(ThemeFactory(closed=status == "closed"))

    response = client.get(theme.get_absolute_url())

    assert response.status_code == 200
    assert DESCRIPTIONS[Viewpoint.REGION] in response.content.decode()


def test_anonymous_visitor_never_reaches_the_goals_of_a_draft_theme(client):
    draft = _goals(ThemeFactory(draft=True))

    page = client.get(draft.get_absolute_url())
    listing = client.get(reverse("cocreation_list:theme_list"))
    api_status, _body = get_json(client, f"/api/v1/themes/{draft.number}")

    assert page.status_code == 404
    assert DESCRIPTIONS[Viewpoint.REGION] not in listing.content.decode()
    assert api_status == 404


def _page_queries(client, theme) -> int:
    client.get(theme.get_absolute_url())  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(theme.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_visitor_gets_the_theme_page_in_constant_queries_as_goals_grow(client):
    """No goal, a goal on each viewpoint, or many indicators: the same queries (the goals and
    indicators are prefetched with the theme, one query each; the page's total is counted in
    test_views.py)."""
    without = _page_queries(client, ThemeFactory())
    one_each = _page_queries(client, _goals(ThemeFactory(), indicators_each=1))
    many = _goals(ThemeFactory(), indicators_each=8)

    assert _page_queries(client, many) == one_each == without
    assert ThemeIndicator.objects.filter(theme=many).count() == 32


def test_visitor_of_the_cached_page_sees_a_changed_goal_on_the_next_request(client, settings):
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    theme = ThemeFactory()
    goal = ThemeGoalFactory(theme=theme, description="旧い目標")
    assert "旧い目標" in client.get(theme.get_absolute_url()).content.decode()

    goal.description = "新しい目標"
    goal.save()
    ThemeIndicatorFactory(theme=theme, viewpoint=goal.viewpoint, name="追加した指標")

    page = client.get(theme.get_absolute_url()).content.decode()
    assert "新しい目標" in page
    assert "追加した指標" in page
    cache.clear()


# The API ----------------------------------------------------------------------------


def test_reuser_gets_a_themes_goals_with_their_indicators_from_the_api(client, theme):
    cache.clear()  # no request counted by the rate limit before

    status, body = get_json(client, f"/api/v1/themes/{theme.number}")

    assert status == 200
    assert [goal["viewpoint"] for goal in body["goals"]] == list(Viewpoint.values)
    citizens = body["goals"][0]
    assert citizens["viewpoint_label"] == "市民・利用者"
    assert citizens["description"] == DESCRIPTIONS[Viewpoint.CITIZENS]
    assert citizens["indicators"] == [
        {
            "name": "citizensの指標0",
            "unit": "%",
            "baseline": "10",
            "target": "60",
            "target_on": TARGET_ON.isoformat(),
        }
    ]


# A proposal on the theme ------------------------------------------------------------


def _case_goals(case):
    return [
        (
            goal.viewpoint,
            goal.description,
            [
                (item.name, item.unit, item.baseline, item.target, item.target_on)
                for item in goal.indicators.order_by("pk")
            ],
        )
        for goal in case.goals.order_by("viewpoint")
    ]


def _theme_goals(theme):
    return [
        (
            goal.viewpoint,
            goal.description,
            [
                (item.name, item.unit, item.baseline, item.target, item.target_on)
                for item in theme.indicators.filter(viewpoint=goal.viewpoint).order_by("pk")
            ],
        )
        for goal in theme.goals.order_by("viewpoint")
    ]


def test_a_submitted_proposal_on_the_theme_starts_with_the_themes_goals(theme):
    draft = ProposalFactory(complete=True, theme=theme)
    assert not draft.goals.exists()  # the proposer's draft: no dialogue, no shared goal yet

    case = submit(draft)

    assert case.status == Proposal.Status.RECEIVED
    assert _case_goals(case) == _theme_goals(theme)
    assert len(_case_goals(case)) == 4
    for goal in case.goals.all():
        assert goal.agreed_on is None  # under discussion until agreed in the dialogue
        assert goal.updated_by == case.created_by
        assert goal.history.count() == 1


def test_the_dialogue_changes_the_cases_goals_and_never_the_themes(theme, office_user):
    case = submit(ProposalFactory(complete=True, theme=theme))
    on_the_theme = _theme_goals(theme)
    financial = case.goals.get(viewpoint=Viewpoint.FINANCIAL)

    save_goal(
        case=case,
        by=office_user,
        goal=financial,
        description="窓口の作業時間を3割減らす。",
        indicators=[{"name": "窓口の作業時間", "unit": "時間", "target": "1,700"}],
    )
    case.goals.get(viewpoint=Viewpoint.GROWTH).delete()

    assert _theme_goals(theme) == on_the_theme
    assert ThemeGoal.objects.filter(theme=theme).count() == 4
    financial.refresh_from_db()
    assert financial.description == "窓口の作業時間を3割減らす。"


def test_a_later_change_to_the_theme_leaves_the_submitted_cases_goals_as_they_are(theme):
    case = submit(ProposalFactory(complete=True, theme=theme))
    before = _case_goals(case)

    ThemeGoal.objects.filter(theme=theme, viewpoint=Viewpoint.REGION).update(description="変更")
    ThemeIndicator.objects.filter(theme=theme).delete()

    assert _case_goals(case) == before


def test_a_proposal_on_a_theme_without_goals_and_a_free_proposal_start_without_goals():
    on_theme = submit(ProposalFactory(complete=True, theme=ThemeFactory()))
    free = submit(ProposalFactory(complete=True, free=True))

    assert not SharedGoal.objects.filter(proposal__in=[on_theme, free]).exists()


# The admin: inlines on the theme ----------------------------------------------------


def _change_url(theme):
    return reverse("admin:cocreation_list_theme_change", args=[theme.pk])


def _management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _rows(prefix, rows):
    data = _management(prefix, total=len(rows))
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
    return data


def _theme_form(theme, *, goals=(), indicators=()):
    """The theme's change form as the admin posts it, adding these goal and indicator rows."""
    return {
        "title": theme.title,
        "department": str(theme.department_id),
        "fields": [str(pk) for pk in theme.fields.values_list("pk", flat=True)],
        "background": theme.background,
        "wanted": theme.wanted,
        "business_role": theme.business_role,
        "city_offer": theme.city_offer,
        "conditions": theme.conditions,
        "accepts_from": "",
        "accepts_until": theme.accepts_until.isoformat() if theme.accepts_until else "",
        "contact": theme.contact,
        "_save": "保存",
        **_management("attachments"),
        **_management("questions"),
        **_rows("goals", goals),
        **_rows("indicators", indicators),
    }


GOAL_ROWS = [
    {"viewpoint": "citizens", "description": "予約をいつでもできるようにする。"},
    {"viewpoint": "financial", "description": "事務の作業時間を減らす。"},
]
INDICATOR_ROWS = [
    {"viewpoint": "citizens", "name": "オンライン予約の割合", "unit": "%", "target": "60"},
    {
        "viewpoint": "financial",
        "name": "作業時間",
        "unit": "時間",
        "baseline": "2400",
        "target": "1200",
        "target_on": "2028-03-31",
    },
]


def test_office_sees_the_goal_and_indicator_inlines_on_a_theme(client, office_user):
    theme = ThemeFactory()
    client.force_login(office_user)

    response = client.get(_change_url(theme))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="goals-TOTAL_FORMS" value="4"' in page  # a blank goal per viewpoint
    assert 'name="goals-0-viewpoint"' in page
    assert 'name="indicators-0-target"' in page


def test_office_adds_goals_and_indicators_to_a_theme_through_the_inlines(client, office_user):
    theme = ThemeFactory()
    client.force_login(office_user)

    response = client.post(
        _change_url(theme), _theme_form(theme, goals=GOAL_ROWS, indicators=INDICATOR_ROWS)
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(theme.goals.values_list("viewpoint", "description")) == [
        ("citizens", "予約をいつでもできるようにする。"),
        ("financial", "事務の作業時間を減らす。"),
    ]
    assert list(theme.indicators.values_list("viewpoint", "name", "target", "target_on")) == [
        ("citizens", "オンライン予約の割合", "60", None),
        ("financial", "作業時間", "1200", datetime.date(2028, 3, 31)),
    ]


def test_an_indicator_on_a_viewpoint_without_a_goal_is_refused_and_nothing_is_saved(
    client, office_user
):
    theme = ThemeFactory(title="元のタイトル")
    client.force_login(office_user)
    indicator = {"viewpoint": "region", "name": "稼働率", "target": "60"}
    form = _theme_form(theme, goals=GOAL_ROWS, indicators=[indicator])
    form["title"] = "変更したタイトル"

    response = client.post(_change_url(theme), form)

    assert response.status_code == 200
    indicators = response.context["inline_admin_formsets"][1].formset
    assert indicators.forms[0].has_error("viewpoint", code="no_goal")
    theme.refresh_from_db()
    assert theme.title == "元のタイトル"
    assert not theme.goals.exists() and not theme.indicators.exists()


def test_two_goals_on_one_viewpoint_are_refused(client, office_user):
    theme = ThemeFactory()
    client.force_login(office_user)
    twice = [GOAL_ROWS[0], {"viewpoint": "citizens", "description": "もう一つの目標"}]

    response = client.post(_change_url(theme), _theme_form(theme, goals=twice))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert not theme.goals.exists()


def test_deleting_a_goal_that_an_indicator_still_measures_is_refused(client, office_user):
    theme = ThemeFactory()
    goal = ThemeGoalFactory(theme=theme, viewpoint=Viewpoint.CITIZENS)
    kept = ThemeIndicatorFactory(theme=theme, viewpoint=Viewpoint.CITIZENS)
    client.force_login(office_user)
    form = _theme_form(theme)
    form.update(_management("goals", total=1, initial=1))
    form.update(
        {
            "goals-0-id": str(goal.pk),
            "goals-0-viewpoint": "citizens",
            "goals-0-description": goal.description,
            "goals-0-DELETE": "on",
        }
    )
    form.update(_management("indicators", total=1, initial=1))
    form.update(
        {
            "indicators-0-id": str(kept.pk),
            "indicators-0-viewpoint": "citizens",
            "indicators-0-name": kept.name,
            "indicators-0-target": kept.target,
        }
    )

    response = client.post(_change_url(theme), form)

    assert response.status_code == 200
    assert ThemeGoal.objects.filter(pk=goal.pk).exists()


def test_department_staff_edit_the_goals_of_their_own_departments_theme(
    client, department_user, department
):
    theme = ThemeFactory(department=department)
    client.force_login(department_user)

    response = client.post(_change_url(theme), _theme_form(theme, goals=GOAL_ROWS[:1]))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(theme.goals.values_list("viewpoint", flat=True)) == ["citizens"]


def test_department_staff_cannot_add_goals_to_another_departments_theme(client, department_user):
    other = ThemeFactory(department=DepartmentFactory(name="観光政策課", code="kanko"))
    client.force_login(department_user)

    response = client.post(_change_url(other), _theme_form(other, goals=GOAL_ROWS[:1]))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert not other.goals.exists()


# The demo ------------------------------------------------------------------------------


def test_the_demo_has_a_theme_with_goals_on_all_four_viewpoints():
    data = datafiles.read()

    with_goals = [theme for theme in data.themes if theme.goals]
    assert with_goals
    for theme in with_goals:
        assert sorted(goal.viewpoint for goal in theme.goals) == sorted(Viewpoint.values)
        assert all(goal.indicators for goal in theme.goals)
