"""What the application says, checked in its HTML, for each kind of applicant and respondent."""

import re
from datetime import date
from html import unescape

import pytest

from requests import directory
from requests.documents import build_application_context, render_application_html

from . import answers as builder

TODAY = date(2026, 11, 23)


def html_of(answers: dict, language: str = "en") -> str:
    context = build_application_context(answers, reference_date=TODAY)
    return render_application_html(context, language=language)


def text_of(answers: dict, language: str = "en") -> str:
    """The visible text: tags removed, entities decoded, every kind of space made plain, and
    the invisible break opportunities in long words dropped (as copying from the PDF does)."""
    html = re.sub(r"<style.*?</style>", " ", html_of(answers, language), flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u200b", "")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_a_15_year_old_applying_alone_is_told_14_is_old_enough_and_parents_are_never_mentioned():
    text = text_of(builder.self_15())
    assert "Camille Roy, the person shown, is applying in their own name." in text
    assert "A person 14 years of age or older may apply alone." in text
    assert "parent" not in text.lower()
    assert "tutor" not in text.lower()


def test_an_adult_applying_alone_gets_no_note_about_age_14():
    text = text_of(builder.build_answers(applicant="self", victim_age=30))
    assert "14 years of age" not in text
    assert "30 years old" in text


def test_a_parent_applies_for_a_12_year_old_as_parent_of_a_child_under_14():
    text = text_of(builder.parent_for_12())
    assert "Dominique Roy is applying for Camille Roy, as the child’s parent." in text
    assert "Camille Roy is under 14 years old." in text
    assert "may apply alone" not in text
    assert "I, Dominique Roy, declare that the facts stated in this application are true" in text


def test_a_teacher_presents_the_application_with_consent_and_the_consent_is_in_an_annex():
    text = text_of(builder.teacher_with_consent())
    assert (
        "Jordan Gagnon, a teacher (École secondaire du Parc), is presenting this application "
        "for Camille Roy, with their consent." in text
    )
    assert "Annex B: consent of the person shown" in text
    annex = text.split("Annex B: consent of the person shown")[1]
    assert "Who consented Camille Roy" in annex
    assert "When 21 November 2026" in annex
    assert "How in person" in annex
    assert "to prepare this application; to present this application to the court" in annex


def test_no_consent_annex_when_the_person_applies_alone():
    assert "Annex B" not in text_of(builder.self_15())


def test_each_kind_of_respondent_has_its_own_numbered_section_and_places():
    text = text_of(builder.every_kind_of_respondent())
    assert "Respondent 1: Alex Tremblay" in text
    assert "Link with the person shown Former boyfriend" in text
    assert "Address 123, rue des Érables, Laval QC H7A 1A1" in text
    assert "Respondent 2: nightowl_77 and 1 other name" in text
    assert "Not known: this person uses one or more pseudonyms." in text
    assert "nightowl_77 owl.secret" in text  # every name used, in the respondent's section
    assert "https://www.instagram.com/nightowl_77/" in text
    assert "Respondent 3: Meta" in text
    assert "Meta Platforms" not in text  # a secondary legal name is never printed as fact
    assert "Service Instagram" in text
    assert "Respondent 4: Hébergement Boréal inc." in text
    # Each respondent points at its rows of Annex A, where each place is written once.
    respondents = text.split("4. Respondents")[1].split("5. Why it is urgent")[0]
    assert "in Annex A" in respondents
    assert "https://boreal-photos.example/album/981" not in respondents
    annex = text.split("Annex A")[-1]
    assert "Telegram group “Class 4B”, message of 3 June" in annex
    assert "https://boreal-photos.example/album/981" in annex


def test_a_company_whose_legal_name_is_unconfirmed_is_named_as_people_know_it():
    tiktok = directory.platform("tiktok")
    assert tiktok.legal_name_for_display is None  # the reference data says: unconfirmed
    answers = builder.build_answers(
        parties=[builder.company(id="r1", platform_id="tiktok", service="TikTok")]
    )
    text = text_of(answers)
    assert "Respondent 1: TikTok" in text
    if tiktok.legal_name:
        assert tiktok.legal_name not in text


def test_the_conclusions_follow_each_respondents_orders_and_end_with_a_full_stop():
    text = text_of(builder.every_kind_of_respondent())
    assert (
        "to order respondent 1, Alex Tremblay, to stop sharing and to destroy the photo "
        "described in section 3;" in text
    )
    assert (
        "to order respondent 2, nightowl_77 and 1 other name, not to share and to destroy the "
        "photo described in section 3;" in text
    )
    assert "to order respondent 4, Hébergement Boréal inc., to stop sharing and to destroy" in text
    conclusions = text.split("What the applicant asks the court")[1].split("7. Declaration")[0]
    assert conclusions.strip().endswith("the photo described in section 3.")


def test_a_search_engine_is_asked_to_remove_links_to_an_ai_altered_image():
    text = text_of(builder.altered_image_in_search())
    assert "Item 1: Image altered or generated by AI" in text
    assert "appears to show the person" in text
    assert "Where in search engine results" in text
    assert "Respondent 1: Google LLC" in text or "Respondent 1: Google" in text
    assert (
        "to remove every hyperlink that leads to the image described in section 3." in text
    )


def test_a_threat_only_is_described_as_a_threat():
    text = text_of(builder.threat_only())
    assert (
        "Someone threatens to share an intimate photo of the person shown, Camille Roy, without "
        "their consent. Nothing has been shared yet." in text
    )
    assert "Someone shared" not in text


def test_several_images_are_written_in_the_plural():
    text = text_of(builder.build_answers(item_kinds=("photo", "video")))
    assert (
        "Someone shared intimate images of the person shown, Camille Roy, without their consent."
        in text
    )
    assert "Item 2: Video" in text
    assert "to stop sharing and to destroy the images described in section 3." in text


def test_the_document_has_every_section_the_court_needs():
    text = text_of(builder.teacher_with_consent())
    for heading in [
        "Court of Québec",
        "Judicial district of Montréal",
        "Application for an urgent order to cease or prevent the sharing of an intimate image",
        "Act to counter non-consensual sharing of intimate images (CQLR, chapter P-9.0002)",
        "1. Who is applying",
        "2. The person shown",
        "3. The facts",
        "4. Respondents",
        "5. Why it is urgent",
        "6. What the applicant asks the court",
        "7. Declaration",
        "Annex A: places where what is described is or was seen",
    ]:
        assert heading in text


def test_the_declaration_is_not_called_an_affidavit_or_sworn():
    text = text_of(builder.self_15()).lower()
    assert "declare that the facts stated in this application are true" in text
    assert "affidavit" not in text
    assert "sworn" not in text and "oath" not in text


def test_an_unknown_district_leaves_a_blank_to_fill_in():
    text = text_of(builder.build_answers(district="not-a-district"))
    assert "Judicial district: ____" in text


def test_the_french_version_is_in_french_with_the_french_title_of_the_act():
    text = text_of(builder.parent_for_12(), "fr")
    assert "Demande d’ordonnance urgente visant à faire cesser ou à prévenir le partage" in (
        text
    )
    assert "Loi visant à contrer le partage sans consentement d’images intimes" in text
    assert "(RLRQ, chapitre P-9.0002)" in text
    assert "Cour du Québec" in text
    assert "Dominique Roy fait la demande pour Camille Roy, à titre de parent de l’enfant." in (
        text
    )
    assert "Application for an urgent order" not in text


def test_both_languages_give_a_complete_french_version_then_a_complete_english_one():
    html = html_of(builder.self_15(), "both")
    french = html.index('<div class="version version-fr" lang="fr">')
    english = html.index('<div class="version version-en" lang="en">')
    assert french < english
    assert french < html.index("Cour du Québec", french) < english
    assert english < html.index("Court of Québec", english)


def test_the_french_html_puts_a_no_break_space_inside_guillemets_and_before_colons():
    answers = builder.self_15()
    answers["situation"]["summary"] = "Il a écrit « je vais la montrer » : voilà !"
    html = html_of(answers, "fr")
    assert "«\u202fje vais la montrer\u202f»\u00a0: voilà\u202f!" in html
    assert "Annexe A\u00a0: endroits" in html


def test_the_english_html_keeps_plain_spaces():
    answers = builder.self_15()
    answers["situation"]["summary"] = "He wrote: wait and see!"
    html = html_of(answers, "en")
    assert "He wrote: wait and see!" in html
    assert "\u202f" not in html


def test_answers_are_escaped_never_markup():
    answers = builder.self_15()
    answers["situation"]["summary"] = '<b onclick="x()">bold</b>'
    html = html_of(answers, "en")
    assert "<b onclick" not in html
    assert "&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;" in html


def test_the_document_title_and_language_are_neutral_and_set():
    assert "<title>Application</title>" in html_of(builder.self_15(), "en")
    assert '<html lang="fr">' in html_of(builder.self_15(), "fr")
    assert "<title>Demande</title>" in html_of(builder.self_15(), "fr")
    assert "<title>Demande / Application</title>" in html_of(builder.self_15(), "both")


def test_a_language_other_than_fr_en_or_both_is_refused():
    context = build_application_context(builder.self_15(), reference_date=TODAY)
    with pytest.raises(ValueError):
        render_application_html(context, language="de")


def test_orders_not_reviewed_yet_follow_the_suggestion_from_what_each_respondent_did():
    answers = builder.every_kind_of_respondent()
    del answers["orders"]
    context = build_application_context(answers, reference_date=TODAY)
    assert [r.orders for r in context.respondents] == [
        ("stop_and_destroy",),
        ("not_share_and_destroy",),
        ("stop_and_destroy",),
        ("stop_and_destroy",),
    ]


def test_a_choice_stored_many_times_or_mixed_with_junk_is_printed_once_in_the_screen_order():
    answers = builder.build_answers()
    answers["parties"][0]["actions"] = ["threatened", {"x": 1}] + ["shared"] * 300
    answers["urgency"]["reasons"] = ["school_or_work", "spreading", "school_or_work", None]
    text = text_of(answers)
    assert text.count("shared it without consent") == 1
    assert "shared it without consent; threatens to share it" in text
    assert text.count("It affects school or work.") == 1
    assert text.index("The image is spreading") < text.index("It affects school or work.")
