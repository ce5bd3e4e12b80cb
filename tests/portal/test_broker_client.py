"""Web processes load the broker's client when they start, and connect only to send."""

from kombu import Connection

from portal.celery import app, load_the_broker_client


def test_a_web_process_loads_the_broker_client_without_connecting(monkeypatch):
    connected = []
    monkeypatch.setattr(
        Connection, "_connection_factory", lambda self: connected.append(self) or None
    )

    load_the_broker_client()

    assert app.finalized
    assert "requests.tasks.render_application_document" in app.tasks
    assert connected == []  # a web process starts even while Redis is down


def test_without_a_broker_there_is_nothing_to_load(monkeypatch):
    monkeypatch.setattr(app.conf, "task_always_eager", True)
    monkeypatch.setattr(app, "producer_or_acquire", lambda: 1 / 0)

    load_the_broker_client()  # does not reach the producer
