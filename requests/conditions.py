"""When a step applies: named, testable functions of the answers, never lambdas.

Each takes the typed answers (requests/answers.py) and returns a bool. The rules come from the
Act as summarised in law.md, "Who may apply": a person 14 or older applies alone and need not
tell a parent; for a child under 14 a parent or tutor applies; someone else may present the
application with the person's consent.
"""

from requests.answers import Answers


def always(answers: Answers) -> bool:
    return True


def never(answers: Answers) -> bool:
    return False


def nothing_shared_yet(answers: Answers) -> bool:
    """Only a threat so far: there may be no place where the image is (law.md, "The order")."""
    return answers.situation.only_threatened


def applicant_is_self(answers: Answers) -> bool:
    return answers.who.is_self


def applicant_is_parent(answers: Answers) -> bool:
    return answers.who.is_parent


def applicant_is_helper(answers: Answers) -> bool:
    return answers.who.is_helper


def applicant_is_not_self(answers: Answers) -> bool:
    return answers.who.is_parent or answers.who.is_helper


def victim_is_under_14(answers: Answers) -> bool:
    return answers.who.victim_is_under_14


def victim_is_under_18(answers: Answers) -> bool:
    return answers.who.victim_is_under_18


def shared_by_household(answers: Answers) -> bool:
    """A parent says the person who shared or threatens is a parent or lives with the child."""
    return answers.who.is_parent and answers.shared_by_household


def orders_cover_every_respondent(answers: Answers) -> bool:
    """Every respondent has at least one order (a respondent added later has none yet)."""
    return all(answers.chosen_orders.get(respondent.id) for respondent in answers.respondents)


def places_name_known_respondents(answers: Answers) -> bool:
    """Every place is tied to at least one respondent that is still in the list."""
    ids = set(answers.respondent_ids)
    return all(
        place.respondent_ids and set(place.respondent_ids) <= ids for place in answers.places
    )
