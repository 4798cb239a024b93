import datetime

import factory
from django.utils import timezone

from soundings.models import DialogueRecord, Registration, Sounding, SoundingSlot

from .accounts import MemberFactory, OfficeUserFactory, OrganizationFactory


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


class SoundingFactory(factory.django.DjangoModelFactory):
    """A published sounding accepting registrations; `draft`, `closed`, `summarised` for the
    others."""

    class Meta:
        model = Sounding
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"駅前広場の利活用に関するサウンディング {n}")
    description = "駅前広場の新たな活用方法について、民間事業者の皆さまのご意見を伺います。"
    questions = "想定する活用方法\n市に期待する支援"
    registration_deadline = factory.LazyFunction(lambda: _days(14))
    dialogue_from = factory.LazyFunction(lambda: _days(20))
    dialogue_until = factory.LazyFunction(lambda: _days(30))
    status = Sounding.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Sounding.Status.DRAFT, published_at=None)
        closed = factory.Trait(status=Sounding.Status.CLOSED)
        summarised = factory.Trait(
            status=Sounding.Status.SUMMARY_PUBLISHED,
            summary="3者から、イベント利用と常設の飲食施設の提案がありました。",
            summary_published_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def slots(sounding, create, count, **kwargs):
        if create:
            for n in range(1 if count is None else count):
                starts = timezone.make_aware(
                    datetime.datetime.combine(sounding.dialogue_from, datetime.time(10 + n % 8))
                )
                SoundingSlot.objects.create(
                    sounding=sounding,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=1),
                )


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration
        skip_postgeneration_save = True

    sounding = factory.SubFactory(SoundingFactory)
    organization = factory.SubFactory(OrganizationFactory)
    registered_by = factory.LazyAttribute(
        lambda registration: MemberFactory(organization=registration.organization)
    )
    contact_name = "担当 花子"
    contact_email = factory.Sequence(lambda n: f"sounding{n}@biz.example.jp")
    written_answers = "キッチンカーの定期出店を想定しています。"

    @factory.post_generation
    def preferred_slots(registration, create, slots, **kwargs):
        if create:
            registration.preferred_slots.set(
                slots if slots is not None else registration.sounding.slots.all()[:1]
            )


class DialogueRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueRecord

    registration = factory.SubFactory(RegistrationFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    notes = "出店頻度と電源設備について意見交換しました。"
    recorded_by = factory.SubFactory(OfficeUserFactory)
