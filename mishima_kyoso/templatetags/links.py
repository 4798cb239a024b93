"""``{% link 'name' %}``: ``{% url 'name' %}`` resolved once per process, for the header, the
menus and the footer of every page (templates/base.html).

Reversing a name walks the URL resolver each time (about fifteen links on every page: a
noticeable share of a cheap page). A link without arguments, or with constant ones, is the
same for every request of a process: it is kept, keyed by the URL configuration and the script
prefix, and forgotten when a test changes the URL configuration. Like ``{% url … as name %}``,
``{% link … as name %}`` gives an empty string for a name that does not resolve.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

_KNOWN: dict[tuple, str] = {}


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _KNOWN.clear()


class LinkNode(template.Node):
    def __init__(self, name: str, args: tuple, asvar: str | None):
        self.name, self.args, self.asvar = name, args, asvar

    def render(self, context):
        key = (get_urlconf(), get_script_prefix(), self.name, self.args)
        url = _KNOWN.get(key)
        if url is None:
            try:
                url = reverse(self.name, args=self.args)
            except NoReverseMatch:
                if not self.asvar:
                    raise
                url = ""
            _KNOWN[key] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def _literal(bit: str, parser) -> str:
    value = parser.compile_filter(bit)
    if not value.filters and isinstance(value.var, str):  # a quoted string
        return str(value.var)
    raise template.TemplateSyntaxError("{% link %} takes quoted names and arguments only.")


@register.tag
def link(parser, token):
    """{% link 'name' ['constant argument' …] [as variable] %}"""
    bits = token.split_contents()[1:]
    asvar = None
    if len(bits) >= 3 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    if not bits:
        raise template.TemplateSyntaxError("{% link %} needs a URL name.")
    name = _literal(bits[0], parser)
    return LinkNode(name, tuple(_literal(bit, parser) for bit in bits[1:]), asvar)
