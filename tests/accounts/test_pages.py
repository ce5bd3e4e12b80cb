"""What helpers and the person see on the helper pages."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from portal.accounts import selectors, services
from portal.accounts.models import AuditEntry, ConsentRecord, HelperRole, Invitation
from tests.accounts.conftest import helper_make, sign_in_fully
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "accounts"


def _share(application, helper, **kwargs):
    code = services.share_code_create(application=application, **kwargs)
    return services.share_code_redeem(code=code, helper=helper)


def _person_session(client, application):
    session = client.session
    session["application_id"] = str(application.pk)
    session.save()
    return client


# --- Dashboard ---


def test_the_dashboard_lists_reference_status_and_deletion_date_but_no_name(client, helper):
    application = ApplicationFactory(complete=False)
    _share(application, helper)

    html = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    assert application.reference in html
    assert "Draft" in html
    assert "Alex Tremblay" not in html
    assert "Sam Gagnon" not in html


def test_the_dashboard_shows_the_next_step_to_answer(client, helper):
    application = ApplicationFactory(answers={"who": {"role": "self", "victim_age": 16}})
    _share(application, helper)

    html = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    with translation.override("en"):
        expected = escape(selectors.application_next_step_title(application))
    assert expected
    assert expected in html
    assert "Every answer is given" not in html


def test_the_find_form_carries_no_security_token_in_the_address(client, helper):
    html = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    find_form = html[
        html.index('role="search"') : html.index("</form>", html.index('role="search"'))
    ]
    assert "csrfmiddlewaretoken" not in find_form


def test_finding_by_reference_shows_only_the_matching_application(client, helper):
    first, second = ApplicationFactory(complete=False), ApplicationFactory(complete=False)
    _share(first, helper)
    _share(second, helper)

    html = (
        sign_in_fully(client, helper)
        .get("/en/helpers/", {"reference": first.reference.lower()})
        .content.decode()
    )

    assert first.reference in html
    assert second.reference not in html


def test_the_dashboard_does_not_list_applications_shared_with_someone_else(
    client, helper, organisation
):
    application = ApplicationFactory(complete=False)
    _share(application, helper_make(organisation))

    html = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    assert application.reference not in html


def test_entering_a_share_code_on_the_page_opens_the_application(client, helper, application):
    code = services.share_code_create(application=application)

    response = sign_in_fully(client, helper).post(reverse("accounts:share-code"), {"code": code})

    assert response["Location"] == reverse(
        "accounts:application", kwargs={"application_id": application.pk}
    )


def test_a_wrong_share_code_on_the_page_shows_a_linked_error(client, helper, application):
    services.share_code_create(application=application)

    response = sign_in_fully(client, helper).post("/en/helpers/code/", {"code": "AAAA-AAAA-AAAA"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_code"' in html
    assert "ask the person for a new one" in html


def test_starting_an_application_for_someone_opens_the_walkthrough_on_it(client, helper):
    response = sign_in_fully(client, helper).post(reverse("accounts:application-start"))

    application_id = client.session["application_id"]
    assert response["Location"] == reverse("applications:step", kwargs={"slug": "who"})
    assert helper.application_accesses.get().application_id.hex == application_id.replace("-", "")


# --- One application ---


def test_opening_an_application_is_in_the_audit_trail(client, helper, application):
    _share(application, helper)

    sign_in_fully(client, helper).get(
        reverse("accounts:application", kwargs={"application_id": application.pk})
    )

    assert AuditEntry.objects.filter(
        actor=helper, application_id=application.pk, action="viewed"
    ).exists()


def test_working_on_an_application_puts_it_in_the_helpers_session(client, helper, application):
    _share(application, helper)

    sign_in_fully(client, helper).post(
        reverse("accounts:application-open", kwargs={"application_id": application.pk})
    )

    assert client.session["application_id"] == str(application.pk)


@pytest.mark.parametrize("role", [HelperRole.TEACHER, HelperRole.SCHOOL_STAFF])
def test_school_helpers_of_a_person_under_18_see_the_youth_protection_notice(
    client, organisation, role
):
    helper = helper_make(organisation, role=role)
    application = ApplicationFactory(answers={"who": {"role": "helper", "victim_age": 15}})
    _share(application, helper)

    response = sign_in_fully(client, helper).get(f"/en/helpers/files/{application.pk}/")

    html = response.content.decode()
    assert "a duty to report may apply to you" in html
    assert "elois.caij.qc.ca/P-34.1/article39" in html
    assert "Work on the application" in html  # the notice does not block anything


def test_the_notice_does_not_say_that_sharing_an_image_is_sexual_abuse(client, organisation):
    helper = helper_make(organisation, role=HelperRole.TEACHER)
    application = ApplicationFactory(answers={"who": {"role": "helper", "victim_age": 15}})
    _share(application, helper)

    html = (
        sign_in_fully(client, helper).get(f"/en/helpers/files/{application.pk}/").content.decode()
    )

    assert "is sexual abuse" not in html
    assert "does not decide it for you" in html


@pytest.mark.parametrize(("role", "age"), [(HelperRole.TEACHER, 18), (HelperRole.CAVAC_WORKER, 15)])
def test_the_youth_protection_notice_is_not_shown_otherwise(client, organisation, role, age):
    helper = helper_make(organisation, role=role)
    application = ApplicationFactory(answers={"who": {"role": "helper", "victim_age": age}})
    _share(application, helper)

    html = (
        sign_in_fully(client, helper).get(f"/en/helpers/files/{application.pk}/").content.decode()
    )

    assert "a duty to report may apply" not in html


def test_a_helper_records_consent_on_the_consent_page(client, helper, application):
    _share(application, helper)
    url = reverse("accounts:consent", kwargs={"application_id": application.pk})

    response = sign_in_fully(client, helper).post(
        url,
        {
            "consented_by": "Alex Tremblay",
            "consent_date": "2026-11-20",
            "method": "phone",
            "scope": ["prepare", "present"],
        },
    )

    assert response["Location"] == url
    record = ConsentRecord.objects.get()
    assert (record.consented_by, record.method, record.scope) == (
        "Alex Tremblay",
        "phone",
        ["prepare", "present"],
    )


def test_an_incomplete_consent_shows_errors_linked_to_each_field(client, helper, application):
    _share(application, helper)

    response = sign_in_fully(client, helper).post(
        f"/en/helpers/files/{application.pk}/consent/", {"consented_by": ""}
    )

    html = response.content.decode()
    for target in ("id_consented_by", "id_consent_date", "id_method_0", "id_scope_0"):
        assert f'href="#{target}"' in html
    assert "<legend" in html  # radio and checkbox groups have a legend
    assert not ConsentRecord.objects.exists()


def test_withdrawing_consent_on_the_page_ends_the_helpers_access(client, helper, application):
    _share(application, helper)
    sign_in_fully(client, helper).post(
        reverse("accounts:consent", kwargs={"application_id": application.pk}),
        {
            "consented_by": "Alex",
            "consent_date": "2026-11-20",
            "method": "in_person",
            "scope": ["prepare"],
        },
    )
    record = ConsentRecord.objects.get()

    client.post(
        reverse(
            "accounts:consent-withdraw",
            kwargs={"application_id": application.pk, "consent_id": record.pk},
        )
    )

    page = client.get(reverse("accounts:application", kwargs={"application_id": application.pk}))
    assert page.status_code == 404


# --- The person's sharing page ---


def test_the_person_creates_a_share_code_that_a_helper_can_use(client, helper, application):
    response = _person_session(client, application).post(
        "/en/helpers/sharing/", {"share_with_organisation": "on"}
    )

    html = response.content.decode()
    import re

    code = re.search(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b", html).group(0)
    access = services.share_code_redeem(code=code, helper=helper)
    assert access.share_with_organisation


def test_the_person_sees_who_has_access_and_what_they_did(client, helper, application):
    _share(application, helper)
    services.audit_log(actor=helper, application=application, action="downloaded")

    html = _person_session(client, application).get("/en/helpers/sharing/").content.decode()

    assert helper.helper_profile.display_name in html
    assert "CAVAC de Montréal" in html
    assert "Downloaded" in html


def test_the_person_withdraws_a_helpers_access(client, helper, application):
    access = _share(application, helper)

    response = _person_session(client, application).post(
        reverse("accounts:sharing-withdraw", kwargs={"access_id": access.pk})
    )

    assert response["Location"] == reverse("accounts:sharing")
    access.refresh_from_db()
    assert access.withdrawn_at is not None
    assert (
        helper.helper_profile.display_name
        not in client.get("/en/helpers/sharing/").content.decode().split("What helpers did")[0]
    )


def test_without_an_application_the_sharing_page_offers_to_start(client, db):
    html = client.get("/en/helpers/sharing/").content.decode()

    assert "There is no application open on this device" in html
    assert "Create a share code" not in html


# --- Organisation administrator ---


def test_an_administrator_creates_a_single_use_invitation_link(client, organisation):
    admin = helper_make(organisation, is_org_admin=True)

    response = sign_in_fully(client, admin).post(
        "/en/helpers/organisation/", {"name": "Camille Roy", "email": "", "role": "teacher"}
    )

    html = response.content.decode()
    assert "http://testserver/en/helpers/invitation/" in html
    invitation = Invitation.objects.get()
    assert (invitation.name, invitation.role, invitation.is_org_admin) == (
        "Camille Roy",
        "teacher",
        False,
    )


# --- Page rules ---


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_helper_template_asks_for_a_file_or_uses_inline_styles_or_scripts(template):
    text = (TEMPLATES / template).read_text()

    assert 'type="file"' not in text
    assert "style=" not in text
    assert not re.search(r"<script(?![^>]*\bsrc=)", text), "inline script"
