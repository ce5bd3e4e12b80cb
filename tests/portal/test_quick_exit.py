"""The quick exit works without JavaScript: it ends the session and leaves for a neutral site."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_quick_exit_ends_the_session_and_sends_the_person_to_a_neutral_site(
    client, method, language
):
    session = client.session
    session["draft"] = "something the person typed"
    session.save()
    session_key = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key

    response = getattr(client, method)(f"/{language}/exit/")

    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "draft" not in client.session
    assert not client.session.exists(session_key)


def test_the_quick_exit_asks_the_browser_to_forget_this_sites_data(client):
    response = client.get("/fr/exit/")

    assert '"cookies"' in response["Clear-Site-Data"]
    assert '"storage"' in response["Clear-Site-Data"]


def test_the_quick_exit_goes_where_the_setting_says(client, settings):
    settings.QUICK_EXIT_URL = "https://meteo.example.ca/"

    response = client.get("/en/exit/")

    assert response["Location"] == "https://meteo.example.ca/"
