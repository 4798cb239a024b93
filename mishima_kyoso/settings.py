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
    "accounts",
    "cocreation_list",
    "proposals",
    "dialogue",
    "evaluation",
    "outcomes",
    "mishima_kyoso",
]

MIDDLEWARE = [
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://kyoso")}

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
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SESSION_REMEMBER = None
# Throttling against password guessing (allauth's own limits; they live in the cache, so
# production with several workers wants a shared cache: CACHE_URL=redis://…).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("KYOSO_LOGIN_FAILED_LIMIT", default="10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("KYOSO_TOTP_ISSUER", default="Kyoso portal")
# Staff (office and departments) must use two-factor authentication; on in production.
KYOSO_STAFF_2FA_REQUIRED = env.bool("KYOSO_STAFF_2FA_REQUIRED", default=PRODUCTION)

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
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "private-media")
PRIVATE_STORAGE_BACKEND = env.str(
    "PRIVATE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Proposals' files: confidential, never given a URL (S3-compatible with
    # PRIVATE_STORAGE_BACKEND=storages.backends.s3.S3Storage and django-storages installed).
    "private": {
        "BACKEND": PRIVATE_STORAGE_BACKEND,
        "OPTIONS": env.json("PRIVATE_STORAGE_OPTIONS", default={}),
    },
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
    # The load balancer's health probe speaks plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The city running this portal: data, not code (DESIGN: another municipality can run it).
KYOSO_SITE = {
    "city_name": _("Mishima City"),
    "office_name": _("Co-creation Promotion Office, Policy Planning Division"),
    "office_phone": env.str("KYOSO_OFFICE_PHONE", default="055-983-2616"),
    "office_email": env.str("KYOSO_OFFICE_EMAIL", default="kyoso@city.mishima.example.jp"),
    "office_address": _("4-47 Kitata-cho, Mishima, Shizuoka 411-8666"),
    "office_hours": _("Weekdays 8:30–17:15 (closed on national holidays and 29 Dec–3 Jan)"),
}
KYOSO_THEMES_PER_PAGE = env.int("KYOSO_THEMES_PER_PAGE", default=20)
# Upload limits of proposals and messages (issue 4): per file and per proposal, in bytes.
KYOSO_MAX_FILE_BYTES = env.int("KYOSO_MAX_FILE_BYTES", default=20 * 1024 * 1024)
KYOSO_MAX_PROPOSAL_BYTES = env.int("KYOSO_MAX_PROPOSAL_BYTES", default=100 * 1024 * 1024)
# The city office's year-end closure (閉庁日), from (month, day) to (month, day), inclusive.
KYOSO_YEAR_END_CLOSURE = ((12, 29), (1, 3))
# Business days the city has to answer: a new case, and a message from the proposer.
KYOSO_FIRST_RESPONSE_DAYS = env.int("KYOSO_FIRST_RESPONSE_DAYS", default=10)
KYOSO_REPLY_DAYS = env.int("KYOSO_REPLY_DAYS", default=5)
# The portal's public address, for links in e-mails.
KYOSO_BASE_URL = env.str("KYOSO_BASE_URL", default="http://127.0.0.1:8000")
# Where the office is told about new proposals (the intake window, 一元的な受付).
KYOSO_OFFICE_NOTIFY_EMAILS = env.list(
    "KYOSO_OFFICE_NOTIFY_EMAILS", default=[KYOSO_SITE["office_email"]]
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Anonymous visitors get public pages from the cache; 0 turns it off.
KYOSO_PUBLIC_PAGE_CACHE_SECONDS = env.int("KYOSO_PUBLIC_PAGE_CACHE_SECONDS", default=300)
