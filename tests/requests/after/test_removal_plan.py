import pytest
from django.urls import reverse
from django.utils import translation

from requests.after import removal_plan_for
from requests.selectors import SESSION_KEY
from tests.factories import ApplicationFactory, answers_factory


def _plan_ids(*, victim_age, under_18_then):
    answers = answers_factory(victim_age=victim_age)
    answers["items"][0]["under_18_then"] = under_18_then
    return [resource.id for resource in removal_plan_for(answers).resources]


def test_an_adult_shown_as_an_adult_is_sent_to_stopncii_only():
    assert _plan_ids(victim_age=25, under_18_then="no") == ["stopncii"]


def test_an_adult_whose_image_is_from_before_18_is_sent_to_take_it_down_and_cyberaide():
    ids = _plan_ids(victim_age=25, under_18_then="yes")
    assert ids == ["take-it-down", "cyberaide"]


def test_an_adult_unsure_of_their_age_in_the_image_is_offered_both_fingerprint_services():
    ids = _plan_ids(victim_age=22, under_18_then="unknown")
    assert "take-it-down" in ids and "stopncii" in ids


def test_a_person_under_18_today_gets_take_it_down_cyberaide_and_aidezmoisvp_not_stopncii():
    ids = _plan_ids(victim_age=15, under_18_then="yes")
    assert ids == ["take-it-down", "cyberaide", "aidezmoisvp"]


@pytest.mark.django_db
@pytest.mark.parametrize(("age", "then", "shown", "hidden"), [
    (30, "no", 'id="resource-stopncii"', 'id="resource-take-it-down"'),
    (16, "yes", "1 866 658-9022", 'id="resource-stopncii"'),
])
def test_the_removal_page_shows_only_the_services_for_that_age(client, age, then, shown, hidden):
    answers = answers_factory(victim_age=age)
    answers["items"][0]["under_18_then"] = then
    application = ApplicationFactory(answers=answers)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    with translation.override("en"):
        response = client.get(reverse("applications:after-removal"))
    assert response.status_code == 200, response.get("Location")
    page = response.content.decode()
    assert shown in page
    assert hidden not in page
    assert "Never send the image to anyone, including us." in page
    assert ("do not save, copy or screenshot the image" in page) == (age < 18)
    assert "its reporting page" in page  # Meta is named, and its page is confirmed
