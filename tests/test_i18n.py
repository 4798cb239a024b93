"""The Japanese catalogue is complete in every change (STYLE §8)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = (
    "accounts",
    "cocreation_list",
    "mishima_kyoso",
    "templates",
    "proposals",
    "partnership",
    "dialogue",
    "evaluation",
    "outcomes",
    "jobs",
    "outbox",
    "terms",
    "documents",
    "disclosure",
    "retention",
    "citizens",
    "municipality",
    "soundings",
    "notifications",
    "api",
)


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_every_entry_of_the_catalogue_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []
    assert not catalogue.metadata_is_fuzzy


def test_the_compiled_catalogue_matches_the_source():
    source = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.pofile(str(PO))}
    compiled = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.mofile(str(MO))}
    compiled.pop((None, "", ""), None)

    assert compiled == source, "Run `make messages` (or compile the catalogue) after editing it."


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    """makemessages on a copy of the sources finds no message id the catalogue lacks."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext) is required in CI to check the catalogue.")
        pytest.skip("GNU gettext (xgettext) is not installed: apt-get install gettext")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
            )
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PO, tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "ja", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )

    regenerated = polib.pofile(str(tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in regenerated if not e.obsolete and not e.translated()]
    assert missing == [], "New strings lack a Japanese translation: run `make messages`."


def test_pages_speak_japanese_by_default_and_english_on_request():
    with translation.override("ja"):
        assert translation.gettext("Co-creation list") == "共創リスト"
    with translation.override("en"):
        assert translation.gettext("Co-creation list") == "Co-creation list"
