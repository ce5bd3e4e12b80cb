"""Every helper page refuses whoever the application was not shared with.

Refusals are 404 (a guessed id confirms nothing) or, for someone not signed in, the sign-in
page. Each case also checks that the page's content did not leak.
"""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from portal.accounts import services
from tests.accounts.conftest import MODEL_BACKEND, helper_make, sign_in_fully

pytestmark = pytest.mark.django_db

APPLICATION_PAGES = [
    ("get", "accounts:application"),
    ("post", "accounts:application-open"),
    ("get", "accounts:consent"),
    ("post", "accounts:consent"),
    ("post", "accounts:consent-withdraw"),
]
SIGNED_IN_PAGES = [
    ("get", "accounts:dashboard"),
    ("get", "accounts:share-code"),
    ("post", "accounts:share-code"),
    ("post", "accounts:application-start"),
]
ADMIN_PAGES = [
    ("get", "accounts:organisation"),
    ("post", "accounts:organisation"),
    ("get", "accounts:organisation-activity"),
]


@pytest.fixture
def shared(application, helper):
    """The application shared with `helper` (not with the organisation), with a consent."""
    services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    consent = services.consent_record(
        application=application,
        helper=helper,
        consented_by="Alex Tremblay",
        consent_date=date(2026, 11, 20),
        method="in_person",
        scope=["prepare"],
    )
    return application, consent


def _url(name, application_id, consent_id):
    kwargs = {"application_id": application_id}
    if name == "accounts:consent-withdraw":
        kwargs["consent_id"] = consent_id
    return reverse(name, kwargs=kwargs)


def _call(client, method, url):
    data = {
        "consented_by": "Intruder",
        "consent_date": "2026-11-20",
        "method": "phone",
        "scope": ["prepare"],
    }
    return client.post(url, data) if method == "post" else client.get(url)


def _assert_refused_and_unchanged(response, application, consent):
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    assert application.consents.count() == 1


@pytest.mark.parametrize(("method", "name"), APPLICATION_PAGES)
def test_the_helper_it_was_shared_with_can_open_each_page(client, shared, helper, method, name):
    application, consent = shared
    response = _call(sign_in_fully(client, helper), method, _url(name, application.pk, consent.pk))

    assert response.status_code in (200, 302)
    assert response.status_code == 200 or "sign-in" not in response["Location"]


@pytest.mark.parametrize(("method", "name"), APPLICATION_PAGES)
def test_a_colleague_it_was_not_shared_with_is_refused(client, shared, organisation, method, name):
    application, consent = shared
    colleague = helper_make(organisation)

    response = _call(
        sign_in_fully(client, colleague), method, _url(name, application.pk, consent.pk)
    )

    _assert_refused_and_unchanged(response, application, consent)


@pytest.mark.parametrize(("method", "name"), APPLICATION_PAGES)
def test_a_helper_of_another_organisation_is_refused_even_with_an_organisation_share(
    client, shared, other_organisation, method, name
):
    application, consent = shared
    application.helper_accesses.update(share_with_organisation=True)
    stranger = helper_make(other_organisation)

    response = _call(
        sign_in_fully(client, stranger), method, _url(name, application.pk, consent.pk)
    )

    _assert_refused_and_unchanged(response, application, consent)


@pytest.mark.parametrize(("method", "name"), APPLICATION_PAGES)
def test_someone_not_signed_in_is_sent_to_sign_in(client, shared, method, name):
    application, consent = shared

    response = _call(client, method, _url(name, application.pk, consent.pk))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


@pytest.mark.parametrize(("method", "name"), APPLICATION_PAGES)
def test_a_guessed_application_id_answers_not_found(client, shared, helper, method, name):
    _application, consent = shared

    response = _call(sign_in_fully(client, helper), method, _url(name, uuid.uuid4(), consent.pk))

    assert response.status_code == 404


@pytest.mark.parametrize(("method", "name"), APPLICATION_PAGES)
def test_a_password_alone_without_the_one_time_code_is_not_enough(
    client, shared, helper, method, name
):
    application, consent = shared
    client.force_login(helper, backend=MODEL_BACKEND)

    response = _call(client, method, _url(name, application.pk, consent.pk))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in-code"))


@pytest.mark.parametrize(("method", "name"), APPLICATION_PAGES)
def test_after_withdrawal_the_helper_is_refused(client, shared, helper, method, name):
    application, consent = shared
    services.access_withdraw(application=application, access=application.helper_accesses.get())

    response = _call(sign_in_fully(client, helper), method, _url(name, application.pk, consent.pk))

    _assert_refused_and_unchanged(response, application, consent)


def test_another_helpers_consent_cannot_be_withdrawn_through_a_shared_application(
    client, shared, organisation
):
    application, consent = shared
    colleague = helper_make(organisation)
    application.helper_accesses.update(share_with_organisation=True)

    response = sign_in_fully(client, colleague).post(
        _url("accounts:consent-withdraw", application.pk, consent.pk)
    )

    _assert_refused_and_unchanged(response, application, consent)


@pytest.mark.parametrize(("method", "name"), SIGNED_IN_PAGES + ADMIN_PAGES)
def test_pages_for_signed_in_helpers_send_others_to_sign_in(client, db, method, name):
    response = _call(client, method, reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize(("method", "name"), SIGNED_IN_PAGES + ADMIN_PAGES)
def test_a_signed_in_user_who_is_not_a_helper_is_refused(client, django_user_model, method, name):
    user = django_user_model.objects.create_user(username="someone@example.org", password="x")
    client.force_login(user, backend=MODEL_BACKEND)

    assert _call(client, method, reverse(name)).status_code == 404


@pytest.mark.parametrize(("method", "name"), ADMIN_PAGES)
def test_organisation_pages_are_refused_to_staff_who_are_not_administrators(
    client, helper, method, name
):
    response = _call(sign_in_fully(client, helper), method, reverse(name))

    assert response.status_code == 404


def test_an_administrator_sees_only_their_own_staffs_activity(
    client, application, organisation, other_organisation
):
    admin = helper_make(organisation, is_org_admin=True)
    staff = helper_make(organisation)
    outsider = helper_make(other_organisation)
    services.audit_log(actor=staff, application=application, action="viewed")
    services.audit_log(actor=outsider, application=application, action="downloaded")

    response = sign_in_fully(client, admin).get(reverse("accounts:organisation-activity"))

    html = response.content.decode()
    assert staff.helper_profile.display_name in html
    assert outsider.helper_profile.display_name not in html


def test_a_person_cannot_withdraw_access_to_someone_elses_application(client, shared):
    application, _consent = shared
    access = application.helper_accesses.get()
    from tests.factories import ApplicationFactory

    mine = ApplicationFactory(complete=False)
    session = client.session
    session["application_id"] = str(mine.pk)
    session.save()

    response = client.post(reverse("accounts:sharing-withdraw", kwargs={"access_id": access.pk}))

    assert response.status_code == 404
    access.refresh_from_db()
    assert access.withdrawn_at is None


def test_withdrawing_access_without_an_application_in_the_session_is_refused(client, shared):
    application, _consent = shared
    access = application.helper_accesses.get()

    response = client.post(reverse("accounts:sharing-withdraw", kwargs={"access_id": access.pk}))

    assert response.status_code == 404
