"""The load: wrk when it is on PATH, otherwise a built-in asyncio client; one measure of a URL
with the CPU time of the server, the database and the client."""

from __future__ import annotations

import asyncio
import collections
import math
import re
import resource
import subprocess
import time
from dataclasses import dataclass, field

from .common import HOST, REQUEST_TIMEOUT, BenchmarkError, log
from .database import DatabaseCpu
from .server import Gunicorn


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


async def python_load(
    port: int, path: str, connections: int, seconds: float, result: Result, headers=None
):
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: kyoso-bench\r\n"
        f"Accept: text/html\r\n{extra}Connection: keep-alive\r\n\r\n"
    ).encode("ascii")
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    tasks = [connection_loop(port, request, end, result) for _ in range(connections)]
    await asyncio.wait_for(asyncio.gather(*tasks), seconds + REQUEST_TIMEOUT + 5)
    result.duration = seconds


def run_python_client(port, label, path, connections, seconds, headers=None) -> Result:
    result = Result(label, path)
    asyncio.run(python_load(port, path, connections, seconds, result, headers))
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


def run_wrk(wrk, port, label, path, connections, seconds, headers=None) -> Result:
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
        *[
            part
            for name, value in (headers or {}).items()
            for part in ("--header", f"{name}: {value}")
        ],
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


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(
    args,
    server: Gunicorn,
    database: DatabaseCpu,
    wrk: str | None,
    label: str,
    path: str,
    headers: dict[str, str] | None = None,
) -> Result:
    """`headers` (e.g. a signed-in visitor's Cookie) are sent with every request."""

    def once(seconds: float) -> Result:
        if wrk:
            return run_wrk(wrk, server.port, label, path, args.connections, seconds, headers)
        return run_python_client(server.port, label, path, args.connections, seconds, headers)

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
