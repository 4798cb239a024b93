"""The portal's logs: one JSON object a line in production, readable text in development.

Every line says when, how bad, which logger and what happened, and where it comes from: the
request's id (the proxy's `X-Request-ID` when it is a safe token, else a new one; echoed in the
response), the signed-in user's id (never an e-mail address or a name) and, inside a job, the
job's id and function.

What a proposal says never reaches a log (共創指針 原則3, DESIGN §5): the request line has the
path without its query string, no form field or body is logged, secrets in a path (e-mail
confirmation and password reset keys, invitation tokens) are masked, and a JSON line keeps only
the fields named in `JsonFormatter.FIELDS`; Django's own records carry the request object,
whose repr has the query string, and it is dropped.

This module is also read by gunicorn's master process (gunicorn.conf.py), before Django is set
up: nothing here reads the settings at import.
"""

import contextvars
import datetime
import logging
import re
import time
import uuid

from django.utils.functional import empty
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and . _ - only: a header value never breaks a log line or a log query.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
# The load balancer asks these every few seconds: their answers are logged only when they fail.
PROBE_PATHS = frozenset({"/healthz", "/readyz"})
# URL arguments that are secrets (allauth's keys, the portal's invitation tokens).
SECRET_URL_ARGUMENTS = frozenset({"key", "token", "uidb36", "uidb64"})

_request = contextvars.ContextVar("kyoso_log_request", default=None)
_job = contextvars.ContextVar("kyoso_log_job", default=None)

request_logger = logging.getLogger("kyoso.request")
job_logger = logging.getLogger("kyoso.jobs")


def logging_config(*, fmt: str, level: str) -> dict:
    """Django's LOGGING: `fmt` "json" (one object a line on stdout) or "text" (on stderr)."""
    if fmt not in ("json", "text"):
        raise ValueError('LOG_FORMAT must be "json" or "text".')
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "mishima_kyoso.logging.ContextFilter"}},
        "formatters": {
            "json": {"()": "mishima_kyoso.logging.JsonFormatter"},
            "text": {"format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout" if fmt == "json" else "ext://sys.stderr",
                "formatter": fmt,
                "filters": ["context"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # runserver prints every request already; the portal's own line is for production.
            "kyoso.request": {"level": "INFO" if fmt == "json" else "WARNING"},
            # fpdf2 subsets the fonts of every PDF through fontTools, which says so table by table.
            "fontTools": {"level": "WARNING"},
        },
    }


class JsonFormatter(BaseJsonFormatter):
    """One JSON object a line, with the fields named here and nothing else."""

    FIELDS = (
        "request_id",
        "user_id",
        "job_id",
        "job_func",
        "method",
        "path",
        "status",
        "duration_ms",
    )

    def add_fields(self, log_data, record, message_dict):
        log_data["time"] = datetime.datetime.fromtimestamp(
            record.created, tz=datetime.UTC
        ).isoformat(timespec="milliseconds")
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.message
        for field in self.FIELDS:
            value = record.__dict__.get(field)
            if value is not None:
                log_data[field] = value
        # The traceback, formatted as text by the base class.
        for field in ("exc_info", "stack_info"):
            if message_dict.get(field):
                log_data[field] = message_dict[field]


class ContextFilter(logging.Filter):
    """Adds the current request's id and user, and the current job, to every record."""

    def filter(self, record):
        request = _request.get()
        if request is not None:
            if getattr(record, "request_id", None) is None:
                record.request_id = getattr(request, "request_id", None)
            if getattr(record, "user_id", None) is None:
                record.user_id = user_id_of(request)
        job = _job.get()
        if job is not None:
            if getattr(record, "job_id", None) is None:
                record.job_id = job["id"]
            if getattr(record, "job_func", None) is None:
                record.job_func = job["func"]
        return True


def user_id_of(request):
    """The signed-in user's pk, if the request has already looked the user up.

    A log line never makes the portal read the session or the user: that would add queries to
    pages that do not need them, and could log from inside the lookup itself.
    """
    user = request.__dict__.get("user")
    if user is None or user.__dict__.get("_wrapped") is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Gives each request an id (echoed in `X-Request-ID`) and logs one line when it is answered.

    First in MIDDLEWARE, so that every answer (a redirect to HTTPS, a refused host) has its id
    and its line.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            if not (request.path in PROBE_PATHS and response.status_code < 400):
                _log_request(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            _request.reset(token)


def _log_request(request, status: int, seconds: float) -> None:
    path = _masked_path(request)
    duration_ms = round(seconds * 1000)
    request_logger.log(
        logging.WARNING if status >= 500 else logging.INFO,
        "%s %s %s %sms",
        request.method,
        path,
        status,
        duration_ms,
        extra={
            "method": request.method,
            "path": path,
            "status": status,
            "duration_ms": duration_ms,
            "user_id": user_id_of(request),
        },
    )


def _masked_path(request) -> str:
    """The path (never the query string), its secret parts replaced by "…"."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_ARGUMENTS and isinstance(value, str) and value:
                path = path.replace(value, "…")
    return path


# Jobs (django-q2): the worker runs a job between these two signals, in its own process; the
# monitor process saves the result and says how it went.


def enter_job(sender, func=None, task=None, **kwargs):
    """pre_execute: the lines logged while the job runs carry its id and function."""
    _job.set({"id": task.get("id"), "func": _func_name(task.get("func"))})


def leave_job(sender, func=None, task=None, **kwargs):
    """post_execute_in_worker: the worker is idle again."""
    _job.set(None)


def log_job_result(sender, task=None, **kwargs):
    """post_execute (monitor): one line per attempt, with the job's id."""
    context = {"job_id": task.get("id"), "job_func": _func_name(task.get("func"))}
    if task.get("success"):
        job_logger.info("Job %s done", context["job_func"], extra=context)
    else:
        # django-q2 logs the error itself; jobs.queue decides when the job is tried again.
        job_logger.warning("Job %s failed", context["job_func"], extra=context)


def _func_name(func) -> str | None:
    if func is None or isinstance(func, str):
        return func
    return f"{func.__module__}.{func.__qualname__}"
