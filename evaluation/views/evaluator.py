"""The evaluator's pages (選定委員): my rounds, a round, the conflict declaration, a score sheet.

An evaluator sees only the rounds granted to them (selectors.evaluator_rounds): any other round
— and every URL under it — answers 404, for office staff too (they use the staff pages). In an
anonymised round no candidate's organisation, member, contact or reference number reaches these
pages: the candidate is its label, its files are "Document 1.pdf"… Only my own sheets are read.
"""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mishima_kyoso.common.forms import add_refusal
from proposals.audit import log_access
from proposals.files import private_download
from proposals.models import AccessLog, Proposal
from proposals.sections import SECTIONS, content_sections

from .. import rounds, services, submission
from ..forms import ConflictForm, ScoreForm
from ..selectors import evaluator_rounds, my_round_list, round_candidates, round_criteria

# The parts of a case an evaluator reads: the content, never the contact details, the consent
# or the proposer's choice of department (共創指針 原則3, anonymised selection).
EVALUATOR_SECTIONS = tuple(
    (anchor, title, names)
    for anchor, title, names in SECTIONS
    if anchor not in ("summary", "consent", "contact")
)


def _round(request, pk):
    """My round and my assignment in it; anyone else's round does not exist (404)."""
    round = get_object_or_404(evaluator_rounds(request.user), pk=pk)
    assignment = round.assignments.filter(evaluator=request.user).first()
    if assignment is None:  # a grant left without an assignment: not theirs either
        raise Http404
    return round, assignment


def _named(round) -> bool:
    return not round.is_anonymised


def candidate_name(candidate, round) -> str:
    """The candidate as this evaluator may see it: the label, plus the name when not anonymised."""
    if round.is_anonymised:
        return candidate.label
    return f"{candidate.label} {candidate.proposal.organization.name}"


@login_required
@require_GET
def my_rounds(request):
    """/evaluation/: the rounds assigned to me, with the deadline and my progress."""
    rows = []
    for round in my_round_list(request.user):
        to_score = round.candidate_count - round.conflict_count
        rows.append(
            {
                "round": round,
                "declared": round.declared_at is not None,
                "submitted": round.submitted_count,
                "to_score": to_score,
                "done": round.declared_at is not None and round.submitted_count >= to_score,
            }
        )
    return render(request, "evaluation/my_rounds.html", {"rows": rows})


def _round_context(request, round, assignment, *, conflict_form=None) -> dict:
    named = _named(round)
    candidates = list(round_candidates(round, named=named))
    declarations = {d.candidate_id: d for d in assignment.declarations.all()}
    sheets = {sheet.candidate_id: sheet for sheet in assignment.sheets.all()}
    may_score = rounds.may_score(round)
    declared = assignment.declared_at is not None
    rows = []
    for candidate in candidates:
        declaration = declarations.get(candidate.pk)
        sheet = sheets.get(candidate.pk)
        if declaration is not None and declaration.has_conflict:
            state = "conflict"
        elif sheet is not None and sheet.is_submitted:
            state = "submitted"
        elif sheet is not None:
            state = "saved"
        else:
            state = "not_started"
        rows.append(
            {
                "candidate": candidate,
                "name": candidate_name(candidate, round),
                "state": state,
                "may_open": declared and state != "conflict",
            }
        )
    if conflict_form is None and may_score and not declared:
        conflict_form = ConflictForm(candidates=candidates, named=named)
    return {
        "round": round,
        "assignment": assignment,
        "criteria": round_criteria(round),
        "rows": rows,
        "declared": declared,
        "round_state": rounds.RoundState.of(round),
        "conflict_form": conflict_form if may_score and not declared else None,
        "conflicts": [row for row in rows if row["state"] == "conflict"],
        "has_saved": may_score and any(row["state"] == "saved" for row in rows),
        "has_errors": bool(conflict_form is not None and conflict_form.errors),
    }


@login_required
@require_GET
def round_detail(request, pk):
    """/evaluation/rounds/<pk>/: the criteria, the candidates and the state of my sheets."""
    round, assignment = _round(request, pk)
    return render(request, "evaluation/round.html", _round_context(request, round, assignment))


@login_required
@require_http_methods(["GET", "POST"])
def declare(request, pk):
    """/evaluation/rounds/<pk>/conflicts/: every candidate at once, before scoring."""
    round, assignment = _round(request, pk)
    if request.method == "GET" or assignment.declared_at is not None:
        if assignment.declared_at is not None and request.method == "POST":
            messages.info(request, _("You have already declared your conflicts of interest."))
        return redirect(reverse("evaluation:round", args=[round.pk]) + "#conflicts")
    candidates = list(round_candidates(round, named=_named(round)))
    form = ConflictForm(request.POST, candidates=candidates, named=_named(round))
    if form.is_valid():
        try:
            services.declare_conflicts(
                assignment=assignment, declarations=form.declarations(), by=request.user
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Your declaration has been recorded."))
            return redirect("evaluation:round", round.pk)
    return render(
        request,
        "evaluation/round.html",
        _round_context(request, round, assignment, conflict_form=form),
    )


def _candidate(request, round, assignment, candidate_pk):
    """A candidate of my round I may read: declared first, and no conflict with it (403)."""
    candidates = round.candidates.select_related("proposal")
    if _named(round):
        candidates = candidates.select_related("proposal__organization")
    candidate = get_object_or_404(candidates, pk=candidate_pk)
    if assignment.declared_at is None:
        return candidate, "declare_first"
    if services.has_conflict(assignment, candidate):
        return candidate, "conflict"
    return candidate, None


def _refusal(request, round, candidate, reason):
    if reason == "declare_first":
        messages.info(request, _("Declare your conflicts of interest first; then you can score."))
        return redirect(reverse("evaluation:round", args=[round.pk]) + "#conflicts")
    return render(
        request,
        "evaluation/conflict.html",
        {"round": round, "name": candidate_name(candidate, round)},
        status=403,
    )


def candidate_sections(case: Proposal) -> list[dict]:
    """The candidate's content as an evaluator reads it (EVALUATOR_SECTIONS)."""
    return content_sections(case.content(), sections=EVALUATOR_SECTIONS)


def file_name(stored, number: int, round) -> str:
    """The name an evaluator sees: neutral when anonymised (an original name may say who)."""
    if not round.is_anonymised:
        return stored.original_name
    extension = os.path.splitext(stored.original_name)[1].lower()
    return _("Document %(number)s") % {"number": number} + extension


def _files(case, round) -> list[dict]:
    return [
        {"file": stored, "name": file_name(stored, number, round)}
        for number, stored in enumerate(case.attachments.order_by("uploaded_at", "pk"), start=1)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk, candidate_pk):
    """/evaluation/rounds/<pk>/candidates/<candidate_pk>/: the content, the files, my sheet."""
    round, assignment = _round(request, pk)
    candidate, refused = _candidate(request, round, assignment, candidate_pk)
    if refused:
        return _refusal(request, round, candidate, refused)
    criteria = round_criteria(round)
    sheet = assignment.sheets.filter(candidate=candidate).prefetch_related("scores").first()
    editable = rounds.may_score(round) and not (sheet and sheet.is_submitted)
    form = None
    if editable:
        form = ScoreForm(request.POST or None, criteria=criteria, sheet=sheet)
    elif request.method == "POST":
        raise PermissionDenied  # submitted (ask the office) or scoring not open
    if request.method == "POST" and form.is_valid():
        # 「提出」 is final: the sheet is saved (complete) and the confirmation shows it first;
        # only its POST submits. A "submit" of an older page goes the same way.
        confirm = "confirm" in request.POST or "submit" in request.POST
        try:
            services.save_sheet(
                assignment=assignment,
                candidate=candidate,
                complete=confirm,
                by=request.user,
                **form.save_kwargs(),
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            if confirm:
                return redirect("evaluation:confirm_sheet", round.pk, candidate.pk)
            messages.success(request, _("Your scores have been saved. Submit when you are done."))
            return redirect("evaluation:score", round.pk, candidate.pk)
    # 共創指針 原則3: every evaluator's read of a candidate's confidential content is on record.
    log_access(
        request.user,
        candidate.proposal,
        AccessLog.Kind.CONTENT,
        _("Evaluation round %(round)s, candidate %(label)s")
        % {"round": round.pk, "label": candidate.label},
    )
    scores = {score.criterion_id: score for score in sheet.scores.all()} if sheet else {}
    return render(
        request,
        "evaluation/score.html",
        {
            "round": round,
            "candidate": candidate,
            "name": candidate_name(candidate, round),
            "case": candidate.proposal,
            "sections": candidate_sections(candidate.proposal),
            "files": _files(candidate.proposal, round),
            "criteria": criteria,
            "sheet": sheet,
            "form": form,
            "has_errors": bool(form and form.errors),
            "read_only": [
                {"criterion": criterion, "score": scores.get(criterion.pk)}
                for criterion in criteria
            ],
        },
    )


@login_required
@require_GET
def candidate_file(request, pk, candidate_pk, file_pk):
    """A candidate's file, through the same checks, under its neutral name when anonymised."""
    round, assignment = _round(request, pk)
    candidate, refused = _candidate(request, round, assignment, candidate_pk)
    if refused:
        raise PermissionDenied
    files = _files(candidate.proposal, round)
    entry = next((entry for entry in files if entry["file"].pk == file_pk), None)
    if entry is None:
        raise Http404
    return private_download(
        request,
        candidate.proposal,
        entry["file"],
        kind=AccessLog.Kind.FILE,
        filename=entry["name"],
        anonymise=round.is_anonymised,  # no author in the PDF's or Office file's metadata
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request, pk, candidate_pk=None):
    """/evaluation/rounds/<pk>/[candidates/<candidate_pk>/]confirm/: what is about to be
    submitted — each sheet's points, weights and weighted total — and the final submission.

    With a candidate: that candidate's sheet (the score page's 「提出内容を確認」); without:
    every complete sheet of mine not submitted yet. The POST submits exactly what was shown
    (submission.fingerprint); anything changed since is refused, and the page shows it again.
    """
    round, assignment = _round(request, pk)
    candidate = None
    if candidate_pk is not None:
        candidate, refused = _candidate(request, round, assignment, candidate_pk)
        if refused:
            return _refusal(request, round, candidate, refused)
    if not rounds.may_score(round):
        messages.info(request, _("Scoring of this round is not open."))
        return redirect("evaluation:round", round.pk)
    here = (
        reverse("evaluation:confirm_sheet", args=[round.pk, candidate.pk])
        if candidate
        else reverse("evaluation:confirm", args=[round.pk])
    )
    criteria = round_criteria(round)
    if request.method == "POST":
        try:
            submitted = submission.submit_sheets(
                assignment=assignment,
                criteria=criteria,
                candidate=candidate,
                seen=request.POST.get("seen", ""),
                by=request.user,
            )
        except ValidationError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
            if getattr(refusal, "code", None) == "already_submitted":
                return redirect("evaluation:round", round.pk)
            return redirect(here)
        if len(submitted) == 1:
            messages.success(request, _("Your score sheet has been submitted."))
        else:
            messages.success(
                request,
                _("Your score sheets have been submitted (%(count)s candidates).")
                % {"count": len(submitted)},
            )
        return redirect("evaluation:round", round.pk)
    sheets = submission.sheets_to_submit(
        assignment, criteria, candidate=candidate, named=_named(round)
    )
    if candidate is not None and not sheets:
        # Nothing to confirm for it: submitted already, or not complete: back to the sheet.
        messages.info(
            request, _("This score sheet is not ready to submit: it is submitted or incomplete.")
        )
        return redirect("evaluation:score", round.pk, candidate.pk)
    return render(
        request,
        "evaluation/confirm.html",
        {
            "round": round,
            "candidate": candidate,
            "current": candidate_name(candidate, round) if candidate else None,
            "sheets": [
                {"entry": entry, "name": candidate_name(entry.candidate, round)} for entry in sheets
            ],
            "seen": submission.fingerprint([entry.sheet for entry in sheets]),
            "action": here,
        },
    )
