"""/api/v1/soundings: the published soundings (サウンディング型市場調査), as /soundings/ shows
them. Registrations, answers and dialogue records are never here (原則3); the results name
only the participants who agreed."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from soundings import selectors

from .. import schemas
from ..pagination import PageQuery, page_of

router = Router(tags=["soundings"])


class Slot(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int


class Sounding(Schema):
    """A public sounding: what its page shows."""

    number: int
    title: str
    status: str = Field(description="published, closed or summary_published.")
    description: str
    questions: list[str]
    registration_deadline: datetime.date
    dialogue_from: datetime.date
    dialogue_until: datetime.date
    slots: list[Slot]
    published_at: datetime.datetime
    summary: str = Field(description="The summary of results; empty until published.")
    participants: list[str] = Field(
        description="Participants who agreed to be named, once the results are published."
    )
    theme_url: str | None = Field(description="The theme it led to, if public.")
    open_call_url: str | None = Field(description="The open call it led to, if published.")
    url: str = Field(description="The sounding's public page.")


class SoundingPage(schemas.PageBase):
    results: list[Sounding]


def sounding_record(request, sounding) -> dict:
    published = sounding.has_published_summary
    theme, call = sounding.theme, sounding.open_call
    return {
        "number": sounding.number,
        "title": sounding.title,
        "status": sounding.status,
        "description": sounding.description,
        "questions": sounding.question_list,
        "registration_deadline": sounding.registration_deadline,
        "dialogue_from": sounding.dialogue_from,
        "dialogue_until": sounding.dialogue_until,
        "slots": [
            {
                "starts_at": timezone.localtime(slot.starts_at),
                "ends_at": timezone.localtime(slot.ends_at),
                "capacity": slot.capacity,
            }
            for slot in sounding.slots.all()
        ],
        "published_at": timezone.localtime(sounding.published_at),
        "summary": sounding.summary if published else "",
        "participants": [
            registration.organization.name for registration in sounding.named_registrations
        ]
        if published
        else [],
        "theme_url": request.build_absolute_uri(theme.get_absolute_url())
        if theme is not None and theme.is_public
        else None,
        "open_call_url": request.build_absolute_uri(call.get_absolute_url())
        if call is not None and call.is_published
        else None,
        "url": request.build_absolute_uri(sounding.get_absolute_url()),
    }


@router.get(
    "/soundings",
    response={200: SoundingPage, 429: schemas.RateLimited},
    summary="Published soundings",
)
def soundings(request, page: Query[PageQuery]):
    """Published soundings, newest first; drafts never appear."""
    listed = page_of(request, selectors.with_named_participants(selectors.public_soundings()), page)
    return {
        **vars(listed),
        "results": [sounding_record(request, sounding) for sounding in listed.rows],
    }


@router.get(
    "/soundings/{int:number}",
    response={200: Sounding, 404: schemas.Error, 429: schemas.RateLimited},
    summary="One sounding",
)
def sounding(request, number: int):
    found = get_object_or_404(
        selectors.with_named_participants(selectors.public_soundings()), number=number
    )
    return sounding_record(request, found)
