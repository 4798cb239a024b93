"""Every step of a story as a person takes it on the site: through the portal's services and
proposals.workflow.transition(), by the account the step names.

This is the one module that knows the names and keywords of the services a case goes through
(proposals, dialogue, evaluation, agreements, monitoring, publication): when one is renamed
or moves to another app, only this module changes, never the data. Each step is a function
(scene, step, case) registered in PLAYERS under the name the story files use (schema.STEPS);
`scene` is the story being told (engine.Scene), `step` the checked step of the data, `case`
the case as it is before the step.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cocreation_list.models import Theme
from dialogue.services import mark_read, post_message, record_meeting
from disclosure.models import ThirdPartyOpinion
from disclosure.services import answer_opinion, record_request, request_opinion, set_marks
from evaluation.models import CriteriaSet, Round
from evaluation.normalisation import set_normalisation
from evaluation.services import (
    assign_evaluator,
    close_round,
    create_round,
    decide_adoption,
    decide_selection,
    declare_conflicts,
    open_round,
    save_sheet,
)
from mishima_kyoso.common import sample_documents
from outcomes.services import publish_decision
from partnership.agreements import save_agreement, save_role_risk_item, sign_agreement
from partnership.changes import (
    current_terms,
    record_agreement_change,
    sign_change_for_business,
    sign_change_for_city,
)
from partnership.incentives import add_incentive_rule
from partnership.monitoring import save_improvement_action, save_monitoring_report
from partnership.selectors import agreement_of
from proposals.call_fairness import (
    answer_call_question,
    ask_call_question,
    save_committee_member,
)
from proposals.calls import publish_call, save_call
from proposals.fiscal import fiscal_year
from proposals.models import CallQuestion, Indicator, Proposal
from proposals.services import (
    add_attachment,
    assign_department,
    create_application,
    create_free_proposal,
    create_theme_proposal,
    save_goal,
    update_proposal,
)
from proposals.workflow import A, transition
from terms.models import Acceptance
from terms.services import required_versions

from .backdating import Backdating, add_months, moment


def sample_file(document) -> SimpleUploadedFile:
    """A sample document of the data, as a business uploads it."""
    if document.name.lower().endswith(".xlsx"):
        content = sample_documents.xlsx(document.sheet, document.rows)
    else:
        content = sample_documents.pdf(document.heading, document.lines)
    return SimpleUploadedFile(document.name, content)


def create_case(scene) -> Proposal:
    """The draft as the business writes it: created, filled in, its files attached."""
    story, run, owner = scene.story, scene.run, scene.owner
    summary = {"title": story.title, "outline": story.outline, "intent": story.intent}
    if story.theme is not None:
        theme = Theme.objects.get(title=story.theme)
        case = create_theme_proposal(theme=theme, by=owner, **summary)
    else:
        department = run.departments[story.department] if story.department else None
        case = create_free_proposal(
            field=run.fields[story.field], by=owner, preferred_department=department, **summary
        )
    if story.content:  # the sections filled in on the edit page
        case = update_proposal(case=case, by=owner, **story.content)
    for document in story.files:
        attachment = add_attachment(case=case, by=owner, uploaded=sample_file(document))
        run.stored.append((attachment.file.storage, attachment.file.name))
    return case


def _terms(context: str) -> list[int]:
    return [version.pk for version in required_versions(context)]


def submit_case(scene, case: Proposal) -> None:
    # The proposer accepts the terms in force and gives the pledge, as on the submission page.
    transition(case, A.SUBMIT, by=scene.owner, accepted=_terms(Acceptance.Context.SUBMISSION))


# Stages 1 and 2: departments, the workflow, dialogue, meetings, goals ------------------------


def assign(scene, step, case):
    """The office puts a department in charge of the case (担当課の割当)."""
    run = scene.run
    assign_department(case=case, department=run.departments[step.department], by=run.user(step.by))


def move(scene, step, case):
    """A step of the workflow; an adoption records its choice (`details`)."""
    transition(
        case,
        step.workflow_step,
        by=scene.run.user(step.by),
        reason=step.reason,
        public_reason=step.public_reason,
        **step.details,
    )


def say(scene, step, case):
    """A message of the dialogue, or (`internal`) a note of the city the proposer never sees."""
    message = post_message(
        case=case,
        by=scene.run.user(step.by),
        body=step.body,
        files=[sample_file(document) for document in step.files],
        internal=step.internal,
    )
    scene.run.stored.extend(
        (item.file.storage, item.file.name) for item in message.attachments.all()
    )


def meet(scene, step, case):
    """A meeting record kept by the city (対話 or 連絡会), held that day."""
    record_meeting(
        case=case,
        by=scene.run.user(step.by),
        kind=step.kind,
        held_on=scene.day(step),
        form=step.form,
        city_attendees=step.city_attendees,
        business_attendees=step.business_attendees,
        summary=step.summary,
        next_steps=step.next_steps,
        is_shared_with_proposer=step.shared,
    )


def goal(scene, step, case):
    """A shared goal (目標共有) with its indicators, due at the end of a fiscal year."""
    year_end = fiscal_year(scene.run.today) + 1  # a fiscal year ends on 31 March of the next
    save_goal(
        case=case,
        by=scene.run.user(step.by),
        viewpoint=step.viewpoint,
        description=step.description,
        agreed_on=scene.day(step) if step.agreed else None,
        indicators=[
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": indicator.baseline,
                "target": indicator.target,
                "target_on": datetime.date(year_end + indicator.years, 3, 31),
            }
            for indicator in step.indicators
        ],
    )


def revise(scene, step, case):
    """The proposer revises the submitted content: a new version with its note."""
    update_proposal(case=case, by=scene.owner, note=step.note, **step.changes)


def read(scene, step, case):
    """Someone opens the dialogue: what came before is read, what comes after unread."""
    mark_read(user=scene.run.user(step.by), case=case)


# Stages 3 and 4: open calls, rounds, agreements, monitoring, publication ---------------------


def call(scene, step, case):
    """The open call (公募) of the adopted case. Its period is the story's, but applications
    are taken now, as on the site: it accepts until today at least, and is dated back once the
    story is told (Backdating.date_calls)."""
    office, day, today = scene.run.user(step.by), scene.day(step), scene.run.today
    ends_on = day + datetime.timedelta(days=step.days)
    # Questions are taken now too (the question step), and dated back with the period.
    questions_until = day + datetime.timedelta(days=min(step.questions, step.days))
    asks = {"questions_from": None, "questions_until": None}
    if step.questions:
        asks = {"questions_from": min(day, today), "questions_until": max(questions_until, today)}
    open_call = save_call(
        case=case,
        by=office,
        title=step.title,
        summary=step.summary,
        conditions=step.conditions,
        starts_on=min(day, today),
        ends_on=max(ends_on, today),
        contact=step.contact,
        **asks,
    )
    publish_call(call=open_call, by=office)
    scene.call_periods[open_call.pk] = (day, ends_on) + (
        (day, questions_until) if step.questions else ()
    )


def question(scene, step, case):
    """A business asks on the case's open call; the office answers, for everyone to read
    (共創指針 原則3). Asked and answered on the days the story gives."""
    run = scene.run
    asked = ask_call_question(call=case.call, by=run.user(step.by), question=step.question)
    answered = answer_call_question(question=asked, by=run.user(None), answer=step.answer)
    asked_at = moment(run.today, step.ago, step.hour)
    answered_at = moment(run.today, step.answer_ago, 16)
    CallQuestion.objects.filter(pk=answered.pk).update(
        asked_on=timezone.localdate(asked_at) if asked_at else run.today,
        answered_at=answered_at or answered.answered_at,
    )


def committee(scene, step, case):
    """The office enters the selection committee of the case's open call."""
    office = scene.run.user(step.by)
    for order, member in enumerate(step.members, start=1):
        save_committee_member(
            call=case.call,
            by=office,
            name=member.name,
            role=member.role,
            affiliation=member.affiliation,
            sort_order=order,
        )


def apply(scene, step, case):
    """Another business applies to the case's open call (drafted, filled in, submitted); the
    applicant never sees the original proposal."""
    applicant = scene.run.user(step.owner)
    application = create_application(
        call=case.call, by=applicant, title=step.title, outline=step.outline
    )
    application = update_proposal(case=application, by=applicant, **step.content)
    transition(application, A.APPLY, by=applicant, accepted=_terms(Acceptance.Context.APPLICATION))
    Backdating.date_application(application, moment(scene.run.today, step.ago, step.hour))
    scene.extras.append(application)


def evaluate(scene, step, case):
    """A round from its creation to its decision, each act by the person who takes it."""
    run = scene.run
    office = run.user(step.by)
    criteria_set = CriteriaSet.objects.get(is_default=True)
    criteria = list(criteria_set.criteria.order_by("order", "pk"))
    evaluation_round = create_round(
        case=case,
        kind=step.kind,
        title=step.title,
        criteria_set=criteria_set,
        scoring_due_on=scene.day(step),
        is_anonymised=True,
        by=office,
    )
    for email in step.evaluators:
        assign_evaluator(round=evaluation_round, evaluator=run.user(email), by=office)
    open_round(round=evaluation_round, by=office)
    candidates = {
        candidate.proposal.created_by.email: candidate
        for candidate in evaluation_round.candidates.select_related("proposal__created_by")
    }
    conflicts = {(row.evaluator, row.candidate): row.note for row in step.conflicts}
    for email in step.evaluators:
        evaluator = run.user(email)
        assignment = evaluation_round.assignments.get(evaluator=evaluator)
        declare_conflicts(
            assignment=assignment,
            declarations={
                candidate.pk: ((email, owner) in conflicts, conflicts.get((email, owner), ""))
                for owner, candidate in candidates.items()
            },
            by=evaluator,
        )
        for row in (row for row in step.scores if row.evaluator == email):
            save_sheet(
                assignment=assignment,
                candidate=candidates[row.candidate],
                points={c.pk: value for c, value in zip(criteria, row.points, strict=True)},
                comment="",
                submit=True,
                by=evaluator,
            )
    close_round(round=evaluation_round, by=office)
    if step.normalisation != Round.Normalisation.OFF:
        set_normalisation(round=evaluation_round, method=step.normalisation, by=office)
    reasons = {"reason": step.reason, "public_reason": step.public_reason, "by": office}
    if step.selected:
        decide_selection(round=evaluation_round, selected=candidates[step.selected], **reasons)
    else:
        decide_adoption(round=evaluation_round, adopt=True, **reasons, **step.details)


def sign(scene, step, case):
    """The agreement with its role and risk table, signed that day (協定の締結)."""
    office, day = scene.run.user(step.by), scene.day(step)
    starts_on = day + datetime.timedelta(days=step.starts_in)
    save_agreement(
        case=case,
        by=office,
        title=step.title,
        starts_on=starts_on,
        ends_on=add_months(starts_on, step.months) - datetime.timedelta(days=1),
        incentives=step.incentives,
    )
    for order, item in enumerate(step.items, start=1):
        save_role_risk_item(
            case=case,
            by=office,
            item=item.item,
            city_role=item.city_role,
            business_role=item.business_role,
            risk_bearer=item.bearer,
            order=order,
        )
    sign_agreement(case=case, signed_on=day, by=office)


def report(scene, step, case):
    """A monitoring report of the months before that day, with the indicators' results and
    improvement actions."""
    author, day = scene.run.user(step.by), scene.day(step)
    indicators = {item.name: item for item in Indicator.objects.filter(goal__proposal=case)}
    monitoring_report = save_monitoring_report(
        case=case,
        by=author,
        period_start=add_months(day, -step.months),
        period_end=day,
        summary=step.summary,
        assessment=step.assessment,
        is_shared=True,
        results=[
            {"indicator": indicators[row.indicator], "value": row.value, "is_public": row.public}
            for row in step.results
        ],
    )
    for action in step.actions:
        save_improvement_action(
            case=case,
            by=author,
            report=monitoring_report,
            description=action.description,
            owner_side=action.owner,
            owner_name=action.person,
            due_on=day + datetime.timedelta(days=action.due_in),
        )


def incentive(scene, step, case):
    """An incentive rule of the agreement on one of the case's indicators (by its name)."""
    add_incentive_rule(
        case=case,
        by=scene.run.user(step.by),
        indicator=Indicator.objects.get(goal__proposal=case, name=step.indicator),
        comparison=step.comparison,
        threshold=step.threshold,
        effect_kind=step.effect,
        effect_value=step.amount or None,
        effect_text=step.text,
    )


def change(scene, step, case):
    """A change of the signed agreement that day; signed by the business and by the city with
    the signed document (unless `signed` is false). An extension's new end is `extend_months`
    after the end in force."""
    office, day = scene.run.user(step.by), scene.day(step)
    ends_on = None
    if step.extend_months:
        current_end = current_terms(agreement_of(case)).ends_on
        ends_on = add_months(current_end + datetime.timedelta(days=1), step.extend_months)
        ends_on -= datetime.timedelta(days=1)
    recorded = record_agreement_change(
        case=case,
        by=office,
        kind=step.kind,
        effective_on=day + datetime.timedelta(days=step.effective_in),
        ends_on=ends_on,
        terms=step.terms,
        reason=step.reason,
    )
    if step.signed:
        sign_change_for_business(change=recorded, by=scene.owner)
        signed = sign_change_for_city(
            change=recorded, by=office, uploaded=sample_file(step.document)
        )
        scene.run.stored.append((signed.document.file.storage, signed.document.file.name))


def publish(scene, step, case):
    """The office publishes the case's last decision of that kind (`decision`; without
    `disclose`, the proposer's name and outline follow their consent; `title`: the office's
    neutral public title, as the city's publication policy asks of a declined case)."""
    decision = case.transitions.filter(step=step.decision).order_by("created_at").last()
    publish_decision(
        transition=decision,
        by=scene.run.user(step.by),
        discloses_proposer=case.consent_to_publish if step.disclose is None else step.disclose,
        shows_candidate_names=step.names,
        title=step.title,
    )


# The city's records: a request for disclosure (情報公開請求) and the proposer's opinion --------


def disclosure(scene, step, case):
    """The office records a request for disclosure of the case, marks what it withholds beside
    the proposer's know-how, and asks the proposer's opinion (第三者意見照会) in the dialogue."""
    office, day = scene.run.user(step.by), scene.day(step)
    request = record_request(
        by=office,
        received_on=day,
        requester=step.requester,
        cases=[case],
        decision_due_on=day + datetime.timedelta(days=step.decision_in),
    )
    attachments = {attachment.original_name: attachment.pk for attachment in case.attachments.all()}
    marked = {mark.section: mark.ground for mark in request.marks.filter(case=case) if mark.section}
    set_marks(  # the marks as a whole, as on the page: the proposer's know-how stays marked
        request=request,
        case=case,
        by=office,
        sections=marked | {mark.section: mark.ground for mark in step.sections},
        files={attachments[mark.name]: mark.ground for mark in step.files},
    )
    request_opinion(
        request=request,
        case=case,
        by=office,
        due_on=day + datetime.timedelta(days=step.opinion_in),
    )


def opinion(scene, step, case):
    """The proposer answers the office's last request for their opinion on a disclosure."""
    asked = ThirdPartyOpinion.objects.filter(case=case).order_by("requested_at", "pk").last()
    answer_opinion(opinion=asked, by=scene.owner, answer=step.answer, reasons=step.reasons)
    when = moment(scene.run.today, step.ago, step.hour)
    if when is not None:
        ThirdPartyOpinion.objects.filter(pk=asked.pk).update(answered_at=when)


PLAYERS = {
    "assign": assign,
    "move": move,
    "say": say,
    "meet": meet,
    "goal": goal,
    "revise": revise,
    "read": read,
    "call": call,
    "question": question,
    "committee": committee,
    "apply": apply,
    "evaluate": evaluate,
    "sign": sign,
    "report": report,
    "incentive": incentive,
    "change": change,
    "publish": publish,
    "disclosure": disclosure,
    "opinion": opinion,
}
