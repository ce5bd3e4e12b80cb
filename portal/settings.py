"""One settings module for every environment; each value comes from the environment.

Defaults are written once, here. `make run` writes a local `.env` (kept out of git) with a
generated SECRET_KEY and FIELD_ENCRYPTION_KEYS; production passes real environment variables.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # absent in production and CI: a no-op then

DATA_DIR = Path(env("DATA_DIR", default=str(BASE_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file of `make run` lives here

# --- Core ---
DEBUG = env.bool("DEBUG", default=False)
# No default: a server without a secret key must not start. Tests and `make run` set one.
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "portal",
    "requests",
    # --- Helper accounts ---
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "portal.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.SessionIdleLimitMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # --- Helper accounts ---
    "django_otp.middleware.OTPMiddleware",
    "portal.accounts.middleware.HelperIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PrivacyHeadersMiddleware",
    # Refuses file bodies before any view or CsrfViewMiddleware.process_view reads them
    # (process_view runs only after every middleware's __call__ has run).
    "portal.middleware.NoFileBodiesMiddleware",
    # --- Helper accounts --- (last, as django-axes asks)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Database ---
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails a page (and /healthz/ready) after 5 s instead
    # of holding a web worker for the system's TCP timeout. `?connect_timeout=` in the URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: rate-limit counters (resume codes, share codes). Shared by every web process in
# production (e.g. redis://redis:6379/1); per-process memory for `make run`. ---
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# --- Encryption at rest ---
# Comma-separated Fernet keys; the first encrypts, all decrypt (add a new key first to rotate).
FIELD_ENCRYPTION_KEY = env.list("FIELD_ENCRYPTION_KEYS")

# --- Languages: French first ---
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Toronto"  # Québec's time zone

# --- Static files: all local, compressed, served by whitenoise ---
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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
WHITENOISE_USE_FINDERS = DEBUG

# --- Sessions and cookies ---
# The idle limit: each request restarts it (portal.middleware.SessionIdleLimitMiddleware, which
# writes the session at most once a minute for it).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# The anti-forgery cookie ends with the browser session too (Django's default keeps it a
# year): nothing that marks a visit outlives the session, and the quick exit deletes it.
CSRF_COOKIE_AGE = None
# A refused form comes back with what the person typed in it, where that is safe.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
# Flash messages live in the session, not in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- HTTPS and security headers (production defaults; `make run` sets DEBUG=true) ---
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Over HTTPS, cookies carry the `__Host-` prefix (OWASP ASVS 5, level 2): the browser keeps
# them for this exact host only, sent over HTTPS only. Plain HTTP (`make run`) cannot use it.
SESSION_COOKIE_NAME = "__Host-sid" if SESSION_COOKIE_SECURE else "sid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app add to X-Forwarded-For (the TLS proxy: 1). 0, the
# default, believes no header: the client is REMOTE_ADDR. Every rate limit reads the client
# through portal.network.client_address (resume codes, helpers' sign-in).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The health endpoints (portal/health.py) answer plain HTTP: the container's own check asks
# http://localhost:8000/ from inside, without the proxy. They carry no personal data.
SECURE_REDIRECT_EXEMPT = [r"^healthz/(live|ready)$"]
# "same-origin", not "no-referrer": with no-referrer, browsers send `Origin: null` on form
# posts and Django's CSRF check refuses them. Other sites still receive no referrer at all.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws checkboxes with data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# --- Request bodies: no part of the portal takes a file ---
# No upload handler at all, so not one byte of a file part can reach memory or disk; the
# middleware refuses multipart bodies before anything reads them (portal/middleware.py).
FILE_UPLOAD_HANDLERS = []
# The longest form, pasted answers, holds 500 000 characters; percent-encoded, up to 9 bytes each.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Forms ---
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Celery: no broker means tasks run in-process (make run) ---
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Each worker process warms the PDF renderer as it starts (portal/celery.py): allow for it.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 30
# The rendering processes run at this lower priority (Unix nice, 0–19): on a machine shared
# with the web processes, a page someone waits for goes before a PDF, which takes 0.25 s of CPU.
RENDER_NICENESS = env.int("RENDER_NICENESS", default=10)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Liveness for the containers' health checks (scripts/healthcheck.py): the worker touches this
# file every few seconds while it is connected to the broker, beat at each turn of its loop
# (portal/celery.py). Empty: no file (make run, tests).
LIVENESS_FILE = env("LIVENESS_FILE", default="")
CELERY_BEAT_SCHEDULER = "portal.celery:BeatSchedulerWithLivenessFile"
# Beat's loop turns at least this often (Celery's default is 300 s), so its liveness file is
# never older than this while it runs.
CELERY_BEAT_MAX_LOOP_INTERVAL = 30
# Retention: drafts and documents past their date are deleted every hour (the `beat` service).
CELERY_BEAT_SCHEDULE = {
    "purge-expired-data": {"task": "requests.tasks.purge_expired_data", "schedule": 3600.0},
    # Documents asked for while Redis was down wait as "pending": hand them over again.
    "enqueue-stale-documents": {
        "task": "requests.tasks.enqueue_stale_documents", "schedule": 60.0,
    },
}
# Redis down: asking for a document must stay quick (the page says "preparing"); a refused
# connection fails in well under a second, an unreachable host after 2 × 1 s at most.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 10,  # above the worker's 1 s BRPOP; a dead connection cannot hang a page
    # A message taken by a worker that died (SIGKILL, power cut) goes back to the queue after
    # this long. Longer than the task's 90 s time limit, or a slow render would run twice.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
}

# --- The portal ---
SITE_NAME = _("My paperwork")  # neutral on purpose: a glance at the tab reveals nothing
# Where the quick exit sends a person: an ordinary, neutral site.
QUICK_EXIT_URL = env("QUICK_EXIT_URL", default="https://www.google.ca/")
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=30)
DOCUMENT_RETENTION_HOURS = env.int("DOCUMENT_RETENTION_HOURS", default=72)
# A document's hard time budget (requests/documents/budget.py): processor seconds, and
# seconds in all. The longest answers the forms allow print in about 8 s of CPU.
DOCUMENT_RENDER_CPU_SECONDS = env.int("DOCUMENT_RENDER_CPU_SECONDS", default=30)
DOCUMENT_RENDER_WALL_SECONDS = env.int("DOCUMENT_RENDER_WALL_SECONDS", default=60)

# --- Helper accounts ---
# Victims never need an account; CAVAC workers, teachers and trusted people do (portal/accounts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:dashboard"
# A helper's screen may show a young person's application: sign out after 15 idle minutes.
HELPER_IDLE_SECONDS = env.int("HELPER_IDLE_SECONDS", default=15 * 60)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Lock an account after 5 failures from one client address: a stranger elsewhere cannot lock
# a helper out by typing their e-mail address, and colleagues behind one office address do
# not lock each other out. The one-time code is what stops a guessed password.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.network.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # no Django admin on this site
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Portal")

# --- Logging: ids and events only, never answers ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request lines carry URLs only; POST bodies are never logged.
        "django.request": {"level": "ERROR"},
        # The PDF renderer's progress lines are noise; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs request paths at INFO, and an invitation path holds its token.
        "axes": {"level": "WARNING"},
        # At DEBUG, Django's template engine logs whole contexts, answers included.
        "django.template": {"level": "INFO"},
    },
}
