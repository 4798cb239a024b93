"""Normalising Japanese text for search: the rule lives in mishima_kyoso.search (issue 14)."""

from mishima_kyoso.search import fold as normalize_for_search
from mishima_kyoso.search import terms as search_terms

__all__ = ["normalize_for_search", "search_terms"]
