"""The steps' slugs: the keys of the stored answers and the words of the addresses
(`/fr/form/items/`). Stable English words, never translated, never shown.

Defined apart from requests/steps.py, which imports the forms, so that every module that
reads the answers (requests/answers.py first) can name a step without importing the forms.
Nowhere else in the code is a slug written out (tests/requests/test_boundaries.py).
"""

from enum import StrEnum


class Slug(StrEnum):
    WHO = "who"
    HOME_SAFETY = "home-safety"
    SAFE_OPTIONS = "safe-options"
    CONSENT = "consent"
    APPLICANT = "applicant"
    PERSON = "person"
    SITUATION = "situation"
    ITEMS = "items"
    PARTIES = "parties"
    ORDERS = "orders"
    PLACES = "places"
    URGENCY = "urgency"
    CONTACT = "contact"
    CHECK = "check"
    # Not a screen: what a reshare copies from the first application's tracker.
    EARLIER = "earlier"
