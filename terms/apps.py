from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermsConfig(AppConfig):
    """The proposal terms, the privacy notice and the eligibility pledge, versioned, and who
    accepted which version when (at sign-up, at each submission and application)."""

    name = "terms"
    # Translators: 提案規約・個人情報の取扱い・誓約 — the documents a proposer accepts.
    verbose_name = _("Terms and pledges")
