"""The benchmark's PostgreSQL database: re-created at the start, dropped at the end; the CPU
time of the backends serving it (same machine)."""

from __future__ import annotations

import psycopg
from psycopg import sql

from .common import process_cpu_seconds


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
