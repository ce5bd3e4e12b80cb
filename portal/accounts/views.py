"""Helper pages, and the person's sharing page. HTTP in and out; services do the work."""

import base64
from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import selectors, services
from portal.accounts.access import (
    helper_application_required,
    helper_has_confirmed_device,
    helper_profile_of,
)
from portal.accounts.content import (
    CONSENT_FIRST,
    YOUTH_PROTECTION_NOTICE,
    youth_protection_notice_applies,
)
from portal.accounts.forms import (
    CaseLabelForm,
    ConsentForm,
    FindForm,
    InvitationAcceptForm,
    InvitationCodeForm,
    InviteForm,
    OneTimeCodeForm,
    ShareCodeCreateForm,
    ShareCodeRedeemForm,
    SignInForm,
)
from portal.accounts.middleware import SIGNED_OUT_KEY
from portal.accounts.models import ApplicationAccess, AuditEntry, ConsentRecord
from requests import services as services_of_applications
from requests.access import person_only
from requests.selectors import SESSION_KEY
from requests.steps import STEPS

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _with_next(url_name: str, next_url: str | None) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def helper_required(view):
    """Signed in with password and one-time code, with a helper profile; else sign-in or 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(_with_next("accounts:sign-in", request.path))
        if helper_profile_of(user) is None:
            raise Http404
        if not helper_has_confirmed_device(user):
            return redirect("accounts:enrol")
        if not user.is_verified():
            return redirect(_with_next("accounts:sign-in-code", request.path))
        return view(request, *args, **kwargs)

    return wrapper


def org_admin_required(view):
    @wraps(view)
    @helper_required
    def wrapper(request, *args, **kwargs):
        if not request.user.helper_profile.is_org_admin:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# --- Signing in ---


def sign_in(request):
    signed_out_idle = request.session.pop(SIGNED_OUT_KEY, False)
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["email"].lower(),
            password=form.cleaned_data["password"],
        )
        if user is not None and helper_profile_of(user) is not None:
            login(request, user)
            next_url = _safe_next(request)
            if not helper_has_confirmed_device(user):
                return redirect("accounts:enrol")
            return redirect(_with_next("accounts:sign-in-code", next_url))
        form.add_error(None, _("The email address or the password is not right."))
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "signed_out_idle": signed_out_idle, "next": _safe_next(request) or ""},
    )


def sign_in_code(request):
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign-in")
    if user.is_verified():
        return redirect("accounts:dashboard")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("accounts:enrol")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_safe_next(request) or "accounts:dashboard")
        form.add_error("code", _("This code did not work. Wait for a new code, then try again."))
    return render(
        request, "accounts/sign_in_code.html", {"form": form, "next": _safe_next(request) or ""}
    )


@require_POST
def sign_out(request):
    logout(request)
    return redirect("accounts:sign-in")


INVITATION_SESSION_KEY = "invitation_id"


def invitation_link(request, code: str) -> str:
    """The link an administrator sends: the code after "#", which a browser never sends to
    the server, so that no access log or proxy keeps a code that grants an account."""
    return f"{request.build_absolute_uri(reverse('accounts:invitation'))}#{code}"


def invitation_enter(request):
    """Step 1: the invitation code (filled in from the link by a script, or typed)."""
    form = InvitationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_get_usable(token=form.cleaned_data["code"])
        if invitation is not None:
            request.session[INVITATION_SESSION_KEY] = invitation.pk
            return redirect("accounts:invitation-account")
        form.add_error(
            "code",
            _(
                "This code does not work. An invitation works once, for 7 days: ask the "
                "person who invited you for a new one."
            ),
        )
    return render(request, "accounts/invitation_enter.html", {"form": form})


def invitation_accept(request):
    """Step 2: the account, for the invitation whose code was given in step 1."""
    invitation_id = request.session.get(INVITATION_SESSION_KEY)
    invitation = (
        services.invitation_get_usable(invitation_id=invitation_id) if invitation_id else None
    )
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(
        request.POST or None, initial={"email": invitation.email, "display_name": invitation.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation_id=invitation.pk,
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationInvalid:
            return render(request, "accounts/invitation_invalid.html", status=404)
        request.session.pop(INVITATION_SESSION_KEY, None)
        login(request, user, backend=MODEL_BACKEND)
        return redirect("accounts:enrol")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def _secret_for_reading(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def enrol(request):
    """Set up the authenticator app: a QR code (inline SVG, no outside request) and the key."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:sign-in")
    if helper_profile_of(user) is None:
        raise Http404
    if helper_has_confirmed_device(user):
        return redirect("accounts:dashboard" if user.is_verified() else "accounts:sign-in-code")
    device = services.totp_device_for_enrolment(user=user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is set up."))
            return redirect("accounts:dashboard")
        form.add_error(
            "code",
            _("This code did not work. Check the app shows this site, then try the new code."),
        )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr_data_uri": qr.svg_data_uri(scale=5, border=2),
            "secret": _secret_for_reading(device),
        },
    )


# --- Dashboard ---


@helper_required
def dashboard(request):
    find_form = FindForm(request.GET or None)
    reference = find_form.cleaned_data["reference"] if find_form.is_valid() else ""
    cases = selectors.dashboard_rows(request.user, reference=reference)
    services.case_labels_read(helper=request.user, cases=cases)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "rows": cases,
            "find_form": find_form,
            "searched": bool(reference),
            "redeem_form": ShareCodeRedeemForm(),
            "profile": request.user.helper_profile,
        },
    )


@helper_required
def share_code_enter(request):
    form = ShareCodeRedeemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access = services.share_code_redeem(code=form.cleaned_data["code"], helper=request.user)
        except services.ShareCodeLocked:
            form.add_error(
                "code",
                _(
                    "Too many codes did not work. "
                    "Wait 15 minutes, then ask the person for a new code."
                ),
            )
        except services.ShareCodeInvalid:
            form.add_error(
                "code",
                _(
                    "This code does not work. "
                    "Codes work once, for 30 minutes: ask the person for a new one."
                ),
            )
        else:
            messages.success(request, _("The application is now shared with you."))
            return redirect("accounts:application", application_id=access.application_id)
    return render(request, "accounts/share_code_enter.html", {"form": form})


@require_POST
@helper_required
def application_start(request):
    """A new application for someone, shared with this helper; its first question next."""
    services_of_applications.application_start(session=request.session, helper=request.user)
    return redirect("applications:step", slug=STEPS[0].slug)


# --- One application ---


def _application_context(request, application) -> dict:
    profile = request.user.helper_profile
    return {
        "application": application,
        "reference": selectors.application_reference(application),
        "next_step": selectors.application_next_step_title(application),
        "youth_notice": (
            YOUTH_PROTECTION_NOTICE
            if youth_protection_notice_applies(
                role=profile.role, answers=application.answers or {}
            )
            else None
        ),
    }


def _application_page(request, application, *, label_form=None):
    case = selectors.case_for_helper(request.user, application)
    services.audit_log(actor=request.user, application=application, action=AuditEntry.Action.VIEWED)
    services.case_labels_read(helper=request.user, cases=[case])
    context = _application_context(request, application)
    context.update(
        case=case,
        consent_first=CONSENT_FIRST if case.needs_consent else None,
        consents=selectors.consents_for_helper(application=application, helper=request.user),
        label_form=label_form or CaseLabelForm(initial={"text": case.label}),
    )
    return render(request, "accounts/application.html", context)


@helper_required
@helper_application_required
def application_detail(request, application):
    return _application_page(request, application)


@require_POST
@helper_required
@helper_application_required
def case_label(request, application):
    """The organisation's private label for the case: set, changed or removed."""
    form = CaseLabelForm(request.POST)
    if not form.is_valid():
        return _application_page(request, application, label_form=form)
    label = services.case_label_set(
        application=application, helper=request.user, text=form.cleaned_data["text"]
    )
    messages.success(request, _("The label is saved.") if label else _("The label is removed."))
    return redirect("accounts:application", application_id=application.pk)


@require_POST
@helper_required
@helper_application_required
def application_open(request, application):
    """Work on the application in the walkthrough, which reads it from the session."""
    request.session[SESSION_KEY] = str(application.pk)
    return redirect("applications:start")


@helper_required
@helper_application_required
def consent(request, application):
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_record(application=application, helper=request.user, **form.cleaned_data)
        messages.success(request, _("The consent is recorded."))
        return redirect("accounts:consent", application_id=application.pk)
    context = _application_context(request, application)
    context.update(
        form=form,
        consents=selectors.consents_for_helper(application=application, helper=request.user),
    )
    return render(request, "accounts/consent.html", context)


@require_POST
@helper_required
@helper_application_required
def consent_withdraw(request, application, consent_id):
    record = get_object_or_404(
        ConsentRecord, pk=consent_id, application=application, helper=request.user
    )
    services.consent_withdraw(application=application, consent=record)
    messages.success(
        request, _("The consent is withdrawn. You no longer have access to this application.")
    )
    return redirect("accounts:dashboard")


# --- Organisation administrator ---


@org_admin_required
def organisation(request):
    profile = request.user.helper_profile
    form = InviteForm(request.POST or None)
    link = code = None
    if request.method == "POST" and form.is_valid():
        _invitation, code = services.invitation_create(
            organisation=profile.organisation, created_by=request.user, **form.cleaned_data
        )
        link = invitation_link(request, code)
        form = InviteForm()
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": profile.organisation,
            "form": form,
            "invitation_link": link,
            "invitation_code": code,
            "staff": selectors.staff_of(profile.organisation),
            "invitations": profile.organisation.invitations.all()[:50],
        },
    )


@org_admin_required
def organisation_activity(request):
    profile = request.user.helper_profile
    entries = selectors.audit_trail_rows(
        selectors.audit_entries_for_organisation(profile.organisation)[:2000]
    )
    return render(
        request,
        "accounts/organisation_activity.html",
        {"organisation": profile.organisation, "entries": entries},
    )


# --- The person (no account: their session holds the application) ---


@person_only
def sharing(request, *, visit):
    """The person gives a helper a share code, sees who has access and what they did, and
    takes access back. Never served to a signed-in account (requests/access.py)."""
    application = visit.application
    code = None
    form = ShareCodeCreateForm(request.POST or None)
    if application is not None and request.method == "POST" and form.is_valid():
        code = services.share_code_create(
            application=application,
            share_with_organisation=form.cleaned_data["share_with_organisation"],
        )
        form = ShareCodeCreateForm()
    context = {"application": application, "form": form, "code": code}
    if application is not None:
        context.update(
            accesses=selectors.accesses_for_application(application),
            entries=selectors.audit_trail_rows(
                selectors.audit_entries_for_application(application)[:1000]
            ),
            valid_minutes=int(services.SHARE_CODE_VALID_FOR.total_seconds() // 60),
        )
    return render(request, "accounts/sharing.html", context)


@require_POST
@person_only
def sharing_withdraw(request, access_id, *, visit):
    application = visit.application
    if application is None:
        raise Http404
    access = get_object_or_404(ApplicationAccess, pk=access_id, application=application)
    services.access_withdraw(application=application, access=access)
    messages.success(
        request, _("Access is withdrawn. This person can no longer see your application.")
    )
    return redirect("accounts:sharing")
