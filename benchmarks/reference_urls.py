"""Reference pages for render_profile.py: what Django itself costs for the same rows.

Never part of the portal's URLs: render_profile.py points ROOT_URLCONF here (the portal's own
URLs, plus the two below) for its in-process measures only. They say how far the issue's
ratios can go with Django's own machinery, whatever the portal does:

- ``/reference/admin/proposals/proposal/``: a stock ``ModelAdmin`` changelist of the same
  cases (plain field columns, the same 50 rows a page, the organisation joined, no filters, no
  actions beyond Django's delete, no search; its counts as Django ships them: every submitted
  case counted, twice) on an ``AdminSite`` of its own;
- ``/reference/list/``: the same 50 cases rendered by a minimal Django template into a
  seven-column table, with no header, no footer, no session and no form: what the template
  engine costs for 50 rows written the plain way (``get_FOO_display``, ``|date``).

Both list the submitted cases in the admin list's order (nearest deadline first), which the
index ``proposal_admin_due_idx`` reads in order, the organisation joined and the long texts
deferred: the database does no more for them than for the portal's lists.
"""

from django.contrib import admin
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from mishima_kyoso.urls import urlpatterns as portal_urlpatterns
from proposals.models import Proposal
from proposals.selectors import listed

reference_site = admin.AdminSite(name="reference_admin")
ORDER = ("next_due_on", "submitted_at", "pk")  # proposal_admin_due_idx


class StockProposalAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "title",
        "kind",
        "organization",
        "status",
        "submitted_at",
        "next_due_on",
    )
    list_select_related = ("organization",)
    list_per_page = 50
    ordering = ORDER

    def get_queryset(self, request):
        return listed(super().get_queryset(request)).exclude(status=Proposal.Status.DRAFT)


reference_site.register(Proposal, StockProposalAdmin)

_TABLE = engines["django"].from_string(
    """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>cases</title></head>
<body><table><thead><tr><th>reference</th><th>title</th><th>kind</th><th>organisation</th>
<th>status</th><th>received</th><th>next deadline</th></tr></thead><tbody>
{% for case in cases %}<tr><td><a href="/staff/cases/{{ case.pk }}/">{{ case.reference }}</a>
</td><td>{{ case.title }}</td><td>{{ case.get_kind_display }}</td>
<td>{{ case.organization.name }}</td><td>{{ case.get_status_display }}</td>
<td>{{ case.submitted_at|date:"Y-m-d" }}</td><td>{{ case.next_due_on|date:"Y-m-d" }}</td></tr>
{% endfor %}</tbody></table></body></html>"""
)


def reference_list(request):
    cases = listed(Proposal.objects.exclude(status=Proposal.Status.DRAFT)).order_by(*ORDER)[:50]
    return HttpResponse(_TABLE.render({"cases": cases}, request))


urlpatterns = [
    path("reference/admin/", reference_site.urls),
    path("reference/list/", reference_list),
    *portal_urlpatterns,
]
