"""The load_scale command (issue 14): refused without DEBUG and on a database that holds cases
already (unless --append), and what it loads holds together - every case's log leads to its
status, reference numbers are unique and the counters past them, each published decision is
on a closed case - and the pages the benchmarks measure answer for its accounts."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max
from django.utils import timezone

from accounts.models import Organization, User
from cocreation_list.models import Theme
from dialogue.models import Message
from outcomes.models import PublishedDecision
from proposals.effects import take_reference
from proposals.models import Proposal, ProposalTransition, ReferenceCounter
from proposals.states import CLOSED

pytestmark = pytest.mark.django_db

PASSWORD = "scale-test-pass"


def load(**options) -> str:
    out = StringIO()
    options = {"cases": 300, "themes": 20, "decisions": 30, "password": PASSWORD, **options}
    call_command("load_scale", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True  # pytest-django turns it off; the command needs it
    return settings


@pytest.fixture
def scale(debug):
    return load()


def test_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load()
    assert not Proposal.objects.exists()
    assert not Organization.objects.exists()
    assert not User.objects.exists()


def test_loads_the_numbers_asked_for(scale):
    assert Proposal.objects.count() == 300
    assert Theme.objects.count() == 20
    assert PublishedDecision.objects.count() == 30
    assert Message.objects.exists()
    assert "scale-office@example.jp" in scale
    assert "scale-largest@example.jp" in scale
    # Spread over the workflow: mostly ended, some open, over several fiscal years.
    statuses = Counter(Proposal.objects.values_list("status", flat=True))
    closed = sum(statuses[status] for status in CLOSED)
    assert closed > 200 and closed < 300
    assert len(set(Proposal.objects.values_list("fiscal_year", flat=True))) >= 5
    assert Proposal.objects.filter(kind=Proposal.Kind.THEME).exists()
    assert Proposal.objects.filter(kind=Proposal.Kind.FREE).exists()


def test_every_log_leads_to_the_status_of_its_case(scale):
    steps = {}
    for record in ProposalTransition.objects.order_by("created_at", "pk"):
        steps.setdefault(record.proposal_id, []).append(record)
    for case in Proposal.objects.all():
        log = steps.get(case.pk, [])
        if case.status == Proposal.Status.DRAFT:
            assert not log and case.reference is None
            continue
        assert log[0].source == Proposal.Status.DRAFT
        assert all(a.target == b.source for a, b in zip(log, log[1:], strict=False))
        assert log[-1].target == case.status
        assert case.submitted_at == log[0].created_at
        assert case.updated_at >= log[-1].created_at
        if case.status in CLOSED:
            assert case.next_due_on is None


def test_reference_numbers_are_unique_and_new_ones_follow(scale):
    received = Proposal.objects.exclude(reference=None)
    references = list(received.values_list("reference", flat=True))
    assert len(references) == len(set(references))
    top = dict(received.values_list("fiscal_year").annotate(top=Max("serial")))
    assert dict(ReferenceCounter.objects.values_list("fiscal_year", "last_serial")) == top
    # The next submission of this fiscal year takes a number nobody has.
    case = Proposal()
    take_reference(case, timezone.localdate())
    assert not Proposal.objects.filter(reference=case.reference).exists()


def test_every_decision_is_published_on_a_closed_case(scale):
    for decision in PublishedDecision.objects.select_related("proposal", "transition"):
        assert decision.proposal.status in CLOSED
        assert decision.transition.proposal_id == decision.proposal_id
        assert decision.transition.step == decision.decision
        assert decision.decided_at == decision.transition.created_at
        assert decision.public_reason == decision.transition.public_reason != ""
        if not decision.discloses_proposer:
            assert decision.proposer_name == ""


def test_search_columns_are_those_save_would_write(scale):
    for model in (Theme, Proposal, Organization):
        row = model.objects.order_by("?").first()
        if not hasattr(row, "search_text"):
            continue
        stored = {name: getattr(row, name) for name in ("search_text", "search_grams")
                  if hasattr(row, name)}  # fmt: skip
        refresh = getattr(row, "refresh_search", None)
        if refresh is not None:
            refresh()
            assert stored == {name: getattr(row, name) for name in stored}
        else:
            assert stored["search_text"]


def test_the_benchmark_pages_answer(scale, client):
    for path in ("/themes/", "/results/", "/themes/?q=観光"):
        assert client.get(path).status_code == 200, path
    office = User.objects.get(email="scale-office@example.jp")
    client.force_login(office)
    response = client.get("/staff/cases/")
    assert response.status_code == 200
    department = User.objects.get(email="scale-dept@example.jp")
    client.force_login(department)
    assert client.get("/staff/cases/").status_code == 200
    largest = User.objects.get(email="scale-largest@example.jp")
    client.force_login(largest)
    assert client.get("/my/").status_code == 200


def test_accounts_sign_in_and_belong_where_the_cases_are(scale, client):
    largest = User.objects.get(email="scale-largest@example.jp")
    assert largest.check_password(PASSWORD)
    busiest = Proposal.objects.values("organization").annotate(n=Count("pk")).order_by("-n").first()
    assert largest.membership.organization_id == busiest["organization"]
    # The organisation's grants reach its new member (guardian, through its group).
    case = Proposal.objects.filter(organization_id=busiest["organization"]).first()
    assert largest.has_perm("proposals.view_proposal", case)
    department = User.objects.get(email="scale-dept@example.jp")
    assert department.department.group.proposalgroupobjectpermission_set.exists()


def test_a_second_run_is_refused_unless_appending(scale):
    with pytest.raises(CommandError, match="--append"):  # in either language
        load()
    load(cases=50, themes=5, decisions=5, append=True)
    assert Proposal.objects.count() == 350
    references = list(Proposal.objects.exclude(reference=None).values_list("reference", flat=True))
    assert len(references) == len(set(references))
    assert User.objects.filter(email="scale-office@example.jp").count() == 1
