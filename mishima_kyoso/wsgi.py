"""WSGI entry point (gunicorn mishima_kyoso.wsgi)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mishima_kyoso.settings")

application = get_wsgi_application()

if settings.PRODUCTION:
    # gunicorn runs no system checks: a worker that finds an error (a per-process cache,
    # kyoso.E001) does not boot, and gunicorn stops with the message.
    from mishima_kyoso.checks import refuse_to_start_on_errors

    refuse_to_start_on_errors()
