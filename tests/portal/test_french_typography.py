"""French typography on every French page a person can reach (#14).

Walks the seven journeys of tests/journey_data.py in French with the test client, as
tests/requests/test_journeys.py does, and reads every page on the way: each screen, each
screen answered with nothing (its error summary), each list left empty, each entry's own
pages, the code page, the summary, the document page and its status, the pages after the
document (the filing guide, the court page, the removal plan, the companies, a cover letter,
the tracker with dates and with an error) and the site's own pages. On the text a person
sees, with what the journey typed cut to its first letter (a person's own words are theirs,
but « de » before a name that begins with a vowel is ours), it finds:

- « : » without a non-breaking space before it (U+00A0 or U+202F), outside URLs and times;
- a question mark joined to « : » (« ? : »), as an error summary that glues a question to
  its message would write it;
- « de », « que » or « le » left whole before a word that begins with a vowel (« de Alex »,
  « de un »): French elides them (« d'Alex », « d'un »);
- the first of a month written « 1 décembre » instead of « 1er décembre »;
- an unknown address said « inconnu » (« Adresse : inconnue »);
- a source line left in English.
"""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from requests import tasks
from requests.after import SOURCES
from tests.journey_data import JOURNEYS

pytestmark = pytest.mark.django_db

CODE_PATTERN = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")

BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "button", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "input", "label", "legend", "li", "main", "nav", "ol", "option", "p", "pre",
    "section", "select", "summary", "table", "td", "textarea", "th", "title", "tr", "ul",
}
HIDDEN = {"script", "style", "template", "noscript"}


class VisibleText(HTMLParser):
    """The text a person reads, one line per block; inline elements run together."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return parser.text()


VOWEL = "AEIOUYÉÈÀÂÊÎÔaeiouyéèàâêîô"
MONTHS = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
          "|décembre")
URL_OR_TIME = re.compile(r"\S*://\S*|\bwww\.\S+|\S+@\S+\.\S+|\b\d{1,2}:\d{2}\b")
NO_NBSP_BEFORE_COLON = re.compile(r"(?:^|[^\u00a0\u202f]):")
QUESTION_THEN_COLON = re.compile(r"\?[\s\u00a0\u202f]*:")
# « de », « que », « le » before a word beginning with a vowel; not before a "y" that is a
# consonant (« de yoga ») nor the words French does not elide before (« de oui », « de onze »),
# not « le ou la » (épicène), nor a pronoun after a verb (« collez-le ici »).
NOT_ELIDED = re.compile(
    rf"(?<![-\w’'])(?:de|De|que|Que|le|Le)[ \u00a0](?!(?:oui|onze|ou la|ou le)\b)(?!y[aeiouy])[{VOWEL}]"
)
FIRST_OF_MONTH = re.compile(rf"\b1[ \u00a0](?:{MONTHS})\b")
UNKNOWN_ADDRESS = re.compile(r"Adresse[\u00a0\u202f ]?:[\s\u00a0]*inconnu\b")
# Words of an English note; a source line quotes titles (« … ») and addresses as they are.
ENGLISH_NOTE = re.compile(
    r"\b(?:the|of|and|copy|was|were|found|seen|read|naming|its|for|about|from|taken|table"
    r"|report|list|official|archived|funding|stored|checked|page of|district page)\b"
)
QUOTED_TITLE = re.compile(r"«[^»]*»")


def typed_values(journey) -> list[str]:
    """What the journey types: a person's own words, which the checks leave alone."""
    found = set()
    for _path, data in journey.rows:
        for value in data.values():
            for item in value if isinstance(value, list) else [value]:
                # Free text only: choice keys ("shared", "parent") are never shown as typed.
                if isinstance(item, str) and re.search(r"[^a-z_]", item) and len(item) > 2:
                    found.add(item)
                    found.update(line for line in item.splitlines() if len(line) > 2)
    return sorted(found, key=len, reverse=True)


def faults_in(text: str, typed=()) -> list[str]:
    for value in typed:
        # A person's words are theirs, but what comes before them is ours: keep the first
        # letter, so that « de Alex » is still seen as « de A… ».
        text = text.replace(value, f"{value[0]}x")
    faults = []
    for line in text.splitlines():
        line = " ".join(line.split(" "))
        if not line.strip():
            continue
        bare = URL_OR_TIME.sub(" ", line)
        checks = (
            ("no non-breaking space before « : »", NO_NBSP_BEFORE_COLON.search(bare)),
            ("« ? » joined to « : »", QUESTION_THEN_COLON.search(line)),
            ("no elision", NOT_ELIDED.search(bare)),
            ("« 1 » for the first of a month", FIRST_OF_MONTH.search(line)),
            ("an unknown address said « inconnu »", UNKNOWN_ADDRESS.search(line)),
            ("a source line in English", line.lstrip().startswith("Source")
             and ENGLISH_NOTE.search(QUOTED_TITLE.sub(" ", bare))),
        )
        faults += [f"{what}: {line.strip()!r}" for what, found in checks if found]
    return faults


class FrenchReader:
    """Opens and posts French pages like a browser, and keeps what each one shows."""

    def __init__(self, client, typed=()):
        self.client = client
        self.typed = typed
        self.pages = {}

    def keep(self, label, response):
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            self.pages[label] = response.content.decode()
        return response

    def get(self, url):
        return self.keep(f"GET {url}", self.client.get(url))

    def post(self, url, data, label=""):
        return self.keep(f"POST {url} {label}", self.client.post(url, data))

    def faults(self) -> list[str]:
        found = []
        for label, html in self.pages.items():
            found += [f"{label}: {fault}" for fault in faults_in(visible_text(html), self.typed)]
        return found


def form(path: str) -> str:
    return f"/fr/form/{path}/"


def walk_in_french(client, name: str, reader: FrenchReader, monkeypatch) -> None:
    journey = JOURNEYS[name]
    emptied = set()
    for path, data in journey.rows:
        slug, adds_entry, _kind = path.partition("/new")
        if adds_entry and slug not in emptied:
            emptied.add(slug)
            reader.get(form(slug))
            reader.post(form(slug), {}, "(an empty list)")  # « ajoutez-en au moins un·e »
        reader.get(form(path))
        if data:
            reader.post(form(path), {}, "(nothing answered)")  # the error summary
        if path == "check":
            data = {**data, "document_language": "fr"}
        response = reader.post(form(path), data)
        landed = response.status_code == 302 or CODE_PATTERN.search(response.content.decode())
        assert landed, f"{path} was not accepted: {response.content.decode()[:3000]}"
        if adds_entry:
            reader.get(form(f"{slug}/1"))
            reader.get(form(f"{slug}/1/remove"))
    reader.get(form("document"))
    for url in ("/fr/", "/fr/staying-safe/", "/fr/resources/", "/fr/start/", form("resume"),
                form("answers/import"), form("delete")):
        reader.get(url)
    for after in ("next", "next/copy", "next/court", "next/removal", "next/companies",
                  "next/again"):
        reader.get(form(after))

    tracker = form("next/notes")
    reader.get(tracker)
    reader.post(tracker, {"part": "breaches", "breaches-note": "x"}, "(a date missing)")
    reader.post(tracker, {"part": "filed", "filed-filed_on": "2026-12-01", "filed-way": "online"})
    reader.post(tracker, {"part": "decision", "decision-decided_on": "2026-12-01",
                          "decision-outcome": "granted"})
    reader.post(tracker, {"part": "sent", "sent-to": "Meta", "sent-sent_on": "2026-12-01"})
    reader.post(tracker, {"part": "breaches", "breaches-seen_on": "2026-12-01",
                          "breaches-note": "x"})
    reader.get(tracker)

    # The waiting pages of the document and of a cover letter, without rendering them.
    monkeypatch.setattr(tasks.render_printed, "delay", lambda kind, printed_id: None)
    response = client.post(form("document"), {})
    if response.status_code == 302:
        reader.get(response["Location"])
    company = next((row for row in journey.rows if row[0] == "parties/new/company"), None)
    if company is not None:
        companies = [p for p, _ in journey.rows if p.startswith("parties/new/")]
        number = companies.index("parties/new/company") + 1
        response = client.post(form(f"next/companies/r{number}/letter"), {"language": "fr"})
        if response.status_code == 302:
            reader.get(response["Location"])


@pytest.mark.parametrize("name", sorted(JOURNEYS))
def test_every_french_page_of_the_journey_keeps_french_typography(client, name, monkeypatch):
    reader = FrenchReader(client, typed_values(JOURNEYS[name]))
    walk_in_french(client, name, reader, monkeypatch)
    read = set(reader.pages)
    expected = {"POST /fr/form/who/ ", "GET /fr/form/check/", "GET /fr/form/document/status/",
                "GET /fr/resources/", "POST /fr/form/next/notes/ (a date missing)",
                *(f"GET {form(path)}" for path in ("next", "next/copy", "next/court",
                                                   "next/removal", "next/companies",
                                                   "next/notes", "next/again"))}
    assert expected <= read, sorted(expected - read)  # the code page is the first POST
    faults = reader.faults()
    assert not faults, "\n".join(faults)


def test_the_source_lines_are_french_on_french_pages():
    for key, source in SOURCES.items():
        with translation.override("en"):
            english = str(source)
        with translation.override("fr"):
            assert str(source) != english, key


@pytest.mark.parametrize(("text", "fault"), [
    ("Adresse : 1 rue", "no non-breaking space"),
    ("Source: Quebec.ca", "no non-breaking space"),
    ("Quand l’image a-t-elle été vue ?\u00a0: Indiquez une date", "« ? » joined"),
    ("La demande de Alex", "no elision"),
    ("Le nom de un responsable", "no elision"),
    ("Vu le 1 décembre 2026", "« 1 » for the first"),
    ("Adresse\u00a0: inconnu", "« inconnu »"),
    ("Source\u00a0: https://example.org/ (copy on yumpu.com)", "source line in English"),
])
def test_the_checks_find_each_fault(text, fault):
    assert any(fault in found for found in faults_in(text)), faults_in(text)


@pytest.mark.parametrize("text", [
    "Adresse\u00a0: 1 rue Notre-Dame",
    "https://www.quebec.ca/imagesintimes",
    "Ouvert de 8:30 à 16:30",
    "La demande d’Alex, de Sam et de Dominique",
    "le ou la juge, de oui ou de non, de onze ans, de yoga",
    "Vu le 1er décembre 2026, le 11 décembre 2026",
    "Adresse\u00a0: inconnue",
    "Source\u00a0: Wikipédia, « Judicial districts of Quebec »\u00a0: https://en.wikipedia.org/wiki/x",
])
def test_the_checks_leave_correct_french_alone(text):
    assert faults_in(text) == []


def test_what_a_person_typed_is_left_alone_but_not_the_words_before_it():
    typed = typed_values(JOURNEYS["ai-image-on-google"])
    assert faults_in("Motif\u00a0: It is fake: I never posed for it.", typed) == []
    assert any("no elision" in fault
               for fault in faults_in("Les images de Alex Tremblay", ["Alex Tremblay"]))
    assert faults_in("Les images de Sam Gagnon", ["Sam Gagnon"]) == []
