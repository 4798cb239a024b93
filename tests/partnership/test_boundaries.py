"""Dependencies point one way (DESIGN §6): accounts ← cocreation_list ← proposals ← dialogue,
evaluation, partnership ← outcomes. Read from the source, so that a lazy import inside a
function counts too; the workflow reaches partnership only through workflow.require()."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ABOVE = {
    "accounts": {
        "cocreation_list",
        "proposals",
        "dialogue",
        "evaluation",
        "partnership",
        "outcomes",
    },
    "cocreation_list": {"proposals", "dialogue", "evaluation", "partnership", "outcomes"},
    "proposals": {"dialogue", "evaluation", "partnership", "outcomes"},
    "partnership": {"dialogue", "evaluation", "outcomes"},
}


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", sorted(ABOVE))
def test_an_app_imports_no_app_above_it(app):
    found = {
        str(path.relative_to(ROOT)): sorted(_imported(path) & ABOVE[app])
        for path in sorted((ROOT / app).rglob("*.py"))
    }

    assert {path: names for path, names in found.items() if names} == {}
