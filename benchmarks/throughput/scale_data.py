"""The scale benchmark's data sets: one PostgreSQL database per size, loaded once and reused.

A data set is loaded by ``manage.py load_scale`` (issue 14) when the command exists, otherwise
by a stand-in built with the tests' factories (slow: for small sizes and for trying the
harness only). Both run in the development environment (``load_scale`` is refused when DEBUG
is off). After loading, the database's comment records what was loaded, so that
``--reuse-db`` recognises it; a database loaded by someone else (no comment) is reused when its
counts are the ones asked for.

Before each run, in the production environment of the server (the TOTP secret is encrypted
with its SECRET_KEY), the bench users get a fresh authenticator app: see PREPARE_SCRIPT.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

import psycopg
from psycopg import sql

from .common import MANAGE_TIMEOUT, PROJECT_ROOT, BenchmarkError, log
from .database import postgres_connect, recreate_database
from .seed import manage

LOAD_SCALE = PROJECT_ROOT / "mishima_kyoso" / "management" / "commands" / "load_scale.py"
LOAD_TIMEOUT = 1800  # seconds: 100,000 cases take about a minute with load_scale

OFFICE = "scale-office@example.jp"
DEPARTMENT = "scale-dept@example.jp"
LARGEST = "scale-largest@example.jp"
PASSWORD = "scale-pass-2026"  # noqa: S105 (the bench users' password, load_scale's)
OWN_PREFIX = "kyoso_bench_"  # the databases this benchmark may drop and re-create


@dataclass(frozen=True)
class DataSet:
    name: str  # "small" or "large"
    database: str
    cases: int
    themes: int
    decisions: int

    @property
    def marker(self) -> dict:
        return {"cases": self.cases, "themes": self.themes, "decisions": self.decisions}

    def describe(self) -> str:
        return (
            f"{self.cases:,} cases, {self.themes:,} themes, {self.decisions:,} decisions "
            f"(database {self.database})"
        )


def loader_available() -> bool:
    return LOAD_SCALE.exists()


def development_env(env: dict, database_url: str) -> dict:
    """The environment of a developer's shell on the bench database: DEBUG on."""
    dev = {
        k: v
        for k, v in env.items()
        if not k.startswith(("KYOSO_", "SECURE_")) and k not in ("SECRET_KEY", "ALLOWED_HOSTS")
    }
    dev.update(DEBUG="true", DATABASE_URL=database_url)
    dev.pop("CACHE_URL", None)  # the per-process cache of development
    return dev


def _comment(base_url: str, name: str) -> tuple[bool, dict | None]:
    """Whether the database exists, and the marker in its comment (None if none)."""
    with postgres_connect(base_url, "postgres") as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    if row is None:
        return False, None
    try:
        return True, json.loads(row[0]) if row[0] else None
    except ValueError:
        return True, None


def _counts(base_url: str, name: str) -> dict:
    with postgres_connect(base_url, name) as connection:
        try:
            return {
                "cases": connection.execute("SELECT count(*) FROM proposals_proposal").fetchone()[
                    0
                ],
                "themes": connection.execute(
                    "SELECT count(*) FROM cocreation_list_theme WHERE status = 'published'"
                ).fetchone()[0],
                "decisions": connection.execute(
                    "SELECT count(*) FROM outcomes_publisheddecision"
                ).fetchone()[0],
            }
        except psycopg.Error:
            return {}


def _mark(base_url: str, data: DataSet, loader: str) -> None:
    marker = json.dumps({**data.marker, "loader": loader})
    with postgres_connect(base_url, "postgres") as connection:
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(data.database), sql.Literal(marker)
            )
        )


def ensure_loaded(
    data: DataSet, *, base_url: str, env: dict, python: str, reuse: bool, loader: str
) -> str:
    """Make `data.database` hold the data set; return how (a line for the report).

    Always runs `migrate` (cheap when nothing is new), so that a reused database gets the
    indexes and tables added since it was loaded."""
    url = f"{base_url}/{data.database}"
    dev = development_env(env, url)
    exists, marker = _comment(base_url, data.database)
    if reuse and exists:
        if marker and {k: marker.get(k) for k in data.marker} == data.marker:
            log(f"{data.name}: reusing {data.database} ({marker.get('loader')}); migrate")
            manage(dev, python, "migrate", "--noinput")
            return f"reused ({marker.get('loader')}, loaded earlier)"
        counts = _counts(base_url, data.database)
        if not marker and counts and counts["cases"] >= data.cases:
            log(f"{data.name}: reusing {data.database} (no marker, counts {counts}); migrate")
            manage(dev, python, "migrate", "--noinput")
            return f"reused (loaded by someone else: {counts})"
        log(f"{data.name}: {data.database} does not hold this data set ({marker or counts})")
    if not data.database.startswith(OWN_PREFIX):
        raise BenchmarkError(
            f"{data.database} is not the benchmark's ({OWN_PREFIX}*): it is reused when it holds "
            "the data set, never re-created"
        )
    log(f"{data.name}: re-creating {data.database}; migrate")
    recreate_database(base_url, data.database)
    manage(dev, python, "migrate", "--noinput")
    if loader == "load_scale":
        log(f"{data.name}: load_scale {data.describe()}")
        _run(
            dev,
            python,
            [
                "manage.py",
                "load_scale",
                "--cases",
                str(data.cases),
                "--themes",
                str(data.themes),
                "--decisions",
                str(data.decisions),
                "--password",
                PASSWORD,
            ],
        )
    else:
        log(f"{data.name}: STAND-IN seed (tests' factories) {data.describe()}")
        _run(dev, python, ["-c", STANDIN_SCRIPT, json.dumps(data.marker)])
    _mark(base_url, data, loader)
    counts = _counts(base_url, data.database)
    return f"loaded now by {loader}: {counts}"


def _run(env: dict, python: str, arguments: list[str]) -> str:
    completed = subprocess.run(
        [python, *arguments],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=LOAD_TIMEOUT,
    )
    if completed.returncode != 0:
        raise BenchmarkError(
            f"{' '.join(arguments[:2])} failed:\n{completed.stdout[-3000:]}\n"
            f"{completed.stderr[-3000:]}"
        )
    return completed.stdout


def prepare(env: dict, python: str) -> dict:
    """Give the bench users a fresh authenticator app; what the checks need to know."""
    completed = subprocess.run(
        [python, "-c", PREPARE_SCRIPT, json.dumps([OFFICE, DEPARTMENT, LARGEST])],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=MANAGE_TIMEOUT,
    )
    for line in completed.stdout.splitlines():
        if line.startswith("PREPARED "):
            return json.loads(line.removeprefix("PREPARED "))
    raise BenchmarkError(f"preparing the bench users failed:\n{completed.stderr[-3000:]}")


# Run in production mode with the server's environment (SECRET_KEY: the TOTP secret is
# encrypted with it). A staff member (or anyone who reads confidential content) gets a new
# TOTP authenticator, as allauth.mfa's setup leaves it; the e-mail address must be verified.
PREPARE_SCRIPT = r"""
import json
import sys

import django

django.setup()

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model

from accounts.roles import reads_confidential_content
from cocreation_list.models import Theme
from outcomes.models import PublishedDecision
from proposals.models import Proposal
from proposals.selectors import organization_proposals

User = get_user_model()
out = {"users": {}, "period": app_settings.TOTP_PERIOD, "digits": app_settings.TOTP_DIGITS}
for email in json.loads(sys.argv[1]):
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        sys.exit(f"no user {email}: the data set has no bench users")
    verified = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True)
    entry = {"pk": user.pk, "staff": user.is_staff, "verified": verified.exists()}
    if reads_confidential_content(user):
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        entry["totp_secret"] = secret
    membership = getattr(user, "membership", None)
    if membership is not None:
        entry["organization"] = membership.organization.name
        entry["organization_cases"] = organization_proposals(user).count()
    out["users"][email] = entry
out["cases"] = Proposal.objects.count()
out["submitted"] = Proposal.objects.exclude(status=Proposal.Status.DRAFT).count()
out["themes"] = Theme.objects.filter(status=Theme.Status.PUBLISHED).count()
out["decisions"] = PublishedDecision.objects.count()
print("PREPARED " + json.dumps(out))
"""

# The stand-in while load_scale is not there: the tests' factories and scenarios, as the
# tests build cases (submitted through the workflow, decisions published by the office).
STANDIN_SCRIPT = r"""
import json
import random
import sys

import django

django.setup()

from allauth.account.models import EmailAddress

from tests.factories.accounts import (
    DepartmentUserFactory,
    OrganizationFactory,
    VerifiedMemberFactory,
    VerifiedOfficeUserFactory,
)
from tests.factories.cocreation_list import ThemeFactory
from tests.scenarios.cases import submitted_case
from tests.scenarios.outcomes import adopted_and_published

PASSWORD = "scale-pass-2026"  # noqa: S105 (the bench users' password, load_scale's)
size = json.loads(sys.argv[1])
rng = random.Random(14)
office = VerifiedOfficeUserFactory(email="scale-office@example.jp", password=PASSWORD)
department_user = DepartmentUserFactory(email="scale-dept@example.jp", password=PASSWORD)
EmailAddress.objects.create(
    user=department_user, email=department_user.email, verified=True, primary=True
)
largest = OrganizationFactory(name="株式会社スケール最大")
VerifiedMemberFactory(email="scale-largest@example.jp", password=PASSWORD, organization=largest)
themes = [ThemeFactory(title=f"スケールテーマ {n}") for n in range(size["themes"])]
others = [OrganizationFactory() for _ in range(10)]
decisions = min(size["decisions"], size["cases"])
for n in range(size["cases"] - decisions):
    organization = largest if n % 3 == 0 else rng.choice(others)
    submitted_case(organization=organization, theme=rng.choice(themes))
adopted_and_published(office=office, count=decisions, theme=themes[0])
"""
