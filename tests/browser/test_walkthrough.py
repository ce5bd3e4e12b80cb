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
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from requests import directory
from tests.browser.helpers import (
    assert_every_request_succeeded,
    assert_no_axe_violations,
    assert_only_local_requests,
    save_screenshot,
)

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
        with self.page.expect_navigation():
            self.main.get_by_role("link", name=self.t(msgid, context), exact=True).first.click()
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


def company_label(platform_id: str, service: str) -> str:
    return f"{directory.platform(platform_id).name} ({service})"


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
    v.fill("When did you first learn about it?", days_ago(20))
    v.choose("Is it still going on?", "Yes")
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


def add_company(v: Visitor, platform_id: str, service: str, action: str) -> None:
    v.follow("Add a company or website")
    v.group("Which company?").get_by_label(
        str(directory.platform(platform_id).label), exact=True
    ).check()
    v.fill("Which of its services or websites?", service)
    v.tick("What did they do?", action)
    v.press("Save")
    v.sees(company_label(platform_id, service))


def add_pseudonym(v: Visitor, handles: str, platform: str, profile_url: str, action: str) -> None:
    v.follow("Add an account or pseudonym")
    v.fill("Their user names or pseudonyms", handles)
    v.fill("On which app or website?", platform)
    v.fill("Addresses of their profiles or groups", profile_url)
    v.tick("What did they do?", action)
    v.press("Save")


def check_orders(v: Visitor, *expected: tuple[str, str]) -> None:
    """The suggested orders are already checked; the person only confirms them."""
    for respondent, order in expected:
        choices = v.main.get_by_role("group", name=respondent)
        expect(choices.get_by_label(v.t(order))).to_be_checked()
    v.press("Save and continue")


def add_web_address(v: Visitor, url: str, *respondents: str) -> None:
    v.follow("Add a web address")
    v.fill("Web address", url)
    for respondent in respondents:
        v.group("Who is responsible for it being there?").get_by_label(respondent).check()
    v.press("Save")


def add_place_without_address(v: Visitor, description: str, *respondents: str) -> None:
    v.follow("Add a place without an address")
    v.fill("Describe the place", description)
    for respondent in respondents:
        v.group("Who is responsible for it being there?").get_by_label(respondent).check()
    v.press("Save")
    v.sees(description)


def finish(v: Visitor, *on_check_page: str) -> None:
    """Urgency, contact, the check page (showing the key answers), then the last page."""
    v.tick("Why is it urgent?", "The image is spreading")
    v.fill("Explain in your own words", "Shared 40 times since yesterday.")
    v.press("Save and continue")
    v.fill("Phone number", "514 555-0123")
    v.main.get_by_label(v.t("It is safe to call me at this number")).check()
    v.main.get_by_label(v.t("Judicial district")).select_option("montreal")
    v.press("Save and continue")

    expect(v.main.get_by_role("heading", level=1)).to_have_text(v.t("Check your answers"))
    v.sees("514 555-0123", "Shared 40 times since yesterday.", *on_check_page)
    v.choose(
        "In which language should the court document be?",
        "Français" if v.language == "fr" else "English",
    )
    v.press("My answers are correct")
    expect(v.main.get_by_role("heading", level=1)).to_have_text(v.t("Your answers are complete"))


# --- The seven journeys ---

PHOTO = "Photo taken in my room, 2023, I am not dressed."
LONG_URL = "https://www.example.com/" + "a-very-long-path-without-any-space-" * 6 + "end"


def known_ex_partner_on_instagram(v: Visitor) -> None:
    begin(v, "Me: I am the person in the image", "17")
    answer_person(v, "Your full name", "Alex Tremblay")
    answer_situation(
        v, "The image was shared", "A social network", "A photo of me was posted on Instagram."
    )
    add_image(v, "A photo", PHOTO)
    v.press("Continue")
    add_known_person(v, "Sam Gagnon", "Shared the image", relationship="ex-partner")
    add_company(v, "meta", "Instagram", "Has it on their website or service")
    v.press("Continue")
    meta = company_label("meta", "Instagram")
    check_orders(
        v,
        ("Sam Gagnon", "Stop sharing the image, and destroy it"),
        (meta, "Stop sharing the image, and destroy it"),
    )
    add_web_address(v, "https://www.instagram.com/p/abc123/", "Sam Gagnon", meta)
    v.sees("https://www.instagram.com/p/abc123/")
    v.press("Continue")
    finish(v, "Alex Tremblay", "Sam Gagnon", "ex-partner", meta, "instagram.com/p/abc123", PHOTO)


def pseudonyms_in_a_telegram_group(v: Visitor) -> None:
    begin(v, "Me: I am the person in the image", "24")
    answer_person(v, "Your full name", "Alex Tremblay")
    answer_situation(
        v,
        "The image was shared",
        "A messaging app or a group chat",
        "A video of me was posted in a Telegram group.",
    )
    add_image(v, "A video", "Video filmed at a party in 2022.")
    v.press("Continue")
    add_pseudonym(v, "@shadow_1\n@shadow_2", "Telegram", "https://t.me/groupx", "Shared the image")
    v.sees("@shadow_1, @shadow_2 (Telegram)")
    add_company(v, "telegram", "Telegram", "Has it on their website or service")
    v.press("Continue")
    telegram = company_label("telegram", "Telegram")
    check_orders(v, (telegram, "Stop sharing the image, and destroy it"))
    add_place_without_address(
        v, "Telegram group “groupx”, message of November 3", "@shadow_1", telegram
    )
    v.press("Continue")
    finish(v, "@shadow_1", "@shadow_2", "https://t.me/groupx", telegram, "groupx")


def a_threat_before_anything_was_shared(v: Visitor) -> None:
    begin(v, "Me: I am the person in the image", "19")
    answer_person(v, "Your full name", "Alex Tremblay")
    answer_situation(
        v, "Someone threatens to share it", "Text messages", "He says he will post it."
    )
    add_image(v, "A photo", PHOTO)
    v.press("Continue")
    add_known_person(v, "Sam Gagnon", "Threatened to share it")
    v.press("Continue")
    check_orders(v, ("Sam Gagnon", "Do not share the image, and destroy it"))
    add_place_without_address(v, "Text messages of November 20", "Sam Gagnon")
    v.press("Continue")
    finish(
        v,
        v.t("Someone threatens to share it"),
        v.t("Do not share the image, and destroy it"),
        "He says he will post it.",
    )


def an_ai_altered_image_shown_by_google(v: Visitor) -> None:
    begin(v, "Me: I am the person in the image", "30")
    answer_person(v, "Your full name", "Alex Tremblay")
    answer_situation(
        v,
        "The image was shared",
        "Search results (for example Google)",
        "A fake nude shows up when people search my name.",
    )
    deepfake = "An image altered or made by AI (a “deepfake”)"
    add_image(v, deepfake, "Fake nude made from my profile photo.")
    v.press("Continue")
    add_company(v, "google", "Google Search", "Shows a link to it (for example in search results)")
    v.press("Continue")
    google = company_label("google", "Google Search")
    check_orders(v, (google, "Remove the link that leads to the image"))
    add_web_address(v, "https://www.google.com/search?q=alex+tremblay", google)
    v.press("Continue")
    finish(
        v,
        v.t("An image altered or made by AI (a “deepfake”)"),
        v.t("Remove the link that leads to the image"),
        "https://www.google.com/search?q=alex+tremblay",
    )


def common_middle(v: Visitor, person_label: str) -> None:
    answer_person(v, person_label, "Alex Tremblay")
    answer_situation(
        v, "The image was shared", "A social network", "A classmate posted a photo on Snapchat."
    )
    add_image(v, "A photo", PHOTO, under_18="Yes")
    # An image of someone under 18: Cyberaide.ca is offered right where the images are listed.
    v.sees("1 866 658-9022")
    v.press("Continue")
    add_known_person(v, "A classmate", "Shared the image")
    v.press("Continue")
    check_orders(v, ("A classmate", "Stop sharing the image, and destroy it"))
    add_place_without_address(v, "Snapchat story of November 2", "A classmate")
    v.press("Continue")


def a_parent_for_a_12_year_old(v: Visitor) -> None:
    begin(v, "A parent or tutor of a child under 14 who is in the image", "12")
    v.choose(
        "Is the person who shared the image, or who threatens to, a parent of the child or "
        "someone who lives with the child?",
        "No",
    )
    v.press("Save and continue")
    v.fill("Your full name", "Dominique Roy")
    v.choose("You are the child's", "Parent")
    v.press("Save and continue")
    common_middle(v, "Full name of the person in the image")
    finish(v, "Dominique Roy", "Alex Tremblay", "A classmate", v.t("Parent"))


def a_15_year_old_alone(v: Visitor) -> None:
    begin(v, "Me: I am the person in the image", "15")
    common_middle(v, "Your full name")
    finish(v, "Alex Tremblay", "A classmate", "Snapchat story of November 2")
    with v.page.expect_navigation():
        v.main.locator("a[href$='/form/check/']").click()
    v.arrived()
    # Applying alone at 15: no question, and no answer, about a parent.
    expect(v.main).not_to_contain_text(v.t("Safety at home"))
    expect(v.main).not_to_contain_text(v.t("About you"))


def a_teacher_helping_a_student_with_consent(v: Visitor) -> None:
    begin(
        v,
        "Someone helping the person in the image (a trusted person, a teacher, an organisation "
        "worker)",
        "16",
    )
    v.sees("DPJ")  # helping someone under 18: the youth protection duty is explained
    v.choose("How are you helping?", "I am a teacher or work at a school")
    v.fill("Name of your school or organisation", "École du Plateau")
    v.fill("Name of the person who agreed to your help", "Alex Tremblay")
    v.fill("When did they agree?", days_ago(2))
    v.choose("How did they agree?", "In person")
    v.tick(
        "What did they agree to?",
        "That I prepare the application with them",
        "That I present the application to the court for them",
    )
    v.press("Save and continue")
    v.fill("Your full name", "Dominique Roy")
    v.press("Save and continue")
    common_middle(v, "Full name of the person in the image")
    finish(
        v,
        "École du Plateau",
        "Dominique Roy",
        v.t("That I present the application to the court for them"),
    )


JOURNEYS = {
    "instagram-ex-partner": known_ex_partner_on_instagram,
    "telegram-pseudonyms": pseudonyms_in_a_telegram_group,
    "threat-only": a_threat_before_anything_was_shared,
    "ai-image-on-google": an_ai_altered_image_shown_by_google,
    "parent-of-12-year-old": a_parent_for_a_12_year_old,
    "15-year-old-alone": a_15_year_old_alone,
    "teacher-with-consent": a_teacher_helping_a_student_with_consent,
}


def new_visitor(page_at, live_server, language, width=DESKTOP, *, screenshots=""):
    page = page_at(width, locale=LOCALES[language])
    return Visitor(page, live_server, language, screenshots=screenshots)


# --- Tests ---

@pytest.mark.parametrize(
    ("journey", "language"),
    [(name, language) for name in JOURNEYS for language in ("fr", "en")],
)
def test_a_person_completes_the_whole_application_in_the_browser(
    page_at, live_server, journey, language
):
    shots = f"walk-{journey}-{language}-1280" if journey == "instagram-ex-partner" else ""
    visitor = new_visitor(page_at, live_server, language, screenshots=shots)

    JOURNEYS[journey](visitor)


def test_on_a_320_px_phone_a_teacher_completes_an_application_without_sideways_scrolling(
    page_at, live_server
):
    visitor = new_visitor(page_at, live_server, "fr", PHONE, screenshots="walk-teacher-fr-320")

    a_teacher_helping_a_student_with_consent(visitor)
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

        a_threat_before_anything_was_shared(visitor)
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
    v.press("Continue")  # an empty list: told to add one first
    expect(v.main.locator("#error-summary")).to_contain_text(
        v.t("Add at least one before you continue.")
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
