"""Each screen's validation, web-address rules and limits."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from requests.forms.base import url_normalise
from requests.forms.images import ItemForm
from requests.forms.parties import CompanyPartyForm, KnownPartyForm, OrdersForm, PseudonymPartyForm
from requests.forms.people import ApplicantForm, ConsentForm, WhoForm
from requests.forms.places import OtherPlaceForm, UrlPlaceForm
from requests.forms.situation import CheckForm, ContactForm, SituationForm, UrgencyForm
from tests.factories import answers_factory


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def errors_of(form):
    form.is_valid()
    return form.errors


@pytest.mark.parametrize(
    ("role", "age", "accepted", "message_part"),
    [
        ("self", 15, True, ""),
        ("self", 14, True, ""),
        ("self", 13, False, "parent or tutor has to make this application"),
        ("parent", 12, True, ""),
        ("parent", 14, False, "can make this application on their own"),
        ("helper", 13, True, ""),
        ("helper", 30, True, ""),
    ],
)
def test_who_routes_by_role_and_age(role, age, accepted, message_part):
    form = WhoForm(data={"role": role, "victim_age": age})
    assert form.is_valid() is accepted
    if not accepted:
        assert message_part in " ".join(form.non_field_errors())


def test_a_child_under_14_alone_is_told_where_to_get_help():
    form = WhoForm(data={"role": "self", "victim_age": 12})
    text = " ".join(form.non_field_errors()) if not form.is_valid() else ""
    assert "1 866 532-2822" in text


def test_age_must_be_a_plausible_number():
    assert "victim_age" in errors_of(WhoForm(data={"role": "self", "victim_age": "-1"}))
    assert "victim_age" in errors_of(WhoForm(data={"role": "self", "victim_age": "abc"}))


def test_consent_needs_who_when_how_and_to_what():
    errors = errors_of(ConsentForm(data={"helper_kind": "teacher"}))
    assert {"consented_by", "consent_date", "consent_method", "consent_scope"} <= set(errors)


def test_consent_date_cannot_be_in_the_future():
    data = {
        "helper_kind": "teacher",
        "consented_by": "Alex",
        "consent_date": "2999-01-01",
        "consent_method": "phone",
        "consent_scope": ["prepare"],
    }
    assert "consent_date" in errors_of(ConsentForm(data=data))


def test_a_parent_must_say_parent_or_tutor_but_a_helper_is_not_asked():
    parent = answers_factory(role="parent", victim_age=12)
    assert "capacity" in errors_of(ApplicantForm(data={"full_name": "D"}, answers=parent))
    helper = answers_factory(role="helper")
    form = ApplicantForm(data={"full_name": "D"}, answers=helper)
    assert form.is_valid()
    assert form.value() == {"full_name": "D", "capacity": ""}


def test_situation_asks_where_when_somewhere_else_is_checked():
    data = {"kind": "shared", "where": ["other"], "ongoing": "yes", "summary": "x"}
    assert "where_other" in errors_of(SituationForm(data=data))


def test_an_item_is_described_never_uploaded_and_lengths_are_limited():
    data = {
        "kind": "photo",
        "description": "x" * 1001,
        "under_18_then": "no",
        "privacy_reason": "y",
    }
    assert "description" in errors_of(ItemForm(data=data))
    assert all(
        field.widget.input_type != "file"
        for field in ItemForm().fields.values()
        if hasattr(field.widget, "input_type")
    )


def test_a_known_person_needs_a_name_and_what_they_did():
    errors = errors_of(KnownPartyForm(data={}))
    assert {"full_name", "actions"} <= set(errors)


def test_pseudonym_handles_and_profiles_are_stored_one_per_line():
    form = PseudonymPartyForm(
        data={
            "handles": "@one\n\n  @two  ",
            "platform": "Telegram",
            "profile_urls": "HTTPS://T.ME/groupx\nhttps://t.me/groupx#top",
            "actions": ["shared"],
        }
    )
    assert form.is_valid(), form.errors
    assert form.value()["handles"] == ["@one", "@two"]
    assert form.value()["profile_urls"] == ["https://t.me/groupx"]


def test_pseudonym_profile_addresses_refuse_other_schemes():
    form = PseudonymPartyForm(
        data={"handles": "@one", "profile_urls": "javascript:alert(1)", "actions": ["shared"]}
    )
    assert "profile_urls" in errors_of(form)


def test_company_is_chosen_from_the_directory_with_its_services_shown():
    form = CompanyPartyForm()
    labels = dict(form.fields["platform_id"].choices)
    assert labels["meta"] == "Meta (Facebook, Instagram, Messenger)"
    chosen = CompanyPartyForm(
        data={"platform_id": "meta", "service": "Instagram", "actions": ["hosts"]}
    )
    assert chosen.is_valid(), chosen.errors
    assert chosen.value()["platform_id"] == "meta"


def test_another_company_needs_its_name_and_is_stored_without_an_id():
    assert "company_name" in errors_of(
        CompanyPartyForm(data={"platform_id": "other", "actions": ["hosts"]})
    )
    form = CompanyPartyForm(
        data={
            "platform_id": "other",
            "company_name": "SiteX",
            "service": "forum",
            "actions": ["hosts"],
        }
    )
    assert form.is_valid()
    assert form.value()["platform_id"] == ""
    assert form.value()["company_name"] == "SiteX"


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        (["shared"], ["stop_and_destroy"]),
        (["threatened"], ["not_share_and_destroy"]),
        (["hosts"], ["stop_and_destroy"]),
        (["links"], ["remove_link"]),
        (["shared", "links"], ["stop_and_destroy", "remove_link"]),
    ],
)
def test_orders_are_pre_checked_from_what_each_respondent_did(actions, expected):
    answers = {"parties": [{"id": "r1", "kind": "known", "full_name": "Sam", "actions": actions}]}
    form = OrdersForm(answers=answers)
    assert form.fields["orders_r1"].initial == expected
    assert form.fields["orders_r1"].label == "Sam"


def test_orders_can_be_changed_but_not_left_empty_for_a_respondent():
    answers = {
        "parties": [{"id": "r1", "kind": "known", "full_name": "Sam", "actions": ["shared"]}]
    }
    changed = OrdersForm(data={"orders_r1": ["remove_link"]}, answers=answers)
    assert changed.is_valid()
    assert changed.value() == {"r1": ["remove_link"]}
    assert "orders_r1" in errors_of(OrdersForm(data={}, answers=answers))


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("HTTPS://Example.COM/Path?Q=1", "https://example.com/Path?Q=1"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:80/x", "http://example.com/x"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com/x#comments", "https://example.com/x"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/x  ", "https://example.com/x"),
        ("www.example.com/x", "https://www.example.com/x"),
    ],
)
def test_web_addresses_are_normalised(raw, normalised):
    assert url_normalise(raw) == normalised


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "data:text/html,hello",
        "ftp://example.com/file",
        "file:///etc/passwd",
        "mailto:someone@example.com",
        "https://",
        "not an address",
        "https://example.com/" + "a" * 2100,
    ],
)
def test_unsafe_or_broken_web_addresses_are_refused_with_a_message(raw):
    with pytest.raises(ValidationError) as refused:
        url_normalise(raw)
    assert refused.value.messages[0]


def test_an_address_already_in_the_list_is_accepted_to_be_merged_and_named_in_the_message():
    answers = answers_factory(complete=False)
    data = {"url": "HTTPS://WWW.INSTAGRAM.COM/p/abc123/#x", "respondents": ["r1"]}
    form = UrlPlaceForm(data=data, answers=answers)
    assert form.is_valid()
    assert "https://www.instagram.com/p/abc123/" in form.saved_message
    editing_itself = UrlPlaceForm(data=data, answers=answers, entry_index=0)
    assert editing_itself.is_valid()
    assert not editing_itself.saved_message


def test_a_place_is_tied_to_respondents_from_the_list():
    answers = answers_factory(complete=False)
    form = OtherPlaceForm(answers=answers)
    assert [value for value, _label in form.fields["respondents"].choices] == ["r1", "r2"]
    refused = OtherPlaceForm(
        data={"description": "Telegram group", "respondents": ["r9"]}, answers=answers
    )
    assert "respondents" in errors_of(refused)
    accepted = OtherPlaceForm(
        data={"description": "Telegram group X, message of June 3", "respondents": ["r1"]},
        answers=answers,
    )
    assert accepted.is_valid()


def test_urgency_needs_a_reason_and_an_explanation():
    assert {"reasons", "explanation"} <= set(errors_of(UrgencyForm(data={})))


def test_contact_needs_one_safe_way_and_a_district_from_the_list():
    form = ContactForm(data={"district": "montreal"})
    assert not form.is_valid() and form.non_field_errors()
    assert "district" in errors_of(ContactForm(data={"email": "a@b.ca", "district": "atlantis"}))
    assert len(ContactForm().fields["district"].choices) == 37  # 36 districts and "Choose"
    assert "phone" in errors_of(ContactForm(data={"phone": "call me", "district": "montreal"}))


def test_the_document_language_is_french_english_or_both():
    assert CheckForm(data={"document_language": "both"}).is_valid()
    assert not CheckForm(data={"document_language": "de"}).is_valid()
