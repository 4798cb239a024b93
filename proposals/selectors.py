"""Reads that encode who sees which proposal: every list, page and file starts here."""

from django.contrib.auth.models import Permission
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from accounts import roles
from accounts.models import Department, Membership

from .models import (
    CallCommitteeMember,
    CallQuestion,
    DepartmentAssignment,
    OpenCall,
    Proposal,
    ProposalGroupObjectPermission,
    ProposalUserObjectPermission,
    ReadMark,
    SharedGoal,
)


def visible_proposals(user) -> QuerySet[Proposal]:
    """Every case this user may open; unseen ones do not exist for them (404). A draft is its
    proposer's alone until submitted: nobody else opens it, the office included."""
    cases = Proposal.objects.select_related("organization", "theme", "field")
    if not (user.is_authenticated and user.is_active):
        return cases.none()
    own = Membership.objects.filter(user_id=user.pk).values("organization_id")
    cases = cases.exclude(Q(status=Proposal.Status.DRAFT) & ~Q(organization_id__in=own))
    if user.has_perm("proposals.view_all_proposals"):  # 共創推進室, model level
        return cases
    return cases.filter(_granted(user))


def _granted(user) -> Q:
    """The cases this user holds proposals.view_proposal on: django-guardian's object
    permissions, the user's own or one of their groups' (get_objects_for_user's answer with
    accept_global_perms=False), without joining them back to the filtered cases as guardian's
    own `pk IN (…)` does: the database checks the page's rows against the holder's grants.

    The permission is one scalar subquery (evaluated once per query, not per row) and the
    groups are the user's, read once per request (accounts.roles): each row costs one probe of
    the grant tables' unique (holder, permission, case) index."""
    view = Permission.objects.filter(
        content_type__app_label="proposals",
        content_type__model="proposal",
        codename="view_proposal",
    ).values("pk")[:1]
    by_user = ProposalUserObjectPermission.objects.filter(
        user_id=user.pk, permission_id=Subquery(view), content_object_id=OuterRef("pk")
    )
    granted = Q(Exists(by_user))
    group_ids = roles.group_ids(user)
    if group_ids:
        by_group = ProposalGroupObjectPermission.objects.filter(
            group_id__in=group_ids, permission_id=Subquery(view), content_object_id=OuterRef("pk")
        )
        granted |= Q(Exists(by_group))
    return granted


# The long texts a list never shows: a row of them is kilobytes, which a sort over an
# organisation's thousands of cases would spill to disk (issue 14).
_LONG_TEXTS = (
    "search_text",
    "search_grams",
    "outline",
    "background",
    "body",
    "effect_citizens",
    "effect_financial",
    "effect_growth",
    "effect_region",
    "roles",
    "schedule",
    "cost_detail",
    "requests_to_city",
    "know_how",
    "direct_reason",
)
_THEME_LONG_TEXTS = (
    "search_text",
    "search_grams",
    "background",
    "wanted",
    "business_role",
    "city_offer",
    "conditions",
    "contact",
)


def listed(cases: QuerySet[Proposal], related=("organization",)) -> QuerySet[Proposal]:
    """A list page's cases: joined with the `related` objects its rows show only (the
    organisation's name, by default; /my/ also shows the theme, call or field), and without
    the long texts of the case and its theme (the rows show the reference, title, status and
    dates)."""
    texts = [*_LONG_TEXTS]
    if "theme" in related:
        texts += [f"theme__{name}" for name in _THEME_LONG_TEXTS]
    return cases.select_related(None).select_related(*related).defer(*texts)


def department_names(cases) -> dict[int, list[str]]:
    """{case id: the names of its departments in charge, in the departments' order} in one
    query of names (a list's rows show the names only: no department objects)."""
    names = {case.pk: [] for case in cases}
    assignments = (
        DepartmentAssignment.objects.filter(proposal_id__in=names)
        .order_by("department__sort_order", "department__name")
        .values_list("proposal_id", "department__name")
    )
    for case_id, name in assignments:
        names[case_id].append(name)
    return names


def load_texts(cases: list[Proposal], names) -> None:
    """Fill in the named (deferred) texts of the listed drafts in one query: what /my/ needs to
    say which sections are still empty (checks.missing_sections)."""
    drafts = {case.pk: case for case in cases if case.status == Proposal.Status.DRAFT}
    if not drafts:
        return
    for row in Proposal.objects.filter(pk__in=drafts).values("pk", *names):
        case = drafts[row.pop("pk")]
        for name, value in row.items():
            setattr(case, name, value)


def organization_proposals(user) -> QuerySet[Proposal]:
    """The dashboard: the cases of the user's own organisation, newest activity first."""
    membership = getattr(user, "membership", None)
    if membership is None:
        return Proposal.objects.none()
    last_read = ReadMark.objects.filter(user_id=user.pk, proposal=OuterRef("pk")).values("read_at")
    return (
        visible_proposals(user)
        .filter(organization_id=membership.organization_id)
        .annotate(
            read_at=Subquery(last_read[:1]),
            # The city wrote since this member last read the dialogue (internal notes do not
            # move last_city_message_at).
            has_unread=Case(
                When(
                    Q(last_city_message_at__isnull=False)
                    & (Q(read_at__isnull=True) | Q(last_city_message_at__gt=F("read_at"))),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-updated_at", "-pk")
    )


# The city's side: the staff work list and case pages ---------------------------------------


def staff_cases(user) -> QuerySet[Proposal]:
    """The submitted cases a member of staff works on: every one for the office, the ones
    assigned to their department for department staff, none for anyone else."""
    cases = visible_proposals(user).exclude(status=Proposal.Status.DRAFT)
    if roles.is_office(user):
        return cases
    if roles.is_department_staff(user):
        # Their department's grants only, even if the person also sees cases some other way.
        assigned = DepartmentAssignment.objects.filter(
            department_id=user.department_id, proposal_id=OuterRef("pk")
        )
        return cases.filter(Exists(assigned))
    return cases.none()


def staff_work_list(user) -> QuerySet[Proposal]:
    """The work list: the staff cases with their departments, whether a deadline has passed and
    whether the proposer wrote since this person last read the dialogue, in a fixed number of
    queries; the nearest deadline first."""
    last_read = ReadMark.objects.filter(user_id=user.pk, proposal=OuterRef("pk")).values("read_at")
    return (
        staff_cases(user)
        .annotate(
            read_at=Subquery(last_read[:1]),
            is_overdue=ExpressionWrapper(
                Q(next_due_on__lt=timezone.localdate()), output_field=BooleanField()
            ),
            has_unread=Case(
                When(
                    Q(last_proposer_message_at__isnull=False)
                    & (Q(read_at__isnull=True) | Q(last_proposer_message_at__gt=F("read_at"))),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .prefetch_related(
            Prefetch("departments", queryset=Department.objects.order_by("sort_order", "name"))
        )
        .order_by(F("next_due_on").asc(nulls_last=True), "-submitted_at", "-pk")
    )


def staff_case_pages(user) -> QuerySet[Proposal]:
    """The staff cases as their pages open them: with the departments in charge (which
    permissions.works_on reads) and the people the page names."""
    return (
        staff_cases(user)
        .select_related("created_by", "preferred_department")
        .prefetch_related(
            Prefetch(
                "assignments", queryset=DepartmentAssignment.objects.select_related("department")
            )
        )
    )


def case_goals(case) -> QuerySet[SharedGoal]:
    """The shared goals of a case with their indicators, by viewpoint (the four of 原則2)."""
    return case.goals.select_related("updated_by").prefetch_related("indicators")


# Open calls (公募) ---------------------------------------------------------------------------


def published_calls() -> QuerySet[OpenCall]:
    """The published open calls (numbered when published), the newest period first: the public
    list and pages, and the calls a business may apply to. Only what the office wrote on a call
    is public; the adopted proposal behind it is never shown from here."""
    return OpenCall.objects.filter(status=OpenCall.Status.PUBLISHED, number__isnull=False).order_by(
        "-starts_on", "-number"
    )


def case_call(case) -> OpenCall | None:
    """The open call the office has written for an adopted case (draft or published), if any."""
    return OpenCall.objects.filter(proposal_id=case.pk).first()


def call_applications(call: OpenCall) -> QuerySet[Proposal]:
    """The applications submitted to an open call (drafts are the applicants' own), with their
    organisations, in the order they arrived: the office's call and case pages."""
    return (
        call.applications.exclude(status=Proposal.Status.DRAFT)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )


def applied_call(case) -> OpenCall | None:
    """The open call an application answers, with the adopted case behind it; None for a case
    that is not an application."""
    if case.open_call_id is None:
        return None
    return OpenCall.objects.select_related("proposal").get(pk=case.open_call_id)


# Fair open calls (公募の公平性): questions and the selection committee ------------------------


def public_call_questions(call: OpenCall) -> QuerySet:
    """The answered questions on a call, oldest first: the same for everyone, and without who
    asked (共創指針 原則3); an unanswered question is never public."""
    return (
        CallQuestion.objects.answered()
        .filter(call_id=call.pk)
        .only("pk", "call_id", "question", "answer", "asked_on", "answered_at")
    )


def own_call_questions(call: OpenCall, user) -> QuerySet:
    """The questions the user's organisation asked on a call, answered or not (its own page)."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None:
        return CallQuestion.objects.none()
    return CallQuestion.objects.filter(call_id=call.pk, organization_id=membership.organization_id)


def call_committee(call: OpenCall) -> QuerySet:
    """The selection committee of a call as the office entered it, in its order. Public only
    with the published result: outcomes decides when it is shown."""
    return CallCommitteeMember.objects.filter(call_id=call.pk).only(
        "pk", "call_id", "name", "role", "affiliation", "sort_order"
    )
