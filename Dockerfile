# Kyoso portal: the production image (gunicorn + whitenoise, settings from the environment).
#
#   docker build -t kyoso .
#   docker run -e SECRET_KEY=… -e ALLOWED_HOSTS=kyoso.example.jp -e DATABASE_URL=postgres://… \
#     -e CACHE_URL=redis://… -v kyoso-media:/app/private-media -p 8000:8000 kyoso
#
# Migrations are a release step, not part of the start: run
#   docker run --rm -e … kyoso python manage.py migrate --noinput
#
# The job worker (mail, reminders, periodic jobs) is the same image with another command, one
# or more containers beside the web ones, with the same environment:
#   docker run -e … kyoso python manage.py qcluster
# compose.yaml puts web, worker, the migration step, PostgreSQL and Redis together.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user runs the portal; it owns nothing but the uploaded files.
RUN groupadd --system --gid 10001 kyoso \
    && useradd --system --uid 10001 --gid kyoso --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin kyoso

WORKDIR /app

# pg_dump and pg_restore for `manage.py backup` / `restore` (PostgreSQL 15, as compose.yaml runs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

# The project's dependencies from pyproject.toml (no dev extra), then the code.
# The compiled Japanese catalogue (locale/ja/LC_MESSAGES/django.mo) is committed,
# so gettext is not needed here.
COPY . .
RUN pip install . \
    && rm -rf build ./*.egg-info

ENV KYOSO_ENV=production

# Static files are collected (hashed and compressed for whitenoise) at build time.
# The key and host below exist for this command only; the container needs real ones.
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time-0123456789 \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/private-media \
    && chown kyoso:kyoso /app/private-media

USER kyoso

EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
