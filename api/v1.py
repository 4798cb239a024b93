"""Version 1 of the read-only public API, mounted at /api/v1/ (issue 15 §8).

django-ninja: the schemas that type the answers also write the OpenAPI document
(/api/v1/openapi.json). No interactive docs page: Swagger UI does not meet JIS X 8341-3 AA
(axe-core finds violations), and the OpenAPI document is what programs read.

Every answer reads through the public selectors and the open-data records of the pages, so
the API shows nothing the public pages do not. Each operation is rate-limited per client
address (throttling.py), then served from the public-page cache (mishima_kyoso.common.caching:
same keys, same data version, so an edit in the admin shows at once).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from mishima_kyoso.common.caching import public_page

from .routes import calls, decisions, soundings, statistics, themes
from .throttling import rate_limited


class UnicodeJSONRenderer(JSONRenderer):
    """Japanese text as UTF-8 characters, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Kyoso portal public API",
    version="1",
    description=(
        "Read-only JSON of what the public pages show: the co-creation list (themes), open "
        "calls, published decisions and statistics. Lists take the filters of their pages and "
        "limit/offset pages (at most 100 rows); dates are ISO 8601. Requests are limited per "
        "client address: over the limit the answer is 429 with Retry-After."
    ),
    urls_namespace="api",
    renderer=UnicodeJSONRenderer(),
    docs_url=None,
    docs_decorator=rate_limited,  # the OpenAPI document counts towards the limit too
)

api.add_router("", themes.router)
api.add_router("", calls.router)
api.add_router("", decisions.router)
api.add_router("", statistics.router)
api.add_router("", soundings.router)  # サウンディング (issue 15 §2)

# Around each whole request ("view": before ninja reads the parameters), the first added
# innermost: the rate limit counts every request, cached or not.
api.add_decorator(public_page, mode="view")
api.add_decorator(rate_limited, mode="view")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(
        request, {"detail": _("No public data at this address.")}, status=404
    )
