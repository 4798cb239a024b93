"""The theme cards of the public list and the home page, each a cached fragment.

A card shows only public data of its theme (title, start of the background, call state,
fields, department, deadline), the same for every visitor whatever their role; its key holds
everything it depends on: the theme and its last change, the public data version
(mishima_kyoso.common.caching: bumped by any change to a theme, its fields, questions or
files, a field or a department), the language, today's date (the call state and the deadline)
and the heading level. One cache read fetches the cards of a page; the cards missing are
rendered with cocreation_list/_theme_card.html and stored together.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from mishima_kyoso.common.caching import data_version

register = template.Library()

CARD_TEMPLATE = "cocreation_list/_theme_card.html"


def _key(prefix: str, theme) -> str:
    return f"{prefix}:{theme.pk}:{theme.updated_at.timestamp() if theme.updated_at else ''}"


@register.simple_tag
def theme_cards(themes, heading="h2"):
    """The <li class="theme-card"> of each theme, in order."""
    themes = list(themes)
    if not themes:
        return ""
    seconds = settings.KYOSO_FRAGMENT_CACHE_SECONDS
    card = get_template(CARD_TEMPLATE)
    if not seconds:
        cards = "".join(card.render({"theme": t, "heading": heading}) for t in themes)
        return mark_safe(cards)  # noqa: S308 (the card template's output, escaped there)
    prefix = ":".join(
        (
            "kyoso:theme-card",
            data_version(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            heading,
        )
    )
    keys = [_key(prefix, theme) for theme in themes]
    found = cache.get_many(keys)
    missing = {}
    for key, theme in zip(keys, themes, strict=True):
        if key not in found:
            missing[key] = found[key] = card.render({"theme": theme, "heading": heading})
    if missing:
        cache.set_many(missing, seconds)
    # The card template's output, escaped there, as stored.
    return mark_safe("".join(found[key] for key in keys))  # noqa: S308
