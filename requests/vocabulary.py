"""Each fact about a stored answer, written once: its key, what the person reads on the screen,
how the court document says it, and, where the law decides it, the line of the project's
legal reference (law.md) it comes from.

Forms take their choices from here (`choices(FAMILY)`), the documents, letters and pages after
the document their phrases (`FAMILY[key].in_document`); tests/requests/test_vocabulary.py
proves that the two agree. Keys are stored in the answers: never translated, never renamed
lightly (a renamed key is a new version of the answers, docs/answers-schema.md).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from requests.slugs import Slug

# --- What the law decides (law.md) -------------------------------------------------------------

# law.md, "Who may apply": a person 14 or older may apply alone, and need not tell their
# parents; for a child under 14, a parent or tutor applies.
MINIMUM_AGE_ALONE = 14
# law.md, "Next to the order" and "Youth protection": a person under 18 is a child; sharing
# an intimate image of one can also be a child-pornography offence, and other help exists.
ADULT_AGE = 18
# law.md, "The statute": the Act to counter non-consensual sharing of intimate images is in
# force since 4 June 2025.
ACT_IN_FORCE = date(2025, 6, 4)
OLDEST_AGE = 120  # the oldest age the first question accepts


@dataclass(frozen=True)
class Term:
    key: str  # stored in the answers; never translated
    label: str  # gettext_lazy: what the person reads on the screen
    in_document: str = ""  # gettext_lazy: how a printed document says it ("" if never printed)
    source: str = ""  # the line of law.md it comes from, where the law decides it
    # For "something else" choices: the answer whose text the document prints instead.
    typed_out_in: str = ""
    # gettext_lazy: a sentence the document prints beside it (that the Act covers it).
    document_note: str = ""


class Family(dict):
    """The terms of one question, in the order the screen shows them, by key.

    `stored_as` (step, field) says where a question of a single screen keeps its answer, so
    that the answers can be read without a typed read of their own (`Answers.chosen`): a new
    printed question is a form field, a family here and a line of the document.
    """

    def __init__(self, *terms: Term, printed: bool = True, stored_as: tuple[str, str] = ()):
        super().__init__((term.key, term) for term in terms)
        self.printed = printed  # every term has a document phrase
        self.stored_as = stored_as

    def phrase(self, key) -> str:
        """The document's words for a stored key; "" for a key that is not one of ours."""
        term = self.get(key)
        return term.in_document if term is not None else ""


def choices(family: Family) -> list[tuple[str, str]]:
    """(key, screen label) pairs, for a form field."""
    return [(term.key, term.label) for term in family.values()]


# --- Who applies --------------------------------------------------------------------------------

ROLES = Family(
    Term("self", _("Me: I am the person in the image"),
         source="law.md, Who may apply: a person 14 or older may apply alone"),
    Term("parent", _("A parent or tutor of a child under 14 who is in the image"),
         source="law.md, Who may apply: for a child under 14, the parents apply"),
    Term("helper", _(
        "Someone helping the person in the image (a trusted person, a teacher, an organisation "
        "worker)"
    ), source="law.md, Who may apply: with the victim's consent, another person or an "
              "organisation may present the application"),
    printed=False,  # the document says who applies in sentences of its own
)

CAPACITIES = Family(
    Term("parent", _("Parent"), _("parent")),
    Term("tutor", _("Tutor"), _("tutor")),
    stored_as=(Slug.APPLICANT, "capacity"),
)

HELPER_KINDS = Family(
    Term("trusted_person", _("I am a trusted person (family member, friend)"),
         _("a trusted person")),
    Term("teacher", _("I am a teacher or work at a school"), _("a teacher")),
    Term("organisation_worker", _("I work for an organisation (for example a CAVAC)"),
         _("a worker at an organisation that helps victims")),
    stored_as=(Slug.CONSENT, "helper_kind"),
)

CONSENT_METHODS = Family(
    Term("in_person", _("In person"), _("in person")),
    Term("phone", _("By phone"), _("by phone")),
    Term("writing", _("In writing (letter, email, text message)"), _("in writing")),
    stored_as=(Slug.CONSENT, "consent_method"),
)

CONSENT_SCOPES = Family(
    Term("prepare", _("That I prepare the application with them"),
         _("to prepare this application")),
    Term("present", _("That I present the application to the court for them"),
         _("to present this application to the court")),
    stored_as=(Slug.CONSENT, "consent_scope"),
)

YES_NO = Family(
    Term("yes", _("Yes")),
    Term("no", _("No")),
    printed=False,
)

# --- What happened ------------------------------------------------------------------------------

SITUATIONS = Family(
    Term("shared", _("The image was shared")),
    Term("threatened", _("Someone threatens to share it"),
         source="law.md, The order: a person who threatens to share: do not share it"),
    Term("both", _("Both: it was shared, and there are threats to share more")),
    printed=False,  # the facts open with a sentence of their own for each
)

WHERE = Family(
    Term("social_network", _("A social network"), _("on a social network")),
    Term("website", _("A website"), _("on a website")),
    Term("messaging", _("A messaging app or a group chat"), _("in a messaging app")),
    Term("search", _("Search results (for example Google)"), _("in search engine results")),
    Term("text_message", _("Text messages"), _("by text message")),
    Term("other", _("Somewhere else"), typed_out_in="where_other"),
    stored_as=(Slug.SITUATION, "where"),
)

ONGOING = Family(
    Term("yes", _("Yes"), _("The sharing is still going on.")),
    Term("no", _("No"), _("The sharing seems to have stopped for now.")),
    Term("unknown", _("I don't know"), _("It is not known whether the sharing is still going on.")),
    stored_as=(Slug.SITUATION, "ongoing"),
)

# The kinds of material the Act covers (law.md, "What counts as an intimate image";
# platforms-and-law.md, "Image" scope, confirmed: a photo, a video, a sound recording or a live
# broadcast, and an image altered or generated by AI). The document names each kind in words.
MATERIALS = Family(
    Term("photo", _("A photo"), pgettext_lazy("kind of image", "Photo")),
    Term("video", _("A video"), pgettext_lazy("kind of image", "Video")),
    Term("audio", _("A sound recording"),
         pgettext_lazy("kind of image", "Sound recording of a sexual nature"),
         source="law.md, What counts as an intimate image: also a sound recording of a "
                "sexual nature",
         document_note=_("The Act also covers a sound recording of a sexual nature.")),
    Term("live", _("A live broadcast"), pgettext_lazy("kind of image", "Live broadcast"),
         source="law.md, What counts as an intimate image: also a live broadcast",
         document_note=_("The Act also covers a live broadcast.")),
    Term("altered", _("An image altered or made by AI (a “deepfake”)"),
         pgettext_lazy("kind of image", "Image altered or generated by AI"),
         source="law.md, What counts as an intimate image: an image altered or generated by "
                "AI that appears to show the person",
         document_note=_(
             "The Act also covers an image that was altered or generated, for example by AI, "
             "and that appears to show the person."
         )),
)


@dataclass(frozen=True)
class MaterialWords:
    """How the document's sentences name what the order is about: `some` in the facts ("Someone
    shared a sound recording of a sexual nature…"), `the_described` in the orders ("…to destroy
    the sound recording described in section 3")."""

    some: str
    the_described: str


# One item of a kind, several of one kind, and several of different kinds.
MATERIAL_WORDS_ONE = {
    "photo": MaterialWords(_("an intimate photo"), _("the photo described in section 3")),
    "video": MaterialWords(_("an intimate video"), _("the video described in section 3")),
    "audio": MaterialWords(
        _("a sound recording of a sexual nature"),
        _("the sound recording described in section 3"),
    ),
    "live": MaterialWords(
        _("an intimate live broadcast"), _("the live broadcast described in section 3")
    ),
    "altered": MaterialWords(
        _("an intimate image altered or generated by AI"),
        _("the image described in section 3"),
    ),
}
MATERIAL_WORDS_SEVERAL = {
    "photo": MaterialWords(_("intimate photos"), _("the photos described in section 3")),
    "video": MaterialWords(_("intimate videos"), _("the videos described in section 3")),
    "audio": MaterialWords(
        _("sound recordings of a sexual nature"),
        _("the sound recordings described in section 3"),
    ),
    "live": MaterialWords(
        _("intimate live broadcasts"), _("the live broadcasts described in section 3")
    ),
    "altered": MaterialWords(
        _("intimate images altered or generated by AI"),
        _("the images described in section 3"),
    ),
}
ONE_IMAGE = MaterialWords(_("an intimate image"), _("the image described in section 3"))
SEVERAL_IMAGES = MaterialWords(_("intimate images"), _("the images described in section 3"))
IMAGES_AND_RECORDINGS = MaterialWords(
    _("intimate images and recordings"), _("the images and recordings described in section 3")
)
HEARD_NOT_SEEN = {"audio"}  # the kinds that are not images to look at


def material_words(kinds: list[str]) -> MaterialWords:
    """The words for what the order is about, from the kind of each image described (a kind
    repeated once for each image an entry holds)."""
    if len(kinds) <= 1:  # none yet reads as one image (a draft)
        return MATERIAL_WORDS_ONE.get(kinds[0] if kinds else "", ONE_IMAGE)
    if len(set(kinds)) == 1 and kinds[0] in MATERIAL_WORDS_SEVERAL:
        return MATERIAL_WORDS_SEVERAL[kinds[0]]
    if any(kind in HEARD_NOT_SEEN for kind in kinds):
        return IMAGES_AND_RECORDINGS
    return SEVERAL_IMAGES


# Does one description cover one image or several (law.md: the order covers the images named
# in the application; a clerk must read how many).
ITEM_COUNTS = Family(
    Term("one", _("Just one"), ""),
    Term("several", _("Several (for example a series of photos)"),
         pgettext_lazy("how many images", "several, described together")),
    printed=False,  # "one" says nothing in the document
)

YES_NO_UNKNOWN = Family(
    Term("yes", _("Yes"), pgettext_lazy("answer", "Yes")),
    Term("no", _("No"), pgettext_lazy("answer", "No")),
    Term("unknown", _("I don't know"), pgettext_lazy("answer", "Not known")),
)

# Had the person agreed, at the time, to the image being made or sent? Then they can also
# withdraw that consent (platforms-and-law.md, "Revoking consent", confirmed, Québec.ca).
AGREED_THEN = Family(
    Term("yes", _("Yes, at the time"),
         source="platforms-and-law.md, Revoking consent: a person can withdraw consent to an "
                "image they already shared"),
    Term("no", _("No")),
    printed=False,  # never printed in the application: it is not a condition of the order
)

# --- Who the order is against, and what is asked -------------------------------------------------

RESPONDENT_KINDS = Family(
    Term("known", _("Add a person I can name")),
    Term("pseudonym", _("Add an account or pseudonym"),
         source="law.md, The order: a person whose identity is unknown, such as someone behind "
                "a pseudonym"),
    Term("unknown", _("Add someone I cannot name, with no pseudonym"),
         source="law.md, The order: a person whose identity is unknown"),
    Term("company", _("Add a company or website"),
         source="law.md, The order: a company (Google, Meta, a hosting site)"),
    printed=False,  # each kind has a section of its own in the document
)

ACTIONS = Family(
    # The document's words name no kind of material: what was shared is said in section 3.
    Term("shared", _("Shared the image"), _("shared it without consent")),
    Term("threatened", _("Threatened to share it"), _("threatens to share it")),
    Term("hosts", _("Has it on their website or service"), _("hosts it on their service")),
    Term("links", _("Shows a link to it (for example in search results)"),
         _("gives a link that leads to it")),
)

# law.md, "The order", what the court may order (seed 003).
ORDERS = Family(
    Term("stop_and_destroy", _("Stop sharing the image, and destroy it"),
         source="law.md, The order: a person who shared the image: stop sharing it, and "
                "destroy it"),
    Term("not_share_and_destroy", _("Do not share the image, and destroy it"),
         source="law.md, The order: a person who threatens to share: do not share it, and "
                "destroy it"),
    Term("remove_link", _("Remove the link that leads to the image"),
         source="law.md, The order: that a hyperlink giving access to the image be removed"),
    printed=False,  # each order is a conclusion of its own in the document
)

# Which order fits which action (law.md, "The order"): a sharer or a host stops and destroys,
# a person who threatens does not share and destroys, a search engine removes the link.
SUGGESTED_ORDER = {
    "shared": "stop_and_destroy",
    "threatened": "not_share_and_destroy",
    "hosts": "stop_and_destroy",
    "links": "remove_link",
}


def orders_suggested(actions) -> list[str]:
    """The orders that fit what a respondent did, in the order of ORDERS."""
    suggested = {SUGGESTED_ORDER[action] for action in actions or () if action in SUGGESTED_ORDER}
    return [key for key in ORDERS if key in suggested]


PLACE_KINDS = Family(
    Term("url", _("Add a web address")),
    Term("other", _("Add a place without an address")),
    printed=False,  # Annex A prints the address or the description itself
)

URGENCY = Family(
    Term("spreading", _("The image is spreading"),
         _("The image is spreading, or could spread quickly.")),
    Term("threats", _("I am receiving threats or demands"),
         _("There are threats to share the image.")),
    Term("school_or_work", _("People at school or work have seen it or may see it"),
         _("It affects school or work.")),
    Term("safety", _("I am afraid for my safety"), _("The safety of the person shown is at risk.")),
    Term("minor", _("The person in the image is under 18"), _("The person shown is a minor.")),
    Term("other", _("Another reason"), _("Another reason, explained below.")),
    stored_as=(Slug.URGENCY, "reasons"),
)

DOCUMENT_LANGUAGES = Family(
    Term("fr", "Français"),
    Term("en", "English"),
    Term("both", _("Both: one in French and one in English")),
    printed=False,
)

# --- After the document (the tracker) ------------------------------------------------------------

FILING_WAYS = Family(
    Term("online", _("With the government's online form"),
         source="law.md, The order: filed through the government's online form"),
    Term("courthouse", _("At the office of a courthouse"),
         source="law.md, The order: or at the office of a courthouse"),
    printed=False,
)

DECISIONS = Family(
    Term("granted", _("The order was made")),
    Term("partly", _("The order was made for part of what I asked")),
    Term("refused", _("The order was refused")),
    printed=False,
)

# Every family a stored answer or a consent record takes its keys from (the agreement test).
FAMILIES = {
    "ROLES": ROLES, "CAPACITIES": CAPACITIES, "HELPER_KINDS": HELPER_KINDS,
    "CONSENT_METHODS": CONSENT_METHODS, "CONSENT_SCOPES": CONSENT_SCOPES, "YES_NO": YES_NO,
    "SITUATIONS": SITUATIONS, "WHERE": WHERE, "ONGOING": ONGOING, "MATERIALS": MATERIALS,
    "YES_NO_UNKNOWN": YES_NO_UNKNOWN, "ITEM_COUNTS": ITEM_COUNTS, "AGREED_THEN": AGREED_THEN,
    "RESPONDENT_KINDS": RESPONDENT_KINDS, "ACTIONS": ACTIONS,
    "ORDERS": ORDERS, "PLACE_KINDS": PLACE_KINDS, "URGENCY": URGENCY,
    "DOCUMENT_LANGUAGES": DOCUMENT_LANGUAGES, "FILING_WAYS": FILING_WAYS, "DECISIONS": DECISIONS,
}
