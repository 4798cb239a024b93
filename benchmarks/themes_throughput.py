"""Throughput of the public theme list against a minimal Django view, under gunicorn.

Starts the portal in production mode (``KYOSO_ENV=production``, DEBUG off, whitenoise
manifest storage) under gunicorn with 2 sync workers on 127.0.0.1, on a dedicated
PostgreSQL database filled with ``--themes`` published themes, then measures in one run:

1. ``/healthz``        the minimal view (no database, no template), first;
2. ``/themes/``        the public list, page 1 (20 themes a page);
3. ``/themes/<n>/``    one theme page, with answered questions;
4. ``/healthz``        the minimal view again, last, so that drift shows.

The minimal view's figure is the mean of its two runs; every other URL is given as a
ratio to it. The target of the issue is ``/themes/`` at >= 0.5 of the minimal view.

Run from the project root:  .venv/bin/python benchmarks/themes_throughput.py
Exit status: 0 target reached, 1 target missed, 2 the benchmark itself failed or had errors.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import datetime
import http.client
import json
import math
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TARGET_RATIO = 0.5
REQUEST_TIMEOUT = 10.0  # seconds, per request
STARTUP_TIMEOUT = 60.0  # seconds for gunicorn to answer /healthz
MANAGE_TIMEOUT = 300  # seconds for migrate, collectstatic and the seeding


def log(message: str) -> None:
    """Progress goes to stderr; the report goes to stdout."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class BenchmarkError(RuntimeError):
    pass


# --------------------------------------------------------------------------- database


def postgres_connect(base_url: str, dbname: str):
    return psycopg.connect(f"{base_url}/{dbname}", autocommit=True, connect_timeout=10)


def recreate_database(base_url: str, name: str) -> str:
    with postgres_connect(base_url, "postgres") as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(name)
            )
        )
        return connection.execute("SHOW server_version").fetchone()[0]


def drop_database(base_url: str, name: str) -> None:
    with postgres_connect(base_url, "postgres") as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


# --------------------------------------------------------------------------- seeding

# Run in a subprocess with the benchmark's environment (DJANGO_SETTINGS_MODULE set).
SEED_SCRIPT = r"""
import datetime
import json
import random
import sys

import django

django.setup()

from django.db import transaction
from django.utils import timezone

from accounts.models import Department
from cocreation_list.models import Field, Theme, ThemeQuestion
from cocreation_list.services import publish_theme

params = json.loads(sys.argv[1])
rng = random.Random(params["seed"])
today = timezone.localdate()
now = timezone.now()

DEPARTMENTS = [
    ("政策企画課", "policy", "055-983-2616"),
    ("環境政策課", "environment", "055-983-2646"),
    ("商工観光課", "commerce-tourism", "055-983-2656"),
    ("子育て支援課", "childcare", "055-983-2660"),
    ("長寿介護課", "elderly-care", "055-983-2609"),
    ("地域協働・安全課", "community-safety", "055-983-2621"),
    ("農政課", "agriculture", "055-983-2650"),
    ("デジタル戦略課", "digital", "055-983-2605"),
]
departments = []
for order, (name, code, phone) in enumerate(DEPARTMENTS, start=1):
    department, _ = Department.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "phone": phone,
            "email": f"{code}@city.mishima.example.jp",
            "sort_order": order * 10,
        },
    )
    departments.append(department)

fields = {field.code: field for field in Field.objects.all()}
if not fields:
    sys.exit("No fields: the seeding migration did not run.")

# (issue, fields, department index)
TOPICS = [
    ("市内の空き家の増加", ["machizukuri"], 0),
    ("中心市街地の商店街の来街者の減少", ["economy", "machizukuri"], 2),
    ("観光客の市内滞在時間の短さ", ["economy"], 2),
    ("子育て世帯の地域での孤立", ["childcare", "welfare"], 3),
    ("高齢者の通院や買物の移動手段の確保", ["welfare", "machizukuri"], 4),
    ("源兵衛川をはじめとする湧水と水辺の環境保全", ["environment"], 1),
    ("災害時の要配慮者への情報伝達", ["machizukuri", "welfare"], 5),
    ("農業の担い手不足と耕作放棄地の拡大", ["economy"], 6),
    ("行政手続のオンライン化の遅れ", ["administration"], 7),
    ("働く世代の運動不足と生活習慣病の予防", ["health"], 4),
    ("公共施設の維持管理費の増加", ["administration", "machizukuri"], 0),
    ("家庭ごみの減量と資源化", ["environment"], 1),
    ("地域の担い手となる若者の市外への流出", ["education", "economy"], 5),
]
APPROACHES = [
    "新たな仕組みづくり",
    "デジタル技術を活用した実証実験",
    "民間のノウハウを生かした取組",
    "官民連携による持続可能な解決策",
]
BACKGROUND = [
    "市ではこれまで関係課が連携して対策を講じてきましたが、職員の人員や専門的な知見が限られており、"
    "十分な成果を上げるには至っていません。",
    "令和5年度に実施した市民意識調査では、回答者の約4割がこの課題について「不安を感じる」または"
    "「やや不安を感じる」と答えており、市民の関心の高さがうかがえます。",
    "国の統計でも同様の傾向が全国的に見られ、人口減少と高齢化の進行に伴い、今後さらに深刻化する"
    "ことが見込まれます。",
    "一方で、市内には意欲のある地域団体や事業者も多く、既存の資源を生かした取組の余地は大きいと"
    "考えています。",
    "地域の実情に合った持続可能な取組とするため、行政だけでなく、市民、地域団体、民間事業者が"
    "それぞれの強みを持ち寄ることが欠かせません。",
    "富士山の湧水に恵まれた本市の特色を生かし、他の自治体の参考となるような先進的な取組を"
    "目指しています。",
]
WANTED = [
    "既に提供しているサービスや製品を本市の課題に合わせて活用するものでも構いません。",
    "実証実験の期間は3か月から1年程度を想定していますが、提案に応じて柔軟に協議します。",
    "取組の効果を数値で測定し、市と共有できる提案を特に歓迎します。",
    "市民の参加を促し、取組が終わった後も地域に根付く仕組みとなることを期待しています。",
    "小さく始めて効果を検証し、段階的に対象を広げていく提案を求めます。",
]
BUSINESS_ROLE = [
    "提案内容の企画、実施及び効果検証を担っていただきます。",
    "実施に必要な機器、システム及び人員は原則として事業者に用意していただきます。",
    "取組の状況を定期的に市に報告し、課題があれば市と協議しながら改善してください。",
    "個人情報を取り扱う場合は、市の個人情報保護に関する規定に従っていただきます。",
]
CITY_OFFER = [
    "市が保有する統計データ及びオープンデータの提供",
    "公共施設や市有地の利用に関する調整",
    "広報紙「広報みしま」及び市ウェブサイト、SNSでの周知",
    "自治会、商店会その他の関係団体との調整",
    "実証実験の場所の確保と関係法令に関する相談",
]
CONDITIONS = [
    "市から事業者への委託料及び補助金の支出は予定していません。",
    "提案内容によっては、別途協定を締結したうえで実施します。",
    "",
]


def paragraph(pool, count):
    return "".join(rng.sample(pool, count))


numbers = []
with transaction.atomic():
    for index in range(params["themes"]):
        issue, field_codes, department_index = TOPICS[index % len(TOPICS)]
        approach = APPROACHES[(index // len(TOPICS)) % len(APPROACHES)]
        # 3 in 5 accepting with a deadline, 1 in 5 year-round, 1 in 5 past their deadline.
        kind = ("deadline", "deadline", "deadline", "year_round", "past")[index % 5]
        theme = Theme(
            title=f"{issue}に対応する{approach}",
            background=(
                f"本市では近年、{issue}が大きな課題となっています。"
                + paragraph(BACKGROUND, 4)
                + "こうした状況を踏まえ、民間事業者の皆様の柔軟な発想と専門的なノウハウを生かした"
                "提案を募集します。"
            ),
            wanted=(
                f"{issue}の解決に向けた{approach}に関する提案を募集します。"
                + paragraph(WANTED, 3)
            ),
            business_role=paragraph(BUSINESS_ROLE, 3),
            city_offer="\n".join(rng.sample(CITY_OFFER, 3)),
            conditions=rng.choice(CONDITIONS),
            department=departments[department_index],
            is_year_round=kind == "year_round",
            accepts_until=(
                None
                if kind == "year_round"
                else today + datetime.timedelta(days=rng.randint(14, 150))
                if kind == "deadline"
                else today - datetime.timedelta(days=rng.randint(1, 60))
            ),
        )
        theme.published_at = now - datetime.timedelta(days=params["themes"] - index, hours=index)
        theme.save()
        theme.fields.set([fields[code] for code in field_codes if code in fields] or [
            next(iter(fields.values()))
        ])
        publish_theme(theme=theme, by=None)
        numbers.append(theme.number)

    detail = Theme.objects.get(number=numbers[0])
    for question, answer in [
        (
            "提案にあたり、市内に事業所を有していることは条件になりますか。",
            "市内に事業所がない事業者からの提案も受け付けます。実施にあたっては、"
            "市内の関係団体との連携をお願いする場合があります。",
        ),
        (
            "実証実験に必要な費用について、市の負担はありますか。",
            "原則として事業者の負担でお願いしています。ただし、公共施設の使用料の減免など、"
            "市が提供できる支援については個別に協議します。",
        ),
        (
            "提案書の様式は決まっていますか。",
            "任意の様式で構いません。提案の概要、実施体制、スケジュール及び期待される効果を"
            "記載してください。",
        ),
    ]:
        ThemeQuestion.objects.create(theme=detail, question=question, answer=answer)
    ThemeQuestion.objects.create(theme=detail, question="説明会は開催されますか。")

from django.conf import settings

print(
    "BENCH-SEED "
    + json.dumps(
        {
            "numbers": numbers,
            "detail": numbers[0],
            "page_cache_seconds": getattr(settings, "KYOSO_PUBLIC_PAGE_CACHE_SECONDS", None),
            "cache_backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        }
    )
)
"""


def seed_themes(env: dict[str, str], python: str, themes: int) -> dict:
    params = json.dumps({"themes": themes, "seed": 20240401})
    result = subprocess.run(
        [python, "-c", SEED_SCRIPT, params],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=MANAGE_TIMEOUT,
    )
    if result.returncode != 0:
        raise BenchmarkError(f"seeding failed:\n{result.stdout}\n{result.stderr}")
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-SEED "):
            return json.loads(line.removeprefix("BENCH-SEED "))
    raise BenchmarkError(f"seeding printed no result:\n{result.stdout}\n{result.stderr}")


def manage(env: dict[str, str], python: str, *args: str) -> None:
    result = subprocess.run(
        [python, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=MANAGE_TIMEOUT,
    )
    if result.returncode != 0:
        raise BenchmarkError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )


# --------------------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def http_get(port: int, path: str, timeout: float = REQUEST_TIMEOUT) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Gunicorn:
    """gunicorn started explicitly, ignoring ./gunicorn.conf.py, always stopped."""

    def __init__(self, gunicorn: str, port: int, workers: int, env, workdir: Path):
        self.port = port
        self.log_path = workdir / "gunicorn.log"
        empty_config = workdir / "gunicorn.bench.conf.py"
        empty_config.write_text("# Empty on purpose: every setting is on the command line.\n")
        self.command = [
            gunicorn,
            "mishima_kyoso.wsgi",
            "--config",
            str(empty_config),
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{port}",
            "--graceful-timeout",
            "5",
            "--error-logfile",
            "-",
        ]
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.command,
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchmarkError(f"gunicorn exited at start:\n{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _ = http_get(self.port, "/healthz", timeout=2)
                if status == 200:
                    return
            time.sleep(0.2)
        raise BenchmarkError(f"gunicorn did not answer /healthz in time:\n{self.log_tail()}")

    def pids(self) -> list[int]:
        """The master and its workers."""
        if self.process is None:
            return []
        master = self.process.pid
        pids = [master]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    stat = (entry / "stat").read_text()
                    if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                        pids.append(int(entry.name))
        return pids

    def cpu_seconds(self) -> float:
        """User + system CPU time of the master and its workers so far."""
        return sum(process_cpu_seconds(pid) for pid in self.pids())

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


# --------------------------------------------------------------------------- load


@dataclass
class Result:
    label: str
    path: str
    requests: int = 0  # 200 responses completed within the measured duration
    duration: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, 200 responses only
    percentiles: dict[int, float] = field(default_factory=dict)  # ms, when given by wrk
    errors: collections.Counter = field(default_factory=collections.Counter)
    client_cpu: float = 0.0  # seconds
    server_cpu: float = 0.0  # seconds
    database_cpu: float = 0.0  # seconds

    @property
    def rps(self) -> float:
        return self.requests / self.duration if self.duration else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def percentile(self, q: int) -> float:
        if q in self.percentiles:
            return self.percentiles[q]
        values = sorted(self.latencies)
        if not values:
            return math.nan
        rank = (len(values) - 1) * q / 100
        low = math.floor(rank)
        high = min(low + 1, len(values) - 1)
        return 1000 * (values[low] + (values[high] - values[low]) * (rank - low))


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 response; return its status and whether the connection stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = None
    chunked = False
    keep_alive = lines[0].startswith(b"HTTP/1.1")
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        value = value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value:
            chunked = True
        elif name == b"connection":
            keep_alive = b"close" not in value
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        keep_alive = False
    return status, keep_alive


async def connection_loop(port: int, request: bytes, end: float, result: Result) -> None:
    """One client connection: request after request until `end`, reconnecting when closed."""
    loop = asyncio.get_running_loop()
    reader = writer = None
    reused = False
    try:
        while loop.time() < end:
            started = loop.time()
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection(HOST, port), REQUEST_TIMEOUT
                    )
                    reused = False
                writer.write(request)
                status, keep_alive = await asyncio.wait_for(read_response(reader), REQUEST_TIMEOUT)
            except TimeoutError:  # before OSError, of which it is a subclass
                if writer is not None:
                    writer.close()
                writer = None
                result.errors["timeout"] += 1
                continue
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
                if writer is not None:
                    writer.close()
                writer = None
                if not reused:  # a kept-alive connection closed by the server: just reconnect
                    result.errors[type(error).__name__] += 1
                continue
            except ValueError:
                if writer is not None:
                    writer.close()
                writer = None
                result.errors["bad response"] += 1
                continue
            finished = loop.time()
            if finished > end:
                break  # completed after the end of the measure: not counted
            if status == 200:
                result.requests += 1
                result.latencies.append(finished - started)
            else:
                result.errors[f"HTTP {status}"] += 1
            if keep_alive:
                reused = True
            else:
                writer.close()
                writer = None
    finally:
        if writer is not None:
            writer.close()


async def python_load(port: int, path: str, connections: int, seconds: float, result: Result):
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: kyoso-bench\r\n"
        "Accept: text/html\r\nConnection: keep-alive\r\n\r\n"
    ).encode("ascii")
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    tasks = [connection_loop(port, request, end, result) for _ in range(connections)]
    await asyncio.wait_for(asyncio.gather(*tasks), seconds + REQUEST_TIMEOUT + 5)
    result.duration = seconds


def run_python_client(port, label, path, connections, seconds) -> Result:
    result = Result(label, path)
    asyncio.run(python_load(port, path, connections, seconds, result))
    return result


WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(output: str, result: Result) -> None:
    """Fill `result` from the text wrk prints with --latency."""
    for q, value, unit in re.findall(
        r"^\s*(50|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE
    ):
        result.percentiles[int(q)] = float(value) * WRK_UNITS[unit]
    total = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", output, re.MULTILINE)
    if not total:
        raise BenchmarkError(f"cannot read wrk's output:\n{output}")
    completed = int(total.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        for name, count in zip(
            ("connect", "read", "write", "timeout"), socket_errors.groups(), strict=True
        ):
            if int(count):
                result.errors[f"socket {name}"] += int(count)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        result.errors["non-2xx/3xx"] += int(non_2xx.group(1))
        completed -= int(non_2xx.group(1))
    result.requests = completed
    result.duration = float(total.group(2)) * WRK_UNITS[total.group(3)] / 1000


def run_wrk(wrk, port, label, path, connections, seconds) -> Result:
    command = [
        wrk,
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{max(1, round(seconds))}s",
        "--timeout",
        f"{int(REQUEST_TIMEOUT)}s",
        "--latency",
        "--header",
        f"Host: {HOST}",
        f"http://{HOST}:{port}{path}",
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + REQUEST_TIMEOUT + 10
    )
    if completed.returncode != 0:
        raise BenchmarkError(f"wrk failed:\n{completed.stdout}\n{completed.stderr}")
    result = Result(label, path)
    parse_wrk(completed.stdout, result)
    return result


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far, 0 if it is gone."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


class DatabaseCpu:
    """CPU time of the PostgreSQL backends serving the benchmark database (same machine)."""

    def __init__(self, base_url: str, name: str):
        self.connection = postgres_connect(base_url, "postgres")
        self.name = name

    def snapshot(self) -> dict[int, float]:
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name]
        ).fetchall()
        return {pid: process_cpu_seconds(pid) for (pid,) in rows}

    def close(self) -> None:
        self.connection.close()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(
    args, server: Gunicorn, database: DatabaseCpu, wrk: str | None, label: str, path: str
) -> Result:
    def once(seconds: float) -> Result:
        if wrk:
            return run_wrk(wrk, server.port, label, path, args.connections, seconds)
        return run_python_client(server.port, label, path, args.connections, seconds)

    if args.warmup > 0:
        once(args.warmup)  # warm-up, not counted
    client_before = time.process_time() + children_cpu()
    server_before = server.cpu_seconds()
    database_before = database.snapshot()
    result = once(args.duration)
    result.client_cpu = time.process_time() + children_cpu() - client_before
    result.server_cpu = server.cpu_seconds() - server_before
    result.database_cpu = sum(
        seconds - database_before.get(pid, 0.0) for pid, seconds in database.snapshot().items()
    )
    log(f"{label}: {result.rps:.1f} req/s, {result.error_count} errors")
    return result


# --------------------------------------------------------------------------- report


def machine_lines(python: str, pg_version: str, client: str) -> list[str]:
    import django

    versions = subprocess.run(
        [
            python,
            "-c",
            "import django, gunicorn, psycopg, sys; "
            "print(sys.version.split()[0], django.get_version(), gunicorn.__version__, "
            "psycopg.__version__)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split() or ["?", django.get_version(), "?", "?"]
    cpu_model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"command:  {' '.join([sys.executable, *sys.argv])}",
        f"date:     {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        "load:     average {:.2f} {:.2f} {:.2f} before the measures".format(*os.getloadavg()),
        f"machine:  nproc {nproc}, {cpu_model}, {platform.platform()}",
        f"software: Python {versions[0]}, Django {versions[1]}, gunicorn {versions[2]}, "
        f"psycopg {versions[3]}, PostgreSQL {pg_version}",
        f"client:   {client}",
    ]


def report(args, header: list[str], setup: list[str], results: list[Result], list_index: int):
    minimal = [r for r in results if r.path == "/healthz"]
    baseline = sum(r.rps for r in minimal) / len(minimal)
    drift = abs(minimal[0].rps - minimal[-1].rps) / baseline * 100 if baseline else math.nan
    lines = [*header, *setup, ""]
    width = max(len(r.label) for r in results)
    lines.append(
        f"{'URL':<{width}}  {'req/s':>8}  {'p50 ms':>7}  {'p90 ms':>7}  {'p99 ms':>7}  "
        f"{'errors':>6}  {'ratio':>5}  {'CPU: server':>11}  {'db':>5}  {'client':>6}"
    )
    lines.append("-" * len(lines[-1]))
    for r in results:
        ratio = r.rps / baseline if baseline else math.nan
        lines.append(
            f"{r.label:<{width}}  {r.rps:>8.1f}  {r.percentile(50):>7.2f}  "
            f"{r.percentile(90):>7.2f}  {r.percentile(99):>7.2f}  {r.error_count:>6}  "
            f"{ratio:>5.2f}  {100 * r.server_cpu / r.duration:>10.0f}%  "
            f"{100 * r.database_cpu / r.duration:>4.0f}%  {100 * r.client_cpu / r.duration:>5.0f}%"
        )
    lines.append("")
    load = os.getloadavg()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    used = sum(r.server_cpu + r.database_cpu + r.client_cpu for r in results) / sum(
        r.duration for r in results
    )
    lines.append(
        f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; the benchmark's "
        f"processes used {100 * used / cores:.0f} % of the {cores} cores during the measures "
        "(the rest was idle or taken by other processes)"
    )
    lines.append(
        f"minimal view: {baseline:.1f} req/s (mean of first and last run; they differ by "
        f"{drift:.1f} %{', more than 10 %: the machine was not steady' if drift > 10 else ''})"
    )
    lines.append(
        "req/s counts 200 responses; latencies are of 200 responses, connect included; "
        "CPU is in % of one core: gunicorn (master + workers), the PostgreSQL backends of "
        "the benchmark database, the load generator."
    )
    with_errors = [r for r in results if r.error_count]
    for r in with_errors:
        detail = ", ".join(f"{name}: {count}" for name, count in sorted(r.errors.items()))
        lines.append(f"!!! ERRORS on {r.label}: {detail}")
    if with_errors:
        lines.append("!!! THIS BENCHMARK HAD ERRORS: ITS FIGURES ARE NOT VALID.")
    list_ratio = results[list_index].rps / baseline if baseline else 0.0
    reached = list_ratio >= TARGET_RATIO
    lines.append(
        f"RESULT: /themes/ runs at {list_ratio:.2f} of the minimal view's throughput: "
        + (
            f"target >= {TARGET_RATIO} REACHED."
            if reached
            else f"target >= {TARGET_RATIO} NOT reached."
        )
    )
    print("\n".join(lines), flush=True)
    if with_errors:
        return 2
    return 0 if reached else 1


# --------------------------------------------------------------------------- main


def page_cache_line(seeded: dict) -> str:
    seconds = seeded.get("page_cache_seconds")
    if seconds is None:
        return "not in the settings"
    if not seconds:
        return "OFF: every request renders its page"
    return (
        f"ON ({seconds} s, {seeded.get('cache_backend')}): after the warm-up, "
        "/themes/ and the theme page are cache hits (--no-page-cache to measure rendering)"
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Requests per second of /themes/ and a theme page against /healthz, "
        "under gunicorn (production mode, PostgreSQL)."
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per URL")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per URL")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--themes", type=int, default=50, help="published themes to create")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="turn the public page cache off (KYOSO_PUBLIC_PAGE_CACHE_SECONDS=0) to measure "
        "the rendering itself",
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="leave the benchmark database in place at the end"
    )
    parser.add_argument("--db-name", default="kyoso_bench", help="database dropped and re-created")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server, without a database name",
    )
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk if on PATH (auto), or the built-in asyncio client",
    )
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.connections < 1 or args.themes < 1 or args.workers < 1:
        parser.error("--duration, --connections, --themes and --workers must be positive")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.db_name):
        parser.error("--db-name: lowercase letters, digits and underscores only")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    # Stopped by SIGTERM: unwind like Ctrl-C, so that gunicorn is stopped and the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    bin_dir = Path(sys.executable).parent
    python = sys.executable
    gunicorn = str(bin_dir / "gunicorn") if (bin_dir / "gunicorn").exists() else None
    gunicorn = gunicorn or shutil.which("gunicorn")
    if not gunicorn:
        log("gunicorn not found: run with the project's .venv/bin/python")
        return 2
    wrk = shutil.which("wrk") if args.client in ("auto", "wrk") else None
    if args.client == "wrk" and not wrk:
        log("--client wrk: wrk is not on PATH")
        return 2
    client = (
        f"wrk ({wrk}), 1 thread, {args.connections} connections"
        if wrk
        else f"built-in asyncio client, {args.connections} connections"
    ) + f", {args.warmup:g} s warm-up + {args.duration:g} s measured per URL"

    server = None
    database_created = False
    with tempfile.TemporaryDirectory(prefix="kyoso-bench-") as tmp:
        workdir = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "GUNICORN_CMD_ARGS"}
        env.update(
            DJANGO_SETTINGS_MODULE="mishima_kyoso.settings",
            KYOSO_ENV="production",
            DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(48),
            ALLOWED_HOSTS=HOST,
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=f"{args.postgres}/{args.db_name}",
            STATIC_ROOT=str(workdir / "static"),
            MEDIA_ROOT=str(workdir / "media"),
            LOG_LEVEL="WARNING",
            PYTHONDONTWRITEBYTECODE="1",
            # Production needs a shared cache (kyoso.E001); database 13 is the benchmark's own.
            CACHE_URL=os.environ.get("BENCHMARK_CACHE_URL", "redis://127.0.0.1:6379/13"),
        )
        if args.no_page_cache:
            env["KYOSO_PUBLIC_PAGE_CACHE_SECONDS"] = "0"
        try:
            log(f"re-creating database {args.db_name}")
            pg_version = recreate_database(args.postgres, args.db_name)
            database_created = True
            log("migrate")
            manage(env, python, "migrate", "--noinput")
            log("collectstatic")
            manage(env, python, "collectstatic", "--noinput")
            log(f"creating {args.themes} published themes")
            seeded = seed_themes(env, python, args.themes)
            detail_path = f"/themes/{seeded['detail']}/"

            server = Gunicorn(gunicorn, free_port(), args.workers, env, workdir)
            log(f"starting gunicorn on {HOST}:{server.port} ({args.workers} sync workers)")
            server.start()

            targets = [
                ("/healthz (minimal view, first)", "/healthz"),
                (f"/themes/ ({args.themes} themes, page 1)", "/themes/"),
                (f"{detail_path} (theme page)", detail_path),
                ("/healthz (minimal view, last)", "/healthz"),
            ]
            setup = [
                f"server:   gunicorn {args.workers} sync workers on {HOST}:{server.port}, "
                f"KYOSO_ENV=production, DEBUG off, database {args.db_name} "
                f"({args.themes} published themes)",
                f"cache:    public page cache {page_cache_line(seeded)}",
            ]
            for _label, path in targets[:3]:
                status, body = http_get(server.port, path)
                shown = len(set(re.findall(rb'href="/themes/(\d+)/"', body)))
                setup.append(
                    f"check:    GET {path} -> {status}, {len(body)} bytes"
                    + (f", links to {shown} themes" if path == "/themes/" else "")
                )
                if status != 200:
                    print("\n".join(setup), flush=True)
                    log(f"{path} answered {status}; gunicorn's log:\n{server.log_tail()}")
                    print(f"!!! {path} ANSWERED {status}: NOTHING MEASURED.", flush=True)
                    return 2
                if path == "/themes/" and shown < min(args.themes, 20):
                    setup.append(f"!!! the list shows {shown} themes, expected 20 or all")

            header = machine_lines(python, pg_version, client)
            database = DatabaseCpu(args.postgres, args.db_name)
            try:
                results = [
                    measure(args, server, database, wrk, label, path) for label, path in targets
                ]
            finally:
                database.close()
            return report(args, header, setup, results, list_index=1)
        except (BenchmarkError, subprocess.TimeoutExpired, OSError, psycopg.Error) as error:
            log(f"FAILED: {error}")
            if server is not None:
                log(f"gunicorn's log:\n{server.log_tail()}")
            return 2
        finally:
            if server is not None:
                log("stopping gunicorn")
                server.stop()
            if database_created and not args.keep_db:
                with contextlib.suppress(Exception):
                    drop_database(args.postgres, args.db_name)
            elif database_created:
                log(f"database {args.db_name} kept (--keep-db)")


if __name__ == "__main__":
    sys.exit(main())
