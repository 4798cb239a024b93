"""Portal processes for the tests and the benchmark of several servers (issue 10).

- `ScratchPortal`: a portal of its own, outside the test database: a SQLite file (migrated),
  collected static files, and the environment of production mode (``KYOSO_ENV=production``,
  DEBUG off, a random SECRET_KEY, plain HTTP on 127.0.0.1) with the cache asked for: Redis,
  or the per-process cache with kyoso.E001 silenced (the old behaviour, for comparison only).
  Every process started from it (gunicorn, a seeding script) sees the same database, so an
  edit or a failed sign-in in one is the others' business through the cache alone.
- `Server`: gunicorn on a free port of 127.0.0.1, always stopped (by its own pid).
- `Browser`: an HTTP client that keeps cookies (the Secure ones too: production sets them and
  these tests speak plain HTTP on loopback) and submits forms as a browser would.

Plain standard library, no Django import: the benchmark (benchmarks/shared_state.py) uses it
as a script.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[2]
# The tests' own Redis database (tests/operations/conftest.py flushes it, and nothing else).
TEST_REDIS_URL = "redis://127.0.0.1:6379/14"
STARTUP_TIMEOUT = 60.0

# What a developer's shell or the test run may carry and these processes must not inherit.
INHERITED_SETTINGS = (
    "ALLOWED_HOSTS",
    "BEHIND_TLS_PROXY",
    "CACHE_",
    "CONN_",
    "CSRF_",
    "DATABASE_URL",
    "DEBUG",
    "DJANGO_",
    "EMAIL_",
    "GUNICORN_",
    "KYOSO_",
    "LOG_",
    "MEDIA_ROOT",
    "PORT",
    "SECRET_KEY",
    "SECURE_",
    "STATIC_ROOT",
    "WEB_CONCURRENCY",
)

# The old behaviour, for comparison: production with the per-process cache, its check silenced.
PER_PROCESS_SETTINGS = '''"""Production with a per-process cache, for comparison only."""
from mishima_kyoso.settings import *  # noqa: F403

SILENCED_SYSTEM_CHECKS = ["kyoso.E001"]
'''

SEED = """
import json

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.factories.accounts import VerifiedMemberFactory, VerifiedOfficeUserFactory
from tests.factories.cocreation_list import ThemeFactory

PASSWORD = "shared-state-2026"
request = json.loads({request!r})
seeded = {{"password": PASSWORD, "members": {{}}, "themes": {{}}}}
office = VerifiedOfficeUserFactory(email="office@example.jp", password=PASSWORD)
seeded["office"] = office.email
for name in request["members"]:
    member = VerifiedMemberFactory(email=f"{{name}}@example.jp", password=PASSWORD)
    seeded["members"][name] = {{"email": member.email}}
for name in request["totp_members"]:
    member = VerifiedMemberFactory(email=f"{{name}}@example.jp", password=PASSWORD)
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    seeded["members"][name] = {{"email": member.email, "totp_secret": secret}}
for name in request["themes"]:
    theme = ThemeFactory(title=f"旧タイトル {{name}}")
    seeded["themes"][name] = {{
        "pk": theme.pk,
        "title": theme.title,
        "path": theme.get_absolute_url(),
        "admin_path": f"/admin/cocreation_list/theme/{{theme.pk}}/change/",
    }}
print("SEEDED " + json.dumps(seeded))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PortalError(RuntimeError):
    pass


class ScratchPortal:
    """A portal in `workdir`: its database, static files and production environment."""

    def __init__(self, workdir: Path, *, database_url: str | None = None):
        self.workdir = Path(workdir)
        self.database_url = database_url or f"sqlite:///{self.workdir / 'portal.sqlite3'}"
        self.secret_key = secrets.token_urlsafe(48)
        (self.workdir / "kyoso_per_process_settings.py").write_text(PER_PROCESS_SETTINGS)

    def environment(self, cache_url: str | None, **extra: str) -> dict[str, str]:
        """Production mode; `cache_url=None` is the per-process cache (kyoso.E001 silenced)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(INHERITED_SETTINGS)}
        env.update(
            DJANGO_SETTINGS_MODULE="mishima_kyoso.settings",
            PYTHONPATH=os.pathsep.join([str(ROOT), str(self.workdir)]),
            PYTHONDONTWRITEBYTECODE="1",
            KYOSO_ENV="production",
            DEBUG="false",
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            KYOSO_BASE_URL="http://127.0.0.1",  # the mails' links (kyoso.E002)
            SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no TLS proxy
            DATABASE_URL=self.database_url,
            STATIC_ROOT=str(self.workdir / "static"),
            MEDIA_ROOT=str(self.workdir / "media"),
            EMAIL_URL="dummymail://",
            # The office edits themes through the admin here without an authenticator app.
            KYOSO_2FA_REQUIRED="false",
            KYOSO_PUBLIC_PAGE_CACHE_SECONDS="300",
            LOG_LEVEL="WARNING",
            LOG_FORMAT="text",
        )
        if cache_url:
            env["CACHE_URL"] = cache_url
        else:
            env["DJANGO_SETTINGS_MODULE"] = "kyoso_per_process_settings"
        env.update(extra)
        return env

    def run(self, args: list[str], *, cache_url: str | None = None, timeout: float = 300):
        result = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.environment(cache_url),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise PortalError(f"{' '.join(args[:3])} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self) -> None:
        """migrate and collectstatic (production serves hashed static files through whitenoise)."""
        self.run(["manage.py", "migrate", "--noinput"])
        self.run(["manage.py", "collectstatic", "--noinput"])

    def seed(self, *, cache_url: str | None, members=(), totp_members=(), themes=()) -> dict:
        """Accounts (one password for all) and published themes, through the factories."""
        request = json.dumps(
            {"members": list(members), "totp_members": list(totp_members), "themes": list(themes)}
        )
        output = self.run(["-c", SEED.format(request=request)], cache_url=cache_url)
        [line] = [line for line in output.splitlines() if line.startswith("SEEDED ")]
        return json.loads(line.removeprefix("SEEDED "))

    def server(self, cache_url: str | None, *, workers: int = 1, name: str = "server"):
        return Server(
            self.environment(cache_url), workers=workers, logs=self.workdir / f"{name}.log"
        )


class Server:
    """gunicorn with `workers` sync workers on a free port; a context manager."""

    def __init__(self, env: dict[str, str], *, workers: int, logs: Path):
        self.env = env
        self.workers = workers
        self.logs = logs
        self.access_log = logs.with_suffix(".access.log")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    @staticmethod
    def command(*args: str) -> list[str]:
        command = [sys.executable, "-m", "gunicorn", *args]
        with contextlib.suppress(ImportError, AttributeError):
            from gunicorn.config import KNOWN_SETTINGS

            if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
                # gunicorn ≥ 25 opens a control socket at one fixed path per user: several
                # servers at once would fight over it.
                command.append("--no-control-socket")
        return command

    def start(self) -> Server:
        empty_config = self.logs.with_suffix(".conf.py")
        empty_config.write_text("# every setting is on the command line\n")
        self.access_log.write_text("")
        command = self.command(
            "--config", str(empty_config),
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--timeout", "60",
            "--access-logfile", str(self.access_log),
            "--access-logformat", "%(p)s %(m)s %(U)s %(s)s",
            "mishima_kyoso.wsgi:application",
        )  # fmt: skip
        with open(self.logs, "w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise PortalError(f"gunicorn exited at start:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                if Browser(self.url).get("/healthz").status == 200:
                    self.wait_for_workers(deadline)
                    return self
            time.sleep(0.2)
        self.stop()
        raise PortalError(f"gunicorn did not answer /healthz in time:\n{self.log_tail()}")

    def wait_for_workers(self, deadline: float) -> None:
        """Every worker booted (the first answer came from one of them)."""
        while time.monotonic() < deadline:
            if self.log_text().count("Booting worker") >= self.workers:
                return
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # our own gunicorn master; it stops its workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def log_text(self) -> str:
        return self.logs.read_text(errors="replace") if self.logs.exists() else ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def requests(self) -> list[tuple[int, str, str, int]]:
        """(worker pid, method, path, status) of every request so far, from the access log."""
        rows = []
        for line in self.access_log.read_text().splitlines():
            pid, method, path, status = line.split(" ", 3)
            rows.append((int(pid.strip("<>")), method, path, int(status)))
        return rows

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


# --------------------------------------------------------------------------- the client


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    text: str
    url: str

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


@dataclass
class Form:
    attrs: dict[str, str]
    fields: list[tuple[str, str]] = field(default_factory=list)


class _Forms(HTMLParser):
    """The forms of a page and what a browser would send of each (no file, no button)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self._form = Form(attrs)
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form.fields.append(
                (attrs["name"], attrs.get("value", "on" if kind in ("checkbox", "radio") else ""))
            )
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = (attrs["name"], [])
        elif tag == "select" and attrs.get("name"):
            self._select = (attrs["name"], "multiple" in attrs, [])
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, []]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            text = "".join(self._textarea[1])
            self._form.fields.append((self._textarea[0], text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select[2].append((value if value is not None else "".join(text), selected))
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self._form.fields.extend((name, value) for value in chosen)
            self._select = None


def forms_of(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Browser:
    """One visitor: its cookies, on one server (`base_url`).

    Every server is asked for the same host name, as behind the load balancer (allauth keys a
    failed sign-in on the site's domain and the address typed).
    """

    def __init__(self, base_url: str, *, host: str = "localhost"):
        self.base_url = base_url
        self.host = host
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers=None) -> Page:
        parts = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        headers = {"Host": self.host, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            for header in response.headers.get_all("Set-Cookie") or ():
                self._keep(header)
            return Page(
                response.status,
                {name.lower(): value for name, value in response.getheaders()},
                text,
                path,
            )
        finally:
            connection.close()

    def _keep(self, header: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or (morsel.value == "" and morsel["expires"]):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path: str) -> Page:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]] | dict) -> Page:
        body = urlencode(list(fields.items()) if isinstance(fields, dict) else fields)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body.encode(), headers)

    def submit(
        self,
        page: Page,
        changes: dict[str, str],
        *,
        action: str | None = None,
        form_id: str | None = None,
    ) -> Page:
        """Fill the page's form (by id, or by action) as a person would, and send it."""
        for form in forms_of(page.text):
            if (form_id and form.attrs.get("id") == form_id) or (
                action and form.attrs.get("action", page.url) == action
            ):
                break
        else:
            raise PortalError(f"no form {form_id or action} on {page.url} ({page.status})")
        fields = [(name, value) for name, value in form.fields if name not in changes]
        fields += list(changes.items())
        target = urljoin(page.url, form.attrs.get("action") or page.url)
        return self.post(target, fields)

    def sign_in(self, email: str, password: str) -> Page:
        """The sign-in page, filled and sent; 302 when signed in (or on to the TOTP code)."""
        page = self.get("/accounts/login/")
        return self.submit(page, {"login": email, "password": password}, action="/accounts/login/")

    def enter_totp_code(self, code: str) -> Page:
        page = self.get("/accounts/2fa/authenticate/")
        return self.submit(page, {"code": code}, action="/accounts/2fa/authenticate/")
