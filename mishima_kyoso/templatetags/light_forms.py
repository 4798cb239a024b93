"""A form control rendered in Python, for the filter forms of the lists.

Django renders every widget through its form templates: a <select> is one template for the
list and one more per option, each with its own context; the theme list's five filters cost
more than its twenty cards. ``{{ field|light_widget }}`` writes the same HTML, byte for byte,
from the same widget context (attributes, aria-invalid and aria-describedby for errors, the
selected option, the value), for the plain controls the filters use: inputs (text, search,
number, date, check box…) and single selects without option groups. Any other widget is
rendered by Django as usual.
"""

from django import template
from django.forms import widgets as forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

_WIDGETS = "django/forms/widgets/"
_INPUT_TEMPLATES = {f"{_WIDGETS}input.html"}


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context: dict) -> str:
    value = context["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    attrs = _attrs(context["attrs"])
    return f'<input type="{context["type"]}" name="{context["name"]}"{shown}{attrs}>'


def _select(context: dict) -> str:
    options = "".join(
        f'\n  <option value="{conditional_escape(str(option["value"]))}"'
        f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
        for _group, group_options, _index in context["optgroups"]
        for option in group_options
    )
    return f'<select name="{context["name"]}"{_attrs(context["attrs"])}>{options}\n</select>'


def _renders_as_input(widget) -> bool:
    return isinstance(widget, forms.Input) and (
        widget.template_name in _INPUT_TEMPLATES
        or widget.template_name == f"{_WIDGETS}{widget.input_type}.html"
    )


def _plain_select(widget, context) -> bool:
    return (
        type(widget) is forms.Select
        and widget.template_name == f"{_WIDGETS}select.html"
        and widget.option_template_name == f"{_WIDGETS}select_option.html"
        and not any(group for group, _options, _index in context["optgroups"])
    )


@register.filter
def light_widget(field):
    """The bound field's control, as ``{{ field }}`` renders it (BoundField.as_widget)."""
    widget = field.field.widget
    if not (_renders_as_input(widget) or type(widget) is forms.Select) or field.field.localize:
        return field.as_widget()
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    # Every value in the HTML below is escaped (_attrs, _input, _select), as Django's templates do.
    if isinstance(widget, forms.Input):
        return mark_safe(_input(context))  # noqa: S308
    if _plain_select(widget, context):
        return mark_safe(_select(context))  # noqa: S308
    return field.as_widget()


@register.filter
def light_option(choice):
    """One check box or radio button of a multiple-choice field, as ``{{ choice.tag }}``
    renders it (django/forms/widgets/input_option.html without the wrapping label): one
    template less per option."""
    data = choice.data
    if data["template_name"] not in (
        f"{_WIDGETS}checkbox_option.html",
        f"{_WIDGETS}radio_option.html",
    ):
        return choice.tag()
    return mark_safe(_input(data))  # noqa: S308 (escaped in _input and _attrs)
