"""Settings for the Kyoso portal, read from the environment (django-environ).

Development is the default: DEBUG on, SQLite file, mail on the console.
``KYOSO_ENV=production`` switches on the production mode, in which the portal
refuses to start without a SECRET_KEY and ``check --deploy`` is silent.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from jobs.retry import attempts_for
from mishima_kyoso.logging import logging_config
from mishima_kyoso.storage import PRIVATE, local_storages, s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env.str("KYOSO_ENV", default="development") == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when KYOSO_ENV=production.")

if DEBUG:
    # Development only: a fixed key so that sessions survive a restart.
    SECRET_KEY = env.str(
        "SECRET_KEY", default="dev-only-key-kyoso-not-for-production-0123456789abcdef"
    )
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Set SECRET_KEY (50 random characters or more) when DEBUG is off."
        )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A refused form gives its text back, in Japanese (mishima_kyoso/kept_forms.py, issue 13).
CSRF_FAILURE_VIEW = "mishima_kyoso.kept_forms.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "simple_history",
    "django_q",
    "jobs",
    "outbox",
    "municipality",
    "accounts",
    "notifications",
    "terms",
    "cocreation_list",
    "proposals",
    "partnership",
    "dialogue",
    "evaluation",
    "outcomes",
    "soundings",
    "documents",
    "disclosure",
    "retention",
    "citizens",
    "api",
    "mishima_kyoso",
]

MIDDLEWARE = [
    # First: every answer, a redirect to HTTPS included, has a request id and a log line.
    "mishima_kyoso.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mishima_kyoso.middleware.JapaneseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: a form posted after the session ended keeps its text through the sign-in.
    "mishima_kyoso.kept_forms.KeptFormMiddleware",
]

ROOT_URLCONF = "mishima_kyoso.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mishima_kyoso.context_processors.site",
                "notifications.context_processors.notification_menu",
                "mishima_kyoso.context_processors.account_menu",
            ],
        },
    },
]

WSGI_APPLICATION = "mishima_kyoso.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # No JIT compilation: the pages run short queries whose cost estimates (correlated EXISTS
    # for the visibility rules) pass jit_above_cost, and compiling them cost 100-200 ms where
    # executing takes a few (issue 14, benchmarks/explain_lists.py).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default is shared by the web server and the job worker: writers queue
    # behind each other (BEGIN IMMEDIATE, wait up to 20 s) instead of failing with
    # "database is locked", and readers never wait for a writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds what every web process must agree on (DESIGN §6): allauth's rate limits,
# the TOTP codes already used, the public pages' data version and the pages themselves. Production
# runs several processes on several machines, so it needs a shared cache, Redis through Django's
# own backend (CACHE_URL=redis://host:6379/1, rediss:// for TLS); a per-process cache there is a
# system check error (mishima_kyoso/checks.py, kyoso.E001). Per-process memory in development.
_cache_url = env.str("CACHE_URL", default="locmemcache://kyoso")
_redis = _cache_url.startswith(("redis://", "rediss://"))
CACHES = {
    "default": env.cache_url_config(
        # Django's built-in backend even if django-redis happens to be installed.
        _cache_url,
        backend="django.core.cache.backends.redis.RedisCache" if _redis else None,
    )
}
# One Redis may serve several portals (or a staging beside production): keys never collide.
CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="kyoso"))
if _redis:
    # A Redis that hangs fails a request within seconds instead of holding a worker until
    # gunicorn's 30-s timeout kills it.
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 5)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 5)
# Sessions stay in the database: shared by every process like the cache, but durable, so that a
# Redis restart or eviction signs nobody out nor loses a sign-in halfway (allauth keeps its
# login stages, TOTP set-up and login codes in the session); the database stays the only
# store to back up.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "proposals:dashboard"

# Accounts (django-allauth): e-mail login, verified e-mail before anything else.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The person's name (accounts) and the proposal terms and the privacy notice (terms app) are
# asked with the account.
ACCOUNT_SIGNUP_FORM_CLASS = "mishima_kyoso.signup.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SESSION_REMEMBER = None
# Throttling against password guessing: allauth's own limits, counted in the shared cache, so
# that every process sees the same count. A blocked sign-in answers 429 (accounts/adapter.py).
ACCOUNT_RATE_LIMITS = {
    # Per client address and per account (the e-mail typed): the 6th wrong password in 5
    # minutes is refused for that account, whoever types it.
    "login_failed": env.str("KYOSO_LOGIN_FAILED_LIMIT", default="10/m/ip,5/5m/key"),
    "login": "30/m/ip",
    # A one-time sign-in code by e-mail: how the owner gets in while a stranger's wrong
    # passwords keep the account's password sign-in blocked. Limited per address, and per
    # account to 3 mails a minute (a short window: a stranger asking for codes delays the
    # owner by a minute at most; the codes reach only the owner's mailbox).
    "request_login_code": env.str("KYOSO_LOGIN_CODE_LIMIT", default="20/m/ip,3/m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Sign-in by a one-time code mailed to the account's address (allauth): offered on the sign-in
# page, and on the page that says the account's password sign-in is blocked. The code works
# only in the browser that asked for it, 3 tries, 3 minutes; staff with an authenticator app
# still give their TOTP code after it (allauth.mfa's login stage).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Rate limits count per client address. Behind the TLS proxy every request comes from the
# proxy: allauth then takes the address the trusted proxies added to X-Forwarded-For (the
# n-th from the right, n = the proxies under our control), so one person cannot lock out
# every sign-in, and an address a client forges in the header is ignored. 0: REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("KYOSO_TRUSTED_PROXY_COUNT", default=0)
# Or a header the proxy sets to the client's address alone (e.g. X-Real-IP); wins if set.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("KYOSO_TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("KYOSO_TOTP_ISSUER", default="Kyoso portal")
# Whoever reads confidential content (staff, evaluators: accounts.roles) must use two-factor
# authentication; on in production. KYOSO_STAFF_2FA_REQUIRED is the earlier name, still read.
KYOSO_2FA_REQUIRED = env.bool(
    "KYOSO_2FA_REQUIRED", default=env.bool("KYOSO_STAFF_2FA_REQUIRED", default=PRODUCTION)
)

# Object permissions (django-guardian); no anonymous user row: visitors never hold grants.
GUARDIAN_ANONYMOUS_USER_NAME = None
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# Japanese first (DESIGN §6): ja by default, en available.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are never served from a public URL: every download goes through a view.
# Two stores (mishima_kyoso/storage.py): "private" (proposals', agreements' and messages'
# files) and "public" (the themes' documents); on this machine, or in two S3 buckets.
KYOSO_STORAGE = env.str("KYOSO_STORAGE", default="local")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "private-media")
# Empty: the folder "public" inside MEDIA_ROOT.
PUBLIC_MEDIA_ROOT = env.str("PUBLIC_MEDIA_ROOT", default="")
if KYOSO_STORAGE == "local":
    FILE_STORAGES = local_storages()
elif KYOSO_STORAGE == "s3":
    FILE_STORAGES = s3_storages(
        private_bucket=env.str("KYOSO_S3_PRIVATE_BUCKET", default=""),
        public_bucket=env.str("KYOSO_S3_PUBLIC_BUCKET", default=""),
        endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default=""),
        region_name=env.str("AWS_S3_REGION_NAME", default=""),
        access_key=env.str("AWS_ACCESS_KEY_ID", default=""),
        secret_key=env.str("AWS_SECRET_ACCESS_KEY", default=""),
        addressing_style=env.str("AWS_S3_ADDRESSING_STYLE", default=""),
    )
else:
    raise ImproperlyConfigured("KYOSO_STORAGE must be local or s3.")
STORAGES = {
    # A file field that names no store gets the private one, never the public one.
    "default": FILE_STORAGES[PRIVATE],
    **FILE_STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":  # noqa: F821 (from EMAIL_URL)
    # The same, telling a refused mail from one the server may have taken (outbox.jobs).
    EMAIL_BACKEND = "outbox.backends.EmailBackend"
# A mail server that hangs holds a job worker this long at most, never a web request: every
# mail is sent by a job (outbox).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kyoso@city.mishima.example.jp")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers, on in every mode so that development shows what production does.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer's health and readiness probes speak plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    if env.bool("BEHIND_TLS_PROXY", default=False):
        # The proxy terminates TLS and says so in X-Forwarded-Proto.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# Logs: one JSON object a line on stdout in production (or with LOG_FORMAT=json), with the
# request id, the user's id and the job's id, never a proposal's content; readable text on
# stderr in development (mishima_kyoso/logging.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured('LOG_FORMAT must be "json" or "text".')
LOGGING = logging_config(fmt=LOG_FORMAT, level=env.str("LOG_LEVEL", default="INFO"))

# The job engine (django-q2). Its queue is a table in the portal's own database (ORM broker):
# a job enqueued in a transaction commits or rolls back with it, on SQLite and PostgreSQL alike
# (DESIGN §6, jobs/queue.py). Workers: `python manage.py qcluster`, on any machine.
KYOSO_JOB_TIMEOUT = env.int("KYOSO_JOB_TIMEOUT", default=120)
# A failing job is retried after 1, 2, 4 … minutes, at most an hour apart, for a day; then it is
# kept as failed for the office to retry by hand (admin: 失敗した処理).
KYOSO_JOB_RETRY_FIRST_SECONDS = env.int("KYOSO_JOB_RETRY_FIRST_SECONDS", default=60)
KYOSO_JOB_RETRY_LONGEST_SECONDS = env.int("KYOSO_JOB_RETRY_LONGEST_SECONDS", default=3600)
KYOSO_JOB_RETRY_HOURS = env.float("KYOSO_JOB_RETRY_HOURS", default=24)
Q_CLUSTER = {
    "name": "kyoso",
    "orm": "default",
    "workers": env.int("KYOSO_JOB_WORKERS", default=2),
    "timeout": KYOSO_JOB_TIMEOUT,
    # A job whose worker died is offered to the workers again after this many seconds.
    "retry": env.int("KYOSO_JOB_REDELIVER_SECONDS", default=KYOSO_JOB_TIMEOUT + 30),
    "max_attempts": attempts_for(
        KYOSO_JOB_RETRY_HOURS,
        first=KYOSO_JOB_RETRY_FIRST_SECONDS,
        longest=KYOSO_JOB_RETRY_LONGEST_SECONDS,
    ),
    "ack_failures": False,  # a failed job stays queued for its retry (jobs.queue.back_off)
    "catch_up": False,  # a periodic job missed while no worker ran runs once, not n times
    "poll": env.float("KYOSO_JOB_POLL_SECONDS", default=0.5),
    "save_limit": 1000,
    "recycle": 500,
    "label": _("Job engine"),
}

# The city running this portal is data, edited in the admin (municipality.CityProfile): these
# values only seed its first row (municipality/migrations/0002_mishima_profile.py).
KYOSO_SITE = {
    "city_name": _("Mishima City"),
    "office_name": _("Co-creation Promotion Office, Policy Planning Division"),
    "office_phone": env.str("KYOSO_OFFICE_PHONE", default="055-983-2616"),
    "office_email": env.str("KYOSO_OFFICE_EMAIL", default="kyoso@city.mishima.example.jp"),
    "office_address": _("4-47 Kitata-cho, Mishima, Shizuoka 411-8666"),
    "office_hours": _("Weekdays 8:30–17:15 (closed on national holidays and 29 Dec–3 Jan)"),
}
KYOSO_THEMES_PER_PAGE = env.int("KYOSO_THEMES_PER_PAGE", default=20)
# Upload limits of proposals and messages: per file and per proposal, in bytes.
KYOSO_MAX_FILE_BYTES = env.int("KYOSO_MAX_FILE_BYTES", default=20 * 1024 * 1024)
KYOSO_MAX_PROPOSAL_BYTES = env.int("KYOSO_MAX_PROPOSAL_BYTES", default=100 * 1024 * 1024)
# 保存期間: months a record class is kept after it closed, then listed for the office's approved
# disposal (retention app): closed (declined, withdrawn, not adopted) and completed cases, the
# access log, accounts without a sign-in.
KYOSO_RETENTION = {
    "closed_case": env.int("KYOSO_RETENTION_CLOSED_CASE_MONTHS", default=60),
    "completed_case": env.int("KYOSO_RETENTION_COMPLETED_CASE_MONTHS", default=120),
    "access_log": env.int("KYOSO_RETENTION_ACCESS_LOG_MONTHS", default=36),
    "inactive_account": env.int("KYOSO_RETENTION_INACTIVE_ACCOUNT_MONTHS", default=36),
}
# An uploaded Office file (a zip) may expand to at most this many bytes, and by at most this
# ratio to its own size (zip bombs: proposals.files, mishima_kyoso/common/documents.py).
KYOSO_UPLOAD_MAX_EXPANDED_BYTES = env.int(
    "KYOSO_UPLOAD_MAX_EXPANDED_BYTES", default=100 * 1024 * 1024
)
KYOSO_UPLOAD_MAX_RATIO = env.int("KYOSO_UPLOAD_MAX_RATIO", default=100)
# The city office's year-end closure (閉庁日), from (month, day) to (month, day), inclusive.
KYOSO_YEAR_END_CLOSURE = ((12, 29), (1, 3))
# Business days the city has to answer: a new case, and a message from the proposer.
KYOSO_FIRST_RESPONSE_DAYS = env.int("KYOSO_FIRST_RESPONSE_DAYS", default=10)
KYOSO_REPLY_DAYS = env.int("KYOSO_REPLY_DAYS", default=5)
# The portal's public address (scheme and host, e.g. https://kyoso.city.mishima.example.jp):
# every link in a mail starts with it, allauth's too (accounts/adapter.py), never with the host
# a request happened to name. `make run` passes its own HOST and PORT; production has no default
# and its system check refuses to start without it (mishima_kyoso/checks.py, kyoso.E002).
KYOSO_BASE_URL = env.str(
    "KYOSO_BASE_URL", default="" if PRODUCTION else "http://127.0.0.1:8000"
).rstrip("/")
# Where the office is told about new proposals (the intake window, 一元的な受付); empty: the
# office's e-mail in the city's profile (municipality.selectors.office_inboxes).
KYOSO_OFFICE_NOTIFY_EMAILS = env.list("KYOSO_OFFICE_NOTIFY_EMAILS", default=[])
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Anonymous visitors get public pages from the cache; 0 turns it off.
KYOSO_PUBLIC_PAGE_CACHE_SECONDS = env.int("KYOSO_PUBLIC_PAGE_CACHE_SECONDS", default=300)
# Rendered fragments shared by every visitor (a theme card), keyed by the row's version, the
# public data version, the language and the date; 0 renders them every time.
KYOSO_FRAGMENT_CACHE_SECONDS = env.int("KYOSO_FRAGMENT_CACHE_SECONDS", default=3600)
# A public list below the header (/themes/ with its filters), the same for every visitor signed
# in or not, keyed like the whole-page cache (language, URL, date, data version); 0: rendered
# every time.
KYOSO_LIST_CACHE_SECONDS = env.int("KYOSO_LIST_CACHE_SECONDS", default=3600)
# The public API (/api/v1/): requests per client address, counted across processes in the
# shared cache like the sign-in limits (allauth's rate syntax: 60/m, 1000/h, "" for none).
KYOSO_API_RATE_LIMIT = env.str("KYOSO_API_RATE_LIMIT", default="60/m/ip")
# The citizens' forms (issue suggestions, feedback on services): sendings per client address,
# counted the same way (citizens/antispam.py); "" for none.
KYOSO_CITIZENS_RATE_LIMIT = env.str("KYOSO_CITIZENS_RATE_LIMIT", default="5/10m/ip,20/d/ip")
# /readyz answers 503 when the oldest job due has waited longer than this: no worker is running.
KYOSO_READYZ_MAX_JOB_WAIT_SECONDS = env.int("KYOSO_READYZ_MAX_JOB_WAIT_SECONDS", default=600)
