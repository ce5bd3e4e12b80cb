"""What a person writes goes into their encrypted draft and their document, nowhere else.

Every free-text field of a complete application holds a unique made-up word. After the whole
walkthrough, the document and its download, that word must not appear in any address asked
for, any tab title, any log line, the broker or the cache, the raw database columns or the
session. Pages that show answers are never stored by a cache, and the session cookie is
out of reach of scripts and other sites.
"""

import logging
import re
import time

import pytest
from django import forms
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from requests.models import Application, RenderedDocument
from requests.steps import STEPS, step_applies
from tests.conftest import SERVICES_RUNNING
from tests.factories import answers_factory

pytestmark = pytest.mark.django_db(transaction=True)

MARKER = "Qx7Marker"  # a made-up word: found anywhere, it came from the answers
MARKER_PATTERN = re.compile(MARKER, re.IGNORECASE)
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
READY_TIMEOUT_SECONDS = 60
# Fields whose value must have a shape, and the marked value that has it.
SHAPED = {
    "email": f"{MARKER.lower()}.email@example.org",
    "url": f"https://example.org/{MARKER}-url",
    "profile_urls": f"https://example.org/{MARKER}-profile",
    "handles": f"@{MARKER}_handle",
}


def marked_entry(form_class, entry: dict, where: str) -> dict:
    """Form data for one screen, every typed text field holding the marker."""
    data = form_class.data_from_value(entry)
    form = form_class(answers={})
    for name, field in form.fields.items():
        if isinstance(
            field, forms.ChoiceField | forms.BooleanField | forms.DateField | forms.IntegerField
        ):
            continue
        if isinstance(field.widget, forms.HiddenInput) or name == "phone":
            continue
        data[name] = SHAPED.get(name, f"{MARKER} {where} {name}")
    return data


def complete_answers() -> dict:
    """A helper's application (the most screens), with an entry of every kind."""
    answers = answers_factory(role="helper")
    answers["parties"].append(
        {
            "id": "r3",
            "kind": "pseudonym",
            "handles": ["@x"],
            "platform": "Telegram",
            "profile_urls": [],
            "actions": ["shared"],
        }
    )
    answers["orders"]["r3"] = ["stop_and_destroy"]
    answers["places"].append(
        {"kind": "other", "description": "A chat", "seen_on": "", "respondents": ["r1"]}
    )
    answers["contact"]["address"] = "1 rue Principale"
    answers["person"]["other_names"] = "Al"
    answers["situation"]["where_other"] = "School"
    return answers


class RecordingClient:
    """The test client, remembering every address it asked for and every page it got."""

    def __init__(self, client):
        self.client = client
        self.urls = []
        self.pages = []

    def _record(self, url, response):
        self.urls.append(url)
        if response.get("Location"):
            self.urls.append(response["Location"])
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            self.pages.append((url, response.content.decode()))
        return response

    def get(self, url, *args, **kwargs):
        return self._record(url, self.client.get(url, *args, **kwargs))

    def post(self, url, data=None, **kwargs):
        return self._record(url, self.client.post(url, data or {}, **kwargs))


def walk_everything(web: RecordingClient, answers: dict) -> None:
    """Post every screen of the walkthrough in order, as a browser would."""
    for step in STEPS:
        if not step_applies(step, answers) or step.kind == "stop":
            continue
        url = reverse("applications:step", args=[step.slug])
        assert web.get(url).status_code == 200, f"{step.slug} did not open"
        if step.kind == "collection":
            for number, entry in enumerate(answers[step.slug], start=1):
                kind = step.entry_kind_of(entry)
                data = marked_entry(kind.form_class, entry, f"{step.slug}{number}")
                new_url = reverse("applications:entry-new-kind", args=[step.slug, kind.key])
                response = web.post(new_url, data)
                assert response.status_code == 302, response.content.decode()[:3000]
            response = web.post(url)
        else:
            data = marked_entry(step.form_class, answers[step.slug], step.slug)
            response = web.post(url, data)
        assert response.status_code in (200, 302), response.content.decode()[:3000]
        if response.status_code == 200:
            assert "error-summary" not in response.content.decode(), (
                f"{step.slug} refused its answers:\n{response.content.decode()[:3000]}"
            )


def wait_for_document(web: RecordingClient) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        document = RenderedDocument.objects.first()
        if document is not None and document.status != RenderedDocument.Status.PENDING:
            assert document.status == RenderedDocument.Status.READY
            return
        web.get(reverse("applications:document-status"))
        time.sleep(0.2)
    raise AssertionError("the document was not rendered in time")


def redis_values(url: str) -> list[bytes]:
    """Every key and value of one Redis database, whatever their type."""
    import redis

    server = redis.Redis.from_url(url)
    seen = []
    for key in server.scan_iter():
        seen.append(key)
        kind = server.type(key)
        if kind == b"string":
            seen.append(server.get(key) or b"")
        elif kind == b"list":
            seen.extend(server.lrange(key, 0, -1))
        elif kind == b"hash":
            for field, value in server.hgetall(key).items():
                seen.extend((field, value))
        elif kind == b"set":
            seen.extend(server.smembers(key))
        elif kind == b"zset":
            seen.extend(server.zrange(key, 0, -1))
    return seen


def raw_rows(model) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {model._meta.db_table}")
        return repr(cursor.fetchall())


def cache_contents() -> list[bytes]:
    location = settings.CACHES["default"]
    if "redis" in location["BACKEND"].lower():
        return redis_values(location["LOCATION"])
    return [bytes(value) for value in getattr(cache, "_cache", {}).values()]


@pytest.fixture
def all_logs_at_debug(caplog):
    """Every logger at DEBUG, as with LOG_LEVEL=DEBUG, except those settings.LOGGING pins.

    A logger pinned to a level in settings.LOGGING keeps it whatever LOG_LEVEL says, so that
    is the most a production log can ever hold.
    """
    pinned = {
        name: config["level"]
        for name, config in settings.LOGGING.get("loggers", {}).items()
        if "level" in config
    }
    for name in [""] + list(logging.root.manager.loggerDict):
        caplog.set_level(pinned.get(name, logging.DEBUG), logger=name)
    caplog.handler.setLevel(logging.DEBUG)  # set_level leaves the last level on the handler
    return caplog


@pytest.fixture
def worker(request):
    """The real Celery worker under `make test`; tasks run in-process under plain pytest."""
    if SERVICES_RUNNING:
        return request.getfixturevalue("celery_worker")
    return None


def test_what_a_person_writes_stays_in_the_encrypted_draft_and_the_document(
    client, all_logs_at_debug, worker
):
    web = RecordingClient(client)
    answers = complete_answers()
    walk_everything(web, answers)
    application = Application.objects.get()
    stored = repr(application.answers)
    assert stored.count(MARKER) >= 20, "the walkthrough did not store the marked answers"

    assert web.post(reverse("applications:document")).status_code == 302
    wait_for_document(web)
    download = web.get(reverse("applications:document-download"))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    broker_seen = redis_values(settings.CELERY_BROKER_URL) if SERVICES_RUNNING else []
    check_page = web.get(reverse("applications:step", args=["check"])).content.decode()
    assert MARKER in check_page  # the person does see their own answers

    leaks = []
    leaks += [f"address {url}" for url in web.urls if MARKER_PATTERN.search(url)]
    for url, page in web.pages:
        title = TITLE.search(page)
        assert title, f"{url} has no <title>"
        if MARKER_PATTERN.search(title.group(1)):
            leaks.append(f"title of {url}")
    leaks += [f"log: {line}" for line in all_logs_at_debug.text.splitlines()
              if MARKER_PATTERN.search(line)]
    if worker is not None:
        leaks += [f"worker log: {line}" for line in worker.read_log().splitlines()
                  if MARKER_PATTERN.search(line)]
    leaks += ["broker" for value in broker_seen + redis_values(settings.CELERY_BROKER_URL)
              if MARKER.lower().encode() in value.lower()] if SERVICES_RUNNING else []
    leaks += ["cache" for value in cache_contents() if MARKER.lower().encode() in value.lower()]
    for model in (Application, RenderedDocument):
        if MARKER_PATTERN.search(raw_rows(model)):
            leaks.append(f"raw column of {model._meta.db_table}")
    for session in Session.objects.all():
        if MARKER_PATTERN.search(session.session_data) or MARKER_PATTERN.search(
            repr(session.get_decoded())
        ):
            leaks.append("session data")
    assert not leaks, "the marker leaked:\n" + "\n".join(sorted(set(leaks)))
    # The logs were really captured: the print's own line is among them (unless a worker ran it).
    assert any("printed id=" in r.getMessage() for r in all_logs_at_debug.records) or worker


def pages_that_show_answers():
    yield reverse("applications:start")
    for step in STEPS:
        if step.kind != "stop":
            yield reverse("applications:step", args=[step.slug])
        if step.kind == "collection":
            yield reverse("applications:entry", args=[step.slug, 1])
            yield reverse("applications:entry-remove", args=[step.slug, 1])
    yield reverse("applications:document")
    yield reverse("applications:answers-download")
    yield reverse("applications:answers-import")
    yield reverse("applications:delete")


def test_no_page_that_shows_answers_may_be_kept_by_a_cache(client):
    from requests.selectors import SESSION_KEY
    from tests.factories import ApplicationFactory

    application = ApplicationFactory(answers=complete_answers())
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    checked = 0
    for url in pages_that_show_answers():
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert "no-store" in response["Cache-Control"], url
        checked += 1
    assert checked > len(STEPS)


def session_cookie_after_starting(client):
    response = client.post(
        reverse("applications:step", args=["who"]), {"role": "self", "victim_age": "16"}
    )
    assert response.status_code in (200, 302)
    return response.cookies[settings.SESSION_COOKIE_NAME]


def test_the_session_cookie_is_hidden_from_scripts_and_other_sites(client):
    cookie = session_cookie_after_starting(client)
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_session_cookie_is_sent_only_over_https_when_cookies_are_secure(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    cookie = session_cookie_after_starting(client)
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
