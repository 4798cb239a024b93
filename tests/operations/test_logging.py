"""Logs in production: one JSON object a line, with request, user and job ids, no proposal text."""

import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from jobs.queue import enqueue, job
from mishima_kyoso.logging import logging_config
from tests.factories.accounts import MemberFactory
from tests.factories.cocreation_list import ThemeFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MARKER = "秘匿マーカー-7f3a"  # a proposal's own words: must never reach a log


@job("Write a line in the log (test)")
def write_a_line(case_number: int) -> None:
    logging.getLogger("tests.operations").info("Working on case %s", case_number)


@pytest.fixture
def json_log():
    """The production logging configuration, its console writing to a buffer; new lines read."""
    logging.config.dictConfig(logging_config(fmt="json", level="INFO"))
    [console] = [handler for handler in logging.getLogger().handlers if handler.name == "console"]
    buffer = io.StringIO()
    console.setStream(buffer)

    def lines():
        written = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return [json.loads(line) for line in written.splitlines()]

    yield lines
    logging.config.dictConfig(django_settings.LOGGING)


def _request_lines(lines):
    return [line for line in lines if line["logger"] == "kyoso.request"]


def test_each_request_is_one_json_line_with_its_id_echoed(client, json_log):
    response = client.get(reverse("home"), headers={"X-Request-ID": "lb-5f2c9a81"})

    [line] = _request_lines(json_log())
    assert response["X-Request-ID"] == "lb-5f2c9a81"
    assert (line["request_id"], line["method"], line["path"], line["status"]) == (
        "lb-5f2c9a81",
        "GET",
        "/",
        200,
    )
    assert line["level"] == "INFO"
    assert isinstance(line["duration_ms"], int)
    assert "user_id" not in line  # a visitor


@pytest.mark.parametrize("incoming", ["", "two words", "a\nforged line", "x" * 129, "<script>"])
def test_request_gets_a_new_id_when_the_header_is_missing_or_unsafe(client, json_log, incoming):
    headers = {"X-Request-ID": incoming} if incoming else {}

    response = client.get(reverse("home"), headers=headers)

    [line] = _request_lines(json_log())
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["request_id"] != incoming


def test_proposal_text_and_query_strings_never_reach_the_log(client, json_log):
    proposer = MemberFactory(email="proposer-log@biz.example.jp")
    theme = ThemeFactory()
    client.force_login(proposer)
    url = reverse("proposals:create_theme", args=[theme.number])

    client.get(reverse("cocreation_list:theme_list"), {"q": MARKER})
    response = client.post(
        url,
        {
            "title": f"{MARKER} 公共施設予約のオンライン化",
            "outline": f"{MARKER} の概要",
            "intent": "consultation",
            "contact_name": "担当 花子",
            "contact_phone": "055-000-0000",
            "contact_email": proposer.membership.organization.email,
        },
    )

    lines = json_log()
    output = json.dumps(lines, ensure_ascii=False)
    search, post = _request_lines(lines)
    assert response.status_code == 302
    assert MARKER not in output
    assert "q=" not in output
    assert proposer.email not in output
    assert search["path"] == reverse("cocreation_list:theme_list")
    assert (post["method"], post["path"], post["status"]) == ("POST", url, 302)
    assert post["user_id"] == proposer.pk == search["user_id"]


def test_secret_keys_in_a_path_are_masked(client, json_log):
    client.get("/accounts/confirm-email/secret-confirmation-key-123/")

    [line] = _request_lines(json_log())
    assert "secret-confirmation-key-123" not in json.dumps(line)
    assert line["path"] == "/accounts/confirm-email/…/"


def test_lines_logged_during_a_request_carry_its_ids(rf, json_log):
    from mishima_kyoso.logging import RequestLogMiddleware

    def view(request):
        logging.getLogger("tests.operations").warning("Inside the view")
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = rf.get("/somewhere/", headers={"X-Request-ID": "abc123"})
    RequestLogMiddleware(view)(request)

    inside, answered = json_log()
    assert (inside["message"], inside["request_id"]) == ("Inside the view", "abc123")
    assert answered["request_id"] == "abc123"


def test_probes_are_logged_only_when_they_fail(client, json_log, settings):
    client.get(reverse("healthz"))
    client.get(reverse("readyz"))
    settings.KYOSO_READYZ_MAX_JOB_WAIT_SECONDS = -1  # any waiting counts as too long
    enqueue(write_a_line, 1)

    client.get(reverse("readyz"))

    [line] = _request_lines(json_log())
    assert (line["path"], line["status"]) == ("/readyz", 503)


def test_a_record_with_an_exception_is_one_json_line_with_its_traceback(json_log):
    try:
        raise ValueError("broken on purpose")
    except ValueError:
        logging.getLogger("tests.operations").exception("It failed")

    [line] = json_log()
    assert line["message"] == "It failed"
    assert line["level"] == "ERROR"
    assert "ValueError: broken on purpose" in line["exc_info"]


def test_only_the_named_fields_are_written(json_log):
    logging.getLogger("tests.operations").info(
        "With extras", extra={"request": object(), "title": MARKER}
    )

    [line] = json_log()
    assert set(line) == {"time", "level", "logger", "message"}


def test_lines_logged_inside_a_job_carry_its_id_and_function(json_log, run_jobs):
    job_id = enqueue(write_a_line, 42)

    run_jobs()

    lines = json_log()
    [inside] = [line for line in lines if line["message"] == "Working on case 42"]
    [done] = [line for line in lines if line["logger"] == "kyoso.jobs"]
    assert (inside["job_id"], inside["job_func"]) == (job_id, write_a_line.job_path)
    assert (done["job_id"], done["level"]) == (job_id, "INFO")
    after = logging.getLogger("tests.operations")
    after.info("After the job")
    [line] = json_log()
    assert "job_id" not in line


# The mode decides the format ---------------------------------------------------------------


def _log_one_line(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("KYOSO_ENV", "DEBUG", "SECRET_KEY", "LOG_FORMAT", "DATABASE_URL")
    }
    environment.update(DJANGO_SETTINGS_MODULE="mishima_kyoso.settings", **env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, logging; django.setup(); "
            "logging.getLogger('kyoso.test').warning('Started')",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_production_logs_json_lines_on_stdout():
    result = _log_one_line(KYOSO_ENV="production", SECRET_KEY="k" * 60, ALLOWED_HOSTS="example.jp")

    line = json.loads(result.stdout.strip())
    assert (line["logger"], line["level"], line["message"]) == ("kyoso.test", "WARNING", "Started")
    assert "time" in line


def test_development_keeps_readable_text():
    result = _log_one_line()

    assert result.stdout == ""
    assert "WARNING kyoso.test: Started" in result.stderr


def test_json_lines_can_be_chosen_in_development():
    result = _log_one_line(LOG_FORMAT="json")

    assert json.loads(result.stdout.strip())["message"] == "Started"
