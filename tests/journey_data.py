"""The journeys, as data: what a person posts, screen by screen, in seven situations.

Shared by the client tests (tests/requests/test_journeys.py), the browser tests
(tests/browser/test_walkthrough.py, which answer each row through the labels a person reads)
and the benchmark (bench/load.py walks JOURNEY), so that all three walk the same answers.

A row is (path under /<language>/form/, posted data). A path "<step>/new" or
"<step>/new/<kind>" adds an entry to a list step; "<step>" alone answers it, or, with no data,
moves on from a list. Texts in `shows` are seen on the page before the row is answered:
plain strings as typed, `Words` as the page says them in its language (a msgid).

Standard library only: scripts/compose_walk.py and the benchmark read it without Django.
"""

from dataclasses import dataclass, field


class Words(str):
    """The page's own words (an English msgid), to be read in the page's language."""


_ = Words

WHO = {"role": "self", "victim_age": "17"}
PERSON = {"full_name": "Alex Tremblay"}
SITUATION = {
    "kind": "shared",
    "where": ["social_network"],
    "first_seen": "2026-11-01",
    "ongoing": "yes",
    "summary": "A photo of me was posted on Instagram.",
}
PHOTO = {
    "kind": "photo",
    "how_many": "one",
    "description": "Photo taken in my room, 2023, I am not dressed.",
    "made_when": "2023",
    "under_18_then": "no",
    "privacy_reason": "I sent it only to my partner at the time.",
}
KNOWN = {"full_name": "Sam Gagnon", "relationship": "ex-partner", "actions": ["shared"]}
META = {"platform_id": "meta", "service": "Instagram", "actions": ["hosts"]}
ORDERS = {"orders_r1": ["stop_and_destroy"], "orders_r2": ["stop_and_destroy"]}
PLACE = {"url": "https://www.instagram.com/p/abc123/", "respondents": ["r1", "r2"]}
URGENCY = {"reasons": ["spreading"], "explanation": "Shared 40 times since yesterday."}
CONTACT = {"phone": "514 555-0123", "can_call": "on", "district": "montreal"}
CHECK = {"document_language": "fr"}

ENDING = (("urgency", URGENCY), ("contact", CONTACT), ("check", CHECK))


@dataclass(frozen=True)
class Journey:
    rows: tuple[tuple[str, dict], ...]
    # {path of a row: texts its page shows before it is answered}
    shows: dict[str, tuple] = field(default_factory=dict)


# A classmate shared a photo of someone under 18: the middle of three journeys.
CLASSMATE_MIDDLE = (
    ("situation", {**SITUATION, "summary": "A classmate posted a photo on Snapchat."}),
    ("items/new", {**PHOTO, "under_18_then": "yes"}),
    ("items", {}),
    ("parties/new/known", {"full_name": "A classmate", "actions": ["shared"]}),
    ("parties", {}),
    ("orders", {"orders_r1": ["stop_and_destroy"]}),
    ("places/new/other", {"description": "Snapchat story of November 2", "respondents": ["r1"]}),
    ("places", {}),
)
# An image of someone under 18: Cyberaide.ca is offered right where the images are listed.
CLASSMATE_SHOWS = {"items": ("Cyberaide", "1 866 658-9022")}

JOURNEYS = {
    "instagram-ex-partner": Journey(
        rows=(
            ("who", WHO),
            ("person", PERSON),
            ("situation", SITUATION),
            ("items/new", PHOTO),
            ("items", {}),
            ("parties/new/known", KNOWN),
            ("parties/new/company", META),
            ("parties", {}),
            ("orders", ORDERS),
            ("places/new/url", PLACE),
            ("places", {}),
            *ENDING,
        ),
        shows={
            "items": (PHOTO["description"],),
            "parties": ("Sam Gagnon", "Instagram"),
            "places": (PLACE["url"],),
            "check": ("Alex Tremblay", "Sam Gagnon", "ex-partner", "instagram.com/p/abc123",
                      PHOTO["description"], "514 555-0123", URGENCY["explanation"]),
        },
    ),
    "telegram-pseudonyms": Journey(
        rows=(
            ("who", {"role": "self", "victim_age": "24"}),
            ("person", {"full_name": "Alex Tremblay", "other_names": "alex_t"}),
            ("situation", {**SITUATION, "where": ["messaging"],
                           "summary": "A video of me was posted in a Telegram group."}),
            ("items/new", {**PHOTO, "kind": "video",
                           "description": "Video filmed at a party in 2022."}),
            ("items", {}),
            ("parties/new/pseudonym", {"handles": "@shadow_1\n@shadow_2", "platform": "Telegram",
                                       "profile_urls": "https://t.me/groupx",
                                       "actions": ["shared"]}),
            ("parties/new/company", {"platform_id": "telegram", "service": "Telegram",
                                     "actions": ["hosts"]}),
            ("parties", {}),
            ("orders", {"orders_r1": ["stop_and_destroy"], "orders_r2": ["stop_and_destroy"]}),
            ("places/new/other", {"description": "Telegram group “groupx”, message of November 3",
                                  "respondents": ["r1", "r2"]}),
            ("places", {}),
            *ENDING,
        ),
        shows={
            "parties": ("@shadow_1, @shadow_2 (Telegram)",),
            "check": ("@shadow_1", "@shadow_2", "https://t.me/groupx", "groupx"),
        },
    ),
    "threat-only": Journey(
        rows=(
            ("who", {"role": "self", "victim_age": "19"}),
            ("person", {"full_name": "Alex Tremblay"}),
            ("situation", {"kind": "threatened", "where": ["text_message"], "ongoing": "yes",
                           "summary": "He says he will post it."}),
            ("items/new", PHOTO),
            ("items", {}),
            ("parties/new/known", {"full_name": "Sam Gagnon", "actions": ["threatened"]}),
            ("parties", {}),
            ("orders", {"orders_r1": ["not_share_and_destroy"]}),
            ("places/new/other", {"description": "Text messages of November 20",
                                  "respondents": ["r1"]}),
            ("places", {}),
            *ENDING,
        ),
        shows={
            "check": (_("Someone threatens to share it"),
                      _("Do not share the image, and destroy it"), "He says he will post it."),
        },
    ),
    "ai-image-on-google": Journey(
        rows=(
            ("who", {"role": "self", "victim_age": "30"}),
            ("person", {"full_name": "Alex Tremblay"}),
            ("situation", {**SITUATION, "where": ["search"],
                           "summary": "A fake nude shows up when people search my name."}),
            ("items/new", {"kind": "altered", "how_many": "one",
                           "description": "Fake nude made from my profile photo.",
                           "under_18_then": "no",
                           "privacy_reason": "It is fake: I never posed for it."}),
            ("items", {}),
            ("parties/new/company", {"platform_id": "google", "service": "Google Search",
                                     "actions": ["links"]}),
            ("parties", {}),
            ("orders", {"orders_r1": ["remove_link"]}),
            ("places/new/url", {"url": "https://www.google.com/search?q=alex+tremblay",
                                "respondents": ["r1"]}),
            ("places", {}),
            *ENDING,
        ),
        shows={
            "check": (_("An image altered or made by AI (a “deepfake”)"),
                      _("Remove the link that leads to the image"),
                      "https://www.google.com/search?q=alex+tremblay"),
        },
    ),
    "parent-of-12-year-old": Journey(
        rows=(
            ("who", {"role": "parent", "victim_age": "12"}),
            ("home-safety", {"shared_by_household": "no"}),
            ("applicant", {"full_name": "Dominique Roy", "capacity": "parent"}),
            ("person", {"full_name": "Alex Tremblay"}),
            *CLASSMATE_MIDDLE,
            *ENDING,
        ),
        shows={**CLASSMATE_SHOWS,
               "check": ("Dominique Roy", "Alex Tremblay", "A classmate", _("Parent"))},
    ),
    "15-year-old-alone": Journey(
        rows=(
            ("who", {"role": "self", "victim_age": "15"}),
            ("person", {"full_name": "Alex Tremblay"}),
            *CLASSMATE_MIDDLE,
            *ENDING,
        ),
        shows={**CLASSMATE_SHOWS,
               "check": ("Alex Tremblay", "A classmate", "Snapchat story of November 2")},
    ),
    "teacher-with-consent": Journey(
        rows=(
            ("who", {"role": "helper", "victim_age": "16"}),
            ("consent", {"helper_kind": "teacher", "organisation": "École du Plateau",
                         "consented_by": "Alex Tremblay", "consent_date": "2026-11-20",
                         "consent_method": "in_person", "consent_scope": ["prepare", "present"]}),
            ("applicant", {"full_name": "Dominique Roy"}),
            ("person", {"full_name": "Alex Tremblay"}),
            *CLASSMATE_MIDDLE,
            *ENDING,
        ),
        shows={
            # Helping someone under 18: the youth protection duty is explained.
            "consent": ("DPJ",),
            **CLASSMATE_SHOWS,
            "check": ("École du Plateau", "Dominique Roy",
                      _("That I present the application to the court for them")),
        },
    ),
}

# The journey the benchmark and the query-count tests walk.
JOURNEY = JOURNEYS["instagram-ex-partner"].rows


def step_data() -> dict[str, dict]:
    """Each step's own form: {slug: data}."""
    return {path: data for path, data in JOURNEY if "/" not in path}


def entries() -> dict[str, list[tuple[str, dict]]]:
    """The entries of each list step: {slug: [(kind, data)]}; kind is "" for a single kind."""
    found = {}
    for path, data in JOURNEY:
        slug, adds_entry, kind = path.partition("/new")
        if adds_entry:
            found.setdefault(slug, []).append((kind.lstrip("/"), data))
    return found
