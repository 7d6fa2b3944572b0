"""TĐKT settings: one file, every value from the environment, SQLite by default.

Every variable read here is listed in the README's configuration table.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TDKT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The key: SECRET_KEY, else the file SECRET_KEY_FILE (`make run` writes a random one to var/secret_key).
# Without either, only DEBUG and the test run get a random key of their own (sessions end at restart);
# anything else refuses to start rather than sign sessions and seal ballots with a known key.
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE", VAR_DIR / "secret_key"))
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not (DEBUG or "pytest" in sys.modules):
        raise ImproperlyConfigured(
            "SECRET_KEY chưa được đặt: đặt biến môi trường SECRET_KEY hoặc SECRET_KEY_FILE (xem README). "
            "SECRET_KEY is not set: set SECRET_KEY or SECRET_KEY_FILE."
        )
    SECRET_KEY = secrets.token_urlsafe(50)
    os.environ["SECRET_KEY"] = SECRET_KEY  # the same key for commands the tests start
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

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
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time enrolment codes (tdkt.portal.services)
    "csp",
    "django_tasks",
    "django_tasks_db",
    "tdkt.core",
    "tdkt.portal",
    "tdkt.org",
    "tdkt.rules",
    "tdkt.awards",
    "tdkt.councils",
    "tdkt.proposals",
    "tdkt.decisions",
    "tdkt.reports",
    "tdkt.surveys",
    "tdkt.exemplars",
    "tdkt.initiatives",
    "tdkt.movements",
    "tdkt.demo",
    "tdkt.api",
]

MIDDLEWARE = [
    "tdkt.api.middleware.RequestBodyLimitMiddleware",
    "tdkt.api.middleware.SignInRateLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tdkt.api.middleware.ApiErrorMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tdkt.api.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tdkt.portal.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "tdkt.portal.context_processors.navigation",
            ],
            "builtins": ["tdkt.core.templatetags.vn"],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_or_file(name: str, default: str) -> str:
    """NAME, else the content of the file NAME_FILE (a secret mounted by the container or systemd)."""
    value = os.environ.get(name, "").strip()
    if not value and os.environ.get(f"{name}_FILE"):
        value = Path(os.environ[f"{name}_FILE"]).read_text(encoding="utf-8").strip()
    return value or default


DATABASES = {
    "default": dj_database_url.parse(
        env_or_file("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tdkt.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request reuses it: after a database restart the first
        # request of each thread reconnects instead of failing (scripts/drill_pg_restart.py).
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    INSTALLED_APPS.insert(0, "django.contrib.postgres")
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords and log-in
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:login"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "0.5"))
# Lock-out per (user name, address): a stranger's wrong passwords lock only that stranger's address for that
# name, never the chair's own log-in from the meeting room; an office behind one NAT address is not shut out
# by one person's typos either. User names are compared case-insensitively ("ChuTich" = "chutich").
# An administrator unlocks in the admin (Axes › Access attempts: delete) or with `tdkt axes_reset_username`.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "tdkt.api.tokens.lockout_username"
# The address counted: the socket's; behind the proxy, the X-Real-IP header nginx always overwrites (never
# X-Forwarded-For, which a client could forge to lock out someone else's address).
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_REAL_IP", "REMOTE_ADDR"] if env_bool("BEHIND_PROXY", False) else ["REMOTE_ADDR"]
)
# Besides: POSTs to the log-in, 2FA and API token endpoints per client address (tdkt.api.middleware).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TDKT_SIGN_IN_RATE = int(os.environ.get("SIGN_IN_RATE", "60"))
TDKT_SIGN_IN_WINDOW = int(os.environ.get("SIGN_IN_WINDOW_SECONDS", "600"))
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Roles whose holders must pass a TOTP second factor (see tdkt.portal.middleware).
TDKT_REQUIRE_2FA = env_bool("REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "TĐKT"

# Sessions and cookies
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_AGE_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
CSRF_FAILURE_VIEW = "tdkt.core.error_views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None

# Content-Security-Policy: no inline scripts, nothing from outside.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Language, time, formats
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tdkt.core.formats"]

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only the built files of the npm packages (installed by `make setup`), under their package paths.
for _package in ("bootstrap/dist", "bootstrap-icons/font", "chart.js/dist"):
    if (BASE_DIR / "node_modules" / _package).is_dir():
        STATICFILES_DIRS.append((f"vendor/{_package}", BASE_DIR / "node_modules" / _package))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names; plain names (served by the finders) until `collectstatic` has written the manifest.
        "BACKEND": "tdkt.core.storage.ManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
TDKT_IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# Any request body larger than this is refused (413) before sessions or log-in are looked at; 0: the import
# limit plus 1 MiB (tdkt.api.middleware.RequestBodyLimitMiddleware). Keep the proxy's limit the same.
TDKT_MAX_REQUEST_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", "0"))
# Secret ballots: the size of each ballot box's Paillier key (see tdkt/councils/sealing.py).
TDKT_BALLOT_KEY_BITS = int(os.environ.get("BALLOT_KEY_BITS", "2048"))
TDKT_IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200000"))

# Background tasks (certificate printing): the database queue, run by `tdkt db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tdkt@localhost")

# API
TDKT_API_TOKEN_HOURS = float(os.environ.get("API_TOKEN_HOURS", "8"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tdkt.api.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Every endpoint: signed in, and past the second factor for the roles that need it (a view that sets its
    # own classes keeps SecondFactorVerified in them).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "tdkt.api.permissions.SecondFactorVerified",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "tdkt.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tdkt.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TĐKT API",
    "DESCRIPTION": "API quản lý thi đua, khen thưởng",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "tdkt.org.models.UnitKind",
        "UnitEventKindEnum": "tdkt.org.models.UnitEventKind",
        "ProposalStatusEnum": "tdkt.proposals.models.Status",
        "DecisionStatusEnum": "tdkt.decisions.models.Decision.Status",
        "MeetingStatusEnum": "tdkt.councils.models.Meeting.Status",
        "BallotStatusEnum": "tdkt.councils.models.Ballot.Status",
        "SurveyStatusEnum": "tdkt.surveys.models.Survey.Status",
        "SurveyComponentEnum": "tdkt.surveys.models.ComponentCode",
        "ExemplarStatusEnum": "tdkt.exemplars.models.Status",
        "InitiativeFieldEnum": "tdkt.initiatives.models.Field",
        "ExemplarFieldEnum": "tdkt.exemplars.models.Field",
        "InitiativeStatusEnum": "tdkt.initiatives.models.Status",
        "InitiativeKindEnum": "tdkt.initiatives.models.Kind",
        "InitiativeScopeEnum": "tdkt.initiatives.models.Scope",
        "MovementScopeEnum": "tdkt.movements.models.Movement.Scope",
        "MovementKindEnum": "tdkt.movements.models.Movement.Kind",
        "MovementStatusEnum": "tdkt.movements.models.Movement.Status",
        "ClusterKindEnum": "tdkt.movements.models.Cluster.Kind",
        "RatingPeriodKindEnum": "tdkt.movements.models.PeriodScore.Kind",
        "CalendarEntryKindEnum": "tdkt.movements.models.CalendarEntry.Kind",
        "MovementReviewKindEnum": "tdkt.movements.models.MovementReview.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Several app servers (docs/deployment.md): reports read from a streaming replica when DATABASE_REPLICA_URL is
# set (config/routers.py); the cache is shared through the database when CACHE_BACKEND=database (run
# `tdkt createcachetable` once), else each process keeps its own (fine for one server).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                      "config.routers.ReplicaReadsMiddleware")  # fmt: skip
TDKT_REPLICA_PATHS = ("/reports/", "/api/reports/")
if os.environ.get("CACHE_BACKEND", "locmem") == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": os.environ.get("CACHE_TABLE", "tdkt_cache"),
        }
    }
