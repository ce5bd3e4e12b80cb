"""A workspace a CAVAC worker can run several cases from: a private label per case, who shared
it, consent first, the next step as an action, and the helpers' own header and footer."""

import logging
import re
import subprocess
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from portal.accounts import selectors, services
from portal.accounts.models import AuditEntry, CaseLabel
from requests import steps
from requests.models import Application
from tests.accounts.conftest import helper_make, sign_in_fully
from tests.factories import ApplicationFactory, printed_now

pytestmark = pytest.mark.django_db

LABEL = "Dossier Zq9Label"  # a made-up word: found anywhere, it came from the label
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
CAVAC_LINE = "1 866 532-2822"


def _share(application, helper, **kwargs):
    code = services.share_code_create(application=application, **kwargs)
    return services.share_code_redeem(code=code, helper=helper)


def _case_url(application, name="accounts:application"):
    with translation.override("en"):
        return reverse(name, kwargs={"application_id": application.pk})


def _label(client, application, text=LABEL):
    return client.post(_case_url(application, "accounts:case-label"), {"text": text})


def _consent(application, helper, consented_by="Alex Tremblay"):
    return services.consent_record(
        application=application,
        helper=helper,
        consented_by=consented_by,
        consent_date=date(2026, 11, 20),
        method="phone",
        scope=["prepare", "present"],
    )


# --- The label ---


def test_a_helper_labels_a_case_and_sees_the_label_on_the_dashboard_and_the_case_page(
    client, helper, application
):
    _share(application, helper)
    sign_in_fully(client, helper)

    response = _label(client, application)

    assert response.status_code == 302
    dashboard = client.get("/en/helpers/").content.decode()
    case_page = client.get(_case_url(application)).content.decode()
    for html in (dashboard, case_page):
        assert LABEL in html
        assert LABEL not in TITLE.search(html).group(1)  # tab titles stay neutral
    assert application.reference in dashboard  # the reference is still shown


def test_the_label_is_stored_encrypted(client, helper, application):
    _share(application, helper)
    _label(sign_in_fully(client, helper), application)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {CaseLabel._meta.db_table}")
        raw = repr(cursor.fetchall())

    assert CaseLabel.objects.get().text == LABEL
    assert "Zq9Label" not in raw


def test_colleagues_see_the_label_of_a_case_shared_with_the_organisation(
    client, helper, organisation, application
):
    _share(application, helper, share_with_organisation=True)
    _label(sign_in_fully(client, helper), application)
    colleague = helper_make(organisation)
    client.logout()

    html = sign_in_fully(client, colleague).get("/en/helpers/").content.decode()

    assert LABEL in html


def test_another_organisation_never_sees_the_label(client, helper, application, other_organisation):
    _share(application, helper)
    _label(sign_in_fully(client, helper), application)
    client.logout()
    # A teacher of another organisation the person also shared the case with: they see the
    # case, not the CAVAC's label.
    teacher = helper_make(other_organisation)
    _share(application, teacher)
    sign_in_fully(client, teacher)
    assert LABEL not in client.get("/en/helpers/").content.decode()
    assert LABEL not in client.get(_case_url(application)).content.decode()
    client.logout()
    # A stranger of that organisation, with no access: nothing at all, and cannot label it.
    stranger = helper_make(other_organisation)
    sign_in_fully(client, stranger)

    assert client.get(_case_url(application)).status_code == 404
    assert _label(client, application, "Overwritten").status_code == 404
    assert LABEL not in client.get("/en/helpers/").content.decode()
    assert list(CaseLabel.objects.values_list("text", flat=True)) == [LABEL]


def test_a_label_can_only_be_set_by_a_signed_in_helper_with_the_second_factor(
    client, helper, application
):
    _share(application, helper)
    client.force_login(helper, backend="django.contrib.auth.backends.ModelBackend")

    response = _label(client, application)  # password only, no one-time code yet

    assert response.status_code == 302
    assert reverse("accounts:sign-in-code") in response["Location"]
    assert not CaseLabel.objects.exists()


def test_an_empty_label_removes_it(client, helper, application):
    _share(application, helper)
    sign_in_fully(client, helper)
    _label(client, application)

    _label(client, application, "   ")

    assert not CaseLabel.objects.exists()
    assert LABEL not in client.get("/en/helpers/").content.decode()


def test_a_label_too_long_is_refused_with_a_linked_error(client, helper, application):
    _share(application, helper)

    response = _label(sign_in_fully(client, helper), application, "x" * 81)

    assert response.status_code == 200
    assert 'href="#id_text"' in response.content.decode()
    assert not CaseLabel.objects.exists()


def test_setting_and_reading_the_label_are_in_the_audit_trail(client, helper, application):
    _share(application, helper)
    sign_in_fully(client, helper)

    _label(client, application)
    client.get("/en/helpers/")

    entries = AuditEntry.objects.filter(
        application_id=application.pk, actor=helper, subject=AuditEntry.Subject.LABEL
    )
    assert entries.filter(action=AuditEntry.Action.CHANGED).count() == 1
    assert entries.filter(action=AuditEntry.Action.VIEWED).count() >= 1
    # The person reads what happened, never the label itself.
    person_trail = [entry.description for entry in entries]
    assert all(LABEL not in line for line in person_trail)


def test_the_label_goes_when_the_organisation_loses_access(client, helper, application):
    access = _share(application, helper)
    _label(sign_in_fully(client, helper), application)

    services.access_withdraw(application=application, access=access)

    assert not CaseLabel.objects.exists()


def test_the_label_is_never_printed_in_the_document(client, organisation):
    helper = helper_make(organisation)
    application = ApplicationFactory(role="helper", status=Application.Status.READY)
    _share(application, helper)
    _consent(application, helper, consented_by="Mireille Ouellet")
    _label(sign_in_fully(client, helper), application)

    row = printed_now(application)

    assert row is not None and row.pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=row.pdf, check=True, capture_output=True,
    ).stdout.decode()
    assert "Mireille Ouellet" in text  # the consent the helper recorded is printed (Annex B)
    assert "Zq9Label" not in text


def test_the_label_is_never_written_to_a_log(client, helper, application, caplog):
    caplog.set_level(logging.DEBUG)
    _share(application, helper)
    sign_in_fully(client, helper)

    _label(client, application)
    client.get("/en/helpers/")
    client.get(_case_url(application))
    _label(client, application, "")

    assert caplog.records, "nothing was logged at all: the test would prove nothing"
    assert "Zq9Label" not in caplog.text


# --- Who shared it ---


def test_the_dashboard_says_the_person_shared_it_since_when_and_that_colleagues_see_it(
    client, helper, application
):
    _share(application, helper, share_with_organisation=True)

    html = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    assert "The person shared it with you on" in html
    assert "Your colleagues at CAVAC de Montréal can see it too." in html


def test_a_colleague_reads_who_the_person_shared_it_with(
    client, helper, organisation, application
):
    _share(application, helper, share_with_organisation=True)
    colleague = helper_make(organisation)

    html = sign_in_fully(client, colleague).get(_case_url(application)).content.decode()

    name = helper.helper_profile.display_name
    assert f"The person shared it with {name} on" in html


def test_a_case_the_helper_started_says_so_and_that_only_they_see_it(client, helper):
    sign_in_fully(client, helper).post(reverse("accounts:application-start"))

    html = client.get("/en/helpers/").content.decode()

    assert "You started it on" in html
    assert "Only you can see it, not your colleagues." in html


# --- Consent first ---


def _position(html: str, text: str) -> int:
    assert text in html, text
    return html.index(text)


def test_a_case_with_no_consent_leads_with_recording_it(client, helper, application):
    _share(application, helper)

    html = unescape(sign_in_fully(client, helper).get(_case_url(application)).content.decode())

    lead = _position(html, "First, record the person's consent")
    assert lead < _position(html, "Work on the application")
    assert lead < _position(html, "<dt>Status</dt>")
    assert "with that person's consent" in html  # and says why
    assert _position(html, "Record the person's consent</a>") < _position(
        html, "Work on the application"
    )


def test_a_case_with_consent_leads_with_the_work(client, helper, application):
    _share(application, helper)
    _consent(application, helper)

    html = sign_in_fully(client, helper).get(_case_url(application)).content.decode()

    assert "First, record the person" not in html
    assert _position(html, "Work on the application") < _position(html, "Given by Alex Tremblay")
    assert "Given on 20 November 2026" in html  # among the case's fields


def test_the_dashboard_says_which_cases_have_no_consent_yet(client, helper):
    with_consent, without = ApplicationFactory(complete=False), ApplicationFactory(complete=False)
    for application in (with_consent, without):
        _share(application, helper)
    _consent(with_consent, helper)

    html = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    assert html.count("Not recorded yet: record it first") == 1
    assert "Given on 20 November 2026" in html


# --- The next step, as an action ---


def test_the_next_step_says_what_to_do(client, helper):
    application = ApplicationFactory(answers={"who": {"role": "self", "victim_age": 16}})
    _share(application, helper)
    step = steps.step_first_missing(application.answers)
    sign_in_fully(client, helper)

    for language, action in (("en", "Answer “{}”"), ("fr", "Répondre à la section «\u00a0{}\u00a0»")):
        with translation.override(language):
            expected = action.format(step.title)
        html = unescape(client.get(f"/{language}/helpers/").content.decode())
        assert f"<dd>{expected}</dd>" in html, (language, expected)


def test_the_next_step_of_a_screen_not_answered_reads_as_an_action(helper):
    application = ApplicationFactory(answers={"who": {"role": "self", "victim_age": 16}})
    with translation.override("en"):
        title = str(steps.step_first_missing(application.answers).title)
        action = selectors.application_next_action(application)

    assert action == f"Answer “{title}”"


def test_a_case_with_every_answer_given_says_to_check_and_confirm_them(helper):
    application = ApplicationFactory(complete=False)  # every screen but the check

    with translation.override("en"):
        assert selectors.application_next_action(application) == (
            "Check the answers and confirm them"
        )


def test_a_confirmed_case_says_to_prepare_the_document(helper):
    application = ApplicationFactory(status=Application.Status.READY)

    with translation.override("en"):
        assert selectors.application_next_action(application) == "Prepare the document"


# --- The helpers' own header and footer ---


def test_the_helper_pages_have_their_own_header_and_footer_and_keep_the_quick_exit(
    client, helper, application
):
    person_home = client.get("/en/").content.decode()
    sign_in_page = client.get("/en/helpers/sign-in/").content.decode()
    session = client.session
    session["application_id"] = str(application.pk)
    session.save()
    persons_sharing_page = client.get("/en/helpers/sharing/").content.decode()
    dashboard = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    for html in (person_home, persons_sharing_page):  # the person's own layout
        assert CAVAC_LINE in html
        assert "helper-site-name" not in html
    for html in (sign_in_page, dashboard):
        assert CAVAC_LINE not in html  # no "call the CAVAC line" to a CAVAC worker
        assert 'class="site-name helper-site-name"' in html
        assert "This is the helper space." in html
        assert 'id="quick-exit"' in html
        assert "css/workspace." in html  # hashed by the production storage under make test


def test_the_dashboard_is_a_list_of_cases_not_a_table_that_scrolls(client, helper):
    for _ in range(3):
        _share(ApplicationFactory(complete=False), helper)

    html = sign_in_fully(client, helper).get("/en/helpers/").content.decode()

    assert "<table" not in html and "table-responsive" not in html
    assert html.count('class="case-card"') == 3
    assert html.count("<dt>Deleted on</dt>") == 3


def test_the_french_workspace_keeps_french_typography(client, helper, application):
    from tests.portal.test_french_typography import faults_in, visible_text

    _share(application, helper, share_with_organisation=True)
    started = ApplicationFactory(answers={"who": {"role": "helper", "victim_age": 16}})
    services.access_grant_to_starter(application=started, helper=helper)
    _consent(started, helper)
    sign_in_fully(client, helper)
    _label(client, application)
    with translation.override("fr"):
        pages = [reverse("accounts:dashboard"), _case_url(application).replace("/en/", "/fr/"),
                 _case_url(started).replace("/en/", "/fr/")]

    faults = []
    for url in pages:
        html = client.get(url).content.decode()
        assert 'lang="fr"' in html
        faults += [f"{url}: {fault}" for fault in faults_in(visible_text(html), [LABEL])]
    assert "Répondre à la section" in client.get(pages[0]).content.decode()
    assert not faults, "\n".join(faults)
