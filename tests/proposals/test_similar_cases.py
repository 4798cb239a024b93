"""Similar-case hints on the staff case page (issue 15 §6): the other cases and the themes whose
title reads like this case's, the most similar first, among what the viewer may open; never on
a proposer's or an evaluator's page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals import similarity
from proposals.models import Proposal
from proposals.services import assign_department
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.proposals import ProposalFactory
from tests.proposals.helpers import case_url
from tests.scenarios import adoption_round, declare_none, submitted_case

pytestmark = pytest.mark.django_db

ORIGINAL = "子育て応援LINEによる健診・予防接種のお知らせ"
NEAR_DUPLICATE = "子育て応援LINEによる乳幼児健診・予防接種のお知らせ"
RELATED = "子育て世帯へのLINEによるお知らせの配信"
UNRELATED = "公園の落ち葉と剪定枝を堆肥にする地域の拠点づくり"
HEADING = "Similar cases and themes"


def titles(hints):
    return [hint.title for hint in hints]


def staff_page(client, user, case):
    client.force_login(user)
    response = client.get(case_url("staff_case", case))
    assert response.status_code == 200
    return response


# Quality -------------------------------------------------------------------------------------


def test_office_sees_the_near_duplicate_first_and_nothing_unrelated(office_user):
    case = submitted_case(title=ORIGINAL)
    related = submitted_case(title=RELATED)
    duplicate = submitted_case(title=NEAR_DUPLICATE)
    submitted_case(title=UNRELATED)

    hints = similarity.similar_items(office_user, case)

    assert titles(hints) == [NEAR_DUPLICATE, RELATED]
    first = hints[0]
    assert first.kind == "case"
    assert first.reference == duplicate.reference
    assert first.status_label == str(Proposal.Status.RECEIVED.label)
    assert first.url == reverse("proposals:staff_case", args=[duplicate.pk])
    assert first.score > hints[1].score >= similarity.THRESHOLD
    assert related.reference == hints[1].reference


def test_the_staff_page_lists_reference_title_status_and_link_of_each_hint(client, office_user):
    case = submitted_case(title=ORIGINAL)
    duplicate = submitted_case(title=NEAR_DUPLICATE)

    response = staff_page(client, office_user, case)

    page = response.content.decode()
    assert [hint.title for hint in response.context["similar"]] == [NEAR_DUPLICATE]
    section = page[page.index('id="similar"') :]
    section = section[: section.index("</section>")]
    for text in (
        duplicate.reference,
        NEAR_DUPLICATE,
        str(Proposal.Status.RECEIVED.label),
        reverse("proposals:staff_case", args=[duplicate.pk]),
    ):
        assert text in section
    assert ORIGINAL not in section  # never the case itself


def test_a_theme_with_a_similar_title_is_a_hint_with_its_number_and_status(office_user):
    theme = ThemeFactory(title="子育て応援LINEによる健診のお知らせ")
    case = submitted_case(title=ORIGINAL)

    hints = similarity.similar_items(office_user, case)

    assert [(hint.kind, hint.title) for hint in hints] == [("theme", theme.title)]
    assert str(theme.number) in hints[0].reference
    assert hints[0].status_label == str(theme.get_status_display())
    assert hints[0].url == theme.get_absolute_url()


def test_the_theme_a_case_answers_is_not_a_hint_of_it(office_user):
    theme = ThemeFactory(title=NEAR_DUPLICATE)
    case = submitted_case(title=ORIGINAL, theme=theme)

    assert similarity.similar_items(office_user, case) == []


def test_pairs_leave_out_reference_numbers_and_dice_measures_the_overlap():
    assert similarity.pairs("R8-0012 防災アプリ") == {"防災", "災ア", "アプ", "プリ"}
    assert similarity.dice({"ab", "bc"}, {"ab", "bc"}) == 1.0
    assert similarity.dice({"ab", "bc"}, {"cd"}) == 0.0
    assert similarity.dice(set(), {"cd"}) == 0.0


def test_the_anchors_are_the_rarest_pair_of_each_run_of_the_title():
    sequence = similarity.pair_sequence("防災アプリの提案")  # 防災 災ア アプ プリ リノ ノ提 提案
    frequencies = {"防災": 0.01, "災ア": 0.001, "アプ": 0.2, "リノ": 0.5, "ノ提": 0.4, "提案": 0.6}

    # Runs: [防災 災ア] [アプ プリ] [リノ ノ提] [提案]; プリ is not among the common pairs.
    assert similarity.anchors(sequence, frequencies) == ["災ア", "プリ", "ノ提", "提案"]
    assert similarity.anchors(["防災"], frequencies) == ["防災"]


# Who sees what -------------------------------------------------------------------------------


def test_department_staff_see_hints_only_among_the_cases_assigned_to_them(
    office_user, department, department_user
):
    case = submitted_case(title=ORIGINAL)
    theirs = submitted_case(title=NEAR_DUPLICATE)
    elsewhere = submitted_case(title=ORIGINAL + "（再提出）")  # what could leak must exist
    for assigned in (case, theirs):
        assign_department(case=assigned, department=department, by=office_user)
    assign_department(case=elsewhere, department=DepartmentFactory(), by=office_user)

    assert titles(similarity.similar_items(department_user, case)) == [NEAR_DUPLICATE]
    assert set(titles(similarity.similar_items(office_user, case))) == {
        NEAR_DUPLICATE,
        elsewhere.title,
    }


def test_a_draft_is_never_a_hint_not_even_for_the_office(office_user):
    case = submitted_case(title=ORIGINAL)
    ProposalFactory(title=NEAR_DUPLICATE)  # the proposer's alone until submitted

    assert similarity.similar_items(office_user, case) == []


def test_department_staff_see_public_themes_and_their_own_drafts_not_another_departments_drafts(
    office_user, department, department_user
):
    case = submitted_case(title=ORIGINAL)
    assign_department(case=case, department=department, by=office_user)
    public = ThemeFactory(title="子育て応援LINEによる健診のお知らせ")
    own_draft = ThemeFactory(title="子育て応援LINEによる予防接種のお知らせ", draft=True)
    own_draft.department = department
    own_draft.save()
    ThemeFactory(title="子育て応援LINEによる健診・予防接種の通知", draft=True)

    hints = similarity.similar_items(department_user, case)

    assert sorted(titles(hints)) == sorted([public.title, own_draft.title])
    draft_hint = next(hint for hint in hints if hint.title == own_draft.title)
    assert draft_hint.url == reverse("admin:cocreation_list_theme_change", args=[own_draft.pk])


def test_nobody_but_city_staff_gets_hints(office_user):
    case = submitted_case(title=ORIGINAL)
    submitted_case(title=NEAR_DUPLICATE)

    assert similarity.similar_items(case.created_by, case) == []


def test_the_proposers_page_never_shows_the_section_and_their_staff_page_answers_404(client):
    case = submitted_case(title=ORIGINAL)
    submitted_case(title=NEAR_DUPLICATE)
    client.force_login(case.created_by)

    response = client.get(case_url("detail", case))

    assert response.status_code == 200
    page = response.content.decode()
    assert NEAR_DUPLICATE not in page
    assert 'id="similar"' not in page
    assert "similar" not in response.context
    assert client.get(case_url("staff_case", case)).status_code == 404


def test_evaluator_pages_never_show_the_section(client, office_user):
    round = adoption_round(office=office_user)
    candidate = round.candidates.get()
    # Another case with the same words (the factory's titles differ by a number only).
    other = submitted_case(title=candidate.proposal.title + " 改訂版")
    assignment = declare_none(round.assignments.first())
    client.force_login(assignment.evaluator)

    pages = [
        client.get(reverse("evaluation:my_rounds")),
        client.get(reverse("evaluation:round", args=[round.pk])),
        client.get(reverse("evaluation:score", args=[round.pk, candidate.pk])),
    ]

    for response in pages:
        assert response.status_code == 200
        page = response.content.decode()
        assert other.title not in page and other.reference not in page
        assert 'id="similar"' not in page
    assert client.get(case_url("staff_case", candidate.proposal)).status_code == 404


# Cost ----------------------------------------------------------------------------------------


def test_the_staff_page_needs_the_same_number_of_queries_for_1_or_20_similar_cases(
    client, office_user
):
    case = submitted_case(title=ORIGINAL)
    submitted_case(title=NEAR_DUPLICATE)
    ThemeFactory(title="子育て応援LINEによる健診のお知らせ")
    client.force_login(office_user)
    url = case_url("staff_case", case)
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(19):
        submitted_case(title=f"{NEAR_DUPLICATE} 第{number}案")
        ThemeFactory(title=f"子育て応援LINEによる健診のお知らせ 第{number}期")

    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url)

    assert len(twenty) == len(one)
    assert len(response.context["similar"]) == similarity.LIMIT


# The extension point -------------------------------------------------------------------------


def test_a_registered_source_adds_its_hints_ranked_with_the_others(office_user):
    case = submitted_case(title=ORIGINAL)
    submitted_case(title=RELATED)

    def soundings(user, case):
        return [
            similarity.Hint(
                kind="sounding",
                kind_label="サウンディング",
                reference="S-1",
                title="子育て応援LINEの活用に関するサウンディング",
                status_label="実施中",
                url="/soundings/1/",
                score=0.99,
            )
        ]

    similarity.register(soundings)
    try:
        hints = similarity.similar_items(office_user, case)
    finally:
        similarity.SOURCES.remove(soundings)

    assert [hint.kind for hint in hints] == ["sounding", "case"]
