"""The files a test's own steps left in the private storage (a folder in tests)."""

from pathlib import Path

# Written by jobs beside the steps under test: the city's receipt slips and decision notices.
ISSUED_DOCUMENTS = "documents"


def files_on_disk(settings) -> list[Path]:
    """Every stored file under MEDIA_ROOT, the issued documents aside."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).parts[0] != ISSUED_DOCUMENTS
    )
