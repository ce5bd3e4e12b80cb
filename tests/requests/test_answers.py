"""The typed reads of the stored answers (requests/answers.py): what the documents, letters and
pages read, whatever shape the stored answers are in."""

import pytest

from requests import vocabulary
from requests.answers import Answers
from tests.factories import answers_factory, company, known, pseudonym

JUNK = [None, 7, "text", [], [1, {"a": 1}], {"x": {"y": []}}, True]


def test_the_chosen_terms_are_read_from_where_the_vocabulary_says_they_are():
    answers = answers_factory(role="helper")
    chosen = Answers(answers).chosen
    assert chosen["ONGOING"] is vocabulary.ONGOING["yes"]
    assert chosen["WHERE"] == (vocabulary.WHERE["social_network"],)
    assert chosen["CONSENT_SCOPES"] == tuple(vocabulary.CONSENT_SCOPES.values())
    assert chosen["CAPACITIES"] is None  # a helper applies with consent, not as a parent


@pytest.mark.parametrize("junk", JUNK)
def test_junk_anywhere_reads_as_not_answered_and_never_raises(junk):
    answers = answers_factory()
    for slug in list(answers):
        broken = {**answers, slug: junk}
        typed = Answers(broken)
        for reader in ("who", "person", "situation", "items", "respondents", "places", "urgency",
                       "contact", "chosen", "document_language", "signer_name"):
            getattr(typed, reader)
    assert Answers(junk).respondents == ()
    assert Answers(junk).document_language == "fr"


def test_a_respondent_is_named_by_what_the_person_gave():
    answers = answers_factory(parties=[known(), pseudonym(id="r2"), company(id="r3")])
    names = [str(respondent.screen_name) for respondent in Answers(answers).respondents]
    assert names[0] == "Sam Gagnon"
    assert "nightowl_77" in names[1]
    assert "Instagram" in names[2]


def test_the_ages_the_law_sets_decide_who_applies_alone():
    assert Answers(answers_factory(victim_age=14)).who.applies_alone_at_14_to_17
    assert not Answers(answers_factory(victim_age=18)).who.applies_alone_at_14_to_17
    assert Answers({"who": {"role": "self", "victim_age": 13}}).who.victim_is_under_14
    assert Answers({"who": {"role": "self", "victim_age": True}}).who.victim_age is None
