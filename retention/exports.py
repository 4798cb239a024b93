"""The proposer's own export: everything their organisation submitted, as one ZIP.

Per case: content.pdf (the current content, as the city reads it), files/ (the proposal's
files, byte for byte) and dialogue.txt (the messages both sides exchanged; never the city's
internal notes, evaluation or anything else of the city's own).
"""

import io
import zipfile

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue.models import Message, Side
from disclosure.casefile import write_case
from proposals.models import Proposal
from proposals.selectors import visible_proposals


def exported_cases(user):
    """The submitted cases of the user's organisation, with what the export reads."""
    membership = getattr(user, "membership", None)
    if membership is None:
        return Proposal.objects.none()
    shared = Message.objects.filter(is_internal=False).select_related("author")
    return (
        visible_proposals(user)
        .filter(organization_id=membership.organization_id)
        .exclude(status=Proposal.Status.DRAFT)
        .select_related("organization", "preferred_department")
        .prefetch_related("attachments", Prefetch("messages", queryset=shared))
        .order_by("fiscal_year", "serial")
    )


def _dialogue_text(case) -> str:
    lines = []
    for message in case.messages.all():
        side = _("City") if message.side == Side.CITY else _("Proposer")
        at = timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M")
        lines += [f"[{at}] {side}", message.body, ""]
    return "\n".join(lines)


def organization_export(user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for case in exported_cases(user):
            folder = case.reference or str(case.pk)
            write_case(archive, folder, case, case.attachments.all())
            archive.writestr(f"{folder}/dialogue.txt", _dialogue_text(case))
    return buffer.getvalue()
