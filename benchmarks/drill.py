"""Operations drill: nothing lost when the mail server or a worker fails.

Two app servers (gunicorn, 2 workers each, behind a round-robin "load balancer": each request
goes to the next server) and two job workers (`manage.py qcluster`) share one PostgreSQL
database and one Redis. Many businesses submit their proposals at once, each first uploading
an attachment, while the mail server (aiosmtpd on loopback) is stopped; one job worker is
killed (SIGKILL, its whole process group) halfway through; the mail server is started again
once every submission has answered. Then the drill checks, and prints side by side:

- no answer of 500 or more, from the clients' side and in the servers' access logs;
- every case received, with gapless reference numbers (R<era>-0001 … R<era>-N);
- every attachment stored, byte for byte what its business uploaded;
- every receipt and office notice delivered exactly once (by Message-ID at the SMTP server),
  and no mail left unsent.

    .venv/bin/python benchmarks/drill.py [--proposals 200] [--clients 20]
        [--postgres postgres://postgres@127.0.0.1:5432] [--redis redis://127.0.0.1:6379/12]

A PostgreSQL database of its own is created and dropped again; the Redis database is flushed.
Exit status 0 only when every check holds. Retries are squeezed for the drill (first after 2 s,
at most 8 s apart; production: 1 minute, at most an hour apart), and passwords are hashed with
MD5 (tests/operations/drill_settings.py): what a sign-in costs is not what the drill measures.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.operations.mailserver import MailServer  # noqa: E402
from tests.operations.servers import Browser, Page, ScratchPortal, Server  # noqa: E402
from tests.operations.workers import JobPortal  # noqa: E402

OFFICE_INBOX = "kyoso-intake@city.example.jp"
PASSWORD = "drill-pass-2026"  # noqa: S105 - the drill's scratch accounts
DRILL_SETTINGS = {
    "KYOSO_OFFICE_NOTIFY_EMAILS": OFFICE_INBOX,
    "KYOSO_TRUSTED_PROXY_COUNT": "1",  # the drill's clients say who they are (X-Forwarded-For)
    "KYOSO_JOB_RETRY_FIRST_SECONDS": "2",
    "KYOSO_JOB_RETRY_LONGEST_SECONDS": "8",
    "KYOSO_JOB_TIMEOUT": "30",
    "KYOSO_JOB_REDELIVER_SECONDS": "40",
    "KYOSO_JOB_WORKERS": "2",
    "KYOSO_JOB_POLL_SECONDS": "0.2",
    "EMAIL_TIMEOUT": "5",
    "DJANGO_SETTINGS_MODULE": "tests.operations.drill_settings",
}

SEED = """
import json, sys
import django
django.setup()
from pathlib import Path
from tests.factories.accounts import VerifiedMemberFactory
from tests.factories.proposals import ProposalFactory, pdf_bytes

count, folder = int(sys.argv[1]), Path(sys.argv[2])
folder.mkdir(parents=True, exist_ok=True)
drafts = []
for n in range(count):
    member = VerifiedMemberFactory(email=f"drill{n:04d}@example.jp", password=sys.argv[3])
    draft = ProposalFactory(
        organization=member.membership.organization, created_by=member, complete=True
    )
    path = folder / f"{draft.pk}.pdf"
    path.write_bytes(pdf_bytes(f"Drill proposal {n}"))
    drafts.append({"email": member.email, "pk": draft.pk, "file": str(path)})
print("SEEDED " + json.dumps(drafts))
"""


class Balancer(Browser):
    """One business in its browser, behind the load balancer: each request goes to the next
    app server, with the client's own address in X-Forwarded-For (set by the proxy)."""

    _turn = 0
    _lock = threading.Lock()

    def __init__(self, servers: list[str], address: str, log: list):
        super().__init__(servers[0])
        self.servers = servers
        self.address = address
        self.log = log

    def request(self, method, path, body=None, headers=None) -> Page:
        with Balancer._lock:
            Balancer._turn += 1
            self.base_url = self.servers[Balancer._turn % len(self.servers)]
        started = time.monotonic()
        page = super().request(
            method, path, body, {"X-Forwarded-For": self.address, **(headers or {})}
        )
        self.log.append((method, path, page.status, time.monotonic() - started))
        return page

    def upload(self, path: str, fields: list[tuple[str, str]], name: str, content: bytes):
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, b"".join(parts), headers)


def csrf(browser: Browser) -> str:
    return browser.cookies["csrftoken"]


def submit_one(draft: dict, servers: list[str], index: int, log: list) -> str:
    """Sign in, attach the file, submit: what a business does; the outcome in a word."""
    client = Balancer(servers, f"10.20.{index // 250}.{index % 250 + 1}", log)
    signed_in = client.sign_in(draft["email"], PASSWORD)
    if signed_in.status != 302:
        return f"sign-in {signed_in.status}"
    client.get(f"/proposals/{draft['pk']}/")
    uploaded = client.upload(
        f"/proposals/{draft['pk']}/files/",
        [("csrfmiddlewaretoken", csrf(client))],
        "提案資料.pdf",
        Path(draft["file"]).read_bytes(),
    )
    if uploaded.status != 302:
        return f"upload {uploaded.status}"
    client.get(f"/proposals/{draft['pk']}/submit/")
    submitted = client.post(
        f"/proposals/{draft['pk']}/submit/",
        {"csrfmiddlewaretoken": csrf(client), "seen_status": "draft"},
    )
    if submitted.status != 302:
        return f"submit {submitted.status}"
    return "submitted"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proposals", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args()

    import redis

    redis.Redis.from_url(args.redis).flushdb()
    figures: dict[str, object] = {}
    checks: dict[str, bool] = {}
    with TemporaryDirectory(prefix="kyoso-drill-") as tmp:
        workdir = Path(tmp)
        jobs = JobPortal(workdir, f"{args.postgres}/postgres")  # a database of its own
        portal = ScratchPortal(workdir, database_url=jobs.database_url)
        mail_server = MailServer()
        extra = {**DRILL_SETTINGS, "EMAIL_URL": mail_server.url}
        env = portal.environment(args.redis, **extra)
        portal.environment = lambda cache_url=None, **more: {**env, **more}
        jobs.environment = lambda **more: {**env, **more}  # the workers share the web's settings
        servers: list[Server] = []
        try:
            started = time.monotonic()
            portal.prepare()
            seeded = portal.run(
                ["-c", SEED, str(args.proposals), str(workdir / "uploads"), PASSWORD],
                cache_url=args.redis,
                timeout=1800,
            )
            [line] = [line for line in seeded.splitlines() if line.startswith("SEEDED ")]
            drafts = json.loads(line.removeprefix("SEEDED "))
            figures["setup (migrate, seed) s"] = round(time.monotonic() - started, 1)

            for name in ("a", "b"):
                server = Server(env, workers=2, logs=workdir / f"web-{name}.log")
                servers.append(server.start())
            workers = [jobs.start_worker(f"worker{n}") for n in (1, 2)]
            urls = [server.url for server in servers]

            log: list = []
            outcomes: list[str] = []
            done = threading.Event()
            killed_at = {}

            def kill_halfway():
                while not done.is_set():
                    if len(outcomes) >= args.proposals // 2:
                        jobs.kill(workers[0])
                        killed_at["after"] = len(outcomes)
                        return
                    time.sleep(0.05)

            killer = threading.Thread(target=kill_halfway)
            killer.start()
            submit_started = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                futures = [
                    pool.submit(submit_one, draft, urls, index, log)
                    for index, draft in enumerate(drafts)
                ]
                for future in futures:
                    outcomes.append(future.result())
            done.set()
            killer.join()
            submitted_in = time.monotonic() - submit_started
            [[queued_while_down]] = jobs.sql(
                "SELECT count(*) FROM outbox_mail WHERE status = 'queued'"
            )
            [[failed_attempts]] = jobs.sql("SELECT coalesce(sum(attempts), 0) FROM outbox_mail")

            mail_server.start()
            back_at = time.monotonic()
            waiting = jobs.wait_until(
                "SELECT count(*) = 0 FROM outbox_mail WHERE status <> 'sent'",
                timeout=600,
                every=0.5,
            )
            delivered_in = time.monotonic() - back_at
            time.sleep(3)  # anything that would arrive twice has time to
            for worker in workers[1:]:
                jobs.stop(worker)
            for server in servers:
                server.stop()

            # The checks ---------------------------------------------------------------
            statuses = collections.Counter(status for _m, _p, status, _t in log)
            logged = [row for server in servers for row in server.requests()]
            errors = [row for row in logged if row[3] >= 500]
            checks["no answer of 500 or more"] = (
                not any(status >= 500 for status in statuses) and not errors
            )
            checks["every submission answered as submitted"] = outcomes == ["submitted"] * len(
                drafts
            )
            references = [row[0] for row in jobs.sql("SELECT reference FROM proposals_proposal")]
            numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in references if ref)
            checks["every case received, reference numbers gapless"] = numbers == list(
                range(1, len(drafts) + 1)
            )
            stored = jobs.sql("SELECT proposal_id, file, size FROM proposals_proposalattachment")
            expected = {draft["pk"]: sha256(Path(draft["file"])) for draft in drafts}
            media = workdir / "media"
            present = {
                pk: sha256(media / name) for pk, name, _size in stored if (media / name).is_file()
            }
            checks["every file present, byte for byte"] = present == expected
            mails = jobs.sql("SELECT message_id, subject, status, attempts FROM outbox_mail")
            received = collections.Counter(mail_server.message_ids())
            by_id = {message_id: subject for message_id, subject, _s, _a in mails}
            checks["every mail delivered exactly once"] = (
                bool(mails)
                and set(received) == set(by_id)
                and set(received.values()) == {1}
                and all(status == "sent" for _m, _s, status, _a in mails)
            )
            office = [item for item in mail_server.received if OFFICE_INBOX in item.recipients]
            to_businesses = [
                item for item in mail_server.received if OFFICE_INBOX not in item.recipients
            ]
            checks["a receipt and an office notice for every case"] = len(office) == len(
                to_businesses
            ) == len(drafts) and len({item.message_id for item in office}) == len(drafts)
            latencies = [elapsed for _m, _p, _s, elapsed in log]
            figures.update(
                {
                    "proposals submitted": outcomes.count("submitted"),
                    "concurrent clients": args.clients,
                    "requests (sign-in, page, upload, confirm, submit)": len(log),
                    "answers by status": dict(sorted(statuses.items())),
                    "submitting took s": round(submitted_in, 1),
                    "requests per second": round(len(log) / submitted_in, 1),
                    "median / max answer ms": (
                        round(statistics.median(latencies) * 1000),
                        round(max(latencies) * 1000),
                    ),
                    "job worker killed after submissions": killed_at.get("after"),
                    "mails waiting while the server was down": queued_while_down,
                    "delivery attempts refused meanwhile": failed_attempts,
                    "mails recorded": len(mails),
                    "receipts / office notices received": (len(to_businesses), len(office)),
                    "all delivered s after the server was back": round(delivered_in, 1)
                    if waiting
                    else "not all",
                    "most attempts of one mail": max((a for *_x, a in mails), default=0),
                    "reference numbers": f"{references and min(r for r in references if r)}"
                    f" … {references and max(r for r in references if r)}",
                }
            )
        finally:
            for server in servers:
                server.stop()
            for worker in jobs.workers:
                jobs.stop(worker)
            mail_server.stop()
            jobs.close()

    print("\nOperations drill: 2 app servers × 2 gunicorn workers, 2 job workers, PostgreSQL,")
    print("Redis; mail server down during the submissions; one job worker killed halfway.\n")
    width = max(len(name) for name in figures) + 2
    for name, value in figures.items():
        print(f"  {name.ljust(width)}{value}")
    print()
    for name, passed in checks.items():
        print(f"  {'PASS' if passed else 'FAIL'}  {name}")
    return 0 if checks and all(checks.values()) else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
