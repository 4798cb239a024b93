"""Messages, internal notes and meeting records.

`send(...)` and `record(...)` go through the app's services, with their checks, deadlines
and mails; the model factories build many rows quickly (query-count tests).
"""

import factory
from django.utils import timezone

from dialogue.models import MeetingRecord, Message, MessageAttachment, Side

from .accounts import OfficeUserFactory
from .proposals import ProposalFactory, pdf_bytes, upload


class MessageFactory(factory.django.DjangoModelFactory):
    """A message of the proposer (its creator); `from_city` or `internal` for the city."""

    class Meta:
        model = Message

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.LazyAttribute(lambda o: o.proposal.created_by)
    side = Side.PROPOSER
    body = factory.Sequence(lambda n: f"予約システムの試行について、ご相談があります。（{n}）")

    class Params:
        from_city = factory.Trait(side=Side.CITY, author=factory.SubFactory(OfficeUserFactory))
        internal = factory.Trait(
            side=Side.CITY, is_internal=True, author=factory.SubFactory(OfficeUserFactory)
        )


class MessageAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageAttachment

    message = factory.SubFactory(MessageFactory)
    file = factory.django.FileField(data=pdf_bytes(), filename="資料.pdf")
    original_name = "資料.pdf"
    size = factory.LazyFunction(lambda: len(pdf_bytes()))
    content_type = "application/pdf"
    uploaded_by = factory.SelfAttribute("message.author")


class MeetingRecordFactory(factory.django.DjangoModelFactory):
    """A dialogue meeting held today, for the city only unless `shared=True`."""

    class Meta:
        model = MeetingRecord

    proposal = factory.SubFactory(ProposalFactory)
    kind = MeetingRecord.Kind.DIALOGUE
    held_on = factory.LazyFunction(timezone.localdate)
    form = MeetingRecord.Form.IN_PERSON
    city_attendees = "共創推進室 三島 一郎"
    business_attendees = "株式会社みしまテック 担当 花子"
    summary = factory.Sequence(lambda n: f"試行の範囲と費用負担について意見交換した。（{n}）")
    next_steps = "事業者が試行計画を作成する。"
    created_by = factory.SubFactory(OfficeUserFactory)
    updated_by = factory.SelfAttribute("created_by")

    class Params:
        shared = factory.Trait(is_shared_with_proposer=True)


def send(case, by=None, body="試行について相談させてください。", files=(), internal=False):
    """A message (or internal note) sent as the pages send it: services.post_message."""
    from dialogue.services import post_message

    return post_message(
        case=case,
        by=by or case.created_by,
        body=body,
        files=list(files),
        internal=internal,
    )


def pdf_upload(name="資料.pdf", text="Kyoso"):
    return upload(name, pdf_bytes(text))


def record(case, by, shared=False, **fields):
    """A meeting record kept as the city keeps it: services.record_meeting."""
    from dialogue.services import record_meeting

    values = {
        "kind": MeetingRecord.Kind.DIALOGUE,
        "held_on": timezone.localdate(),
        "form": MeetingRecord.Form.ONLINE,
        "city_attendees": "共創推進室 三島 一郎",
        "business_attendees": "担当 花子",
        "summary": "試行の範囲について合意した。",
        "next_steps": "市が施設データを提供する。",
        "is_shared_with_proposer": shared,
        **fields,
    }
    return record_meeting(case=case, by=by, **values)
