"""Whole applications walked in a real browser, as a person would: clicking, typing, pressing.

Every page a test reaches is checked (`Visitor.arrived`): the page is in the right language,
it has no file input, it asks nothing of another host, nothing failed to load and nothing
scrolls sideways. axe-core runs once per kind of page and language in a test run (the first
time a test reaches it), so every step page is checked in both languages without checking
the same page seven times.

The seven journeys run in French, the language a visitor sees first, and in English; the
pages around the walkthrough (resume, import, delete, an error state, the stop page) are
checked in both languages by their own tests below.
"""

import os
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from requests import steps
from requests.models import Application
from tests.browser.helpers import (
    assert_every_request_succeeded,
    assert_no_axe_violations,
    assert_only_local_requests,
    save_screenshot,
)
from tests.journey_data import JOURNEYS, Words

PHONE, DESKTOP = 320, 1280
CODE_PATTERN = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")
LOCALES = {"fr": "fr-CA", "en": "en-CA"}

PAGE_FACTS = """() => ({
    lang: document.documentElement.lang,
    file_inputs: document.querySelectorAll("input[type=file]").length,
    errors: document.getElementById("error-summary") !== null,
    heading: (document.querySelector("h1")?.textContent || "").trim(),
    scroll_width: document.documentElement.scrollWidth,
    window_width: window.innerWidth,
})"""

# (language, kind of page) pairs axe-core already passed in this run.
AXE_CHECKED: set[tuple[str, str]] = set()


def page_kind(url: str, heading: str, *, has_errors: bool) -> str:
    """One kind of page, whatever the entry number: `form/items/N/ The images`.

    The heading tells apart pages sent back at one address (a step, and the code page shown
    after the first answer); an error state is a kind of its own.
    """
    path = re.sub(r"/\d+/", "/N/", urlsplit(url).path.split("/", 2)[-1])
    return f"{path} {heading}{' (errors)' if has_errors else ''}"


def days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


class Visitor:
    """One person in the browser: acts through what is visible, checks every page reached."""

    def __init__(self, page, live_server, language, *, screenshots="", javascript=True):
        self.page = page
        self.live_server = live_server
        self.language = language
        # Pictures of every page, for a human to look at, when SCREENSHOT_DIR asks for them
        # (a full-page picture costs about half a second).
        self.screenshots = screenshots if os.environ.get("SCREENSHOT_DIR") else ""
        self.javascript = javascript
        self.pages_reached = 0
        self.on_orders_step = False

    def t(self, msgid: str, context: str = "") -> str:
        """The text a person reads for an English msgid, in this visitor's language."""
        with translation.override(self.language):
            return pgettext(context, msgid) if context else gettext(msgid)

    # --- Moving between pages ---

    def goto(self, path: str) -> None:
        response = self.page.goto(f"/{self.language}/{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        self.arrived()

    def press(self, msgid: str) -> None:
        """Press a button that sends the page, and check the page that comes back."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=self.t(msgid), exact=True).click()
        self.arrived()

    def follow(self, msgid: str, context: str = "") -> None:
        self.follow_text(self.t(msgid, context))

    def follow_text(self, text: str) -> None:
        with self.page.expect_navigation():
            self.main.get_by_role("link", name=text, exact=True).first.click()
        self.arrived()

    def arrived(self) -> None:
        page = self.page
        self.pages_reached += 1
        assert_only_local_requests(page, self.live_server)
        assert_every_request_succeeded(page)
        if self.javascript:
            # One round trip to the page for every measure: the suite stays fast.
            seen = page.evaluate(PAGE_FACTS)
        else:  # a page that runs no script is read through locators
            seen = {
                "lang": page.locator("html").get_attribute("lang"),
                "file_inputs": page.locator("input[type=file]").count(),
                "errors": page.locator("#error-summary").count() > 0,
            }
        assert seen["lang"] == self.language
        assert seen["file_inputs"] == 0, f"{page.url} has a file input"
        if self.screenshots:
            path = urlsplit(page.url).path.split("/", 2)[-1]
            slug = re.sub(r"\W+", "-", path).strip("-") + ("-errors" if seen["errors"] else "")
            save_screenshot(page, f"{self.screenshots}-{self.pages_reached:02d}-{slug}")
        if not self.javascript:
            return
        assert seen["scroll_width"] <= seen["window_width"], f"{page.url} scrolls sideways"
        key = (self.language, page_kind(page.url, seen["heading"], has_errors=seen["errors"]))
        if key not in AXE_CHECKED:
            assert_no_axe_violations(page)
            AXE_CHECKED.add(key)

    # --- Answering ---

    @property
    def main(self):
        return self.page.locator("main")

    def fill(self, label: str, value: str) -> None:
        self.main.get_by_label(self.t(label)).fill(value)

    def group(self, legend: str):
        return self.main.get_by_role("group", name=self.t(legend))

    def choose(self, legend: str, option: str) -> None:
        self.group(legend).get_by_label(self.t(option), exact=True).check()

    def tick(self, legend: str, *options: str) -> None:
        for option in options:
            self.group(legend).get_by_label(self.t(option), exact=True).check()

    def sees(self, *texts: str) -> None:
        for text in texts:
            expect(self.main).to_contain_text(text)


# --- Steps, as a person answers them ---

def begin(v: Visitor, role: str, age: str) -> str:
    """From the start page to the first question, then the code page; returns the code."""
    v.goto("start/")
    v.follow("Start the questions")
    v.choose("Who is filling this in?", role)
    v.fill("How old is the person in the image today?", age)
    v.press("Save and continue")
    code = v.main.locator(".resume-code").inner_text().strip()
    assert CODE_PATTERN.fullmatch(code), code
    v.follow("I wrote down my code: continue")
    return code


def answer_person(v: Visitor, label: str, name: str) -> None:
    v.fill(label, name)
    v.press("Save and continue")


def answer_situation(v: Visitor, kind: str, where: str, summary: str) -> None:
    v.choose("What is happening?", kind)
    v.tick("Where was it shared, or where do they threaten to share it?", where)
    v.fill("If it was shared: when did you first learn about it?", days_ago(20))
    v.choose("If it was shared: is the sharing still going on?", "Yes")
    v.fill("In a few sentences, what happened?", summary)
    v.press("Save and continue")


def add_image(v: Visitor, kind: str, description: str, *, under_18: str = "No") -> None:
    v.follow("Add an image")
    v.choose("What is it?", kind)
    v.fill("Describe it in a few words", description)
    v.fill("Roughly when was it made?", "2023")
    v.choose("Was the person in the image under 18 at that time?", under_18)
    v.fill("Why was it meant to stay private?", "I sent it only to my partner at the time.")
    v.press("Save")
    v.sees(description)


def add_known_person(v: Visitor, name: str, action: str, relationship: str = "") -> None:
    v.follow("Add a person I can name")
    v.fill("Their full name", name)
    if relationship:
        v.fill("Who are they to the person in the image?", relationship)
    v.tick("What did they do?", action)
    v.press("Save")
    v.sees(name)


def add_web_address(v: Visitor, url: str, *respondents: str) -> None:
    v.follow("Add a web address")
    v.fill("Web address", url)
    for respondent in respondents:
        v.group("Who is responsible for it being there?").get_by_label(respondent).check()
    v.press("Save")


# --- The seven journeys, walked from their rows (tests/journey_data.py) ---

PHOTO = "Photo taken in my room, 2023, I am not dressed."
LONG_URL = "https://www.example.com/" + "a-very-long-path-without-any-space-" * 6 + "end"


def current_answers() -> dict:
    """What the person has answered so far, as the next form will be built from it."""
    application = Application.objects.order_by("-created_at").first()
    return application.answers if application is not None else {}


def form_of_row(path: str):
    """The step of a row, and the form its page shows (with the labels a person reads)."""
    slug, adds_entry, kind = path.partition("/new")
    step = steps.step_get(slug)
    entry_kind = step.entry_kind(kind.lstrip("/")) if kind else (
        step.entry_kinds[0] if adds_entry else None
    )
    form_class = entry_kind.form_class if entry_kind else step.form_class
    return step, entry_kind, form_class(answers=current_answers())


def choice_label(field, value: str) -> str:
    return next(str(label) for key, label in field.choices if str(key) == value)


def answer_field(v: Visitor, field, value) -> None:
    """One answer, given as a person gives it: through the field's label and its choices'."""
    widget = field.widget
    label = str(field.label)
    if isinstance(widget, forms.HiddenInput):
        return
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        group = v.main.get_by_role("group", name=label)
        for one in value if isinstance(value, list) else [value]:
            choice = group.get_by_label(choice_label(field, one), exact=True)
            if v.on_orders_step:
                expect(choice).to_be_checked()  # the journeys choose the suggested orders
            choice.check()
    elif isinstance(widget, forms.CheckboxInput):
        if value:
            v.main.get_by_label(label).check()
    elif isinstance(widget, forms.Select):
        v.main.get_by_label(label).select_option(value)
    else:
        v.main.get_by_label(label).fill(value)


def walk(v: Visitor, name: str) -> None:
    """Every row of the journey, answered through the pages: a list's “Add …” link, the
    fields by their labels, the button a person presses. The document is asked for in the
    visitor's language."""
    journey = JOURNEYS[name]
    v.goto("start/")
    v.follow("Start the questions")
    for index, (path, data) in enumerate(journey.rows):
        with translation.override(v.language):
            if path in journey.shows:
                v.sees(*(gettext(t) if isinstance(t, Words) else t for t in journey.shows[path]))
            step, entry_kind, form = form_of_row(path)
            v.on_orders_step = step.slug == "orders"
            if entry_kind is not None:
                v.follow_text(str(entry_kind.add_label))
            if step.finishes:
                data = {**data, "document_language": v.language}
            for field_name, value in data.items():
                answer_field(v, form.fields[field_name], value)
        if step.finishes:
            v.press("My answers are correct")
        elif entry_kind is not None:
            v.press("Save")
        elif step.kind == "collection":
            v.press("Continue")
        else:
            v.press("Save and continue")
        expect(v.main.locator("#error-summary")).to_have_count(0)
        if index == 0:  # the first answer is saved: the resume code is shown once
            code = v.main.locator(".resume-code").inner_text().strip()
            assert CODE_PATTERN.fullmatch(code), code
            v.follow("I wrote down my code: continue")
    expect(v.main.get_by_role("heading", level=1)).to_have_text(v.t("Your answers are complete"))


def new_visitor(page_at, live_server, language, width=DESKTOP, *, screenshots=""):
    page = page_at(width, locale=LOCALES[language])
    return Visitor(page, live_server, language, screenshots=screenshots)


# --- Tests ---

# Each journey in one language, French and English in turn, and the first in both: every
# journey's pages are walked by their labels and checked with axe, and each language is walked
# through every kind of screen. The client tests walk all of them in both languages
# (tests/requests/test_journeys.py); walking each twice here cost a minute of `make test`.
JOURNEYS_IN_THE_BROWSER = [
    (name, ("fr", "en")[index % 2]) for index, name in enumerate(JOURNEYS)
] + [(next(iter(JOURNEYS)), "en")]


@pytest.mark.parametrize(("journey", "language"), JOURNEYS_IN_THE_BROWSER)
def test_a_person_completes_the_whole_application_in_the_browser(
    page_at, live_server, journey, language
):
    shots = f"walk-{journey}-{language}-1280" if journey == "instagram-ex-partner" else ""
    visitor = new_visitor(page_at, live_server, language, screenshots=shots)

    walk(visitor, journey)
    if journey == "15-year-old-alone":
        with visitor.page.expect_navigation():
            visitor.main.locator("a[href$='/form/check/']").click()
        visitor.arrived()
        # Applying alone at 15: no question, and no answer, about a parent.
        expect(visitor.main).not_to_contain_text(visitor.t("Safety at home"))
        expect(visitor.main).not_to_contain_text(visitor.t("About you"))


def test_on_a_320_px_phone_a_teacher_completes_an_application_without_sideways_scrolling(
    page_at, live_server
):
    visitor = new_visitor(page_at, live_server, "fr", PHONE, screenshots="walk-teacher-fr-320")

    walk(visitor, "teacher-with-consent")
    # A long address is one very long word: it must wrap in the list and on the check page.
    visitor.goto("form/places/?next=check")
    add_web_address(visitor, LONG_URL, "A classmate")
    visitor.sees(LONG_URL[:40])
    visitor.press("Return to the summary")
    visitor.sees(LONG_URL[-40:])

    assert visitor.pages_reached >= 20  # each of them was measured for sideways scrolling


def test_without_javascript_a_person_completes_an_application_about_a_threat(
    browser, live_server, transactional_db
):
    context = browser.new_context(
        java_script_enabled=False,
        base_url=live_server.url,
        locale=LOCALES["fr"],
        viewport={"width": PHONE, "height": 800},
    )
    try:
        page = context.new_page()
        page.requested_urls = []
        page.failed_responses = []
        page.on("request", lambda request: page.requested_urls.append(request.url))
        page.on(
            "response",
            lambda response: response.status >= 400
            and page.failed_responses.append(f"{response.status} {response.url}"),
        )
        visitor = Visitor(page, live_server, "fr", javascript=False)

        walk(visitor, "threat-only")
    finally:
        context.close()


def test_a_form_sent_from_chromium_passes_the_forgery_check(page_at, live_server):
    """With `Referrer-Policy: no-referrer`, Chromium sent `Origin: null` and Django refused."""
    visitor = Visitor(page_at(DESKTOP), live_server, "fr")
    visitor.goto("form/who/")
    visitor.choose("Who is filling this in?", "Me: I am the person in the image")
    visitor.fill("How old is the person in the image today?", "17")
    with visitor.page.expect_navigation() as navigation:
        visitor.page.get_by_role("button", name=visitor.t("Save and continue")).click()

    assert navigation.value.status == 200, "the site refused the form (CSRF origin check)"
    assert visitor.page.locator(".resume-code").count() == 1


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_person_comes_back_in_a_new_browser_with_the_code_and_finds_their_answers(
    page_at, live_server, settings, language
):
    settings.RESUME_FAILURE_DELAY_SECONDS = 0
    first = new_visitor(page_at, live_server, language)
    code = begin(first, "Me: I am the person in the image", "17")
    answer_person(first, "Your full name", "Alex Tremblay")
    answer_situation(
        first, "The image was shared", "A social network", "A photo of me was posted on Instagram."
    )
    first.page.context.close()  # the browser is closed: its cookies are gone

    later = new_visitor(page_at, live_server, language)
    later.goto("form/resume/")
    later.fill("Your code", "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    later.press("Continue")
    refused = later.t("This code does not open a saved draft. Check it and try again.")
    expect(later.main.locator("#error-summary")).to_contain_text(refused)

    typed = code.replace("-", "").lower()  # as a person copies it from paper
    later.fill("Your code", f" {typed[:4]} {typed[4:8]}  {typed[8:12]} {typed[12:]} ")
    later.press("Continue")

    # Back where they stopped: the images, the first step not answered yet.
    expect(later.main.get_by_role("heading", level=1)).to_have_text(later.t("The images"))
    later.follow("Back", context="navigation")
    expect(later.main.get_by_label(later.t("In a few sentences, what happened?"))).to_have_value(
        "A photo of me was posted on Instagram."
    )
    shared = later.group("What is happening?").get_by_label(later.t("The image was shared"))
    expect(shared).to_be_checked()
    later.follow("Back", context="navigation")
    expect(later.main.get_by_label(later.t("Your full name"))).to_have_value("Alex Tremblay")


def test_a_refused_web_address_is_explained_at_the_top_and_keeps_what_was_typed(
    page_at, live_server
):
    v = new_visitor(page_at, live_server, "fr")
    begin(v, "Me: I am the person in the image", "17")
    answer_person(v, "Your full name", "Alex Tremblay")
    answer_situation(v, "The image was shared", "A website", "It is on a website.")
    add_image(v, "A photo", PHOTO)
    v.press("Continue")
    add_known_person(v, "Sam Gagnon", "Shared the image")
    v.press("Continue")
    v.press("Save and continue")
    v.follow("Add a web address")
    seen_on = days_ago(3)
    v.fill("Web address", "javascript:alert(1)")
    v.fill("When did you see it there?", seen_on)
    v.group("Who is responsible for it being there?").get_by_label("Sam Gagnon").check()

    v.press("Save")  # the error state is checked by axe here, as a kind of page of its own

    summary = v.main.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(
        v.t("Only web addresses that start with http:// or https:// can be used here.")
    )
    heading = v.main.get_by_role("heading", level=1)
    assert summary.bounding_box()["y"] < heading.bounding_box()["y"]
    url_field = v.main.get_by_label(v.t("Web address"))
    summary.get_by_role("link").first.click()
    expect(url_field).to_be_focused()
    expect(url_field).to_have_value("javascript:alert(1)")
    expect(v.main.get_by_label(v.t("When did you see it there?"))).to_have_value(seen_on)
    responsible = v.group("Who is responsible for it being there?")
    expect(responsible.get_by_label("Sam Gagnon")).to_be_checked()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_parent_whose_child_is_harmed_at_home_reaches_a_calm_accessible_stop_page(
    page_at, live_server, language
):
    v = new_visitor(page_at, live_server, language)
    begin(v, "A parent or tutor of a child under 14 who is in the image", "11")
    v.choose(
        "Is the person who shared the image, or who threatens to, a parent of the child or "
        "someone who lives with the child?",
        "Yes",
    )
    v.press("Save and continue")

    expect(v.main.get_by_role("heading", level=1)).to_have_text(
        v.t("The child's safety comes first")
    )
    v.sees("911", "DPJ", "1 866 532-2822")
    expect(v.main.locator("form")).to_have_count(0)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pages_around_the_walkthrough_are_accessible_and_show_their_errors(
    page_at, live_server, settings, language
):
    settings.RESUME_FAILURE_DELAY_SECONDS = 0
    v = new_visitor(page_at, live_server, language, PHONE, screenshots=f"around-{language}-320")
    # A question left unanswered: the first step's error state.
    v.goto("form/who/")
    v.press("Save and continue")
    expect(v.main.locator("#error-summary")).to_be_visible()
    expect(v.main.locator("#error-summary a")).to_have_count(2)

    # Resume, with an empty code then a wrong one.
    v.goto("form/resume/")
    v.press("Continue")
    expect(v.main.locator("#error-summary a")).to_have_count(1)
    v.goto("form/answers/import/")
    v.fill("Paste your answers here", '{"not": "answers"}')
    v.press("Import")
    expect(v.main.get_by_text(v.t("These answers could not be imported."))).not_to_have_count(0)

    # With a draft: the code page, an entry form, a removal and the delete confirmation.
    begin(v, "Me: I am the person in the image", "17")
    answer_person(v, "Your full name", "Alex Tremblay")
    answer_situation(v, "The image was shared", "A website", "It is on a website.")
    v.press("Continue")  # an empty list: told to add an image first
    expect(v.main.locator("#error-summary")).to_contain_text(
        v.t("Add at least one image before you continue.")
    )
    add_image(v, "A photo", PHOTO)
    v.main.get_by_role("link", name=v.t("Remove")).first.click()
    v.arrived()
    v.follow("No, keep it")
    v.goto("form/delete/")
    v.press("Delete everything now")  # the box is not ticked: asked to confirm
    expect(v.main.locator("#error-summary a")).to_have_count(1)
    v.main.get_by_label(
        v.t("Yes, delete everything now. I understand it cannot be undone.")
    ).check()
    v.press("Delete everything now")
    expect(v.main.get_by_role("heading", level=1)).to_have_text(v.t("Everything was deleted"))
