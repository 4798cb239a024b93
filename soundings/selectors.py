"""Reads that encode who sees which sounding, registration and dialogue record.

Registrations and records are private to the registered business and the office: department
staff and evaluators, who see other private things, see none of these.
"""

from django.db.models import Prefetch, QuerySet

from accounts.roles import is_office

from .models import DialogueRecord, Registration, Sounding, SoundingSlot


def public_soundings() -> QuerySet[Sounding]:
    """Every sounding but the drafts, newest first; the list, feed, calendar and API."""
    return Sounding.objects.public().order_by("-published_at", "-number")


def public_sounding_detail() -> QuerySet[Sounding]:
    """public_soundings() with what one page shows: the slots and the linked theme and call."""
    return public_soundings().select_related("theme", "open_call").prefetch_related("slots")


def soundings_linked_to(*, theme=None, open_call=None) -> QuerySet[Sounding]:
    """The public soundings that led to this theme or open call (the reverse of the links)."""
    soundings = public_soundings()
    if theme is not None:
        return soundings.filter(theme=theme)
    return soundings.filter(open_call=open_call)


def named_participants(sounding: Sounding) -> list[str]:
    """The names shown with the published results: only those who agreed (原則3)."""
    if not sounding.has_published_summary:
        return []
    return list(
        sounding.registrations.filter(agrees_to_be_named=True)
        .order_by("organization__name_kana", "organization__name", "pk")
        .values_list("organization__name", flat=True)
    )


def _organization_id(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.organization_id if membership is not None else None


def visible_registrations(user) -> QuerySet[Registration]:
    """The office sees every registration; a business its own organisation's; others none."""
    registrations = Registration.objects.select_related("sounding", "organization")
    if not (user.is_authenticated and user.is_active):
        return registrations.none()
    if is_office(user):
        return registrations
    organization_id = _organization_id(user)
    if organization_id is None:
        return registrations.none()
    return registrations.filter(organization_id=organization_id)


def visible_records(user) -> QuerySet[DialogueRecord]:
    """Dialogue records of the registrations this user may see, and of no other."""
    return DialogueRecord.objects.filter(
        registration__in=visible_registrations(user).values("pk")
    ).select_related("registration__sounding")


def own_registration(user, sounding: Sounding) -> Registration | None:
    """The business's registration to this sounding, with its slots and records; None for
    anyone else (the office reads registrations in the admin)."""
    organization_id = _organization_id(user)
    if organization_id is None or not user.is_active:
        return None
    return (
        Registration.objects.filter(sounding=sounding, organization_id=organization_id)
        .prefetch_related(
            Prefetch("preferred_slots", queryset=SoundingSlot.objects.order_by("starts_at")),
            Prefetch("records", queryset=DialogueRecord.objects.order_by("held_on", "pk")),
        )
        .first()
    )


def my_registrations(user) -> QuerySet[Registration]:
    """/my/soundings/: the business's own registrations, newest sounding first."""
    organization_id = _organization_id(user)
    if organization_id is None or not user.is_active:
        return Registration.objects.none()
    return (
        Registration.objects.filter(organization_id=organization_id)
        .select_related("sounding")
        .prefetch_related(
            Prefetch("preferred_slots", queryset=SoundingSlot.objects.order_by("starts_at")),
            Prefetch("records", queryset=DialogueRecord.objects.order_by("held_on", "pk")),
        )
        .order_by("-sounding__published_at", "-pk")
    )


def with_named_participants(soundings: QuerySet[Sounding]) -> QuerySet[Sounding]:
    """The soundings with `named_registrations`: the registrations that agreed to be named,
    read in one query for a whole list (the API); shown only with published results."""
    return soundings.prefetch_related(
        "slots",
        Prefetch(
            "registrations",
            queryset=Registration.objects.filter(agrees_to_be_named=True)
            .select_related("organization")
            .order_by("organization__name_kana", "organization__name", "pk"),
            to_attr="named_registrations",
        ),
    ).select_related("theme", "open_call")
