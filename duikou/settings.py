"""Django settings for duikou, read from environment variables.

Every value has a safe default (SQLite, DEBUG off, localhost only) except SECRET_KEY, which
must be given (or SECRET_KEY_FILE; `make demo` keeps one in var/). Production sets
DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy

from duikou.lib.env import ConfigurationError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("DUIKOU_VAR_DIR", str(PROJECT_DIR / "var")))

# Off unless asked for: with DEBUG on, a mistyped URL shows every URL of the site.
DEBUG = env_bool("DEBUG", False)
_DEMO_SECRET = "demo-only-insecure-secret-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY and env_str("SECRET_KEY_FILE", ""):
    # A key kept in a file (the demo's var/secret_key, written once by `make demo`; a
    # container secret). Never generated here: without a key, production fails loudly.
    try:
        SECRET_KEY = Path(env_str("SECRET_KEY_FILE", "")).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigurationError(f"SECRET_KEY_FILE cannot be read: {exc}") from None
if not SECRET_KEY and DEBUG:
    SECRET_KEY = _DEMO_SECRET
if not DEBUG and SECRET_KEY in ("", _DEMO_SECRET):
    raise ConfigurationError("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'duikou.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a background job writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    # Parallel writers wait for each other instead of failing with "database is locked":
    # a busy timeout, and transactions that take the write lock when they begin (a deferred
    # transaction that reads and then writes cannot wait; SQLite refuses it at once).
    # The task worker runs deferred (`duikou worker` sets it): a long import validates for
    # most of its run, and its progress bar is written meanwhile by another connection, which
    # an IMMEDIATE transaction would lock out until the task ends. PostgreSQL has no such
    # limit; on the SQLite demo a task that meets a concurrent write fails whole and says so.
    _SQLITE_MODE = env_str("DUIKOU_SQLITE_TRANSACTION_MODE", "IMMEDIATE").upper()
    if _SQLITE_MODE not in ("DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
        raise ConfigurationError(
            "DUIKOU_SQLITE_TRANSACTION_MODE must be DEFERRED, IMMEDIATE or EXCLUSIVE"
        )
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": env_int("SQLITE_TIMEOUT", 20), "transaction_mode": _SQLITE_MODE}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, not Django's shared-cache in-memory database: background jobs and the
    # live server write from other threads, and shared-cache mode answers them with
    # "database table is locked" instead of waiting.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"duikou-test-{os.getpid()}.sqlite3")
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "duikou.core",
    "duikou.accounts",
    "duikou.places",
    "duikou.organisations",
    "duikou.pairings",
    "duikou.projects",
    "duikou.funds",
    "duikou.consumer",
    "duikou.personnel",
    "duikou.twinning",
    "duikou.exchanges",
    "duikou.training",
    "duikou.donations",
    "duikou.investment",
    "duikou.teams",
    "duikou.reader",
    "duikou.dashboard",
    "duikou.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "duikou.core.middleware.RequestIdMiddleware",
    "duikou.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "duikou.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "duikou.core.middleware.CurrentUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "duikou.urls"
WSGI_APPLICATION = "duikou.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "duikou.core.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["duikou.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pairings:overview"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed-login lockout: after this many consecutive failures the account is locked.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# A filter's empty choice reads "全部", not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Production (`make serve`, the systemd units, the offline bundle) sets STATIC_MANIFEST=1 and
# runs collectstatic: WhiteNoise then serves hashed, gzip/brotli-compressed files from
# STATIC_ROOT with far-future caching. Without it (tests, runserver) files come from the apps.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "duikou.core.staticstorage.StaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag instead
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind HTTPS (docs/deployment.md): SECURE_COOKIES=1 marks the session and CSRF cookies
# Secure; HSTS_SECONDS>0 sends Strict-Transport-Security (an option: a site first served over
# HTTPS only); SECURE_SSL_REDIRECT=1 if no proxy redirects already. The proxy in front says
# which requests came over HTTPS (X-Forwarded-Proto, set by the nginx example).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = False
# Intranet names are never on the browsers' HSTS preload list: the check that asks for it
# does not apply here.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False
# Origins a form may be posted from when the site is reached over HTTPS through a proxy
# (https://duikou.example.gov.cn); Django checks them with the Origin header.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (duikou.core.middleware.ContentSecurityPolicyMiddleware): every
# asset from this site only — no CDN, no other host. Inline <script>/<style> are still allowed
# because a few templates carry short inline scripts and Bootstrap markup uses style="…";
# moving those into static files would allow dropping 'unsafe-inline'.
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "duikou.core.authentication.TokenAuthentication",
        "duikou.core.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["duikou.core.permissions.ScopedPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Domain refusals (Refused, a protected delete) become 409/400 with a code, never a 500.
    "EXCEPTION_HANDLER": "duikou.core.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "duikou API",
    "DESCRIPTION": "对口援疆管理平台 REST API (v1)",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI assets from the sidecar package: no CDN on government intranets.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for the project lifecycle's statuses wherever the schema lists them.
    # Every module has its own "kind" (and some a "field"): each choice set is named, so the
    # schema's enum names are stable and `check --deploy` has no collision warning.
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "duikou.projects.choices.Status",
        "ChannelKindEnum": "duikou.consumer.choices.ChannelKind",
        "DonorKindEnum": "duikou.donations.choices.DonorKind",
        "RecipientKindEnum": "duikou.donations.choices.RecipientKind",
        "ExchangeKindEnum": "duikou.exchanges.choices.EventKind",
        "TransactionKindEnum": "duikou.funds.choices.TransactionKind",
        "PromotionEventKindEnum": "duikou.investment.choices.EventKind",
        "ParkKindEnum": "duikou.investment.choices.ParkKind",
        "PartyKindEnum": "duikou.organisations.choices.PartyKind",
        "OrganisationKindEnum": "duikou.organisations.choices.OrganisationKind",
        "PersonnelKindEnum": "duikou.personnel.choices.Kind",
        "PersonnelFieldEnum": "duikou.personnel.choices.Field",
        "AttachmentKindEnum": "duikou.projects.choices.AttachmentKind",
        "OutcomeKindEnum": "duikou.teams.choices.OutcomeKind",
        "TrainingFieldEnum": "duikou.training.choices.Field",
        "PairKindEnum": "duikou.twinning.choices.PairKind",
        "HouseholdKindEnum": "duikou.twinning.choices.HouseholdKind",
    },
    # The error responses the generic layer gives, documented on every operation.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "duikou.core.schema.add_error_responses",
    ],
}

# Background tasks (duikou.core.tasks) go through django-tasks. "database" (the default) is a
# real queue in our own database, served by `duikou worker` processes on any machine that
# reaches it; "immediate" runs a task at once in the caller (tests, or an installation without
# workers).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
DUIKOU_TASK_BACKEND = env_str("DUIKOU_TASK_BACKEND", "database")
if DUIKOU_TASK_BACKEND not in TASK_BACKENDS:
    raise ConfigurationError(
        f"DUIKOU_TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}, "
        f"not {DUIKOU_TASK_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[DUIKOU_TASK_BACKEND]}}
# /healthz says "degraded" once the oldest queued task has waited longer (seconds).
HEALTH_MAX_QUEUE_AGE = env_int("HEALTH_MAX_QUEUE_AGE", 600)

# Report reader (duikou.reader): uploads above the limit are refused.
READER_MAX_UPLOAD_BYTES = env_int("READER_MAX_UPLOAD_MB", 50) * 1024 * 1024
# A .docx that unpacks to more is refused before it is parsed; of a longer text only the first
# characters are read, and at most so many quantities are kept per document.
READER_MAX_UNCOMPRESSED_MB = env_int("READER_MAX_UNCOMPRESSED_MB", 100)
READER_MAX_TEXT_CHARACTERS = env_int("READER_MAX_TEXT_CHARACTERS", 1_000_000)
READER_MAX_MENTIONS = env_int("READER_MAX_MENTIONS", 20_000)

# The programme this installation serves, as its names are written into derived organisation
# names (江苏省对口支援新疆伊犁哈萨克自治州前方指挥部, 江苏援疆伊宁县工作组). The region itself
# comes from the loaded reference data; 对口援藏 would set 西藏 and 援藏.
DUIKOU_REGION_SHORT_NAME = env_str("DUIKOU_REGION_SHORT_NAME", "新疆")
DUIKOU_PROGRAMME_SHORT_NAME = env_str("DUIKOU_PROGRAMME_SHORT_NAME", "援疆")

# The two-80 rule: place levels whose aid funds count as "county level and below".
DUIKOU_COUNTY_AND_BELOW_LEVELS = env_list(
    "DUIKOU_COUNTY_AND_BELOW_LEVELS", ["county", "township", "village"]
)
# Imports (.xlsx/.csv): files above this size are refused before they are read, and a
# workbook that unpacks to more than this is refused before it is opened.
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 20)
IMPORT_MAX_UNCOMPRESSED_MB = env_int("IMPORT_MAX_UNCOMPRESSED_MB", 200)
# At most this many data rows per import file (a 20,000-row project file is checked and
# written in about 25 s as tasks on PostgreSQL; 100,000 take a worker about 2 minutes and
# some 0.7 GB of memory). Exports of more records than EXPORT_TASK_ROWS run as a task.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
EXPORT_TASK_ROWS = env_int("EXPORT_TASK_ROWS", 20_000)
# No export holds more records (about 5 minutes of a worker for .xlsx); a bigger one is
# refused with a message to narrow the filter. Lists show at most 200 rows a page and page
# through the first LIST_MAX_PAGE_ROWS records of a selection (core.generic.paginate_table).
EXPORT_MAX_ROWS = env_int("EXPORT_MAX_ROWS", 500_000)
LIST_MAX_PAGE_ROWS = env_int("LIST_MAX_PAGE_ROWS", 10_000)
# Project attachments (documents, photos) above this size are refused.
PROJECT_ATTACHMENT_MAX_MB = env_int("PROJECT_ATTACHMENT_MAX_MB", 20)

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "duikou.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "duikou.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
