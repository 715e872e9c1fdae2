"""Django settings, read from the environment: SQLite in SHUZHI_DATA by default, PostgreSQL via DATABASE_URL."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url

WEB = Path(__file__).resolve().parent
# The SQLite database and the generated secret key live here (make demo uses build/web).
DATA = Path(os.environ.get("SHUZHI_DATA") or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "shuzhi").resolve()


def _secret_key() -> str:
    """SHUZHI_SECRET_KEY, or a key made once and kept beside the SQLite database."""
    if os.environ.get("SHUZHI_SECRET_KEY"):
        return os.environ["SHUZHI_SECRET_KEY"]
    path = DATA / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        DATA.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("SHUZHI_WEB_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("SHUZHI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "shuzhi.web.orgs",
    # Before reviews: the demo's ledger is loaded before its reports, which are then checked against it.
    "shuzhi.web.ledger",
    "shuzhi.web.reviews",
    # After reviews: the demo campaign's submissions are reports of the reviews app.
    "shuzhi.web.campaigns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shuzhi.web.orgs.middleware.LoginRequired",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "shuzhi.web.urls"
WSGI_APPLICATION = "shuzhi.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shuzhi.web.orgs.access.roles_context",
            ],
        },
    }
]

# SQLite by default (zero set-up); DATABASE_URL=postgres://user@host:5432/name for production.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA / 'shuzhi.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Wait for the worker's write instead of failing at once; WAL lets pages read while it writes, and with WAL
    # synchronous=NORMAL stays consistent after a crash (a power cut may lose the last commits, not the file).
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                                       "transaction_mode": "IMMEDIATE"}
    # A file, not memory, so that a worker started in a subprocess by the tests sees the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"shuzhi-test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Only for `collectstatic` behind a front server; by default whitenoise serves the package's own files.
STATIC_ROOT = os.environ.get("SHUZHI_STATIC_ROOT") or None
STATICFILES_DIRS = [WEB / "static"]
# Served from the package by whitenoise: no collectstatic step, nothing fetched from outside.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
# Behind HTTPS (SHUZHI_HTTPS=1): cookies only over TLS, and the proxy's header says the request was secure.
if os.environ.get("SHUZHI_HTTPS") == "1":
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "shuzhi.web.orgs.views.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

MB = 1024 * 1024
# One report file, one archive, and one upload request (several files together).
SHUZHI_MAX_FILE_MB = float(os.environ.get("SHUZHI_MAX_FILE_MB", 20))
SHUZHI_MAX_UPLOAD_MB = float(os.environ.get("SHUZHI_MAX_UPLOAD_MB", 200))
SHUZHI_MAX_FILES = int(os.environ.get("SHUZHI_MAX_FILES", 500))
# Processes the worker checks files on (0: one per core).
SHUZHI_JOBS = int(os.environ.get("SHUZHI_JOBS", 0))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * MB
DATA_UPLOAD_MAX_NUMBER_FILES = SHUZHI_MAX_FILES

# In memory, in the server's process: the ledger board's per-organization summaries (keyed by each organization's
# revision, so never stale). Room for every organization of a large 组织部, twice (summary and open items).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shuzhi",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("SHUZHI_CACHE_ENTRIES", 200_000))},
    }
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("SHUZHI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"shuzhi.web": {"handlers": ["console"], "level": "INFO"}},
}
