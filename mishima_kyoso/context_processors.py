from django.conf import settings


def site(request):
    """The city and office data every page shows (header, footer, contact).

    Language names stay in their own language (日本語, English), as a switch should show them.
    """
    return {"portal": settings.KYOSO_SITE, "site_languages": settings.LANGUAGES}
