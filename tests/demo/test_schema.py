"""The demo data is data: every file fits the schema, and a broken file is reported with the
file and the key before anything is written."""

import re
import shutil

import pytest

from cocreation_list.models import Field
from mishima_kyoso.demo import datafiles, schema, steps
from mishima_kyoso.demo.checking import DemoDataError

DATA = datafiles.DATA
STORY = "stories/heat-index-network.toml"
THEME = "themes/01-genbei-river.toml"


@pytest.fixture
def fields(db):
    return list(Field.objects.values_list("code", flat=True))


@pytest.fixture
def folder(tmp_path):
    """A copy of the demo data, to break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text()
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1))


def test_every_data_file_fits_the_schema(fields):
    data = datafiles.read(fields=fields)

    assert len(data.departments) == 15
    assert [account.email for account in data.accounts] == [
        "office@example.jp",
        "kankyo@example.jp",
        "kosodate@example.jp",
        "evaluator@example.jp",
        "evaluator2@example.jp",
        "biz-a@example.jp",
        "biz-a2@example.jp",
        "biz-b@example.jp",
        "biz-c@example.jp",
        "biz-d@example.jp",
        "biz-idle@example.jp",
    ]
    assert data.password == "demo-pass-2026"
    assert data.office == "office@example.jp"
    assert len(data.organisations) == 4
    # One file per theme and per story.
    assert len(data.themes) == len(list((DATA / "themes").glob("*.toml"))) == 20
    assert len(data.stories) == len(list((DATA / "stories").glob("*.toml"))) == 20
    # Played oldest receipt first.
    received = [story.received_ago for story in data.stories]
    assert received == sorted(received, reverse=True)


def test_each_step_of_the_schema_is_played_by_the_engine_and_every_step_is_used(fields):
    used = {step.step for story in datafiles.read(fields=fields).stories for step in story.steps}

    assert set(steps.PLAYERS) == set(schema.STEPS) == used


@pytest.mark.parametrize(
    ("name", "old", "new", "key", "problem"),
    [
        (
            THEME,
            'status = "published"',
            'status = "published"\ncolour = "blue"',
            "colour",
            "unknown key",
        ),
        (STORY, "title = ", "heading = ", "heading", "unknown key"),
        (STORY, 'intent = "consultation"\n', "", "intent", "missing key"),
        (STORY, "received_ago = 28", 'received_ago = "28"', "received_ago", "expected an integer"),
        (STORY, "submit = true", 'submit = "yes"', "submit", "expected true or false"),
        (STORY, 'step = "assign"', 'step = "assing"', "steps[0].step", "unknown step 'assing'"),
        (
            STORY,
            'workflow_step = "start_dialogue"',
            'workflow_step = "start"',
            "steps[1] (move).workflow_step",
            "unknown value 'start'",
        ),
        (
            STORY,
            'by = "kankyo@example.jp"',
            'by = "nobody@example.jp"',
            "steps[2] (say).by",
            "unknown account",
        ),
        (
            STORY,
            'department = "kankyo"',
            'department = "kankyou"',
            "department",
            "unknown department",
        ),
        (
            STORY,
            'owner = "biz-a@example.jp"',
            'owner = "evaluator@example.jp"',
            "owner",
            "unknown member of an organisation",
        ),
        (STORY, 'field = "environment"', 'field = "weather"', "field", "unknown field"),
        (STORY, "ago = 27", "ago = 29", "steps[0] (assign)", "happens before the step above it"),
        (STORY, "ago = 26\n", "ago = -1\n", "steps[1] (move).ago", "out of range"),
        (
            THEME,
            'department = "mizumidori"',
            'department = "mizu"',
            "department",
            "unknown department",
        ),
        (
            "stories/nursery-vacancy-alerts.toml",
            'theme = "',
            'theme = "(renamed) ',
            "theme",
            "unknown theme",
        ),
        (
            "accounts.toml",
            'role = "evaluator"',
            'role = "judge"',
            "accounts[3].role",
            "unknown value 'judge'",
        ),
        (
            "accounts.toml",
            'department = "kosodate"',
            'department = "kids"',
            "accounts[2].department",
            "unknown department",
        ),
        (
            "organisations.toml",
            'founder = "biz-b@example.jp"',
            'founder = "kankyo@example.jp"',
            "organisations[1].founder",
            "unknown business account",
        ),
        (
            "organisations.toml",
            "is_local = false",
            "is_local = 0",
            "organisations[3].is_local",
            "expected true or false",
        ),
        (
            "departments.toml",
            'code = "digital"',
            'code = "seisaku"',
            "departments[1].code",
            "given twice",
        ),
        (
            "stories/energy-audit-pilot.toml",
            'indicator = "公開する事例"',
            'indicator = "公開した事例"',
            "steps[*] (report).results[3].indicator",
            "no goal above names",
        ),
        (
            "stories/afterschool-nature-class.toml",
            'selected = "biz-b@example.jp"',
            'selected = "biz-a@example.jp"',
            "steps[*] (evaluate).selected",
            "not a candidate",
        ),
        (
            "stories/afterschool-nature-class.toml",
            "points = [12, 7, 8, 8, 16, 12, 7, 8]",
            "points = [12, 7, 8, 8, 16, 12, 7, true]",
            "steps[*] (evaluate).scores[0].points[7]",
            "expected an integer",
        ),
        (STORY, "[content]", "[content]\nsummary = 'x'", "content.summary", "unknown key"),
        (STORY, "[content]", "[content", "", "not valid TOML"),
    ],
)
def test_a_broken_file_is_reported_with_its_file_and_key(
    folder, fields, name, old, new, key, problem
):
    edit(folder, name, old, new)

    with pytest.raises(DemoDataError) as error:
        datafiles.read(folder, fields=fields)

    # `*`: the index of a step, which moves whenever a story gains or loses one.
    pattern = re.escape(key).replace(r"\*", r"\d+")
    assert error.value.file == name
    assert re.fullmatch(pattern, error.value.key), error.value.key
    assert problem in error.value.problem
    assert str(error.value).startswith(f"{name}: {error.value.key}")


def test_a_missing_file_is_reported(folder, fields):
    (folder / "accounts.toml").unlink()

    with pytest.raises(DemoDataError, match="accounts.toml: file not found"):
        datafiles.read(folder, fields=fields)


def test_a_new_story_is_a_new_file(folder, fields):
    """STYLE §13: a new case of the demo adds a story file, not code."""
    (folder / "stories" / "a-new-consultation.toml").write_text(
        'owner = "biz-b@example.jp"\n'
        'title = "新しい相談"\n'
        'field = "environment"\n'
        'intent = "consultation"\n'
        "submit = true\n"
        "received_ago = 1\n"
        'outline = "水辺の清掃に企業の社員が参加する仕組みについて相談します。"\n'
        "\n[content]\n"
        'contact_name = "小林 翔太"\n'
        'contact_email = "office@seseragi-net.example.jp"\n'
        "\n[[steps]]\n"
        'step = "assign"\n'
        "ago = 0\n"
        'department = "mizumidori"\n'
    )

    data = datafiles.read(folder, fields=fields)

    assert len(data.stories) == 21
    new = next(story for story in data.stories if story.file == "stories/a-new-consultation.toml")
    assert (new.steps[0].step, new.steps[0].by, new.steps[0].hour) == ("assign", None, 9)
