"""Normalising Japanese text for search (full-width/half-width, case)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_for_search(text: str) -> str:
    """NFKC, then lower case: ＡＩ, ai and AI match; ｶﾅ matches カナ."""
    return unicodedata.normalize("NFKC", text or "").lower()


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """Split a keyword query on any space (including the full-width one) into terms."""
    return [term for term in _SPACES.split(normalize_for_search(query).strip()) if term][:limit]
