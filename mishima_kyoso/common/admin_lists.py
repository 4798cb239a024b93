"""The admin's editable lists (list_editable), named for screen readers.

Django renders an editable column's inputs with no label (the column header is not tied to
them), which JIS X 8341-3 / WCAG 1.3.1 and 4.1.2 refuse: each input is named here by its
column and its row ("表示順 — 環境政策課").
"""

from django.contrib import admin


class LabelledListEditableMixin:
    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class LabelledForm(base):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                for field in self.fields.values():
                    if self.instance.pk is not None:
                        field.widget.attrs["aria-label"] = f"{field.label} — {self.instance}"

        return LabelledForm


class LabelledListEditableAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    pass
