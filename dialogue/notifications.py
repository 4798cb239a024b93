"""E-mails of the dialogue: queued in the deciding transaction, with a link, never the text.

An internal note is announced to the city's side only; no mail about one ever goes to an
address of the proposing organisation.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from municipality.selectors import words
from outbox.services import queue_messages
from proposals.notifications import absolute, city_addresses, proposer_addresses

from .models import MeetingRecord, Message, Side


def notify_message(message_pk: int) -> None:
    message = Message.objects.select_related("proposal__organization", "author").get(pk=message_pk)
    case = message.proposal
    link = absolute(message.get_absolute_url())
    # The recipients read Japanese first, whatever language the sender's page was in.
    with translation.override(settings.LANGUAGE_CODE):
        if message.is_internal:
            proposer = set(proposer_addresses(case))
            recipients = [
                address
                for address in city_addresses(case)
                if address not in proposer and address != message.author.email
            ]
            subject = _("[Kyoso portal] New internal note on %(reference)s")
            text = _(
                "A colleague has written an internal note on case %(reference)s. The proposer "
                "does not see it.\n\nRead it in the portal (sign-in required):\n%(link)s"
            )
        elif message.side == Side.PROPOSER:
            recipients = city_addresses(case)
            subject = _("[Kyoso portal] New message from the proposer on %(reference)s")
            text = _(
                "The proposer has sent a message on case %(reference)s. Please reply within the "
                "reply deadline.\n\nRead it in the portal (sign-in required):\n%(link)s"
            )
        else:
            recipients = proposer_addresses(case)
            subject = _("[%(city)s Kyoso portal] New message from the city on %(reference)s")
            text = _(
                "The city has sent you a message on case %(reference)s.\n\n"
                "Read it in the portal (sign-in required):\n%(link)s"
            )
        values = {
            **words(),
            "reference": case.reference,
            "link": link,
        }
        if recipients:
            queue_messages(
                [(subject % values, text % values, None, recipients, link)], kind="message"
            )


def notify_meeting_shared(record_pk: int) -> None:
    """A meeting record is shared: the proposer is told where to read it."""
    record = MeetingRecord.objects.select_related("proposal__organization").get(pk=record_pk)
    if not record.is_shared_with_proposer:  # unshared again before the commit
        return
    case = record.proposal
    values = {
        **words(),
        "reference": case.reference,
        "link": absolute(reverse("dialogue:meeting", args=[case.pk, record.pk])),
    }
    with translation.override(settings.LANGUAGE_CODE):
        queue_messages(
            [
                (
                    _("[%(city)s Kyoso portal] A meeting record on %(reference)s is shared")
                    % values,
                    _(
                        "The city has shared the record of a meeting on case %(reference)s "
                        "with you.\n\nRead it in the portal (sign-in required):\n%(link)s"
                    )
                    % values,
                    None,
                    proposer_addresses(case),
                    values["link"],
                )
            ],
            kind="meeting",
        )
