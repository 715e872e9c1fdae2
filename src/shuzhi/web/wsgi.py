"""WSGI entry point: `shuzhi serve` runs it with waitress; any WSGI server can (gunicorn shuzhi.web.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuzhi.web.settings")
application = get_wsgi_application()
