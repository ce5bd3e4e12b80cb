"""The same place is one place: two spellings of one address are one row of Annex A, whether
the person adds them on the screen or pastes answers, and the page says they were merged."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from requests import answers_io
from requests.forms.base import url_identity, url_normalise
from requests.forms.places import UrlPlaceForm, places_merged
from requests.models import Application
from tests.factories import ApplicationFactory, answers_factory, open_in_session, place

ADDRESS = "https://www.instagram.com/p/abc123/"
# Each differs from ADDRESS only by what does not change the page: scheme, host case, a
# trailing slash, a fragment, a default port, tracking parameters.
SAME_PLACE = [
    "http://www.instagram.com/p/abc123/",
    "HTTPS://WWW.INSTAGRAM.COM/p/abc123/",
    "https://www.instagram.com/p/abc123",
    "https://www.instagram.com/p/abc123/#comments",
    "https://www.instagram.com:443/p/abc123/",
    "https://www.instagram.com/p/abc123/?utm_source=ig_web_copy_link&igsh=MzRlODBiNWFlZA==",
    "https://www.instagram.com/p/abc123/?igshid=YmMyMTA2M2Y%3D",
    "https://www.instagram.com/p/abc123/?fbclid=IwAR0abc&gclid=xyz&mc_eid=1",
    "www.instagram.com/p/abc123/",
]


@pytest.mark.parametrize("variant", SAME_PLACE)
def test_two_spellings_of_one_address_are_the_same_place(variant):
    assert url_identity(variant) == url_identity(ADDRESS)


@pytest.mark.parametrize("other", [
    "https://www.instagram.com/p/abc124/",  # another post
    "https://instagram.com/p/abc123/",  # another host, even if it redirects
    "https://www.instagram.com/p/ABC123/",  # paths are case-sensitive
    "https://www.instagram.com:8443/p/abc123/",
    "https://www.instagram.com/p/abc123/?img_id=2",
])
def test_addresses_of_other_pages_stay_apart(other):
    assert url_identity(other) != url_identity(ADDRESS)


@pytest.mark.parametrize(("typed", "kept"), [
    ("https://Example.COM/a/b?utm_source=x&id=7&utm_medium=y#top", "https://example.com/a/b?id=7"),
    ("https://youtu.be/dQw4w9WgXcQ?si=AbCdEf", "https://youtu.be/dQw4w9WgXcQ"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=AbC&t=42", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42"),
    ("https://x.com/someone/status/1?s=20&t=abc&ref_src=twsrc", "https://x.com/someone/status/1"),
    ("http://example.com:80/photo.jpg", "http://example.com/photo.jpg"),
    ("example.com:8080/photo", "https://example.com:8080/photo"),
    # "si" may name the page on a site that does not use it for tracking: kept there.
    ("https://photos.example/view?si=42", "https://photos.example/view?si=42"),
    ("https://photos.example/view?q=a%20b&flag", "https://photos.example/view?q=a%20b&flag"),
])
def test_the_stored_address_is_the_one_people_can_open_without_trackers(typed, kept):
    assert url_normalise(typed) == kept


@pytest.mark.parametrize("unsafe", [
    "javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<b>x</b>",
    "file:///etc/passwd", "ftp://example.com/a.jpg", "mailto:someone@example.com",
])
def test_addresses_that_are_not_web_pages_are_still_refused_clearly(unsafe):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            url_normalise(unsafe)
        assert "http:// or https://" in refused.value.messages[0]


def test_merged_places_keep_https_every_respondent_and_the_earliest_date():
    merged = places_merged([
        place(["r1"], url="http://www.instagram.com/p/abc123", seen_on="2026-11-05"),
        {"kind": "other", "description": "Group chat", "seen_on": "", "respondents": ["r1"]},
        place(["r2"], url=ADDRESS + "?utm_source=x", seen_on="2026-11-02"),
    ])
    assert len(merged) == 2
    assert merged[0]["url"] == ADDRESS + "?utm_source=x"  # https kept
    assert merged[0]["respondents"] == ["r1", "r2"]
    assert merged[0]["seen_on"] == "2026-11-02"
    assert merged[1]["description"] == "Group chat"


def test_the_form_accepts_the_same_place_again_and_says_it_will_be_merged():
    answers = answers_factory(complete=False)  # place 1 is ADDRESS, for r1 and r2
    form = UrlPlaceForm(
        data={"url": "http://WWW.INSTAGRAM.COM/p/abc123?utm_source=x#c", "respondents": ["r1"]},
        answers=answers,
    )
    with translation.override("en"):
        assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "http://www.instagram.com/p/abc123"
    assert "number 1" in form.saved_message and ADDRESS in form.saved_message


def _answers_with_one_place_for(respondents):
    return answers_factory(complete=False, places=[place(respondents)])


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "said"), [
    ("fr", "sont le même endroit"),
    ("en", "are the same place"),
])
def test_adding_the_same_place_twice_on_the_screen_keeps_one_row_and_says_so(
    client, language, said
):
    application = ApplicationFactory(answers=_answers_with_one_place_for(["r1"]))
    open_in_session(client, application)

    response = client.post(
        f"/{language}/form/places/new/url/",
        {"url": "http://www.instagram.com/p/abc123?utm_source=ig&fbclid=1", "respondents": ["r2"],
         "seen_on": ""},
    )

    assert response.status_code == 302
    places = Application.objects.get(pk=application.pk).answers["places"]
    assert len(places) == 1
    assert places[0]["url"] == ADDRESS  # https kept
    assert places[0]["respondents"] == ["r1", "r2"]
    page = client.get(response["Location"]).content.decode()
    assert said in page
    assert ADDRESS in page
    assert page.count('class="entry-list__label"') == 1  # one row in the list


@pytest.mark.django_db
def test_changing_a_place_into_another_one_of_the_list_merges_them(client):
    answers = answers_factory(complete=False, places=[
        place(["r1"]), place(["r2"], url="https://boreal-photos.example/album/981"),
    ])
    application = ApplicationFactory(answers=answers)
    open_in_session(client, application)

    client.post("/en/form/places/2/",
                {"url": ADDRESS + "#top", "respondents": ["r2"], "seen_on": ""})

    places = Application.objects.get(pk=application.pk).answers["places"]
    assert [p["url"] for p in places] == [ADDRESS]
    assert places[0]["respondents"] == ["r1", "r2"]


def test_the_import_keeps_one_row_for_the_same_place_given_twice():
    answers = answers_factory(places=[
        place(["r1"]),
        place(["r2"], url="HTTP://www.instagram.com/p/abc123?igsh=abc"),
        place(["r1"], url="https://boreal-photos.example/album/981"),
    ])
    imported = answers_io.answers_import(answers_io.answers_export_json(answers))
    assert [p["url"] for p in imported["places"]] == [
        ADDRESS, "https://boreal-photos.example/album/981",
    ]
    assert imported["places"][0]["respondents"] == ["r1", "r2"]
