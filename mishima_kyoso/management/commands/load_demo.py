"""Load the demo content for Mishima City: departments, one account per role, the co-creation
list, the businesses and the cases the city has worked on, one in every state of the workflow.

The content is data (mishima_kyoso/demo/data: one file per theme and per story), checked
against its schema before anything is written, then played through the services and the
workflow by the demo engine (mishima_kyoso.demo). For development and demonstrations only: it
refuses to run unless DEBUG is on, because every demo account gets the same published
password. Running it again changes nothing; dates are counted from today.
"""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import organization_of
from mishima_kyoso.demo import datafiles, engine
from mishima_kyoso.demo.checking import DemoDataError
from outbox.services import held
from proposals.models import Proposal


class Command(BaseCommand):
    @property
    def help(self):  # read when the help is printed: argparse needs a str, not a lazy string
        return _(
            "Load demo content for Mishima City (departments, demo accounts, co-creation themes, "
            "two businesses with their proposals). Development only: needs DEBUG on."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=datafiles.DATA,
            help=_("Folder of the demo data files (default: the portal's own)."),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "load_demo only runs with DEBUG on: "
                    "it creates accounts with a published password."
                )
            )
        try:
            data = datafiles.read(options["data"])
        except DemoDataError as error:
            raise CommandError(
                _("The demo data is not valid: %(error)s") % {"error": error}
            ) from error
        stored = []  # the files this run writes: removed again if the run fails
        try:
            # The stories' receipts and notices are recorded as held (outbox): the worker
            # beside the demo never sends them (EMAIL_URL may even point at a real server).
            with held(), transaction.atomic():
                run = engine.play(data, stored)
        except BaseException:
            # The rows are rolled back; the files written meanwhile go with them.
            for storage, name in stored:
                storage.delete(name)
            raise
        if options["verbosity"] >= 1:
            self.report(run)

    def report(self, run):
        themes = run.data.themes
        public = sum(1 for theme in themes if theme.status != "draft")
        self.stdout.write(
            _(
                "Demo data loaded: %(departments)d departments, %(themes)d themes "
                "(%(public)d public, %(drafts)d drafts), %(accounts)d demo accounts."
            )
            % {
                "departments": len(run.departments),
                "themes": len(themes),
                "public": public,
                "drafts": len(themes) - public,
                "accounts": len(run.accounts),
            }
        )
        for organisation in run.organisations:
            self.stdout.write(
                _("%(organization)s: %(members)d members, proposals: %(proposals)s")
                % {
                    "organization": organisation.name,
                    "members": organisation.memberships.count(),
                    "proposals": by_status(organisation.proposals.all()) or "-",
                }
            )
        self.stdout.write(
            _("Cases by status: %(statuses)s") % {"statuses": by_status(Proposal.objects.all())}
        )
        overdue = Proposal.objects.filter(next_due_on__lt=timezone.localdate()).count()
        self.stdout.write(_("Cases past their next deadline: %(count)d") % {"count": overdue})
        self.stdout.write("")
        self.stdout.write(_("Demo accounts, for demonstrations only (never on a public server):"))
        width = max(len(account.email) for account in run.data.accounts) + 2
        for account in run.data.accounts:
            user = run.accounts[account.email][0]
            self.stdout.write(f"  {account.email.ljust(width)}{role_label(account.role, user)}")
        self.stdout.write(
            _("Password of every demo account: %(password)s") % {"password": run.data.password}
        )
        if any(not created for _user, created in run.accounts.values()):
            self.stdout.write(_("Accounts that existed before this run keep their own password."))


def by_status(cases) -> str:
    """ "Draft 1, Received 3, …" in the order of the workflow."""
    counts = Counter(cases.values_list("status", flat=True))
    return ", ".join(
        f"{label} {counts[status]}" for status, label in Proposal.Status.choices if counts[status]
    )


def role_label(role: str, user) -> str:
    if role == "office":
        return _("Co-creation office staff")
    if role == "department":
        return _("Department staff: %(department)s") % {"department": user.department.name}
    if role == "evaluator":
        return _("Evaluator")
    organisation = organization_of(user)
    if organisation is not None:
        return _("Business user: %(organization)s") % {"organization": organisation.name}
    return _("Business user")
