"""Qorgau settings: one file, driven by environment variables declared in ``env.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
import django_stubs_ext
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from qorgau.config import env

# Lets ModelAdmin[Model], QuerySet[Model] and friends be written at run time, for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "qorgau"

QORGAU_ENV = env.choice(
    "QORGAU_ENV",
    "development",
    ("development", "production"),
    "`production` turns on every deployment safeguard and requires `SECRET_KEY`.",
)
PRODUCTION = QORGAU_ENV == "production"

_DEV_SECRET = "insecure-development-key-never-use-in-production-qorgau"  # noqa: S105
SECRET_KEY = env.string(
    "SECRET_KEY",
    "",
    "Signing key (50+ random characters). Required in production.",
    secret=True,
)
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when QORGAU_ENV=production.")
    SECRET_KEY = _DEV_SECRET
SECRET_KEY_FALLBACKS = env.string_list(
    "SECRET_KEY_FALLBACKS",
    [],
    "Earlier SECRET_KEYs, kept after a rotation so signed links, recovery codes and document "
    "numbers encrypted before QORGAU_DOCUMENT_KEYS stay readable.",
    secret=True,
)
SALT_KEY = env.string_list(
    "QORGAU_ENCRYPTION_SALT",
    ["qorgau-document-numbers"],
    "Salt(s) of the key derived from SECRET_KEY that encrypted document numbers before "
    "QORGAU_DOCUMENT_KEYS; only read to decrypt those until `qorgau rotate-document-keys` "
    "has run.",
)
DOCUMENT_KEYS = env.string_list(
    "QORGAU_DOCUMENT_KEYS",
    [],
    "Fernet keys of the document numbers and of the hotline's contacts and names: the first "
    "encrypts, all decrypt (make one with `qorgau rotate-document-keys --new-key`). Derived "
    "from SECRET_KEY in development; required in production.",
    secret=True,
)
if PRODUCTION and not DOCUMENT_KEYS:
    raise ImproperlyConfigured("QORGAU_DOCUMENT_KEYS must be set when QORGAU_ENV=production.")
for _position, _key in enumerate(DOCUMENT_KEYS, start=1):
    try:
        Fernet(_key)
    except ValueError:
        # The message gives the key's position, never the key.
        raise ImproperlyConfigured(
            f"QORGAU_DOCUMENT_KEYS: key {_position} is not a Fernet key (32 bytes, url-safe "
            "base64); make one with `qorgau rotate-document-keys --new-key`."
        ) from None
DOCUMENT_HASH_KEY = env.string(
    "QORGAU_DOCUMENT_HASH_KEY",
    "",
    "Key of the keyed hash used to look up document numbers exactly. Derived "
    "from SECRET_KEY in development; required in production, and never changed.",
    secret=True,
)
if PRODUCTION and not DOCUMENT_HASH_KEY:
    raise ImproperlyConfigured("QORGAU_DOCUMENT_HASH_KEY must be set when QORGAU_ENV=production.")

DEBUG = env.boolean(
    "DEBUG",
    not PRODUCTION,
    "Django debug pages. Never true in production.",
    shown_default="true in development, false in production",
)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be true when QORGAU_ENV=production.")
DEFAULT_EXCEPTION_REPORTER_FILTER = "qorgau.config.reporting.ExceptionReporterFilter"

ALLOWED_HOSTS = env.string_list(
    "ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    "Host names this server answers to (default in development: 127.0.0.1, localhost, "
    "testserver; in production none, so it must be set).",
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when QORGAU_ENV=production.")
CSRF_TRUSTED_ORIGINS = env.string_list(
    "CSRF_TRUSTED_ORIGINS", [], "Origins (scheme://host) trusted for form posts behind a proxy."
)

DATABASE_URL = env.string(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'var' / 'qorgau.sqlite3'}",
    "`sqlite:///path` or `postgres://user:password@host:port/name`.",
    shown_default="sqlite:///var/qorgau.sqlite3 (in the checkout)",
    secret=True,
)
# Connections are kept per server thread and checked before reuse: opening one (and, on SQLite,
# running its PRAGMAs) cost about a fifth of the server's time when every request opened its own.
CONN_MAX_AGE = env.integer(
    "QORGAU_DB_CONN_MAX_AGE",
    600,
    "Seconds a database connection is kept for the next request of the same server thread "
    "(0: a new connection per request). Checked before reuse, so a restarted database is "
    "reconnected.",
)
SQLITE_CACHE_MB = env.integer(
    "QORGAU_SQLITE_CACHE_MB",
    16,
    "SQLite page cache of each connection, in MiB (one connection per server thread and worker; "
    "the operating system caches the file as well).",
)
SERVE_THREADS = env.integer(
    "QORGAU_SERVE_THREADS",
    8,
    "Threads of `qorgau serve`, each with its own database connection; requests beyond "
    "them wait in line.",
)

# One process runs Python on one core at a time (the GIL): production serves from one process
# per core the machine gives this one, development from a single one (docs/adr/0019).
SERVE_PROCESSES = env.integer(
    "QORGAU_SERVE_PROCESSES",
    env.usable_cores() if PRODUCTION else 1,
    "Web processes of `qorgau serve`, each with `QORGAU_SERVE_THREADS` threads: one is served "
    "by waitress, several by gunicorn, which replaces a process that dies. (default: the cores "
    "available in production, 1 in development)",
)
if CONN_MAX_AGE < 0 or SQLITE_CACHE_MB < 1 or SERVE_THREADS < 1 or SERVE_PROCESSES < 1:
    raise ImproperlyConfigured(
        "QORGAU_DB_CONN_MAX_AGE cannot be negative; QORGAU_SQLITE_CACHE_MB, "
        "QORGAU_SERVE_THREADS and QORGAU_SERVE_PROCESSES must be at least 1."
    )
#: Prepared statements an SQLite connection keeps (below).
SQLITE_CACHED_STATEMENTS = 32
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and WAL: concurrent writers wait instead of failing with
    # "database is locked" (measured in shared/stack.md).
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # Prepared statements kept per connection (Python's default is 128). A statement
        # with a list of a thousand ids (an import's batch) holds ~200 KB prepared, and each
        # length of list is a statement of its own: 128 of them made a long import's memory
        # grow by ~27 MB more than a short one's (ADR 0068). Preparing costs microseconds.
        "cached_statements": SQLITE_CACHED_STATEMENTS,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA cache_size=-{SQLITE_CACHE_MB * 1024}"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compiling: PostgreSQL compiles any query its planner costs above 100,000, and a
    # visibility check costed per row passes that on short page queries (20 ms of compiling
    # for a 6 ms query of the reminders page at a million people). The long statistics queries
    # it would help are computed once and cached (ADR 0015).
    # Random reads costed as on memory or SSD (1.1, PostgreSQL's default 4 is for spinning
    # disks): else the planner reads a whole table into a hash rather than look up the rows a
    # search walk needs by primary key (50 ms instead of 5 for "Иванов" at 100,000 people).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (
        f"{options.get('options', '')} -c jit=off -c random_page_cost=1.1"
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "phonenumber_field",
    "django_tasks_db",
    "django_ratelimit",
    "qorgau.web",
    "qorgau.reference",
    "qorgau.organisations",
    "qorgau.audit",
    "qorgau.members",
    "qorgau.twofactor",
    "qorgau.people",
    "qorgau.population",
    "qorgau.procedures",
    "qorgau.identity",
    "qorgau.reminders",
    "qorgau.matching",
    "qorgau.statistics",
    "qorgau.rights",
    "qorgau.imports",
    "qorgau.partners",
    "qorgau.funding",
    "qorgau.referrals",
    "qorgau.hotline",
    "qorgau.pledges",
    "qorgau.legal",
    "qorgau.backups",
    "qorgau.exports",
    "qorgau.help",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "qorgau.web.query.NulByteQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "qorgau.twofactor.middleware.TwoFactorMiddleware",
    "qorgau.web.headers.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "qorgau.web.timeouts.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # After the headers' middlewares, so that a 429 carries them too.
    "qorgau.web.throttles.AnonymousRateMiddleware",
    # The inquiry form's size and rate limits, before any view reads the body (ADR 0047).
    "qorgau.hotline.middleware.InquiryFloodMiddleware",
    "qorgau.web.errors.DomainErrorMiddleware",
]

ROOT_URLCONF = "qorgau.config.urls"
WSGI_APPLICATION = "qorgau.config.wsgi.application"
AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # sends each user on to the first page their roles open
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qorgau.web.context.navigation",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "qorgau.organisations.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD_MIN_LENGTH = 12  # ASVS 5.0 V6.2.1: at least 12 characters
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The read-access log is written by a thread, a batch per interval (docs/adr/0016).
ACCESS_LOG_FLUSH_MS = env.integer(
    "QORGAU_ACCESS_LOG_FLUSH_MS",
    1000 if PRODUCTION else 0,
    "Interval of the access-log writer, in milliseconds: reads are logged in one batch per "
    "interval, and a crash loses at most that interval's rows (0: each read is written at once). "
    "(default: 1000 in production, 0 in development)",
)
if ACCESS_LOG_FLUSH_MS < 0:
    raise ImproperlyConfigured("QORGAU_ACCESS_LOG_FLUSH_MS cannot be negative.")

# Argon2id with OWASP's (and ASVS 4.0's 2.4.4) minimum: 19 MiB, two passes, one lane. Django's
# own settings (100 MiB, eight lanes) made twenty log-ins at once peak the server at 1.5 GiB.
ARGON2_MEMORY_KIB = env.integer(
    "QORGAU_ARGON2_MEMORY_KIB",
    19456,
    "Memory of one password check (Argon2id), in KiB; at least 19456 (19 MiB, the OWASP minimum "
    "with two passes). Stored passwords are rehashed with it at their next log-in.",
)
if ARGON2_MEMORY_KIB < 19456:
    raise ImproperlyConfigured("QORGAU_ARGON2_MEMORY_KIB cannot be below 19456 (19 MiB).")
AXES_FAILURE_LIMIT = env.integer(
    "QORGAU_LOGIN_FAILURE_LIMIT",
    5,
    "Failed log-ins within an hour before one account is locked from one address.",
)
# An address is locked out as well after this many failures across every account (48 failures
# over 12 accounts from one address went unblocked when only account and address together
# counted, issue 14). Checked by qorgau.organisations.lockout.LockoutHandler.
LOGIN_ADDRESS_FAILURE_LIMIT = env.integer(
    "QORGAU_LOGIN_ADDRESS_FAILURE_LIMIT",
    20,
    "Failed log-ins within an hour, over all accounts, before one address is locked out.",
)
if AXES_FAILURE_LIMIT < 1 or LOGIN_ADDRESS_FAILURE_LIMIT < 1:
    raise ImproperlyConfigured(
        "QORGAU_LOGIN_FAILURE_LIMIT and QORGAU_LOGIN_ADDRESS_FAILURE_LIMIT must be at least 1."
    )
AXES_COOLOFF_TIME = 1  # hours

# Two-factor sign-in (django-otp, ADR 0037): who must use it is ``twofactor/policy.py``.
TWO_FACTOR_REQUIRED = env.boolean(
    "QORGAU_TWO_FACTOR_REQUIRED",
    True,
    "Two-factor sign-in (an authenticator app's code) required of the agency office's and "
    "government staff and of every administrator; others may choose it. Turn off only for "
    "benchmarks and local experiments.",
)
OTP_TOTP_ISSUER = "Qorgau"
# Wrong codes in a row make the next try wait 1, 2, 4, … seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Same order as the limits in LockoutHandler: account and address together, then the address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "qorgau.organisations.lockout.LockoutHandler"
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
# The client's address is REMOTE_ADDR, which ``qorgau serve`` sets from X-Forwarded-For only
# when the request comes from the trusted proxy (QORGAU_TRUSTED_PROXY); never a header a
# client can send directly.
AXES_CLIENT_IP_CALLABLE = "qorgau.organisations.lockout.client_address"

LANGUAGE_CODE = env.choice(
    "QORGAU_LANGUAGE", "en", ("kk", "ru", "en"), "Interface language when the browser names none."
)
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["qorgau.formats"]
TIME_ZONE = env.string("QORGAU_TIME_ZONE", "Asia/Almaty", "Time zone of dates shown and deadlines.")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT: str | None = env.string(
    "QORGAU_STATIC_ROOT",
    str(BASE_DIR / "var" / "static"),
    "Where `qorgau collectstatic` puts static files for production.",
    shown_default="var/static (in the checkout)",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION and not Path(str(STATIC_ROOT)).is_dir():
    # Development serves static files from the apps; no collected folder to look into.
    STATIC_ROOT = None

DATA_UPLOAD_MAX_MEMORY_SIZE = env.integer(
    "QORGAU_MAX_REQUEST_BYTES", 1_000_000, "Largest request body accepted, in bytes."
)
# The largest form, registration with the principal and 29 members, sends 485 fields with
# nothing ticked and 3,095 with every need and language ticked for all 30 (measured by
# people/tests/test_form_limits.py); the formset's maximum bounds the work, this the parsing.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000

# Security: a strict policy everywhere, scripts only from our origin or with the page nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms and htmx send the token from the page
SESSION_COOKIE_AGE = env.integer(
    "QORGAU_SESSION_SECONDS",
    12 * 3600,
    "Absolute timeout: how long a session lasts from log-in, in seconds, however active.",
)
IDLE_TIMEOUT_MINUTES = env.integer(
    "QORGAU_IDLE_TIMEOUT_MINUTES",
    30,
    "Idle timeout: a session with no request for this many minutes ends (log in again).",
)
if SESSION_COOKIE_AGE < 60 or IDLE_TIMEOUT_MINUTES < 1:
    raise ImproperlyConfigured(
        "QORGAU_SESSION_SECONDS must be at least 60 and QORGAU_IDLE_TIMEOUT_MINUTES at least 1."
    )
_SSL_REDIRECT = env.boolean(
    "QORGAU_SSL_REDIRECT", True, "Redirect plain HTTP to HTTPS (production only)."
)
# Behind a reverse proxy ``qorgau serve`` takes the client's address and scheme from the proxy's
# headers, and only from the proxy (waitress's trusted-proxy options; docs/operations.md).
TRUSTED_PROXY = env.string(
    "QORGAU_TRUSTED_PROXY",
    "",
    "Address of the reverse proxy in front of `qorgau serve` (e.g. 127.0.0.1; `*` trusts any "
    "peer). Its X-Forwarded-* headers are then honoured; empty: no proxy, such headers dropped.",
)
TRUSTED_PROXY_HEADERS = env.string_list(
    "QORGAU_TRUSTED_PROXY_HEADERS",
    ["x-forwarded-for", "x-forwarded-proto"],
    "Headers taken from the trusted proxy (x-forwarded-for, x-forwarded-host, "
    "x-forwarded-proto, x-forwarded-port, x-forwarded-by or forwarded).",
)
TRUSTED_PROXY_COUNT = env.integer(
    "QORGAU_TRUSTED_PROXY_COUNT",
    1,
    "How many proxies in a row are trusted (the client is that many entries from the end of "
    "X-Forwarded-For).",
)
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("QORGAU_TRUSTED_PROXY_COUNT must be at least 1.")
if PRODUCTION:
    SECURE_SSL_REDIRECT = _SSL_REDIRECT
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

API_MAX_PAGE_SIZE = env.integer(
    "QORGAU_API_MAX_PAGE_SIZE",
    100,
    "Most records one API list page returns; a larger `limit` is cut to it.",
)
API_RATE = env.string(
    "QORGAU_API_RATE",
    "600/min",
    "Requests one user may make to the API (number/sec, min, hour or day); more answer 429.",
)
EXPORT_RATE = env.string(
    "QORGAU_EXPORT_RATE",
    "30/hour",
    "Exports (statistics files and figures, list exports) one user may download; more: 429.",
)
ANONYMOUS_RATE = env.string(
    "QORGAU_ANONYMOUS_RATE",
    "60/min",
    "Requests one address may make without signing in, to the API (the token endpoint's "
    "password sign-in included) and to the public figures page; more answer 429.",
)
LIST_EXPORT_HOURS = env.integer(
    "QORGAU_LIST_EXPORT_HOURS",
    24,
    "Hours a list export of people stays downloadable by its requester; then its file is "
    "never served and `qorgau exports_purge` deletes it.",
)
LIST_EXPORT_INLINE_ROWS = env.integer(
    "QORGAU_LIST_EXPORT_INLINE_ROWS",
    500,
    "List exports of up to this many people are built during the request; larger ones by "
    "the task worker (`qorgau db_worker`), with progress on the page.",
)
if LIST_EXPORT_HOURS < 1 or LIST_EXPORT_INLINE_ROWS < 0:
    raise ImproperlyConfigured(
        "QORGAU_LIST_EXPORT_HOURS must be at least 1 and QORGAU_LIST_EXPORT_INLINE_ROWS "
        "cannot be negative."
    )
API_TOKEN_HOURS = env.integer(
    "QORGAU_API_TOKEN_HOURS",
    10,
    "How long an API token works after it is issued, in hours (then a new one is needed).",
)
if API_TOKEN_HOURS < 1:
    raise ImproperlyConfigured("QORGAU_API_TOKEN_HOURS must be at least 1.")
# No renewal on use: a token ends API_TOKEN_HOURS after it was issued. How many a user holds is
# bounded by the API rate and the expiry, not by knox's limit (whose refusal is untranslated).
REST_KNOX = {"TOKEN_TTL": dt.timedelta(hours=API_TOKEN_HOURS), "AUTO_REFRESH": False}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes anonymous requests 401, not 403.
        # Knox tokens: stored hashed, expiring, revocable (ADR 0035).
        "qorgau.web.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "qorgau.web.pagination.CappedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "qorgau.web.api_errors.exception_handler",
    # Per user; exports have their own, stricter scope (API_RATE and EXPORT_RATE, read by the
    # classes at each request).
    "DEFAULT_THROTTLE_CLASSES": ["qorgau.web.throttles.UserRateThrottle"],
    "DEFAULT_PARSER_CLASSES": [
        "qorgau.web.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Qorgau API",
    "DESCRIPTION": "Registry of people protected: persons, households, documents, legal status.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # A person's fields the reader's role may not read are absent (people/fields.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "qorgau.people.api.schema.field_policy_hook",
    ],
    # Choice sets whose field names other components use for other choices.
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "qorgau.people.models.choices.LegalStatus",  # its name before issue 14
        "SubjectRequestKindEnum": "qorgau.rights.models.RequestKind",
        "SubjectRequestStatusEnum": "qorgau.rights.models.RequestStatus",
        "PledgeStatusEnum": "qorgau.pledges.models.PledgeStatus",
        "ReferralStateEnum": "qorgau.referrals.machine.ReferralState",
        "ReferralUrgencyEnum": "qorgau.referrals.deadlines.Urgency",
        "TicketUrgencyEnum": "qorgau.hotline.models.Urgency",
        "RecommendationStatusEnum": "qorgau.legal.models.RecommendationStatus",
    },
}

PHONENUMBER_DEFAULT_REGION = "KZ"

# Background jobs: ``django.tasks`` with the database backend, run by ``qorgau db_worker``
# (one worker on SQLite; several on PostgreSQL). Tests use the same backend: a test that
# needs a task done runs the worker itself (see docs/adr/0006-reminders.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Statistics figures are kept between requests in a table of the database (ADR 0015): the key
# carries the country, the date and the state of the status history, so a change is never
# served stale; this is only the longest a copy is kept.
STATISTICS_CACHE_SECONDS = env.integer(
    "QORGAU_STATISTICS_CACHE_SECONDS",
    7 * 24 * 3600,
    "Longest time computed statistics figures are kept, in seconds (a change to the status "
    "history replaces them at once).",
)
STATISTICS_WARM = env.boolean(
    "QORGAU_STATISTICS_WARM",
    PRODUCTION,
    "`qorgau serve` computes the statistics pages' opening figures in the background when it "
    "starts (`qorgau statistics_warm`), so that no one waits for them after a restart.",
    shown_default="true in production, false in development",
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "statistics": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "statistics_figures_cache",
        "TIMEOUT": STATISTICS_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# Reminders (``qorgau reminders``, daily): how far ahead expiries and deadlines are announced.
REMINDER_DOCUMENT_DAYS = env.integer(
    "QORGAU_REMINDER_DOCUMENT_DAYS",
    30,
    "Days before an asylum-seeker, refugee or stateless person certificate expires that a "
    "reminder to renew it appears.",
)
REMINDER_DEADLINE_DAYS = env.integer(
    "QORGAU_REMINDER_DEADLINE_DAYS",
    7,
    "Days before a case deadline that a reminder appears (overdue deadlines always have one).",
)
if min(REMINDER_DOCUMENT_DAYS, REMINDER_DEADLINE_DAYS) < 0:
    raise ImproperlyConfigured("QORGAU_REMINDER_*_DAYS cannot be negative.")

# Partners and data-sharing agreements (qorgau/partners, docs/adr/0043-agreements-and-shares.md).
MEDIA_ROOT = env.string(
    "QORGAU_MEDIA_ROOT",
    str(BASE_DIR / "var" / "media"),
    "Where uploaded files (signed data-sharing agreements) are stored; never served directly, "
    "only through the agreement's access gate. Back it up with the database.",
    shown_default="var/media (in the checkout)",
)
AGREEMENT_DOCUMENT_MAX_BYTES = env.integer(
    "QORGAU_AGREEMENT_DOCUMENT_MAX_BYTES",
    5_000_000,
    "Largest signed agreement document accepted, in bytes.",
)
# GRF pledges (qorgau/pledges, docs/adr/0050-pledges-and-legal-standards.md).
PLEDGE_EVIDENCE_MAX_BYTES = env.integer(
    "QORGAU_PLEDGE_EVIDENCE_MAX_BYTES",
    5_000_000,
    "Largest evidence document (PDF) accepted with a pledge's progress update, in bytes.",
)
REMINDER_AGREEMENT_DAYS = env.integer(
    "QORGAU_REMINDER_AGREEMENT_DAYS",
    30,
    "Days before a data-sharing agreement expires that the sharing organisation gets a reminder.",
)
SHARE_AGREEMENT_REQUIRED = env.boolean(
    "QORGAU_SHARE_AGREEMENT_REQUIRED",
    True,
    "Refuse a share that names no data-sharing agreement record in force for the receiving "
    "organisation (a share naming one is always checked against it).",
)
if min(AGREEMENT_DOCUMENT_MAX_BYTES, REMINDER_AGREEMENT_DAYS) < 0:
    raise ImproperlyConfigured("QORGAU_AGREEMENT_* and QORGAU_REMINDER_* cannot be negative.")

# Hotline desk and public inquiry form (qorgau/hotline, docs/adr/0047-hotline-abuse-resistance.md)
HOTLINE_ORGANISATION = env.string(
    "QORGAU_HOTLINE_ORGANISATION",
    "",
    "Short code of the organisation whose hotline desk receives the public inquiry form's "
    "tickets; empty: the agency office of Kazakhstan.",
    shown_default="(the agency office of Kazakhstan)",
)
HOTLINE_TARGET_HOURS = {
    urgency: env.integer(
        f"QORGAU_HOTLINE_TARGET_HOURS_{urgency.upper()}",
        hours,
        f"Hours within which a ticket of {urgency} urgency should have its first answer; "
        "later ones are flagged overdue.",
    )
    for urgency, hours in (("urgent", 4), ("normal", 48), ("low", 120))
}
HOTLINE_ASK_RATE_PER_ADDRESS = env.string(
    "QORGAU_HOTLINE_ASK_RATE_PER_ADDRESS",
    "5/h",
    "Inquiries accepted from one address (django-ratelimit rate: count/s, m, h or d); the "
    "address is kept only as a salted hash in the cache until the period ends.",
)
HOTLINE_ASK_RATE_TOTAL = env.string(
    "QORGAU_HOTLINE_ASK_RATE_TOTAL",
    "200/h",
    "Inquiries accepted by the public form from every address together (django-ratelimit rate), "
    "so that a flood from many addresses cannot fill the desk or the disk.",
)
HOTLINE_ASK_MAX_BYTES = env.integer(
    "QORGAU_HOTLINE_ASK_MAX_BYTES",
    200_000,
    "Largest inquiry form request accepted, in bytes (larger ones are refused before parsing).",
)
HOTLINE_ASK_MIN_SECONDS = env.integer(
    "QORGAU_HOTLINE_ASK_MIN_SECONDS",
    3,
    "Fewest seconds between showing the inquiry form and sending it (faster is a robot).",
)
# django-ratelimit counts in the default cache, each process's memory, as the other rate limits
# do (ADR 0035): with several web processes the limits hold per process. Its check warns about
# any cache but memcached or redis (and refuses a per-process one), which these machines do not
# run: the per-process bound is the one ADR 0047 accepts.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
if min(HOTLINE_ASK_MAX_BYTES, HOTLINE_ASK_MIN_SECONDS, *HOTLINE_TARGET_HOURS.values()) < 0:
    raise ImproperlyConfigured("QORGAU_HOTLINE_* cannot be negative.")

# Referrals (qorgau/referrals, docs/adr/0044-referral-state-machine.md): answer deadlines.
REFERRAL_ANSWER_HOURS_HIGH = env.integer(
    "QORGAU_REFERRAL_ANSWER_HOURS_HIGH",
    24,
    "Hours a partner has to answer a high-urgency referral.",
)
REFERRAL_ANSWER_HOURS_MEDIUM = env.integer(
    "QORGAU_REFERRAL_ANSWER_HOURS_MEDIUM",
    72,
    "Hours a partner has to answer a medium-urgency referral.",
)
REFERRAL_ANSWER_HOURS_LOW = env.integer(
    "QORGAU_REFERRAL_ANSWER_HOURS_LOW",
    336,
    "Hours a partner has to answer a low-urgency referral (two weeks).",
)
if min(REFERRAL_ANSWER_HOURS_HIGH, REFERRAL_ANSWER_HOURS_MEDIUM, REFERRAL_ANSWER_HOURS_LOW) < 1:
    raise ImproperlyConfigured("QORGAU_REFERRAL_ANSWER_HOURS_* must be at least 1.")
REFERRAL_ESCALATION_HOURS = env.integer(
    "QORGAU_REFERRAL_ESCALATION_HOURS",
    24,
    "Hours after a referral's answer deadline before the reminders job escalates it to the "
    "sending organisation's protection officers (the receiver is reminded at the deadline).",
)
if REFERRAL_ESCALATION_HOURS < 0:
    raise ImproperlyConfigured("QORGAU_REFERRAL_ESCALATION_HOURS cannot be negative.")

# Email (referral notifications): the console in development, SMTP from settings otherwise.
SITE_URL = env.string(
    "QORGAU_SITE_URL",
    "http://localhost:8000",
    "The address users open Qorgau at, for the links in emails.",
)
_EMAIL_BACKEND = env.string(
    "QORGAU_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if not PRODUCTION
    else "django.core.mail.backends.smtp.EmailBackend",
    "Django email backend (default: the console in development, SMTP in production).",
    shown_default="console in development, smtp in production",
)
_EMAIL_SMTP = {
    "host": env.string("QORGAU_EMAIL_HOST", "localhost", "SMTP server's host name."),
    "port": env.integer("QORGAU_EMAIL_PORT", 25, "SMTP server's port."),
    "username": env.string("QORGAU_EMAIL_HOST_USER", "", "SMTP user name (empty: none)."),
    "password": env.string(
        "QORGAU_EMAIL_HOST_PASSWORD", "", "SMTP password (empty: none).", secret=True
    ),
    "use_tls": env.boolean("QORGAU_EMAIL_USE_TLS", False, "Use STARTTLS with the SMTP server."),
}
# Django 6.1's MAILERS (the EMAIL_* settings are deprecated); SMTP options only for SMTP.
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": _EMAIL_SMTP if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env.string(
    "QORGAU_DEFAULT_FROM_EMAIL", "qorgau@localhost", "Sender address of Qorgau's emails."
)

# Data-subject rights and retention (qorgau/rights, docs/adr/0031-anonymisation-and-history.md).
RIGHTS_ANSWER_DAYS = env.integer(
    "QORGAU_RIGHTS_ANSWER_DAYS",
    30,
    "Days within which a data-subject request (access, correction, deletion, objection) must be "
    "answered; the legal period is a setting, not law in code (check it for the country).",
)
RETENTION_YEARS_PERSON = env.integer(
    "QORGAU_RETENTION_YEARS_PERSON",
    20,
    "Years after a person's record closed (a final status: naturalised, nationality confirmed, "
    "departed, deceased) that the retention job anonymises it.",
)
RETENTION_YEARS_CASE = env.integer(
    "QORGAU_RETENTION_YEARS_CASE",
    10,
    "Years after a case closed that the retention job clears the free text of its steps "
    "(reasons and the values entered).",
)
if RIGHTS_ANSWER_DAYS < 1 or min(RETENTION_YEARS_PERSON, RETENTION_YEARS_CASE) < 1:
    raise ImproperlyConfigured(
        "QORGAU_RIGHTS_ANSWER_DAYS and QORGAU_RETENTION_YEARS_* must be at least 1."
    )

# Shares of a person with another organisation (qorgau/people/policy.py): the longest expiry.
SHARE_MAX_DAYS = env.integer(
    "QORGAU_SHARE_MAX_DAYS",
    365,
    "Longest time ahead, in days, that a new share of a person or household may expire.",
)
if SHARE_MAX_DAYS < 1:
    raise ImproperlyConfigured("QORGAU_SHARE_MAX_DAYS must be at least 1.")

# Disclosure control of every aggregate that leaves the system (qorgau/statistics/disclosure.py).
STATISTICS_THRESHOLD = env.integer(
    "QORGAU_STATISTICS_THRESHOLD",
    5,
    "Published counts from 1 to this minus one are suppressed (shown as *), with complementary "
    "suppression; 0 turns suppression off.",
)
STATISTICS_ROUNDING = env.integer(
    "QORGAU_STATISTICS_ROUNDING",
    0,
    "Round published counts to the nearest multiple of this (0: exact counts).",
)
if STATISTICS_THRESHOLD < 0 or STATISTICS_ROUNDING < 0:
    raise ImproperlyConfigured(
        "QORGAU_STATISTICS_THRESHOLD and QORGAU_STATISTICS_ROUNDING cannot be negative."
    )

# Statistics that cannot be differenced (ADR 0036): anyone outside the agency office's
# managers gets figures only as of reference dates, the first day of every Nth month (the stock
# at the end of the month before, as the fact sheet counts "as of 1 January").
STATISTICS_REFERENCE_MONTHS = env.integer(
    "QORGAU_STATISTICS_REFERENCE_MONTHS",
    1,
    "Figures for anyone but the agency office's managers exist only as of the first day of "
    "every this many months from January (1: month ends, 3: quarter ends, 12: year ends); "
    "must divide 12.",
)
if STATISTICS_REFERENCE_MONTHS not in (1, 2, 3, 4, 6, 12):
    raise ImproperlyConfigured("QORGAU_STATISTICS_REFERENCE_MONTHS must divide 12.")

LOG_LEVEL = env.choice(
    "QORGAU_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"), "Logging threshold."
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint and fontTools narrate every PDF at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
AXES_VERBOSE = False

# Imports of partners' lists (qorgau/imports, docs/adr/0041-import-source-ids.md).
IMPORT_MAX_FILE_MB = env.integer(
    "QORGAU_IMPORT_MAX_FILE_MB", 50, "Largest file an import accepts, in megabytes."
)
IMPORT_MAX_UNPACKED_MB = env.integer(
    "QORGAU_IMPORT_MAX_UNPACKED_MB",
    500,
    "Largest unpacked size of an XLSX file (a zip archive) an import opens, in megabytes: "
    "a larger one (a zip bomb) is refused before it is read.",
)
IMPORT_KEEP_DAYS = env.integer(
    "QORGAU_IMPORT_KEEP_DAYS",
    30,
    "Days an imported file is kept (encrypted with the document keys) before "
    "`qorgau import-files-purge` deletes it.",
)
IMPORT_FILES_DIR = env.string(
    "QORGAU_IMPORT_FILES_DIR",
    str(BASE_DIR / "var" / "imports"),
    "Folder of the imported files, kept encrypted.",
    shown_default="var/imports (in the checkout)",
)
IMPORT_JOB_LEASE_SECONDS = env.integer(
    "QORGAU_IMPORT_JOB_LEASE_SECONDS",
    60,
    "Seconds after the last heartbeat of a web import's worker (renewed every quarter of this) "
    'after which its page shows the import as interrupted, with "Run again".',
)
KOBO_TOKEN = env.string(
    "QORGAU_KOBO_TOKEN",
    "",
    "API token of the KoboToolbox account that `qorgau import --kobo` pulls submissions as "
    "(never given on the command line).",
    secret=True,
)
KOBO_TIMEOUT = env.integer(
    "QORGAU_KOBO_TIMEOUT",
    30,
    "Seconds `qorgau import --kobo` waits for each answer of the KoboToolbox server.",
)
if (
    min(IMPORT_MAX_FILE_MB, IMPORT_MAX_UNPACKED_MB, KOBO_TIMEOUT, IMPORT_JOB_LEASE_SECONDS) < 1
    or IMPORT_KEEP_DAYS < 0
):
    raise ImproperlyConfigured("QORGAU_IMPORT_* limits must be positive.")

# The public help site (qorgau/help, docs/adr/0048-help-site-markdown-and-languages.md).
HELP_COUNTRY = env.string(
    "QORGAU_HELP_COUNTRY",
    "KAZ",
    "ISO3 code of the country the public help site (/help/) is about: its agency office edits "
    "the pages, and its partners are listed under 'Partners near you'.",
)
HELP_HOTLINE_PHONE = env.string(
    "QORGAU_HELP_HOTLINE_PHONE",
    "+7 (000) 000-00-00",
    "Hotline phone number shown on every public help page (the default is a placeholder that "
    "reaches no one: set the real one).",
)
HELP_HOTLINE_EMAIL = env.string(
    "QORGAU_HELP_HOTLINE_EMAIL",
    "hotline@example.org",
    "Hotline email address shown on every public help page (placeholder by default).",
)
HELP_HOTLINE_HOURS = env.string(
    "QORGAU_HELP_HOTLINE_HOURS",
    "9:00–18:00",
    "Hotline hours on weekdays, shown on the public help pages (local time).",
)
HELP_CACHE_SECONDS = env.integer(
    "QORGAU_HELP_CACHE_SECONDS",
    300,
    "How long browsers and proxies may keep a public help page (Cache-Control max-age); an "
    "edit reaches visitors within this time.",
)
if HELP_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("QORGAU_HELP_CACHE_SECONDS cannot be negative.")
