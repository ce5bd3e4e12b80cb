"""Nobody gets around the person's control: every page asks who is asking, every time.

The attacks of the probe, replayed:
- a helper whose access was withdrawn opened the person's sharing page (the browser session
  still held the application), made a new share code, redeemed it, and was back in;
- a helper with access made codes for people of other organisations, or withdrew a colleague;
- a helper signed in with the password only (no one-time code) started a case.

Each person's page is walked as a current, a withdrawn and a foreign helper, and as one who
has not passed the second factor; each case page as a withdrawn and a foreign helper.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from portal.accounts import services
from portal.accounts.access import helper_can_access
from portal.accounts.models import ApplicationAccess, ShareCode
from requests.models import Application
from requests.selectors import SESSION_KEY
from tests.accounts.conftest import MODEL_BACKEND, helper_make, organisation_make, sign_in_fully
from tests.factories import ApplicationFactory, open_in_session

pytestmark = pytest.mark.django_db

PERSON = "Alex Tremblay"  # the person's name in the answers: never on a refused page

# The person's own pages: (method, url name, kwargs builder).
PERSON_PAGES = [
    ("get", "accounts:sharing"),
    ("post", "accounts:sharing"),
    ("post", "accounts:sharing-withdraw"),
    ("get", "applications:resume"),
    ("post", "applications:resume"),
]
# Pages that read or change the case: a helper without current access sees nothing of it.
CASE_PAGES = [
    ("get", "applications:start"),
    ("get", "applications:step", {"slug": "person"}),
    ("post", "applications:step", {"slug": "person"}),
    ("get", "applications:step", {"slug": "check"}),
    ("get", "applications:entry", {"slug": "parties", "number": 1}),
    ("get", "applications:answers-download"),
    ("post", "applications:answers-import"),
    ("get", "applications:document"),
    ("post", "applications:document"),
    ("get", "applications:after-guide"),
    ("get", "applications:after-copy"),
    ("get", "applications:after-companies"),
    ("get", "applications:after-tracker"),
    ("post", "applications:delete"),
]


def _url(name, kwargs=None, access=None):
    """The page's English address (the messages checked below are the English ones)."""
    if name == "accounts:sharing-withdraw":
        kwargs = {"access_id": access.pk}
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or {})


def _request(client, method, name, kwargs=None, access=None):
    url = _url(name, kwargs, access)
    data = {"share_with_organisation": "on", "code": "AAAA-AAAA-AAAA-AAAA", "confirm": "on",
            "full_name": "Someone Else", "text": "{}"}
    return client.post(url, data) if method == "post" else client.get(url)


@pytest.fixture
def case():
    """A finished application, shared with a CAVAC worker by share code."""
    application = ApplicationFactory()
    organisation = organisation_make()
    helper = helper_make(organisation)
    access = services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    return application, helper, access


def _as_helper_with_case_open(client, helper, application):
    sign_in_fully(client, helper)
    open_in_session(client, application)
    return client


def _visitors(case):
    """(description, a function that prepares the client) for each kind of signed-in helper."""
    application, helper, access = case

    def current(client):
        return _as_helper_with_case_open(client, helper, application)

    def withdrawn(client):
        services.access_withdraw(application=application, access=access)
        return _as_helper_with_case_open(client, helper, application)

    def foreign(client):
        other = helper_make(organisation_make(name="École secondaire du Plateau", kind="school"))
        return _as_helper_with_case_open(client, other, application)

    def password_only(client):
        client.force_login(helper, backend=MODEL_BACKEND)  # no one-time code
        open_in_session(client, application)
        return client

    return {"current": current, "withdrawn": withdrawn, "foreign": foreign,
            "password only": password_only}


@pytest.mark.parametrize("visitor", ["current", "withdrawn", "foreign", "password only"])
@pytest.mark.parametrize("page", PERSON_PAGES, ids=lambda p: f"{p[0]}-{p[1]}")
def test_the_persons_own_pages_never_serve_a_signed_in_helper(client, case, visitor, page):
    application, helper, access = case
    _visitors(case)[visitor](client)
    codes_before = ShareCode.objects.count()

    response = _request(client, *page, access=access)

    assert response.status_code == 403
    html = response.content.decode()
    assert "This page is for the person whose application it is" in html
    assert PERSON not in html
    assert ShareCode.objects.count() == codes_before  # no code was made for anyone
    assert ApplicationAccess.objects.get(pk=access.pk).withdrawn_at is None or visitor == "withdrawn"
    if page[1] == "applications:resume" and page[0] == "post":
        assert client.session.get(SESSION_KEY) in (None, str(application.pk))


def test_a_withdrawn_helper_cannot_give_themselves_access_back(client, case):
    application, helper, access = case
    services.access_withdraw(application=application, access=access)
    _as_helper_with_case_open(client, helper, application)

    client.post(reverse("accounts:sharing"), {"share_with_organisation": "on"})
    assert not ShareCode.objects.filter(used_at__isnull=True).exists()
    for code in ("", "AAAA-AAAA-AAAA"):
        client.post(reverse("accounts:share-code"), {"code": code})

    assert not helper_can_access(helper, application)


def test_a_helper_cannot_withdraw_a_colleague(client, case):
    application, helper, access = case
    colleague = helper_make(helper.helper_profile.organisation)
    colleague_access = services.share_code_redeem(
        code=services.share_code_create(application=application), helper=colleague
    )
    _as_helper_with_case_open(client, helper, application)

    response = client.post(
        reverse("accounts:sharing-withdraw", kwargs={"access_id": colleague_access.pk})
    )

    assert response.status_code == 403
    assert helper_can_access(colleague, application)


@pytest.mark.parametrize("visitor", ["withdrawn", "foreign"])
@pytest.mark.parametrize("page", CASE_PAGES, ids=lambda p: f"{p[0]}-{p[1]}-{p[2:]}")
def test_a_helper_without_current_access_sees_and_changes_nothing_of_the_case(
    client, case, visitor, page
):
    application, helper, access = case
    _visitors(case)[visitor](client)
    answers_before = Application.objects.get(pk=application.pk).answers

    response = _request(client, *page)

    assert PERSON not in response.content.decode()
    assert response.status_code in (200, 302, 404)
    if response.status_code == 302:
        assert PERSON not in response["Location"]
    still_there = Application.objects.filter(pk=application.pk).first()
    assert still_there is not None, "the case was deleted"
    assert still_there.answers == answers_before
    assert client.session.get(SESSION_KEY) != str(application.pk)  # forgotten at once


@pytest.mark.parametrize("page", CASE_PAGES, ids=lambda p: f"{p[0]}-{p[1]}-{p[2:]}")
def test_a_password_without_the_one_time_code_opens_no_case_page(client, case, page):
    application, helper, access = case
    _visitors(case)["password only"](client)
    answers_before = Application.objects.get(pk=application.pk).answers

    response = _request(client, *page)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in-code"))
    assert Application.objects.get(pk=application.pk).answers == answers_before


def test_a_password_without_the_one_time_code_cannot_start_a_case(client, case):
    _application, helper, _access = case
    client.force_login(helper, backend=MODEL_BACKEND)
    count = Application.objects.count()

    response = client.post(reverse("applications:step", args=["who"]),
                           {"role": "helper", "victim_age": "15"})

    assert response["Location"].startswith(reverse("accounts:sign-in-code"))
    assert Application.objects.count() == count


def test_an_account_that_is_not_a_helper_sees_no_case(client, case):
    application, _helper, _access = case
    user = get_user_model().objects.create_user(username="x@example.org", password="x" * 16)
    client.force_login(user, backend=MODEL_BACKEND)
    open_in_session(client, application)

    response = client.get(reverse("applications:step", args=["check"]))

    assert response.status_code == 404
    assert PERSON not in response.content.decode()


def test_the_person_still_uses_their_own_pages(client, case):
    application, _helper, access = case
    open_in_session(client, application)

    assert client.get(reverse("accounts:sharing")).status_code == 200
    response = client.post(reverse("accounts:sharing-withdraw", kwargs={"access_id": access.pk}))

    assert response.status_code == 302
    assert ApplicationAccess.objects.get(pk=access.pk).withdrawn_at is not None
