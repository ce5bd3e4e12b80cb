"""When a step applies: named, testable functions of the answers, never lambdas.

Each function takes the answers object (docs/answers-schema.md) and returns a bool. The rules
come from the Act as summarised in docs (seed 003): a person 14 or older applies alone and
need not tell a parent; for a child under 14 a parent or tutor applies; someone else may
present the application with the person's consent.
"""

ADULT_ALONE_AGE = 14  # A person 14 or older may apply alone (seed 003).


def always(answers: dict) -> bool:
    return True


def _who(answers: dict) -> dict:
    return answers.get("who") or {}


def applicant_is_self(answers: dict) -> bool:
    return _who(answers).get("role") == "self"


def applicant_is_parent(answers: dict) -> bool:
    return _who(answers).get("role") == "parent"


def applicant_is_helper(answers: dict) -> bool:
    return _who(answers).get("role") == "helper"


def applicant_is_not_self(answers: dict) -> bool:
    return _who(answers).get("role") in {"parent", "helper"}


def victim_is_under_14(answers: dict) -> bool:
    age = _who(answers).get("victim_age")
    return isinstance(age, int) and age < ADULT_ALONE_AGE


def victim_is_under_18(answers: dict) -> bool:
    age = _who(answers).get("victim_age")
    return isinstance(age, int) and age < 18


def shared_by_household(answers: dict) -> bool:
    """A parent says the person who shared or threatens is a parent or lives with the child."""
    if not applicant_is_parent(answers):
        return False
    return (answers.get("home-safety") or {}).get("shared_by_household") == "yes"


def orders_cover_every_respondent(answers: dict) -> bool:
    """Every respondent has at least one order (a respondent added later has none yet)."""
    orders = answers.get("orders") or {}
    return all(orders.get(party.get("id")) for party in answers.get("parties") or [])


def places_name_known_respondents(answers: dict) -> bool:
    """Every place is tied to at least one respondent that is still in the list."""
    ids = {party.get("id") for party in answers.get("parties") or []}
    places = answers.get("places") or []
    return all(place.get("respondents") and set(place["respondents"]) <= ids for place in places)
