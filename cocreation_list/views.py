"""Public pages of the co-creation list."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from mishima_kyoso.common.caching import public_fragment, public_page
from mishima_kyoso.common.pagination import ListPaginator

from . import selectors
from .filters import ThemeFilter


@public_page
def theme_list(request):
    """/themes/: the list with filters, keyword, sort and pages, all kept in the URL.

    The list below the header is the same for every visitor: rendered once per URL, language,
    day and data version (public_fragment), for the signed-in too."""
    listing = public_fragment(request, lambda: _theme_list_content(request))
    return render(request, "cocreation_list/theme_list.html", listing)


def _theme_list_content(request) -> dict:
    themes = ThemeFilter(request.GET, queryset=selectors.public_themes())
    paginator = ListPaginator(
        themes.qs,
        settings.KYOSO_THEMES_PER_PAGE,
        bound=None,  # a few thousand: counted exactly
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": themes,
        "page_obj": page,
        "themes": page.object_list,
        "result_count": paginator.count,
        "querystring": query.urlencode(),
        "today": timezone.localdate(),
    }
    html = render_to_string("cocreation_list/_theme_list_content.html", context, request)
    return {"content": mark_safe(html), "page_number": page.number}  # noqa: S308 (escaped there)


@public_page
def theme_detail(request, number):
    """/themes/<number>/: every public field of one theme, its goals, Q&A and files."""
    theme = get_object_or_404(selectors.public_theme_detail(), number=number)
    return render(
        request,
        "cocreation_list/theme_detail.html",
        {
            "theme": theme,
            "today": timezone.localdate(),
            "days_left": theme.days_left(),
            "goals": selectors.theme_goals(theme),
        },
    )


def theme_attachment(request, number, pk):
    """A public file of a public theme; a draft's files do not exist for the public."""
    theme = get_object_or_404(selectors.public_themes(), number=number)
    attachment = get_object_or_404(theme.attachments, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)
