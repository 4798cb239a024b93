"""gunicorn settings for the Kyoso portal, read from the environment.

    gunicorn -c gunicorn.conf.py

PORT (8000), WEB_CONCURRENCY (2 × CPUs + 1), GUNICORN_THREADS (1) and
FORWARDED_ALLOW_IPS (127.0.0.1: the TLS proxy in front, whose X-Forwarded-*
headers are trusted) tune it; see .env.example.
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "mishima_kyoso.wsgi:application"

bind = f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
# Each worker imports Django itself: a restart or a max_requests recycle never
# shares state (database connections) forked from the master.
preload_app = False

# Requests on the public pages take milliseconds; a worker stuck for 30 s is killed.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, staggered so that they do not restart together.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Only the proxy in front may say which scheme and client address a request had.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to the console, for the container runtime to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
_production = os.environ.get("KYOSO_ENV", "development") == "production"
if os.environ.get("LOG_FORMAT", "json" if _production else "text") == "json":
    # The portal logs one JSON line per request itself (mishima_kyoso.logging: request id, user
    # id, the path without its query string), so gunicorn's access log, whose request line has
    # the query string, stays off; gunicorn's own messages are JSON lines on stdout as well.
    accesslog = None
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "mishima_kyoso.logging.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["console"],
                "propagate": False,
            },
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }
# The workers' heartbeat files: on /dev/shm (memory) rather than a container's overlay
# filesystem, where their updates can block (gunicorn's FAQ); this is not a shared /tmp.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
