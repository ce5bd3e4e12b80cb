"""What happened, said right (issue "Court-ready in every situation", classes 5 to 9 and 12):
a threat read as a threat, each kind of material named in words, several images in one entry,
a respondent nobody can name, the consent printed once, a reshare naming the first order."""

import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from requests import answers_io
from requests.documents import build_application_context, render_application_html
from requests.models import Application
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory, answers_factory, known, open_in_session, pseudonym

from .test_render_html import text_of

TODAY = date(2026, 11, 23)


def _section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


# --- 5. A threat is a threat ---------------------------------------------------------------------


def threat(**traits) -> dict:
    """A threat whose stored answers still hold a date and "still going on" from an earlier
    answer (the person first chose "shared", then changed to "threatened")."""
    answers = answers_factory(kind="threatened", parties=[known(actions=["threatened"])],
                              **traits)
    answers["situation"].update({"first_seen": "2026-11-18", "ongoing": "yes"})
    return answers


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_threat_never_says_the_sharing_goes_on_nor_gives_a_date_it_was_first_seen(language):
    text = text_of(threat(), language)
    facts = _section(text, "3. ", "4. ")
    if language == "en":
        assert "Someone threatens to share an intimate photo" in facts
        assert "Nothing has been shared yet." in facts
        for wrong in ("First seen", "Still going on", "sharing is still going on", "Someone shared"):
            assert wrong not in facts
        assert "not to share and to destroy the photo described in section 3." in text
    else:
        assert "menace de partager une photo intime" in facts
        for wrong in ("Vu pour la première fois", "continue", "a partagé"):
            assert wrong not in facts


def test_a_threat_needs_no_place_and_the_annex_says_there_is_none_yet():
    answers = threat(places=[])
    text = text_of(answers)
    annex = text.split("Annex A")[-1]
    assert "No place yet: nothing has been shared so far." in annex
    assert answers_io.answers_validate(answers)["places"] == []  # the import takes it too


def test_something_shared_still_needs_a_place():
    answers = answers_factory(places=[])
    with pytest.raises(answers_io.ImportRefused):
        answers_io.answers_validate(answers)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "goes_on"), [("threatened", True), ("shared", False)])
def test_the_places_screen_may_be_left_empty_only_for_a_threat(client, kind, goes_on):
    answers = answers_factory(kind=kind, parties=[known(actions=["threatened"])], places=[])
    del answers["places"]
    application = ApplicationFactory(answers=answers)
    open_in_session(client, application)
    with translation.override("en"):
        url = reverse("applications:step", args=["places"])
    page = client.get(url).content.decode()
    assert ("you can continue without one" in page) is goes_on
    response = client.post(url, {})
    application.refresh_from_db()
    if goes_on:
        assert response.status_code == 302 and application.answers["places"] == []
    else:
        assert response.status_code == 200
        assert "Add at least one" in response.content.decode()
        assert "places" not in application.answers


@pytest.mark.django_db
def test_the_situation_screen_forgets_a_date_and_going_on_for_a_threat(client):
    application = ApplicationFactory(answers=answers_factory(complete=False))
    open_in_session(client, application)
    with translation.override("en"):
        url = reverse("applications:step", args=["situation"])
    client.post(url, {"kind": "threatened", "where": ["messaging"], "first_seen": "2026-11-18",
                      "ongoing": "yes", "summary": "He says he will post it."})
    application.refresh_from_db()
    situation = application.answers["situation"]
    assert (situation["kind"], situation["first_seen"], situation["ongoing"]) == (
        "threatened", "", ""
    )
    response = client.post(url, {"kind": "shared", "where": ["messaging"],
                                 "summary": "He posted it."})
    assert "Say whether the sharing is still going on." in response.content.decode()


def test_one_person_can_have_shared_one_image_and_threaten_to_share_another():
    both = known(actions=["shared", "threatened"])
    text = text_of(answers_factory(kind="both", parties=[both], item_kinds=("photo", "video")))
    assert "shared it without consent; threatens to share it" in text
    assert "to order respondent 1, Sam Gagnon, to stop sharing and to destroy the images" in text
    assert "to order respondent 1, Sam Gagnon, not to share and to destroy the images" in text


# --- 6. Say what kind of material it is ----------------------------------------------------------


@pytest.mark.parametrize(("kind", "some", "the", "covered"), [
    ("audio", "a sound recording of a sexual nature", "the sound recording described",
     "The Act also covers a sound recording of a sexual nature."),
    ("live", "an intimate live broadcast", "the live broadcast described",
     "The Act also covers a live broadcast."),
    ("altered", "an intimate image altered or generated by AI", "the image described",
     "appears to show the person"),
])
def test_each_kind_of_material_is_named_in_words_and_said_to_be_covered(kind, some, the, covered):
    text = text_of(answers_factory(item_kinds=(kind,)))
    assert f"Someone shared {some} of the person shown" in text
    assert covered in text
    conclusions = _section(text, "6. What the applicant asks the court", "7. ")
    assert the in conclusions
    if kind == "audio":  # a recording is never called an image where the court reads it
        assert "image" not in _section(text, "3. The facts", "Why privacy").lower().replace(
            "intimate image", ""
        ).split("what the order is about")[0]
        assert "image" not in conclusions.lower()


def test_images_and_recordings_together_are_named_together():
    text = text_of(answers_factory(item_kinds=("photo", "audio")))
    assert "Someone shared intimate images and recordings of the person shown" in text
    assert "the images and recordings described in section 3" in text


def test_the_french_document_names_a_recording_as_a_recording():
    text = text_of(answers_factory(item_kinds=("audio",)), "fr")
    assert "un enregistrement sonore de nature sexuelle qui la concerne" in text
    assert "l’enregistrement sonore décrit à la section 3" in text
    assert "La Loi vise aussi un enregistrement sonore de nature sexuelle." in text


# --- 7. Several images in one entry --------------------------------------------------------------


def test_one_entry_describing_several_images_reads_as_several_in_the_orders():
    answers = answers_factory()
    answers["items"][0]["how_many"] = "several"
    text = text_of(answers)
    assert "Someone shared intimate photos of the person shown" in text
    assert "Item 1: Photo (several, described together)" in text
    assert "to stop sharing and to destroy the photos described in section 3." in text


# --- 8. A person nobody can name -----------------------------------------------------------------


UNKNOWN = {"id": "r1", "kind": "unknown", "actions": ["hosts"],
           "description": "whoever runs the website leaks-example.net"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_unknown_person_with_no_pseudonym_is_described_by_what_they_did(language):
    text = text_of(answers_factory(parties=[dict(UNKNOWN)]), language)
    respondent = _section(text, "4. ", "5. ")
    assert "whoever runs the website leaks-example.net" in respondent
    for pseudonym_words in ("uses one or more pseudonyms", "Names used", "pseudonymes.",
                            "Noms utilisés"):
        assert pseudonym_words not in respondent
    if language == "en":
        assert "Respondent 1: a person whose identity is unknown" in respondent
        assert "Not known: no name and no pseudonym are known." in respondent
        assert "to order respondent 1, a person whose identity is unknown, to stop sharing" in text
    else:
        assert "une personne dont l’identité est inconnue" in respondent


@pytest.mark.django_db
def test_the_walkthrough_adds_a_person_nobody_can_name(client):
    answers = answers_factory(complete=False)
    for slug in ("parties", "orders", "places", "urgency", "contact"):
        del answers[slug]
    application = ApplicationFactory(answers=answers)
    open_in_session(client, application)
    with translation.override("en"):
        url = reverse("applications:entry-new-kind", args=["parties", "unknown"])
    response = client.post(url, {"description": "the person behind 514 555-0199",
                                 "actions": ["threatened"]})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["parties"] == [{
        "id": "r1", "kind": "unknown", "description": "the person behind 514 555-0199",
        "actions": ["threatened"],
    }]


# --- 9. Consent printed once ---------------------------------------------------------------------


def test_a_consent_given_on_the_step_and_recorded_in_the_helper_space_is_printed_once():
    answers = answers_factory(role="helper")
    recorded = {"consented_by": "Alex Tremblay", "consent_date": "2026-11-20",
                "consent_method": "in_person", "consent_scope": ["prepare", "present"],
                "recorded_by": "Jordan Gagnon (CAVAC de Montréal)"}
    context = build_application_context(answers, reference_date=TODAY,
                                        recorded_consents=(recorded, dict(recorded)))
    html = render_application_html(context, language="en")
    annex = html.split("Annex B: consent")[1]
    assert annex.count("Who consented") == 1
    assert "Jordan Gagnon (CAVAC de Montréal)" in annex
    for shown in ("20 November 2026", "in person", "to present this application to the court"):
        assert shown in annex


def test_the_consent_of_the_step_alone_is_printed_once():
    annex = text_of(answers_factory(role="helper")).split("Annex B: consent")[1]
    assert annex.count("Who consented") == 1


# --- 12. A reshare names the first application ---------------------------------------------------


@pytest.mark.django_db
def test_a_reshare_names_the_first_order_its_date_and_court_file_number(client):
    first = ApplicationFactory(answers=answers_factory(parties=[pseudonym(id="r1")]))
    open_in_session(client, first)

    def url(name):
        with translation.override("en"):
            return reverse(f"applications:{name}")

    client.post(url("after-tracker"), {"part": "decision", "decision-decided_on": "2026-11-25",
                                       "decision-outcome": "granted",
                                       "decision-file_number": "500-80-012345-261"})
    assert "500-80-012345-261" in client.get(url("after-tracker")).content.decode()
    client.post(url("after-reshare"), {"keep_items": "on"})
    new = Application.objects.exclude(pk=first.pk).get()
    assert client.session[SESSION_KEY] == str(new.pk)
    answers = {**first.answers, **new.answers}  # the new one, completed as the person would
    text = text_of(answers)
    assert (
        "This application follows an earlier application for the same person: the court made "
        "an order on 25 November 2026 (court file number 500-80-012345-261)." in text
    )
    assert "What it describes is what the earlier order covers" in text
    french = text_of(answers, "fr")
    assert "le 25 novembre 2026 (dossier nº 500-80-012345-261)" in french


def test_a_first_application_says_nothing_of_an_earlier_one():
    assert "earlier application" not in text_of(answers_factory())


# --- The answers schema: version 2, and version 1 files still read --------------------------------


def test_a_version_1_export_is_imported_with_each_image_as_one():
    answers = answers_factory()
    for item in answers["items"]:
        del item["how_many"]  # version 1 had no such question
    text = json.dumps({"schema": "portal-answers", "version": 1, "answers": answers})
    imported = answers_io.answers_import(text)
    assert [item["how_many"] for item in imported["items"]] == ["one"]
    assert answers_io.answers_export(imported)["version"] == 2


def test_an_earlier_application_is_exported_and_imported_as_it_is():
    answers = answers_factory()
    answers["earlier"] = {"filed_on": "2026-11-20", "decided_on": "2026-11-21",
                          "file_number": "500-80-1", "same_images": True}
    text = json.dumps(answers_io.answers_export(answers))
    assert answers_io.answers_import(text)["earlier"] == answers["earlier"]
    answers["earlier"]["file_number"] = "x" * 500
    with pytest.raises(answers_io.ImportRefused):
        answers_io.answers_import(json.dumps(answers_io.answers_export(answers)))
