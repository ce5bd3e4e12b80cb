"""One complete application, as a person posts it: a 17-year-old names an ex-partner on
Instagram and Meta, with one entry on each list step.

Shared by tests/requests/test_journeys.py, tests/requests/test_query_counts.py and
bench/load.py, so that the tests and the benchmark walk the same answers.
"""

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

# (path under /<language>/form/, posted data) in the order a person posts them. A path
# "<step>/new" or "<step>/new/<kind>" adds an entry to a list step; "<step>" alone moves on.
JOURNEY = (
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
    ("urgency", URGENCY),
    ("contact", CONTACT),
    ("check", CHECK),
)


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
