"""Whole journeys through the pages, posting every step in order, as a person would."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from requests.models import Application
from tests.journey_data import JOURNEYS, Words

pytestmark = pytest.mark.django_db

CODE_PATTERN = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


class Walker:
    """Posts screens like a browser, and checks where each one leads."""

    def __init__(self, client, language):
        self.client = client
        self.prefix = f"/{language}/form"
        self.code = None

    def url(self, path):
        return f"{self.prefix}/{path}/"

    def post(self, path, data, then):
        response = self.client.post(self.url(path), data)
        if (
            response.status_code == 200
            and self.code is None
            and CODE_PATTERN.search(response.content.decode())
        ):
            self.code = CODE_PATTERN.search(response.content.decode()).group()
            assert self.url(then) in response.content.decode()
            return response
        assert response.status_code == 302, response.content.decode()[:4000]
        assert response["Location"] == self.url(then), response["Location"]
        return response

    def add(self, path, data, kind=None):
        url = f"{path}/new/{kind}" if kind else f"{path}/new"
        self.post(url, data, then=path)

    def get_ok(self, path):
        response = self.client.get(self.url(path))
        assert response.status_code == 200
        return response.content.decode()


def plain(html: str) -> str:
    """Every kind of space made one (French pages keep numbers and « : » together)."""
    return re.sub(r"(\s|&nbsp;|\u00a0|\u202f)+", " ", html)


def walk(client, language: str, name: str) -> Application:
    """Every row of the journey, posted in order: each lands where it should, and each page
    shows what the journey says it shows. The document is asked for in the walk's language."""
    journey = JOURNEYS[name]
    walker = Walker(client, language)
    rows = journey.rows
    for index, (path, data) in enumerate(rows):
        if path in journey.shows:
            page = plain(walker.get_ok(path))
            with translation.override(language):
                for text in journey.shows[path]:
                    seen = gettext(text) if isinstance(text, Words) else text
                    assert plain(escape(seen)) in page, f"{path}: {seen}"
        if path == "check":
            data = {**data, "document_language": language}
        slug, adds_entry, _kind = path.partition("/new")
        following = rows[index + 1][0].split("/")[0] if index + 1 < len(rows) else "document"
        walker.post(path, data, then=slug if adds_entry else following)
        if index == 0:
            assert walker.code  # the first save shows the resume code once
    application = Application.objects.get()
    assert application.status == Application.Status.READY
    assert application.document_language == language
    return application


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(JOURNEYS))
def test_every_journey_walks_to_a_complete_application(client, name, language):
    walk(client, language, name)


def test_a_17_year_old_names_an_ex_partner_on_instagram_and_meta(client):
    answers = walk(client, "fr", "instagram-ex-partner").answers
    assert answers["who"] == {"role": "self", "victim_age": 17}
    assert [p["kind"] for p in answers["parties"]] == ["known", "company"]
    assert answers["parties"][1]["platform_id"] == "meta"
    assert answers["orders"] == {"r1": ["stop_and_destroy"], "r2": ["stop_and_destroy"]}


def test_the_orders_the_actions_call_for_are_already_checked(client):
    rows = JOURNEYS["instagram-ex-partner"].rows
    walker = Walker(client, "fr")
    for path, data in rows[: [path for path, _data in rows].index("orders")]:
        client.post(walker.url(path), data)
    orders_page = walker.get_ok("orders")
    checked = [tag for tag in re.findall(r"<input[^>]*>", orders_page)
               if 'value="stop_and_destroy"' in tag and "checked" in tag]
    assert len(checked) == 2


def test_pseudonymous_accounts_in_a_telegram_group_and_telegram(client):
    answers = walk(client, "fr", "telegram-pseudonyms").answers
    assert answers["parties"][0]["handles"] == ["@shadow_1", "@shadow_2"]
    assert answers["parties"][0]["profile_urls"] == ["https://t.me/groupx"]
    assert answers["places"][0]["kind"] == "other"


def test_a_threat_only_before_anything_was_shared(client):
    answers = walk(client, "en", "threat-only").answers
    assert answers["situation"]["kind"] == "threatened"
    assert answers["orders"] == {"r1": ["not_share_and_destroy"]}


def test_an_ai_altered_image_shown_by_google_search(client):
    answers = walk(client, "fr", "ai-image-on-google").answers
    assert answers["items"][0]["kind"] == "altered"
    assert answers["orders"] == {"r1": ["remove_link"]}
    assert answers["places"][0]["url"] == "https://www.google.com/search?q=alex+tremblay"


def test_a_parent_applies_for_a_12_year_old(client):
    application = walk(client, "fr", "parent-of-12-year-old")
    assert application.applicant_role == "parent"
    assert application.answers["applicant"] == {"full_name": "Dominique Roy", "capacity": "parent"}
    assert "consent" not in application.answers


def test_a_parent_whose_child_is_harmed_by_someone_at_home_is_shown_safe_options_and_stops(client):
    walker = Walker(client, "fr")
    walker.post("who", {"role": "parent", "victim_age": "11"}, then="home-safety")
    walker.post("home-safety", {"shared_by_household": "yes"}, then="safe-options")
    page = walker.get_ok("safe-options")
    assert "1 866 532-2822" in page and "911" in page and "DPJ" in page
    assert '<form method="post" novalidate>' not in page
    # Nothing after the stop page can be reached.
    assert client.get(walker.url("person"))["Location"] == walker.url("safe-options")
    assert client.get(walker.url("check"))["Location"] == walker.url("safe-options")
    assert Application.objects.get().status == Application.Status.DRAFT


def test_a_13_year_old_alone_is_told_a_parent_must_apply_and_nothing_is_saved(client):
    response = client.post("/en/form/who/", {"role": "self", "victim_age": "13"})
    assert response.status_code == 200
    assert "a parent or tutor has to make this application" in response.content.decode()
    assert not Application.objects.exists()


def test_a_15_year_old_applies_alone_without_any_parent_question(client):
    application = walk(client, "en", "15-year-old-alone")
    assert set(application.answers) == {
        "who", "person", "situation", "items", "parties", "orders", "places", "urgency",
        "contact", "check",
    }
    check_page = client.get("/en/form/check/").content.decode().lower()
    assert "parent" not in check_page.replace("apparent", "")


def test_a_teacher_helps_a_student_with_consent(client):
    application = walk(client, "fr", "teacher-with-consent")
    assert application.answers["consent"]["consent_scope"] == ["prepare", "present"]
    assert application.answers["applicant"]["capacity"] == ""
    assert application.applicant_role == "helper"


def test_a_helper_is_never_asked_in_what_capacity_a_parent_applies(client):
    rows = JOURNEYS["teacher-with-consent"].rows
    walker = Walker(client, "fr")
    for path, data in rows[:2]:
        client.post(walker.url(path), data)
    applicant_page = walker.get_ok("applicant")
    assert 'type="hidden" name="capacity"' in applicant_page


def test_the_journeys_load_without_django_for_the_compose_walk():
    from tests.fresh_python import printed_by

    printed = printed_by(
        "import sys, tests.journey_data as j; "
        "print(len(j.JOURNEYS), any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    assert printed == ["7", "False"]
