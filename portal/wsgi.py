import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

from portal.celery import load_the_broker_client  # noqa: E402  (needs Django set up)

load_the_broker_client()
