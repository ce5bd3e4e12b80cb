"""A helper working in the walkthrough on someone's application: access, audit, consent in the PDF."""

from datetime import date

import pytest
from django.urls import reverse

from portal.accounts import services
from portal.accounts.models import ApplicationAccess, AuditEntry
from requests.documents import build_application_context, render_application_html
from requests.models import Application
from requests.selectors import SESSION_KEY
from tests.accounts.conftest import sign_in_fully
from tests.factories import ApplicationFactory, printed_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete_application():
    return ApplicationFactory(status=Application.Status.READY)


def open_as_helper(client, helper, application):
    """The helper redeemed the person's share code and opened the application."""
    access = services.share_code_redeem(
        code=services.share_code_create(application=application), helper=helper
    )
    sign_in_fully(client, helper)
    session = client.session
    session[SESSION_KEY] = str(application.pk)
    session.save()
    return access


def actions_logged(application, helper):
    return list(
        AuditEntry.objects.filter(application_id=application.pk, actor=helper)
        .order_by("at")
        .values_list("action", flat=True)
    )


def test_a_helper_with_access_sees_the_summary_and_it_is_in_the_audit_trail(
    client, helper, complete_application
):
    open_as_helper(client, helper, complete_application)

    response = client.get(reverse("applications:step", args=["check"]))

    assert response.status_code == 200
    assert "Alex Tremblay" in response.content.decode()
    assert "viewed" in actions_logged(complete_application, helper)


def test_what_a_helper_changes_and_downloads_is_in_the_audit_trail(
    client, helper, complete_application
):
    open_as_helper(client, helper, complete_application)

    client.post(
        reverse("applications:step", args=["urgency"]),
        {"reasons": ["spreading"], "explanation": "It keeps spreading."},
    )
    printed_now(complete_application)
    client.get(reverse("applications:document-download"))

    logged = actions_logged(complete_application, helper)
    assert "changed" in logged
    assert "downloaded" in logged


def test_once_the_person_withdraws_access_the_helper_can_no_longer_open_the_application(
    client, helper, complete_application
):
    access = open_as_helper(client, helper, complete_application)
    assert client.get(reverse("applications:step", args=["check"])).status_code == 200

    services.access_withdraw(application=complete_application, access=access)
    summary = client.get(reverse("applications:step", args=["check"]))
    download = client.get(reverse("applications:document-download"))

    assert summary.status_code == 302
    assert "Alex Tremblay" not in client.get(summary["Location"], follow=True).content.decode()
    assert download.status_code == 302
    assert SESSION_KEY not in client.session


def test_a_signed_in_helper_who_starts_the_questions_gets_an_application_shared_with_them(
    client, helper
):
    sign_in_fully(client, helper)

    client.post(reverse("applications:step", args=["who"]), {"role": "helper", "victim_age": "16"})

    application = Application.objects.get()
    assert ApplicationAccess.objects.filter(application=application, helper=helper).exists()
    assert client.session[SESSION_KEY] == str(application.pk)


def test_the_consent_a_helper_records_is_printed_in_annex_b(client, helper, complete_application):
    open_as_helper(client, helper, complete_application)
    old_document = printed_now(complete_application)

    services.consent_record(
        application=complete_application,
        helper=helper,
        consented_by="Alex Tremblay",
        consent_date=date(2026, 11, 20),
        method="phone",
        scope=["prepare", "present"],
    )
    from portal.accounts.selectors import consents_for_document

    context = build_application_context(
        complete_application.answers,
        reference_date=date(2026, 11, 23),
        recorded_consents=consents_for_document(complete_application),
    )
    html = render_application_html(context, language="en")

    assert not complete_application.documents.filter(pk=old_document.pk).exists()
    assert "Annex B: consent of the person shown" in html
    assert "Recorded by" in html
    assert helper.helper_profile.display_name in html
    assert "CAVAC de Montréal" in html
    assert "20 November 2026" in html


def test_a_helper_who_starts_a_reshare_application_keeps_access_to_it(
    client, helper, complete_application
):
    open_as_helper(client, helper, complete_application)

    response = client.post(reverse("applications:after-reshare"), {"keep_items": "on"})

    reshare = Application.objects.exclude(pk=complete_application.pk).get()
    # No resume code for the helper: the new draft is on their dashboard, and the code is the
    # person's to have.
    assert response["Location"] == reverse("applications:step", args=["situation"])
    assert reshare.answers["person"] == complete_application.answers["person"]
    assert ApplicationAccess.objects.filter(
        application=reshare, helper=helper, withdrawn_at__isnull=True
    ).exists()
    assert client.get(reverse("applications:step", args=["situation"])).status_code == 200
