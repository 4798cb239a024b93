"""A selection from the open call to the public record (issue 6 §9): the office opens a round
among three candidates (the original proposal and two applications to its open call); two
evaluators sign in, declare their conflicts (one declares a conflict with a candidate) and score;
the office closes the round, reads the ranking, decides and publishes it anonymised; the public
results page and the result's page show it, with the candidates' totals as A, B, C.

The case, its published call and the applications of two other businesses are laid down through
the services (proposals.calls, proposals.services, workflow.transition); everything after that
happens in the browser. Every signed-in person has a context of their own, signed in through the
login page. The contexts bypass the site's CSP so that axe-core can check the pages with errors
on the way (test_accessibility.py scans every page type without them).
"""

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone, translation
from playwright.sync_api import expect

from evaluation.aggregation import round_results
from evaluation.models import Candidate, ConflictDeclaration, Criterion, Round, ScoreSheet
from mishima_kyoso.common.ids import encode_id
from outcomes.models import PublishedDecision
from proposals import calls
from proposals.models import Proposal, ProposalTransition
from proposals.services import create_application, update_proposal
from proposals.workflow import transition
from tests.factories.accounts import (
    MemberFactory,
    OrganizationFactory,
    VerifiedOfficeUserFactory,
    VerifiedUserFactory,
)
from tests.factories.terms import APPLICATION, accepted_terms
from tests.jobs import run_queued_jobs, send_setup_mail
from tests.scenarios import COMPLETE_CONTENT, VALID, call_fields, case_at

from .conftest import OPAQUE, new_context
from .test_case_journey import follow, sign_in, told
from .test_proposal_journey import assert_no_axe_violation, submit_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

S, A = Proposal.Status, ProposalTransition.Steps

TITLE = "公共施設の予約をオンラインで完結させる仕組み"
ROUND_TITLE = "公共施設予約システム 運営事業者の選定"
REASON = "選定委員2名の評価で最高点。価格以外の評価も最も高い。"
PUBLIC_REASON = "総合評価の結果、市民の利便性と実現可能性で最も優れた提案を選定した。"
CONFLICT_NOTE = "この事業者と取引関係がある。"

# The three candidates' organisations and people: none of it may reach an evaluator's page.
PROPOSER = "株式会社ヒトク提案商事"
STRONG = "株式会社ヒトク上位システム"  # the application the evaluators rank first
WEAK = "株式会社ヒトク下位サービス"  # the one the first evaluator declares a conflict with
# The share of each criterion's maximum points each evaluator gives (first, second).
SHARES = {PROPOSER: (0.6, 0.7), STRONG: (0.9, 0.8), WEAK: (0.5, 0.4)}


def words():
    """The page's words, in Japanese (the contexts' locale)."""
    with translation.override("ja"):
        gettext = translation.gettext
        return {
            "created": gettext("The round has been created. Assign its evaluators."),
            "opened": gettext("Scoring is open. The evaluators have been sent a link by e-mail."),
            "declared": gettext("Your declaration has been recorded."),
            "saved": gettext("Your scores have been saved. Submit when you are done."),
            "submitted": gettext("Your score sheet has been submitted."),
            "closed": gettext("Scoring is closed."),
            "decided": gettext("The decision has been recorded and the case moved on."),
            "published": gettext("The decision has been published."),
            "answer": gettext("Answer yes or no."),
        }


# The data, through the services ---------------------------------------------------------------


def organisation(name, tag):
    return OrganizationFactory(
        name=name,
        representative=f"代表{tag}太郎",
        contact_person=f"窓口{tag}花子",
        email=f"info-{tag}@hitoku.example.jp",
    )


def applied(call, name, tag):
    """Another business's application to the call: started, filled in, applied (APPLY)."""
    member = MemberFactory(
        organization=organisation(name, tag),
        full_name=f"社員{tag}三郎",
        email=f"member-{tag}@hitoku.example.jp",
    )
    draft = create_application(
        call=call,
        by=member,
        title=f"施設予約システムの運営（応募{tag}）",
        outline="予約システムを導入し、運営します。",
        contact_name=f"連絡{tag}次郎",
        contact_phone="055-222-0000",
        contact_email=f"contact-{tag}@hitoku.example.jp",
    )
    draft = update_proposal(case=draft, by=member, **COMPLETE_CONTENT)
    return transition(draft, A.APPLY, by=member, accepted=accepted_terms(APPLICATION))


def selecting_case(office):
    """The adopted case with its open call published, two applications, and the selection on."""
    case = case_at(S.ADOPTED, office=office, organization=organisation(PROPOSER, "P"), title=TITLE)
    Proposal.objects.filter(pk=case.pk).update(
        contact_name="連絡P次郎", contact_email="contact-P@hitoku.example.jp"
    )
    call = calls.publish_call(
        call=calls.save_call(case=case, by=office, **call_fields()), by=office
    )
    applications = {STRONG: applied(call, STRONG, "S"), WEAK: applied(call, WEAK, "W")}
    case = transition(case, A.START_SELECTION, by=office, **VALID[A.START_SELECTION])
    case.refresh_from_db()
    return case, {PROPOSER: case, **applications}


def secrets_of(cases) -> list[str]:
    """What names a candidate: its organisation, its people and contacts, its number."""
    found = []
    for case in cases.values():
        organization = case.organization
        found += [organization.name, organization.representative, organization.contact_person]
        found += [organization.email, case.contact_name, case.contact_email, case.reference]
        found += [m.user.full_name for m in organization.memberships.select_related("user")]
    return sorted({text for text in found if text})


# The office ------------------------------------------------------------------------------------


def create_round(page, case, w):
    """The case page → its evaluation tab → a selection round, anonymised."""
    follow(
        page, page.locator(f"nav.case-nav a[href='/staff/cases/{encode_id(case.pk)}/evaluation/']")
    )
    form = page.locator("#new-round form")
    form.locator("input[name=kind][value=selection]").check()
    form.locator("#id_title").fill(ROUND_TITLE)
    # The default criteria set (seeded from the guidelines) is preselected.
    expect(form.locator("#id_criteria_set option:checked")).to_have_count(1)
    due = timezone.localdate() + datetime.timedelta(days=14)
    form.locator("#id_scoring_due_on").fill(due.isoformat())
    form.locator("#id_is_anonymised").check()
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"/staff/evaluation/rounds/{OPAQUE}/$"))
    told(page, w["created"])
    round = Round.objects.get(proposal=case)
    assert round.kind == Round.Kind.SELECTION and round.is_anonymised
    assert round.criteria_set.is_default
    expect(page.locator("#candidates tbody tr")).to_have_count(3)
    return round


def add_evaluators_and_open(page, round, evaluators, w):
    for evaluator in evaluators:
        form = page.locator(
            f"form[action='/staff/evaluation/rounds/{encode_id(round.pk)}/evaluators/']"
        )
        form.locator("#id_email").fill(evaluator.email)
        submit_form(page, form)
        expect(page.locator("#evaluators tbody")).to_contain_text(evaluator.email)
    expect(page.locator("#evaluators tbody tr")).to_have_count(2)
    assert_no_axe_violation(page)  # the round being prepared
    send_setup_mail()
    submit_form(
        page, page.locator(f"form[action='/staff/evaluation/rounds/{encode_id(round.pk)}/open/']")
    )
    told(page, w["opened"])
    round.refresh_from_db()
    assert round.status == Round.Status.OPEN


def ranking_shown(page) -> list[tuple[str, ...]]:
    """(rank, label, organisation, counted, blocked, mean, bonus, final total) of each row of
    the office's ranking."""
    rows = []
    table = page.locator("section.results-ranking table tbody tr")
    for index in range(table.count()):
        row = table.nth(index)
        cells = row.locator("td")
        label = row.locator("th").inner_text().split()[0]
        text = [cells.nth(index).inner_text().strip() for index in (0, 1, 2, 4, 5, 6, 7)]
        rows.append((text[0], label, *text[1:]))
    return rows


# The evaluators --------------------------------------------------------------------------------


def round_link_of(evaluator) -> str:
    """The path of the link the opening mailed this evaluator (a link, never a name)."""
    run_queued_jobs()  # the job engine sends the opening's mails
    bodies = [message.body for message in mail.outbox if evaluator.email in message.to]
    assert len(bodies) == 1, [message.to for message in mail.outbox]
    return re.search(rf"https?://[^/\s]+(/evaluation/rounds/{OPAQUE}/)", bodies[0]).group(1)


def declare(page, round, evaluator, candidates, conflict_with, w, seen):
    form = page.locator(f"form[action='/evaluation/rounds/{encode_id(round.pk)}/conflicts/']")
    # Nothing answered: refused beside each question, nothing recorded.
    submit_form(page, form)
    seen.append(page.content())
    expect(page.locator("#conflicts .errorlist").first).to_have_text(w["answer"])
    assert_no_axe_violation(page)  # the conflict form with its errors
    assert not ConflictDeclaration.objects.filter(
        assignment__round=round, assignment__evaluator=evaluator
    ).exists()
    form = page.locator(f"form[action='/evaluation/rounds/{encode_id(round.pk)}/conflicts/']")
    for candidate in candidates:
        answer = "yes" if candidate == conflict_with else "no"
        form.locator(f"input[name=conflict_{candidate.pk}][value={answer}]").check()
        if candidate == conflict_with:
            form.locator(f"#id_note_{candidate.pk}").fill(CONFLICT_NOTE)
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"/evaluation/rounds/{encode_id(round.pk)}/$"))
    told(page, w["declared"])
    seen.append(page.content())


def points_for(page, share) -> dict[str, int]:
    """Points on every criterion: the share of its maximum (the criterion of the input),
    rounded down."""
    values = {}
    inputs = page.locator("form.score-form input[name^=points_]")
    for index in range(inputs.count()):
        name = inputs.nth(index).get_attribute("name")
        criterion = Criterion.objects.get(pk=int(name.removeprefix("points_")))
        values[name] = int(criterion.max_points * share)
    return values


def score(page, round, evaluator, candidate, share, w, seen, *, save_first=False):
    """Open the candidate's sheet from the round page, fill it in and submit it."""
    follow(page, page.locator(f"#candidates a[href$='/candidates/{encode_id(candidate.pk)}/']"))
    seen.append(page.content())
    form = page.locator("form.score-form")
    values = points_for(page, share)
    assert len(values) == 8  # the default criteria set
    names = list(values)
    if save_first:
        # Partial work is saved; submitting it incomplete is refused beside the empty field.
        for name in names[:-1]:
            form.locator(f"input[name={name}]").fill(str(values[name]))
        with page.expect_navigation():
            form.locator("button[name=save]").click()
        told(page, w["saved"])
        seen.append(page.content())
        form = page.locator("form.score-form")
        expect(form.locator(f"input[name={names[0]}]")).to_have_value(str(values[names[0]]))
        with page.expect_navigation():
            form.locator("button[name=confirm]").click()
        seen.append(page.content())
        expect(page.locator(f"input[name={names[-1]}]")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("[data-error-summary]")).to_be_visible()
        assert_no_axe_violation(page)  # the score sheet with its error
        sheet = ScoreSheet.objects.get(candidate=candidate, assignment__evaluator=evaluator)
        assert sheet.submitted_at is None  # saved, not submitted
        form = page.locator("form.score-form")
    for name, value in values.items():
        form.locator(f"input[name={name}]").fill(str(value))
    form.locator("[name=comment]").fill("具体的で実現性の高い提案である。")
    with page.expect_navigation():
        form.locator("button[name=confirm]").click()
    # 「提出」 is final: the confirmation shows the points and the weighted total first.
    expect(page).to_have_url(re.compile(rf"/candidates/{encode_id(candidate.pk)}/confirm/$"))
    weights = {f"points_{c.pk}": c.weight for c in round.criteria_set.criteria.all()}
    total = sum(weights[name] * points for name, points in values.items())
    expect(page.locator(".sheet-total")).to_have_text(
        str(Decimal(total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    )
    seen.append(page.content())
    assert (
        ScoreSheet.objects.get(candidate=candidate, assignment__evaluator=evaluator).submitted_at
        is None
    )
    with page.expect_navigation():
        page.locator("form.submit-form button[name=submit]").click()
    expect(page).to_have_url(re.compile(rf"/evaluation/rounds/{encode_id(round.pk)}/$"))
    told(page, w["submitted"])
    seen.append(page.content())
    return values


def evaluate(browser, live_server, evaluator, round, candidates, shares, conflict_with, w):
    """Sign in from the mailed link, declare, score every candidate allowed, submit.

    Returns the HTML of every evaluator page seen on the way, and the points typed per
    candidate ({candidate pk: {field name: points}})."""
    seen, typed = [], {}
    context, page = sign_in(browser, live_server, evaluator, round_link_of(evaluator))
    try:
        seen.append(page.content())
        declare(page, round, evaluator, candidates, conflict_with, w, seen)
        rows = page.locator("#candidates tbody tr")
        expect(rows).to_have_count(3)
        first = True
        for candidate in candidates:
            if candidate == conflict_with:
                # No link to it; its page refuses (403), naming it by its label only.
                row = rows.filter(has_text=candidate.label)
                expect(row.locator("a")).to_have_count(0)
                response = page.goto(
                    f"{live_server.url}/evaluation/rounds/{encode_id(round.pk)}/candidates/{encode_id(candidate.pk)}/"
                )
                assert response.status == 403
                seen.append(page.content())
                page.goto(f"{live_server.url}/evaluation/rounds/{encode_id(round.pk)}/")
                continue
            typed[candidate.pk] = score(
                page, round, evaluator, candidate, shares[candidate.pk], w, seen, save_first=first
            )
            first = False
        page.goto(f"{live_server.url}/evaluation/")
        seen.append(page.content())
        expect(page.locator("table tbody tr")).to_have_count(1)
        expect(page.locator("table tbody tr")).to_contain_text(ROUND_TITLE)
    finally:
        context.close()
    return seen, typed


# The public ------------------------------------------------------------------------------------


def public_rows(page) -> list[tuple[str, str, str]]:
    """(rank, candidate, total) of each row of the public candidates' table."""
    rows = []
    table = page.locator("table.candidates-table tbody tr")
    for index in range(table.count()):
        row = table.nth(index)
        cells = row.locator("td")
        rows.append(
            (cells.nth(0).inner_text(), row.locator("th").inner_text(), cells.nth(1).inner_text())
        )
    return rows


def normalised(html: str) -> str:
    return unicodedata.normalize("NFKC", html)


# The journey -----------------------------------------------------------------------------------


def test_office_evaluators_and_public_take_a_selection_from_round_to_published_result(
    browser, live_server
):
    cache.clear()  # allauth's rate limits live in the cache
    office = VerifiedOfficeUserFactory(email="office@city.mishima.example.jp")
    case, cases = selecting_case(office)
    secrets = secrets_of(cases)
    first = VerifiedUserFactory(email="iinchou@univ.example.jp", full_name="評価 一郎")
    second = VerifiedUserFactory(email="iin@consult.example.jp", full_name="評価 二郎")
    w = words()
    contexts = []
    try:
        # 1. The office creates the round on the case's evaluation tab, adds the two
        # evaluators by e-mail and opens the scoring.
        context, office_page = sign_in(
            browser, live_server, office, f"/staff/cases/{encode_id(case.pk)}/"
        )
        contexts.append(context)
        round = create_round(office_page, case, w)
        add_evaluators_and_open(office_page, round, [first, second], w)
        candidates = {
            name: Candidate.objects.get(round=round, proposal=proposal)
            for name, proposal in cases.items()
        }
        in_label_order = sorted(candidates.values(), key=lambda candidate: candidate.label)
        assert [c.label for c in in_label_order] == ["A", "B", "C"]

        # 2. Each evaluator declares and scores; the first has a conflict with WEAK.
        seen, sheets = [], {}
        for number, (evaluator, conflict_with) in enumerate(
            [(first, candidates[WEAK]), (second, None)]
        ):
            shares = {candidates[name].pk: pair[number] for name, pair in SHARES.items()}
            pages, typed = evaluate(
                browser, live_server, evaluator, round, in_label_order, shares, conflict_with, w
            )
            seen += pages
            for candidate_pk, values in typed.items():
                sheets.setdefault(candidate_pk, []).append(values)
        # Anonymised: no candidate's name, person, contact or number on any evaluator page,
        # nor in the mails that sent them there.
        assert len(seen) >= 15
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            [first.email, second.email]
        )
        for message in mail.outbox:
            assert not [text for text in secrets if text in message.subject + message.body]
        for html in seen:
            leaked = [text for text in secrets if text in html or text in normalised(html)]
            assert not leaked, leaked
        assert (
            ConflictDeclaration.objects.get(
                assignment__evaluator=first, has_conflict=True
            ).candidate
            == candidates[WEAK]
        )
        assert (
            ScoreSheet.objects.filter(assignment__round=round, submitted_at__isnull=False).count()
            == 5
        )

        # 3. The office closes the scoring and reads the ranking.
        office_page.goto(f"{live_server.url}/staff/evaluation/rounds/{encode_id(round.pk)}/")
        expect(office_page.locator("#evaluators tbody")).to_contain_text(candidates[WEAK].label)
        submit_form(
            office_page,
            office_page.locator(
                f"form[action='/staff/evaluation/rounds/{encode_id(round.pk)}/close/']"
            ),
        )
        told(office_page, w["closed"])
        follow(
            office_page,
            office_page.locator(
                f"main a[href='/staff/evaluation/rounds/{encode_id(round.pk)}/results/']"
            ),
        )
        results = round_results(round)
        # By hand, from the points typed: the weighted sum per sheet, the mean over the sheets
        # submitted (the conflict-blocked evaluator not counted), the proposer's bonus.
        weights = {f"points_{c.pk}": c.weight for c in round.criteria_set.criteria.all()}
        bonus = round.criteria_set.proposer_bonus
        by_hand = {}
        for candidate in candidates.values():
            totals = [
                sum(weights[name] * points for name, points in values.items())
                for values in sheets[candidate.pk]
            ]
            mean = sum(totals) / len(totals)
            by_hand[candidate.label] = (
                len(totals),
                mean + (bonus if candidate.is_original_proposer else 0),
            )
        assert len(sheets[candidates[WEAK].pk]) == 1
        assert {r.label: (r.counted, Decimal(r.total)) for r in results.candidates} == {
            label: (n, Decimal(total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
            for label, (n, total) in by_hand.items()
        }
        expected = [
            (
                str(r.rank),
                r.label,
                r.name,
                str(r.counted),
                str(r.blocked),
                str(r.mean),
                str(r.bonus),
                str(r.total),
            )
            for r in results.candidates
        ]
        assert ranking_shown(office_page) == expected
        top = results.candidates[0]
        assert top.candidate == candidates[STRONG] and not top.tied
        assert [r.blocked for r in results.candidates if r.label == candidates[WEAK].label] == [1]
        assert_no_axe_violation(office_page)  # the results

        # 4. The office decides: the top candidate, with the reasons.
        office_page.goto(f"{live_server.url}/staff/evaluation/rounds/{encode_id(round.pk)}/")
        follow(
            office_page,
            office_page.locator(
                f"main a[href='/staff/evaluation/rounds/{encode_id(round.pk)}/decide/']"
            ),
        )
        form = office_page.locator("main form.proposal-form")
        form.locator(f"input[name=selected][value='{top.candidate.pk}']").check()
        form.locator("#id_reason").fill(REASON)
        form.locator("#id_public_reason").fill(PUBLIC_REASON)
        submit_form(office_page, form)
        expect(office_page).to_have_url(
            re.compile(rf"/staff/evaluation/rounds/{encode_id(round.pk)}/$")
        )
        told(office_page, w["decided"])

        # 5. It publishes the result on the case's publication page, the candidates anonymised.
        office_page.goto(f"{live_server.url}/staff/cases/{encode_id(case.pk)}/publication/")
        item = office_page.locator(
            "section.publish-decision", has=office_page.locator("input[name=shows_candidate_names]")
        )
        expect(item).to_have_count(1)
        expect(item).to_contain_text(ROUND_TITLE)
        item.locator("input[name=shows_candidate_names]").uncheck()
        item.locator("input[name=discloses_proposer]").uncheck()
        assert_no_axe_violation(office_page)  # the publication page
        submit_form(office_page, item.locator("form"))
        told(office_page, w["published"])

        # 6. The public results page lists it; its page shows the totals as A, B, C.
        public = new_context(browser, bypass_csp=True)
        contexts.append(public)
        page = public.new_page()
        page.goto(f"{live_server.url}/results/")
        card = page.locator("li.result-card", has_text=TITLE)
        expect(card).to_have_count(1)
        expect(card).to_contain_text(PUBLIC_REASON)
        expect(card).to_contain_text(STRONG)  # the selected business
        listing = page.content()
        follow(page, card.locator("h2 a"))
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(page.locator("main")).to_contain_text(PUBLIC_REASON)
        shown = public_rows(page)
        assert shown == [(str(r.rank), r.label, str(r.total)) for r in results.candidates]
        table = page.locator("table.candidates-table").inner_text()
        assert not [text for text in secrets if text in table]
        selected_row = page.locator("table.candidates-table tr.is-selected")
        expect(selected_row.locator("th")).to_have_text(top.label)
        # Only the selected business is named; never the other candidates nor the proposer
        # (not disclosed), nor the internal reason.
        for html in (listing, page.content()):
            others = [text for text in secrets if text != STRONG and text in html]
            assert not others, others
            assert REASON not in html
        assert_no_axe_violation(page)  # the published result
    finally:
        for context in contexts:
            context.close()

    # 7. On record: the case moved on, the snapshot keeps the anonymised totals.
    statuses = {name: Proposal.objects.get(pk=c.pk).status for name, c in cases.items()}
    assert statuses == {PROPOSER: S.NOT_SELECTED, STRONG: S.SELECTED, WEAK: S.NOT_SELECTED}
    round.refresh_from_db()
    assert round.status == Round.Status.DECIDED and round.selected == candidates[STRONG]
    publication = PublishedDecision.objects.get(round=round)
    assert not publication.shows_candidate_names and not publication.discloses_proposer
    assert publication.selected_party == STRONG and publication.proposer_name == ""
    assert [row["name"] for row in publication.candidates] == ["", "", ""]
