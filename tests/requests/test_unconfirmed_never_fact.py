"""Secondary or unconfirmed reference data is never printed or shown as fact.

For every platform and every judicial district of requests/data/ whose legal name, address or
courthouse town is not confirmed (platforms-and-law.md, quebec.md), the application PDF, the
person's own pages, the cover letter and the pages after the document print only what the
data allows: the name people know ("Meta", "Judicial district of Beauce"); a secondary value
may appear on a screen only beside its status label ("Unofficial source, to be checked").
"""

import re
import subprocess
from datetime import date

import pytest
from django.utils import translation

from requests import directory
from requests.directory import Status
from requests.documents import render
from requests.documents.cover_letter import render_cover_letter_pdf
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory, answers_factory, company, known, place

DAY = date(2026, 11, 23)
PLATFORM_FIELDS = ("legal_name", "address", "report_url", "legal_request_url")


def pdf_text(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return flat(text)


def flat(text: str) -> str:
    """Words as one line: no line breaks, and no-break spaces read as spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def spellings(value: str) -> list[str]:
    """The value, and the street part of an address ("891, 3e Rue Ouest"), which a narrow
    column could keep on a line of its own."""
    parts = [part.strip() for part in value.split(",")]
    found = [flat(value)]
    if len(parts) > 2:
        found.append(flat(", ".join(parts[:2])))
    return found


def not_confirmed(entry, fields) -> list[tuple[str, str, Status]]:
    return [(field, getattr(entry, field), getattr(entry, f"{field}_status"))
            for field in fields
            if getattr(entry, field) and getattr(entry, f"{field}_status") != Status.CONFIRMED]


PLATFORMS = [p for p in directory.platforms() if not_confirmed(p, PLATFORM_FIELDS)]
DISTRICTS = [d for d in directory.districts()
             if not_confirmed(d, ("address", "courthouse_town"))]


def printed_person_pages(answers) -> str:
    """The person's own pages (what to do next, the courthouse), where the document has them."""
    context = render.build_application_context(answers, reference_date=DAY)
    html_of = getattr(render, "render_guide_html", render.render_application_html)
    return flat(html_of(context, language="both"))


def answers_naming(platform) -> dict:
    party = company(id="r2", platform_id=platform.id, service=platform.services[0])
    return answers_factory(parties=[known(), party], places=[place(["r1", "r2"])])


def test_the_data_has_values_to_check():
    assert {"meta", "whatsapp", "google", "telegram", "microsoft"} <= {p.id for p in PLATFORMS}
    assert len(DISTRICTS) > 20  # most courthouse addresses come from a third-party table


@pytest.mark.parametrize("platform", PLATFORMS, ids=[p.id for p in PLATFORMS])
def test_a_company_is_printed_by_the_name_people_know_never_by_a_value_not_confirmed(platform):
    answers = answers_naming(platform)
    application = pdf_text(render.render_application_pdf(answers, language="both",
                                                         reference_date=DAY))
    letters = [pdf_text(render_cover_letter_pdf(answers, respondent_id="r2", language=language,
                                                reference_date=DAY))
               for language in ("fr", "en")]
    for text in (application, *letters):
        assert platform.name in text
        for field, value, status in not_confirmed(platform, PLATFORM_FIELDS):
            for spelling in spellings(value):
                assert spelling not in text, (platform.id, field, status.value)
    if platform.legal_name_status == Status.CONFIRMED:
        assert platform.legal_name in application


@pytest.mark.parametrize("district", DISTRICTS, ids=[d.key for d in DISTRICTS])
def test_a_courthouse_not_confirmed_is_never_printed_only_its_district(district):
    answers = answers_factory(contact={**answers_factory()["contact"], "district": district.key})
    application = pdf_text(render.render_application_pdf(answers, language="both",
                                                         reference_date=DAY))
    person_pages = printed_person_pages(answers)
    assert district.name in application
    for text in (application, person_pages):
        if district.address_status != Status.CONFIRMED:
            for spelling in spellings(district.address):
                assert spelling not in text, (district.key, "address")
            if district.phone:
                assert district.phone not in text
        if district.courthouse_town_status != Status.CONFIRMED:
            assert "the courthouse is in" not in text, district.key
            assert "le palais de justice est à" not in text, district.key


def test_a_confirmed_courthouse_is_still_printed():
    montreal = directory.district("montreal")
    assert montreal.address_status == montreal.courthouse_town_status == Status.CONFIRMED
    with translation.override("en"):
        text = printed_person_pages(answers_factory())
    assert flat(montreal.address) in text


# --- The pages after the document ---

def _open(client, answers):
    application = ApplicationFactory(answers=answers)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    return application


SOURCES = re.compile(r'<p class="source[^"]*">.*?</p>', re.DOTALL)


def page_text(response) -> str:
    """The page without its lists of sources: a source is cited there, not stated as fact."""
    return flat(SOURCES.sub("", response.content.decode()))


def _only_beside_its_label(page: str, value: str, status: Status, where) -> None:
    """An unconfirmed value never appears; a secondary one only with its label after it."""
    if status == Status.UNCONFIRMED:
        assert value not in page, where
        return
    with translation.override("en"):
        label = str(status.label)
    rest = page
    while value in rest:
        rest = rest[rest.index(value) + len(value):]
        assert label in rest[:300], where


@pytest.mark.django_db
@pytest.mark.parametrize("platform", PLATFORMS, ids=[p.id for p in PLATFORMS])
def test_the_pages_after_the_document_show_a_company_only_as_the_data_allows(client, platform):
    _open(client, answers_naming(platform))
    for page_path in ("/en/form/next/companies/", "/en/form/next/copy/",
                      "/en/form/next/removal/"):
        page = page_text(client.get(page_path))
        assert platform.name in page
        for field, value, status in not_confirmed(platform, PLATFORM_FIELDS):
            _only_beside_its_label(page, value, status, (platform.id, field, page_path))


@pytest.mark.django_db
@pytest.mark.parametrize("district", DISTRICTS, ids=[d.key for d in DISTRICTS])
def test_the_filing_guide_shows_a_courthouse_only_as_the_data_allows(client, district):
    _open(client, answers_factory(contact={**answers_factory()["contact"],
                                           "district": district.key}))
    page = page_text(client.get("/en/form/next/"))
    assert district.name in page
    _only_beside_its_label(page, district.address, district.address_status,
                           (district.key, "address"))
    if district.courthouse_town_status != Status.CONFIRMED:
        with translation.override("en"):
            label = str(district.courthouse_town_status.label)
        town = f"Courthouse: {district.courthouse_town}"
        assert town not in page or f"{town} ({label})" in page, district.key
