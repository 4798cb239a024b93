"""{% linked_soundings theme=theme %} / {% linked_soundings open_call=call %}: the public
soundings that led to a theme or an open call, for their pages (the reverse of the links)."""

from django import template

from ..selectors import soundings_linked_to

register = template.Library()


@register.inclusion_tag("soundings/_linked.html")
def linked_soundings(theme=None, open_call=None):
    return {"soundings": list(soundings_linked_to(theme=theme, open_call=open_call))}
