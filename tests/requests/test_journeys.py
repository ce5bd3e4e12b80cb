"""Whole journeys through the pages, posting every step in order, as a person would."""

import re

import pytest

from requests.models import Application
from tests.journey_data import CONTACT, KNOWN, META, ORDERS, PERSON, PHOTO, PLACE, URGENCY, WHO
from tests.journey_data import SITUATION as SITUATION_SHARED

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


def finish(walker, language="fr"):
    walker.post("urgency", URGENCY, then="contact")
    walker.post("contact", CONTACT, then="check")
    check_page = walker.get_ok("check")
    assert "?next=check" in check_page
    response = walker.client.post(walker.url("check"), {"document_language": language})
    assert response["Location"] == walker.url("document")
    document_page = walker.client.get(response["Location"]).content.decode()
    assert "<h1>" in document_page
    application = Application.objects.get()
    assert application.status == Application.Status.READY
    return application


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_17_year_old_names_an_ex_partner_on_instagram_and_meta(client, language):
    walker = Walker(client, language)
    walker.post("who", WHO, then="person")
    assert walker.code
    walker.post("person", PERSON, then="situation")
    walker.post("situation", SITUATION_SHARED, then="items")
    walker.add("items", PHOTO)
    walker.post("items", {}, then="parties")
    walker.add("parties", KNOWN, "known")
    walker.add("parties", META, "company")
    walker.post("parties", {}, then="orders")
    orders_page = walker.get_ok("orders")
    assert orders_page.count("checked") >= 2  # suggested orders are pre-checked
    walker.post("orders", ORDERS, then="places")
    walker.add("places", PLACE, "url")
    walker.post("places", {}, then="urgency")
    application = finish(walker, language)
    answers = application.answers
    assert answers["who"] == {"role": "self", "victim_age": 17}
    assert [p["kind"] for p in answers["parties"]] == ["known", "company"]
    assert answers["parties"][1]["platform_id"] == "meta"
    assert answers["orders"] == {"r1": ["stop_and_destroy"], "r2": ["stop_and_destroy"]}
    assert application.document_language == language


def test_pseudonymous_accounts_in_a_telegram_group_and_telegram(client):
    walker = Walker(client, "fr")
    walker.post("who", {"role": "self", "victim_age": "24"}, then="person")
    walker.post("person", {"full_name": "Alex Tremblay", "other_names": "alex_t"}, then="situation")
    walker.post("situation", {**SITUATION_SHARED, "where": ["messaging"]}, then="items")
    walker.add("items", {**PHOTO, "kind": "video"})
    walker.post("items", {}, then="parties")
    walker.add(
        "parties",
        {
            "handles": "@shadow_1\n@shadow_2",
            "platform": "Telegram",
            "profile_urls": "https://t.me/groupx",
            "actions": ["shared"],
        },
        "pseudonym",
    )
    walker.add(
        "parties",
        {"platform_id": "telegram", "service": "Telegram", "actions": ["hosts"]},
        "company",
    )
    walker.post("parties", {}, then="orders")
    walker.post(
        "orders",
        {"orders_r1": ["stop_and_destroy"], "orders_r2": ["stop_and_destroy"]},
        then="places",
    )
    walker.add(
        "places",
        {
            "description": "Telegram group “groupx”, message of November 3",
            "respondents": ["r1", "r2"],
        },
        "other",
    )
    walker.post("places", {}, then="urgency")
    answers = finish(walker).answers
    assert answers["parties"][0]["handles"] == ["@shadow_1", "@shadow_2"]
    assert answers["parties"][0]["profile_urls"] == ["https://t.me/groupx"]
    assert answers["places"][0]["kind"] == "other"


def test_a_threat_only_before_anything_was_shared(client):
    walker = Walker(client, "en")
    walker.post("who", {"role": "self", "victim_age": "19"}, then="person")
    walker.post("person", {"full_name": "Alex Tremblay"}, then="situation")
    walker.post(
        "situation",
        {
            "kind": "threatened",
            "where": ["text_message"],
            "ongoing": "yes",
            "summary": "He says he will post it.",
        },
        then="items",
    )
    walker.add("items", PHOTO)
    walker.post("items", {}, then="parties")
    walker.add("parties", {"full_name": "Sam Gagnon", "actions": ["threatened"]}, "known")
    walker.post("parties", {}, then="orders")
    assert 'value="not_share_and_destroy"' in walker.get_ok("orders")
    walker.post("orders", {"orders_r1": ["not_share_and_destroy"]}, then="places")
    walker.add(
        "places", {"description": "Text messages of November 20", "respondents": ["r1"]}, "other"
    )
    walker.post("places", {}, then="urgency")
    answers = finish(walker, "en").answers
    assert answers["situation"]["kind"] == "threatened"
    assert answers["orders"] == {"r1": ["not_share_and_destroy"]}


def test_an_ai_altered_image_shown_by_google_search(client):
    walker = Walker(client, "fr")
    walker.post("who", {"role": "self", "victim_age": "30"}, then="person")
    walker.post("person", {"full_name": "Alex Tremblay"}, then="situation")
    walker.post("situation", {**SITUATION_SHARED, "where": ["search"]}, then="items")
    walker.add(
        "items",
        {
            "kind": "altered",
            "description": "Fake nude made from my profile photo.",
            "under_18_then": "no",
            "privacy_reason": "It is fake: I never posed for it.",
        },
    )
    walker.post("items", {}, then="parties")
    walker.add(
        "parties",
        {"platform_id": "google", "service": "Google Search", "actions": ["links"]},
        "company",
    )
    walker.post("parties", {}, then="orders")
    walker.post("orders", {"orders_r1": ["remove_link"]}, then="places")
    walker.add(
        "places",
        {"url": "https://www.google.com/search?q=alex+tremblay", "respondents": ["r1"]},
        "url",
    )
    walker.post("places", {}, then="urgency")
    answers = finish(walker).answers
    assert answers["items"][0]["kind"] == "altered"
    assert answers["orders"] == {"r1": ["remove_link"]}
    assert answers["places"][0]["url"] == "https://www.google.com/search?q=alex+tremblay"


def _common_middle(walker):
    walker.post("person", {"full_name": "Alex Tremblay"}, then="situation")
    walker.post("situation", SITUATION_SHARED, then="items")
    walker.add("items", {**PHOTO, "under_18_then": "yes"})
    walker.post("items", {}, then="parties")
    walker.add("parties", {"full_name": "A classmate", "actions": ["shared"]}, "known")
    walker.post("parties", {}, then="orders")
    walker.post("orders", {"orders_r1": ["stop_and_destroy"]}, then="places")
    walker.add(
        "places", {"description": "Snapchat story of November 2", "respondents": ["r1"]}, "other"
    )
    walker.post("places", {}, then="urgency")


def test_a_parent_applies_for_a_12_year_old(client):
    walker = Walker(client, "fr")
    walker.post("who", {"role": "parent", "victim_age": "12"}, then="home-safety")
    walker.post("home-safety", {"shared_by_household": "no"}, then="applicant")
    walker.post("applicant", {"full_name": "Dominique Roy", "capacity": "parent"}, then="person")
    _common_middle(walker)
    application = finish(walker)
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


def test_a_15_year_old_applies_alone_without_any_parent_question(client):
    walker = Walker(client, "en")
    walker.post("who", {"role": "self", "victim_age": "15"}, then="person")
    _common_middle(walker)
    items_page = walker.get_ok("items")
    assert "Cyberaide" in items_page and "1 866 658-9022" in items_page
    application = finish(walker, "en")
    assert set(application.answers) == {
        "who",
        "person",
        "situation",
        "items",
        "parties",
        "orders",
        "places",
        "urgency",
        "contact",
        "check",
    }
    check_page = client.get(walker.url("check")).content.decode().lower()
    assert "parent" not in check_page.replace("apparent", "")


def test_a_13_year_old_alone_is_told_a_parent_must_apply_and_nothing_is_saved(client):
    response = client.post("/en/form/who/", {"role": "self", "victim_age": "13"})
    assert response.status_code == 200
    assert "a parent or tutor has to make this application" in response.content.decode()
    assert not Application.objects.exists()


def test_a_teacher_helps_a_student_with_consent(client):
    walker = Walker(client, "fr")
    walker.post("who", {"role": "helper", "victim_age": "16"}, then="consent")
    consent_page = walker.get_ok("consent")
    assert "DPJ" in consent_page  # a helper of a minor is told about youth protection duties
    walker.post(
        "consent",
        {
            "helper_kind": "teacher",
            "organisation": "École du Plateau",
            "consented_by": "Alex Tremblay",
            "consent_date": "2026-11-20",
            "consent_method": "in_person",
            "consent_scope": ["prepare", "present"],
        },
        then="applicant",
    )
    applicant_page = walker.get_ok("applicant")
    assert 'name="capacity"' in applicant_page and 'type="hidden" name="capacity"' in applicant_page
    walker.post("applicant", {"full_name": "Dominique Roy"}, then="person")
    _common_middle(walker)
    application = finish(walker)
    assert application.answers["consent"]["consent_scope"] == ["prepare", "present"]
    assert application.answers["applicant"]["capacity"] == ""
    assert application.applicant_role == "helper"
