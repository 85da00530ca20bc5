"""Avvik's one settings module, read from the environment.

With nothing set, Avvik runs embedded: SQLite under ``var/``, no broker (``run_scheduler``
does the periodic work), e-mail written as files under ``var/mail/``, DEBUG on. Production
sets DATABASE_URL, CELERY_BROKER_URL, the SMTP variables, SECRET_KEY, ALLOWED_HOSTS and
DEBUG=false.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from core.env import env_bool, env_list
from core.national_id import parse_keys as _parse_national_id_keys
from core.storage import attachment_storage
from notifications.rules.channels import parse_order as _parse_delivery_order

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("AVVIK_VAR_DIR", BASE_DIR / "var"))


DEBUG = env_bool("DEBUG", True)


def _development_secret_key() -> str:
    """A key generated once per checkout, so sessions survive a restart of `make run`."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "core",
    "accounts",
    "incidents",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.NoStoreMiddleware",
    "incidents.web.access_log.CaseAccessLogMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "core.error_pages.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

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
                "accounts.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "avvik.sqlite3"),
            "OPTIONS": {
                # Two processes (web and run_scheduler) share the file: wait for a lock
                # instead of failing, and take the write lock when a transaction starts so
                # that select_for_update-style read-then-write cannot deadlock.
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norsk bokmål")),
    ("nn", _("Norsk nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files attached to cases (core.storage): var/attachments, or S3 when AVVIK_S3_BUCKET is set.
    "attachments": attachment_storage(os.environ, VAR_DIR),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail ------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Avvik <avvik@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# --- Celery -------------------------------------------------------------------------------
# Empty means no broker: nothing is enqueued and run_scheduler does the work from the
# database. The database is the source of truth either way.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A request must not hang when Redis is down: the database keeps the work and a
    # sweep queues it again later.
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # One connection attempt when publishing: kombu otherwise retries for the 4 s
    # broker_connection_timeout (2 + 4 s of back-off), so each e-mail of a request would
    # cost ~6 s with Redis down. The worker's consumer keeps its own retry policy.
    "max_retries": 0,
    # With acks_late a task a worker died on is given to another worker after this.
    "visibility_timeout": 300,
}
CELERY_TASK_PUBLISH_RETRY = False
# Work that must not wait behind a backlog of thousands of queued notices has a queue of
# its own, which every worker also consumes (no -Q needed; Redis is read round-robin): the
# periodic jobs (the deadline sweep; the flush that gives a dead worker's deliveries back)
# and the re-sending of those deliveries.
CELERY_TASK_DEFAULT_QUEUE = "celery"
AVVIK_PROMPT_QUEUE = "prompt"
CELERY_TASK_QUEUES = (Queue(CELERY_TASK_DEFAULT_QUEUE), Queue(AVVIK_PROMPT_QUEUE))
CELERY_TASK_ROUTES = {"avvik.run_periodic_job": {"queue": AVVIK_PROMPT_QUEUE}}

# Periodic jobs: dotted path -> seconds between runs. run_scheduler (embedded) and Celery
# beat (production) both run exactly this list; each job takes `now` and is idempotent.
AVVIK_PERIODIC_JOBS: dict[str, int] = {
    "notifications.services.outbox.flush_outbox": 10,
    "incidents.services.measures.send_measure_digests": 300,
    "incidents.services.reminders.sweep_deadlines": 60,
    "notifications.services.delivery.flush_deliveries": 10,
    "notifications.services.recipients.purge_recipients": 3600,
    "notifications.services.shipments.flush_shipments": 10,
    "notifications.services.shipments.poll_shipments": 300,
    "notifications.services.letters.render_letter_batches": 10,
}

# Names and addresses of the people told are blanked this many days after the notices were
# completed (art. 5(1)(e)); counts and delivery outcomes stay in the register.
AVVIK_RECIPIENT_RETENTION_DAYS = int(os.environ.get("AVVIK_RECIPIENT_RETENTION_DAYS", "90"))

# National ID numbers of the people told (fødselsnummer, D-nummer) are stored encrypted
# (core/national_id.py). AVVIK_NATIONAL_ID_KEYS: comma-separated Fernet keys; the first
# encrypts, all decrypt; rotate by putting a new key first, running
# `manage.py reencrypt_national_ids`, then removing the old key. AVVIK_NATIONAL_ID_HMAC_KEY
# (optional, any long random string): the key of the hash that finds a person twice on a
# case; without it one is derived from each Fernet key. With DEBUG on and no keys set, a
# FIXED DEVELOPMENT KEY (core.national_id.DEVELOPMENT_KEY, public in the source) is used,
# so development data and tests survive a restart: never for real numbers. With DEBUG off
# Avvik refuses to start without AVVIK_NATIONAL_ID_KEYS.
try:
    AVVIK_NATIONAL_ID_KEYS = _parse_national_id_keys(os.environ.get("AVVIK_NATIONAL_ID_KEYS", ""))
except ValueError as _error:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(str(_error)) from None
if not AVVIK_NATIONAL_ID_KEYS and not DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "AVVIK_NATIONAL_ID_KEYS must be set when DEBUG is off: national ID numbers are stored encrypted."
    )
AVVIK_NATIONAL_ID_HMAC_KEY = os.environ.get("AVVIK_NATIONAL_ID_HMAC_KEY", "").strip()

# How the people affected are told, in the organisation's order of preference: each person
# gets the first of these that can reach them (email needs an address; svarut needs
# the SvarUt sender account, AVVIK_SVARUT_URL, _USERNAME and _PASSWORD below, and a national
# ID or postal address; letter needs a postal address).
AVVIK_DELIVERY_CHANNELS = list(_parse_delivery_order(env_list("AVVIK_DELIVERY_CHANNELS", [])))

# Files attached to a case: at most this many bytes each (AVVIK_ATTACHMENT_MAX_MB, default
# 20 MB). Checked for viruses by the clamd at AVVIK_CLAMD (a unix socket path or host:port)
# when it is set; without it files are kept and marked as not checked.
AVVIK_ATTACHMENT_MAX_BYTES = int(os.environ.get("AVVIK_ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
AVVIK_CLAMD = os.environ.get("AVVIK_CLAMD", "").strip()
AVVIK_CLAMD_TIMEOUT = float(os.environ.get("AVVIK_CLAMD_TIMEOUT", "60"))

# Art. 33(1): Datatilsynet is told within this many hours of awareness. 72 by law today;
# a setting because proposals to change it exist. Every deadline is computed from it.
AVVIK_AUTHORITY_DEADLINE_HOURS = int(os.environ.get("AVVIK_AUTHORITY_DEADLINE_HOURS", "72"))

# The 72-hour clock (art. 33(1)): reminders at these hours after awareness, to these
# audiences ("dpo", "handler" = the assigned handler, "management"); after the deadline a
# reminder every `every_hours` until Datatilsynet is notified or notifying is decided against.
AVVIK_REMINDER_LADDER: list[dict[str, object]] = [
    {"hours": 24, "to": ("dpo", "handler")},
    {"hours": 48, "to": ("dpo", "handler")},
    {"hours": 60, "to": ("dpo", "handler", "management")},
    {"hours": 68, "to": ("dpo", "handler")},
    {"hours": 72, "to": ("dpo", "handler", "management")},
]
AVVIK_REMINDER_OVERDUE: dict[str, object] = {"every_hours": 24, "to": ("dpo", "handler", "management")}
# Art. 33(4): after a phased notification, the DPO is reminded this often until the
# follow-up with the rest is recorded.
AVVIK_REMINDER_FOLLOW_UP: dict[str, object] = {"every_hours": 72, "to": ("dpo",)}

# --- REST API -----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    # ?format=csv is the register's own parameter, not DRF's renderer switch.
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Avvik API",
    "DESCRIPTION": "Personal data breaches: report, risk assessment, the 72-hour deadline, notices.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The API takes JSON (the recipients' upload documents its own multipart body).
    "PARSER_WHITELIST": ["core.parsers.JSONParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.schema.add_error_responses",
    ],
}

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
# Sessions end after an hour without activity (every request renews the hour).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Only behind a proxy that sets X-Forwarded-Proto itself (and drops what clients send)
    # may that header say the request came over HTTPS.
    if env_bool("AVVIK_TRUSTED_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Roles that must use two-factor authentication (web login and API tokens): every role that
# can see cases other than its own (tests/accounts checks this against roles.py).
AVVIK_TWO_FACTOR_ROLES = ("handler", "dpo", "management", "auditor")
# An API token works this many days (or until revoked, or the password changes).
AVVIK_API_TOKEN_DAYS = int(os.environ.get("AVVIK_API_TOKEN_DAYS", "30"))
OTP_TOTP_ISSUER = "Avvik"

# Failed logins: after 5 failures for one account from one address, that account waits 15
# minutes at that address. Other accounts behind the same address (one NAT for a whole
# municipality) are not stopped. The e-mail address is counted as users type it, normalised
# (accounts.lockout.username_of), so case or spacing variants share one count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no user names in the log
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# --- Logging: no personal data; ids and event names only -----------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# SvarUt (KS): the organisation's sender account for shipments to people by national ID and
# postal address (notifications/svarut.py). Empty: not configured, the channel is not offered.
AVVIK_SVARUT_URL = os.environ.get("AVVIK_SVARUT_URL", "").strip().rstrip("/")
AVVIK_SVARUT_USERNAME = os.environ.get("AVVIK_SVARUT_USERNAME", "").strip()
AVVIK_SVARUT_PASSWORD = os.environ.get("AVVIK_SVARUT_PASSWORD", "")

# Absolute links in e-mails.
AVVIK_BASE_URL = os.environ.get("AVVIK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
