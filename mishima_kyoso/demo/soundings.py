"""Soundings of the demo (サウンディング型市場調査): data/soundings/*.toml, one sounding a file,
checked with the other files (datafiles.py) and played through the soundings services after
the organisations exist (engine.py): published, registered for on the days the file gives,
dialogues recorded, closed and summarised. A second run finds a sounding by its title and
leaves it as it is.
"""

import datetime

from django.utils import timezone

from soundings import services
from soundings.models import Registration, Sounding, SoundingSlot

from .checking import Choice, ListOf, Optional, Range, Ref

DAYS = Range(-10_000, 10_000)  # calendar days from today

SOUNDING_FILE = {
    "title": str,  # the stable key
    "status": Choice.of(Sounding.Status),
    "published_ago": Range(0, 10_000),  # days before today it went public
    "deadline": DAYS,  # the registration deadline, days from today
    "dialogue_from": DAYS,
    "dialogue_until": DAYS,
    "theme": Optional(Ref("theme"), None),  # the theme it led to
    "description": str,
    "questions": ListOf(str),
    "contact": Optional(str, ""),
    "summary": Optional(str, ""),
    "slots": ListOf(
        {
            "day": DAYS,
            "hour": Range(0, 23),
            "minutes": Optional(Range(15, 480), 60),
            "capacity": Optional(Range(1, 50), 1),
        }
    ),
    "registrations": Optional(
        ListOf(
            {
                "by": Ref("member"),  # a member of the registering organisation
                "registered": DAYS,  # the day, on or before the deadline
                "contact_name": str,
                "contact_phone": Optional(str, ""),
                "slots": ListOf(Range(1, 100)),  # numbers of the slots above, from 1
                "answers": Optional(str, ""),
                "agrees_to_be_named": bool,
                "records": Optional(ListOf({"held": DAYS, "notes": str}), []),
            }
        ),
        [],
    ),
}


def check(sounding, where) -> None:
    """The dates in order, the registrations by the deadline, each slot number given."""
    if not sounding.dialogue_from <= sounding.dialogue_until:
        raise where.at("dialogue_until").error("the dialogue period ends before it starts")
    if sounding.status == "summary_published" and not sounding.summary.strip():
        raise where.at("summary").error("published results have a summary")
    for index, registration in enumerate(sounding.registrations):
        at = where.at("registrations").at(index)
        if registration.registered > sounding.deadline:
            raise at.at("registered").error("after the registration deadline")
        for number in registration.slots:
            if number > len(sounding.slots):
                raise at.at("slots").error(f"no slot number {number}")


def load(run) -> None:
    """Each sounding of the data, played through the services as the office and the
    businesses would have."""
    for spec in run.data.soundings:
        if not Sounding.objects.filter(title=spec.title).exists():
            _play(run, spec)


def _play(run, spec) -> None:
    today, office = run.today, run.user()

    def day(offset):
        return today + datetime.timedelta(days=offset)

    theme = None
    if spec.theme is not None:
        from cocreation_list.models import Theme

        theme = Theme.objects.get(title=spec.theme)
    sounding = Sounding.objects.create(
        title=spec.title,
        description=spec.description,
        questions="\n".join(spec.questions),
        registration_deadline=day(spec.deadline),
        dialogue_from=day(spec.dialogue_from),
        dialogue_until=day(spec.dialogue_until),
        contact=spec.contact,
        summary=spec.summary,
        theme=theme,
        published_at=timezone.make_aware(
            datetime.datetime.combine(day(-spec.published_ago), datetime.time(9))
        ),
    )
    slots = []
    for slot in spec.slots:
        starts = timezone.make_aware(
            datetime.datetime.combine(day(slot.day), datetime.time(slot.hour))
        )
        slots.append(
            SoundingSlot.objects.create(
                sounding=sounding,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=slot.minutes),
                capacity=slot.capacity,
            )
        )
    if spec.status == Sounding.Status.DRAFT:
        return
    sounding = services.publish_sounding(sounding=sounding, by=office)
    for item in spec.registrations:
        member = run.user(item.by)
        registration = services.register(
            sounding=sounding,
            organization=member.membership.organization,
            by=member,
            contact_name=item.contact_name,
            contact_email=member.email,
            contact_phone=item.contact_phone,
            preferred_slots=[slots[number - 1] for number in item.slots],
            written_answers=item.answers,
            agrees_to_be_named=item.agrees_to_be_named,
            on=day(item.registered),
        )
        # Dated back to the day the file gives, as the other demo rows are.
        Registration.objects.filter(pk=registration.pk).update(
            created_at=timezone.make_aware(
                datetime.datetime.combine(day(item.registered), datetime.time(10))
            )
        )
        for record in item.records:
            services.record_dialogue(
                registration=registration, by=office, held_on=day(record.held), notes=record.notes
            )
    if spec.status in (Sounding.Status.CLOSED, Sounding.Status.SUMMARY_PUBLISHED):
        sounding = services.close_sounding(sounding=sounding, by=office)
    if spec.status == Sounding.Status.SUMMARY_PUBLISHED:
        services.publish_summary(sounding=sounding, by=office)
