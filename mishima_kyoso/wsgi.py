"""WSGI entry point (gunicorn mishima_kyoso.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mishima_kyoso.settings")

application = get_wsgi_application()
