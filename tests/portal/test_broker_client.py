"""Web processes load the broker's client when they start, and connect only to send."""

from kombu import Connection

from portal.celery import app, load_the_broker_client
from tests.fresh_python import printed_by


def test_a_web_process_loads_the_broker_client_without_connecting(monkeypatch):
    connected = []
    monkeypatch.setattr(
        Connection, "_connection_factory", lambda self: connected.append(self) or None
    )

    load_the_broker_client()

    assert app.finalized
    assert "requests.tasks.render_printed" in app.tasks
    assert connected == []  # a web process starts even while Redis is down


def test_without_a_broker_there_is_nothing_to_load(monkeypatch):
    monkeypatch.setattr(app.conf, "task_always_eager", True)
    monkeypatch.setattr(app, "producer_or_acquire", lambda: 1 / 0)

    load_the_broker_client()  # does not reach the producer


WEB_PROCESS_START = """
import weasyprint.text.fonts as fonts
built = []
original = fonts.FontConfiguration.__init__
fonts.FontConfiguration.__init__ = lambda self: built.append(self) or original(self)
import django
django.setup()
from portal.celery import load_the_broker_client
import requests.tasks  # what portal/wsgi.py loads, broker or not
load_the_broker_client()
import requests.documents.render  # whatever imports the renderer, until it prints
print(len(built))
"""


def test_a_web_process_builds_no_pdf_fonts_as_it_starts():
    # Only the worker prints: the fonts are built with the first document (or the worker's
    # warm-up), never on import.
    assert printed_by(WEB_PROCESS_START)[-1] == "0"
