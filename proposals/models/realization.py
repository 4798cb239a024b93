"""Names that migration 0005 imports from this module, from when the agreement's documents were
proposals' (they are partnership's now): a shipped migration is never edited, so they stay."""

from mishima_kyoso.common.files import private_storage as _private_storage
from mishima_kyoso.common.files import random_file_name

__all__ = ["_private_storage", "agreement_document_path"]


def agreement_document_path(instance, filename):
    """A random name in the agreements' folder, as partnership.models names it today."""
    return random_file_name("agreements", filename)
