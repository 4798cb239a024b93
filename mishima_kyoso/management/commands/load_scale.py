"""Load a large, realistic data set for measuring the portal at scale (issue 14): departments,
organisations (many small, a few with thousands of cases), published themes, cases spread
over the workflow, the fields and the fiscal years R1-R8, their transitions, messages and
published decisions, and three accounts to measure with.

Rows are written in bulk (COPY on PostgreSQL) without save(), signals or history rows
(mishima_kyoso.scale). For development and benchmarks only: it refuses to run unless DEBUG is
on, because its accounts share one published password.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from mishima_kyoso.common.caching import bump_data_version
from mishima_kyoso.scale import accounts, engine, writer
from proposals.models import Proposal


class Command(BaseCommand):
    @property
    def help(self):  # read when the help is printed: argparse needs a str, not a lazy string
        return _(
            "Load a large, realistic data set for benchmarks (themes, organisations, cases with "
            "their steps, messages and published decisions), written in bulk. Development only: "
            "needs DEBUG on. Refused when cases exist already, unless --append is given; run it "
            "on an empty database after migrate."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases", type=int, default=1000, help=_("Number of cases (default 1,000).")
        )
        parser.add_argument(
            "--themes", type=int, default=50, help=_("Number of themes (default 50).")
        )
        parser.add_argument(
            "--decisions",
            type=int,
            default=100,
            help=_("Number of published decisions on closed cases (default 100)."),
        )
        parser.add_argument(
            "--password",
            default="scale-pass-2026",
            help=_("Password of the benchmark accounts (default scale-pass-2026)."),
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help=_("Add to the cases already in the database instead of refusing."),
        )
        parser.add_argument(
            "--reindex",
            action="store_true",
            help=_(
                "Recompute every search column afterwards (mishima_kyoso.search.reindex_all); "
                "the rows written here already have theirs."
            ),
        )
        parser.add_argument("--seed", type=int, default=2026, help=_("Seed of the random choices."))

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "load_scale only runs with DEBUG on: "
                    "it creates accounts with a published password."
                )
            )
        if min(options["cases"], options["themes"], options["decisions"]) < 0:
            raise CommandError(_("The numbers of cases, themes and decisions cannot be negative."))
        if Proposal.objects.exists() and not options["append"]:
            raise CommandError(
                _(
                    "The database already holds cases. Run load_scale on an empty database "
                    "after migrate, or add --append to add to them."
                )
            )
        started = time.perf_counter()
        run = engine.ScaleRun(password=options["password"], seed=options["seed"])
        with transaction.atomic():
            engine.load(
                run,
                cases=options["cases"],
                themes=options["themes"],
                decisions=options["decisions"],
            )
        if options["reindex"] or writer.UNINDEXED:
            with run.timed("search index"):
                reindex()
        bump_data_version()  # the public pages' cache starts again
        self.verbosity = options["verbosity"]
        if self.verbosity >= 1:
            self.report(run, time.perf_counter() - started)

    def report(self, run, seconds: float) -> None:
        labels = {
            "organisations": _("organisations"),
            "themes": _("themes"),
            "cases": _("cases"),
            "department assignments": _("department assignments"),
            "transitions": _("workflow steps"),
            "messages": _("messages"),
            "published decisions": _("published decisions"),
        }
        counts = ", ".join(
            f"{labels.get(what, what)} {number:,}" for what, number in run.counts.items()
        )
        self.stdout.write(_("Scale data loaded in %(seconds).1f s: %(counts)s.") % {
            "seconds": seconds, "counts": counts})  # fmt: skip
        self.stdout.write("  " + ", ".join(f"{what} {took:.1f} s" for what, took in run.timings))
        if self.verbosity >= 2:
            self.stdout.write(
                "  " + ", ".join(f"{label} {took:.1f} s" for label, took in writer.TIMES.items())
            )
        name, number = run.largest
        if name:
            self.stdout.write(
                _("Largest organisation: %(name)s, %(count)s cases.")
                % {"name": name, "count": f"{number:,}"}
            )
        self.stdout.write(
            _("Benchmark accounts (password %(password)s):") % {"password": run.password}
        )
        self.stdout.write(f"  {accounts.OFFICE_EMAIL}  " + _("Co-creation office staff"))
        if run.department_user is not None:
            self.stdout.write(
                f"  {accounts.DEPARTMENT_EMAIL}  "
                + _("Department staff: %(department)s")
                % {"department": run.department_user.department.name}
            )
        if run.largest_user is not None:
            self.stdout.write(
                f"  {accounts.LARGEST_EMAIL}  "
                + _("Business user: %(organization)s")
                % {"organization": run.largest_user.membership.organization.name}
            )


def reindex() -> None:
    """The indexed search columns (mishima_kyoso.search), once that module provides them."""
    try:
        from mishima_kyoso.search import reindex_all
    except (ImportError, AttributeError):
        return
    reindex_all()
