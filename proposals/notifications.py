"""E-mails about a case: queued in the deciding transaction (outbox), with a link and no
confidential text."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from municipality.selectors import office_inboxes, words
from outbox.services import queue_messages

from .models import Proposal


def absolute(path: str) -> str:
    return settings.KYOSO_BASE_URL.rstrip("/") + path


def notify_transition(proposal_pk: int, step: str) -> None:
    case = Proposal.objects.select_related("organization", "created_by").get(pk=proposal_pk)
    handler = {"submit": _received, "apply": _received, "withdraw": _withdrawn}.get(
        step, _status_changed
    )
    queue_messages(handler(case), kind="case_update")


def department_addresses(case: Proposal) -> list[str]:
    """The staff of the departments in charge, and each department's shared address."""
    from accounts.models import User

    departments = list(case.departments.all())
    staff = User.objects.filter(
        department__in=departments, is_active=True, is_staff=True
    ).values_list("email", flat=True)
    addresses = {*staff, *(department.email for department in departments)}
    return sorted(address for address in addresses if address)


def city_addresses(case: Proposal) -> list[str]:
    """The office's intake addresses and the departments in charge (staff and shared address)."""
    return sorted({*office_inboxes(), *department_addresses(case)})


def _status_changed(case: Proposal):
    """The city moved the case: the proposer is told where to look, never what was decided."""
    return [
        (
            _("[%(city)s Kyoso portal] Your case %(reference)s has been updated")
            % {**words(), "reference": case.reference},
            _(
                "The status of case %(reference)s is now: %(status)s.\n\n"
                "Read the details in the portal (sign-in required):\n%(link)s"
            )
            % {
                "reference": case.reference,
                "status": case.get_status_display(),
                "link": absolute(case.get_absolute_url()),
            },
            None,
            proposer_addresses(case),
            case.get_absolute_url(),
        )
    ]


def proposer_addresses(case: Proposal) -> list[str]:
    """The active members of the proposing organisation and the case's contact."""
    members = case.organization.memberships.select_related("user").filter(user__is_active=True)
    addresses = {membership.user.email for membership in members}
    addresses.add(case.contact_email)
    return sorted(address for address in addresses if address)


def _received(case: Proposal):
    link = absolute(case.get_absolute_url())
    office_link = absolute(reverse("proposals:staff_case", args=[case.pk]))
    receipt = (
        _("[%(city)s Kyoso portal] We have received your proposal %(reference)s")
        % {**words(), "reference": case.reference},
        _(
            "Thank you. The %(office)s has received your submission.\n\n"
            "Reference number: %(reference)s\n\n"
            "You can follow the case here (sign-in required):\n%(link)s\n\n"
            "The office will contact you. Please quote the reference number in any enquiry."
        )
        % {**words(), "reference": case.reference, "link": link},
        None,
        proposer_addresses(case),
        link,
    )
    office = (
        _("[Kyoso portal] New submission %(reference)s") % {"reference": case.reference},
        _(
            "A new submission has arrived (reference %(reference)s, %(kind)s).\n\n"
            "Open it in the portal (sign-in required):\n%(link)s"
        )
        % {"reference": case.reference, "kind": case.get_kind_display(), "link": office_link},
        None,
        office_inboxes(),
        office_link,
    )
    return [receipt, office]


def _withdrawn(case: Proposal):
    office_link = absolute(reverse("proposals:staff_case", args=[case.pk]))
    return [
        (
            _("[Kyoso portal] Withdrawn: %(reference)s") % {"reference": case.reference},
            _("The proposer has withdrawn case %(reference)s.\n\n%(link)s")
            % {"reference": case.reference, "link": office_link},
            None,
            city_addresses(case),
            office_link,
        )
    ]


def notify_assignment(proposal_pk: int, department_pk: int) -> None:
    """A department is put in charge: its staff get a link to the case."""
    from accounts.models import User

    case = Proposal.objects.get(pk=proposal_pk)
    staff = User.objects.filter(
        department_id=department_pk, is_active=True, is_staff=True
    ).values_list("email", flat=True)
    recipients = sorted(set(staff))
    if not recipients:
        return
    link = absolute(reverse("proposals:staff_case", args=[case.pk]))
    queue_messages(
        [
            (
                _("[Kyoso portal] Your department is now in charge of %(reference)s")
                % {"reference": case.reference},
                _(
                    "The %(office)s has put your department in charge of case "
                    "%(reference)s.\n\nOpen it in the portal (sign-in required):\n%(link)s"
                )
                % {**words(), "reference": case.reference, "link": link},
                None,
                recipients,
                link,
            )
        ],
        kind="assignment",
    )
