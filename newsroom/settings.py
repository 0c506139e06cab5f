"""Settings for Newsroom, driven by environment variables.

Production differs from development only by its environment; the README lists every
variable. Defaults are safe: DEBUG is off unless asked for.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from articles.embeds import FRAME_ORIGINS as EMBED_FRAME_ORIGINS

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be true/false, 1/0, yes/no or on/off, not {value!r}."
    )


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}."
        ) from None


def local_secret_key(path):
    """Return the key stored in ``path``, creating it (random, readable by its owner
    only) the first time. Used when DJANGO_SECRET_KEY is not set, so each installation
    has its own key without one being written in the code."""
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 50:
        return key
    key = secrets.token_urlsafe(64)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key + "\n")
    except FileExistsError:  # another process wrote it first, or it was too short
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 50:
            raise ImproperlyConfigured(
                f"{path} holds a key shorter than 50 characters."
            ) from None
    except OSError as error:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is not set and {path} cannot be written ({error}). "
            "Set DJANGO_SECRET_KEY to 50+ random characters."
        ) from error
    return key


# Core
DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and not DEBUG:
    # Hosts that generated keys of their own would not read each other's sessions.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off: set it to the same "
        "50+ random characters on every app host (e.g. python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(60))')."
    )
SECRET_KEY = SECRET_KEY or local_secret_key(BASE_DIR / ".secret-key")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "articles.apps.ArticlesConfig",
    "search.apps.SearchConfig",
    "ingest.apps.IngestConfig",
    "django_tasks_db",
    "public.apps.PublicConfig",
    "ops.apps.OpsConfig",
    "accounts.apps.AccountsConfig",
    "audit.apps.AuditConfig",
    "style.apps.StyleConfig",
    "api.apps.ApiConfig",
    # Before django.contrib.admin, so that its templates override the admin's.
    "desk.apps.DeskConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # First: a public page an anonymous reader asks for again is answered from the
    # cache before anything else runs (public.page_cache).
    "public.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # ETag on every page and 304 answers to conditional requests.
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "public.middleware.NewsroomLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the two above: signs out sessions past their time, with a message.
    "accounts.middleware.SessionLimitsMiddleware",
    # Which device, if any, passed the second step of this session's sign-in; then
    # the desk stays closed to staff who still owe that step (accounts.two_factor).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    # Who acts and from where, for the audit entries written by model signals.
    "audit.context.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "public.context_processors.site",
            ],
        },
    },
    # The public pages (public/jinja2/, templates/jinja2/): Jinja2 renders them in a
    # fraction of the time (public.jinja). The staff screens, the admin, feeds, sitemaps and
    # the 500 page stay with Django's engine above.
    {
        "BACKEND": "public.jinja.PublicJinja2",
        "NAME": "jinja",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "public.jinja.environment",
            "context_processors": [
                "django.template.context_processors.i18n",
                "public.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL, or an SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's own psycopg pool; a short timeout so an outage fails fast instead of
    # holding requests for psycopg's default 30 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "pool": {
                "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
                "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10),
                "timeout": env_int("DATABASE_POOL_TIMEOUT", 5),
            },
            "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5),
        }
    )
    if env_bool("DATABASE_PREPARED_STATEMENTS", default=True):
        # Parameters bound on the server, so psycopg prepares a query its connection
        # has run five times: the pages' queries are then neither parsed nor planned
        # again (planning was about two thirds of their time in PostgreSQL). Off
        # behind a pooler in transaction mode that cannot keep prepared statements.
        DATABASES["default"]["OPTIONS"].update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Writers queue instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # A process keeps its connection between requests: opening one (and its
    # PRAGMAs) costs more than a whole page's queries.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (Django's tasks framework): queued in the database, run by
# `manage.py db_worker` (django-tasks-db); `make run` starts one beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Passwords
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Arabic first, English for staff who prefer it.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Qatar")
USE_I18N = True
USE_TZ = True

# Static and uploaded files
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Django serves uploaded photos itself unless a web server in front does (set it off
# there: nginx or a CDN serving MEDIA_ROOT at /media/ is faster).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
LOGIN_URL = "admin:login"

# Security. HTTPS protections are on whenever DEBUG is off, unless the site is
# explicitly served over plain HTTP (DJANGO_HTTPS=0, e.g. behind a local proxy).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=HTTPS)
NEWSROOM_BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if NEWSROOM_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # The embeds' providers, framed only when a reader asks (public/js/embeds.js).
    "frame-src": [CSP.SELF, *EMBED_FRAME_ORIGINS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Newsroom
NEWSROOM_IMPORT_MAX_BYTES = env_int("NEWSROOM_IMPORT_MAX_BYTES", 2 * 1024 * 1024)
# A desk upload of more files than this is imported in the background by the task
# worker (manage.py db_worker); smaller ones at once, in the request.
NEWSROOM_IMPORT_INLINE_FILES = env_int("NEWSROOM_IMPORT_INLINE_FILES", 20)
# Uploads waiting between the admin's import preview and its confirmation (not served).
NEWSROOM_IMPORT_STAGING_DIR = Path(
    os.environ.get("NEWSROOM_IMPORT_STAGING_DIR", BASE_DIR / "var" / "import-staging")
)
# Through Django's storage API (ingest.staging): with several app hosts, point this
# and "default" at one S3-compatible bucket (django-storages; see the README).
STORAGES["import_staging"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": str(NEWSROOM_IMPORT_STAGING_DIR),
        "base_url": None,
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "نيوزروم")

# Sign-in throttling (django-axes): after NEWSROOM_SIGNIN_FAILURES wrong passwords for
# one username, or from one address, sign-in is refused for NEWSROOM_SIGNIN_COOLOFF
# minutes, before any password is checked (the hasher is what an attacker would make
# the workers spend). The chief editor unlocks earlier in the desk (Access attempts)
# or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("NEWSROOM_SIGNIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NEWSROOM_SIGNIN_COOLOFF", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Failures and lockouts are logged by accounts (logger "newsroom.signin").
AXES_VERBOSE = False

# Two-factor sign-in (accounts.two_factor, django-otp): after the password, staff
# in these groups, and every superuser, give a code from an authenticator app (or a
# backup code) before the desk opens; they enrol at their first sign-in. Other staff
# may enrol, and are then asked for a code too. `manage.py reset_two_factor NAME`
# removes a lost device.
NEWSROOM_2FA_REQUIRED_GROUPS = env_list(
    "NEWSROOM_2FA_REQUIRED_GROUPS", "محرر,رئيس التحرير"
)
OTP_TOTP_ISSUER = NEWSROOM_SITE_NAME

# Sessions (accounts): each signed-in session ends after NEWSROOM_SESSION_IDLE_MINUTES
# without a request, and NEWSROOM_SESSION_MAX_HOURS after signing in however busy.
# Kept in the database with their user, so staff can list theirs and sign out
# everywhere else.
SESSION_ENGINE = "accounts.session_store"
NEWSROOM_SESSION_IDLE_SECONDS = env_int("NEWSROOM_SESSION_IDLE_MINUTES", 60) * 60
NEWSROOM_SESSION_MAX_SECONDS = env_int("NEWSROOM_SESSION_MAX_HOURS", 12) * 60 * 60
if NEWSROOM_SESSION_IDLE_SECONDS <= 0 or NEWSROOM_SESSION_MAX_SECONDS <= 0:
    raise ImproperlyConfigured(
        "NEWSROOM_SESSION_IDLE_MINUTES and NEWSROOM_SESSION_MAX_HOURS must be positive."
    )
# The cookie and the stored session expire with the idle timeout too (each minute
# of activity renews them), so `manage.py clearsessions` removes abandoned ones.
SESSION_COOKIE_AGE = min(NEWSROOM_SESSION_IDLE_SECONDS, NEWSROOM_SESSION_MAX_SECONDS)

# Whole public pages are cached for anonymous readers (public.page_cache). Redis, when
# REDIS_URL is set, is shared by every app process and host, so one write makes every
# page fresh everywhere; without it, each process keeps its own cache in memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# House-style rules (style.rules) to turn off, by code: {"mixed_digits": False}.
NEWSROOM_STYLE_RULES: dict[str, bool] = {}
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 300)
# Requests each partner's API key may make a minute (api.access).
NEWSROOM_API_REQUESTS_PER_MINUTE = env_int("NEWSROOM_API_REQUESTS_PER_MINUTE", 120)
# Varnish instances in front (deploy/varnish/newsroom.vcl) to send a BAN to on every
# write readers may see, e.g. "http://127.0.0.1:6081/"; comma-separated; none by default.
NEWSROOM_VARNISH_BAN_URLS = env_list("NEWSROOM_VARNISH_BAN_URLS", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Django's own console handler would print every message a second time.
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        # What the site does that an operator needs to know: scheduled
        # publications taking effect, the page cache starting afresh, purges.
        "newsroom": {
            "handlers": [],
            "propagate": True,
            "level": os.environ.get("NEWSROOM_LOG_LEVEL", "INFO"),
        },
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
}
