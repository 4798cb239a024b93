from django.conf import settings


def site(request):
    """The city and office data every page shows (header, footer, contact)."""
    return {"site": settings.KYOSO_SITE}
