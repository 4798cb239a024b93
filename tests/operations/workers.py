"""A scratch portal database and real job workers (`manage.py qcluster`) on it.

The database is the suite's kind: a PostgreSQL database of its own when the suite runs on
PostgreSQL (DATABASE_URL=postgres://…, as in CI), else a SQLite file. The "web process" of a
test is a Python process of its own too (`run`), so that it can die right after a commit.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from .servers import INHERITED_SETTINGS, ROOT

SETUP = "import django\ndjango.setup()\n"


class JobPortal:
    def __init__(self, workdir: Path, suite_database_url: str = ""):
        self.workdir = Path(workdir)
        self.postgres_name = None
        if suite_database_url.startswith(("postgres://", "postgresql://")):
            base = suite_database_url.rsplit("/", 1)[0]
            self.postgres_name = f"kyoso_jobs_{secrets.token_hex(4)}"
            self.database_url = f"{base}/{self.postgres_name}"
            self._psql(f'CREATE DATABASE "{self.postgres_name}"')
        else:
            self.database_url = f"sqlite:///{self.workdir / 'jobs.sqlite3'}"
        self.workers: list[subprocess.Popen] = []
        self.settings: dict[str, str] = {}

    def _psql(self, statement: str) -> None:
        import psycopg

        admin_url = self.database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def environment(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(INHERITED_SETTINGS)}
        env.update(
            DJANGO_SETTINGS_MODULE="mishima_kyoso.settings",
            PYTHONPATH=str(ROOT),
            PYTHONDONTWRITEBYTECODE="1",
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.workdir / "media"),
            EMAIL_URL="dummymail://",
            LOG_LEVEL="WARNING",
            KYOSO_JOB_POLL_SECONDS="0.1",
        )
        env.update(self.settings)
        env.update(extra)
        return env

    def run(self, code: str, *, timeout: float = 120, check: bool = True, **env: str):
        """Run `code` in a Django process of its own; its CompletedProcess."""
        result = subprocess.run(
            [sys.executable, "-c", SETUP + code],
            cwd=ROOT,
            env=self.environment(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"process failed ({result.returncode}):\n{result.stderr}")
        return result

    def spawn(self, code: str, **env: str) -> subprocess.Popen:
        """Start `code` in a Django process of its own without waiting for it."""
        return subprocess.Popen(
            [sys.executable, "-c", SETUP + code],
            cwd=ROOT,
            env=self.environment(**env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def query(self, code: str) -> object:
        """The JSON that `code` prints on its last line (`print(json.dumps(…))`)."""
        output = self.run("import json\n" + code).stdout.strip().splitlines()
        return json.loads(output[-1])

    def migrate(self) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=self.environment(),
            check=True,
            timeout=300,
        )

    def start_worker(self, name: str = "worker", **env: str) -> subprocess.Popen:
        """`manage.py qcluster` in a process group of its own (to kill it whole)."""
        log = open(self.workdir / f"{name}.log", "a")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=self.environment(**env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = log
        self.workers.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """Kill a worker and all its processes at once (a machine failing, not a shutdown)."""
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        process.log.close()

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.terminate()  # qcluster stops its sentinel, pusher, workers and monitor
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill(process)
        if not process.log.closed:
            process.log.close()

    def sql(self, statement: str) -> list[tuple]:
        """Rows of a plain SQL query on the scratch database (cheap enough to poll)."""
        if self.postgres_name:
            import psycopg

            with psycopg.connect(self.database_url) as connection:
                return connection.execute(statement).fetchall()
        import sqlite3

        with sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=20) as db:
            return db.execute(statement).fetchall()

    def wait_until(self, statement: str, *, timeout: float = 60, every: float = 0.2):
        """Poll an SQL query until its first value is true; that value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.sql(statement)[0][0]
            if value or time.monotonic() > deadline:
                return value
            time.sleep(every)

    def close(self) -> None:
        for process in self.workers:
            self.stop(process)
        if self.postgres_name:
            self._psql(f'DROP DATABASE IF EXISTS "{self.postgres_name}" WITH (FORCE)')
