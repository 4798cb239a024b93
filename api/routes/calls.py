"""/api/v1/calls: the published open calls (公募), as /calls/ shows them.

Only what the office wrote on a call is public; nothing of the adopted proposal behind it
(原則3), as on the call's page.
"""

from typing import Literal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from outcomes.selectors import call_criteria_set
from proposals.selectors import published_calls

from .. import schemas
from ..pagination import PageQuery, page_of

router = Router(tags=["calls"])


def _state(call, today) -> str:
    if today < call.starts_on:
        return "upcoming"
    return "accepting" if call.is_accepting(today) else "closed"


def _states(today) -> dict[str, Q]:
    return {
        "accepting": Q(starts_on__lte=today, ends_on__gte=today),
        "upcoming": Q(starts_on__gt=today),
        "closed": Q(ends_on__lt=today),
    }


def call_record(request, call, *, today) -> dict:
    state = _state(call, today)
    return {
        "number": call.number,
        "title": call.title,
        "summary": call.summary,
        "conditions": call.conditions,
        "starts_on": call.starts_on,
        "ends_on": call.ends_on,
        "state": state,
        "days_left": (call.ends_on - today).days if state == "accepting" else None,
        "contact": call.contact,
        "published_at": timezone.localtime(call.published_at) if call.published_at else None,
        "url": request.build_absolute_uri(call.get_absolute_url()),
    }


class CallFilters(Schema):
    state: Literal["accepting", "upcoming", "closed"] | None = Field(
        None, description="The call today."
    )


@router.get(
    "/calls",
    response={200: schemas.OpenCallPage, 429: schemas.RateLimited},
    summary="Published open calls",
)
def calls(request, filters: Query[CallFilters], page: Query[PageQuery]):
    """The published open calls, the newest period first; drafts never appear."""
    today = timezone.localdate()
    found = published_calls()
    if filters.state:
        found = found.filter(_states(today)[filters.state])
    listed = page_of(request, found, page)
    return {
        **vars(listed),
        "results": [call_record(request, call, today=today) for call in listed.rows],
    }


@router.get(
    "/calls/{int:number}",
    response={200: schemas.OpenCallDetail, 404: schemas.Error, 429: schemas.RateLimited},
    summary="One open call with its criteria",
)
def call(request, number: int):
    found = get_object_or_404(published_calls(), number=number)
    criteria_set = call_criteria_set(found)
    return {
        **call_record(request, found, today=timezone.localdate()),
        "criteria": [
            {
                "group": criterion.group,
                "group_label": criterion.get_group_display(),
                "name": criterion.name,
                "description": criterion.description,
                "max_points": criterion.max_points,
                "weight": criterion.weight,
            }
            for criterion in (criteria_set.criteria.all() if criteria_set else ())
        ],
        "pass_mark": criteria_set.pass_mark if criteria_set else None,
        "proposer_bonus": criteria_set.proposer_bonus if criteria_set else None,
    }
