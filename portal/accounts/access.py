"""Who may see an application: the helpers it was shared with, and nobody else.

A helper sees an application while an access to it is active (not withdrawn) and was granted
to them, or to their organisation when the person chose to share with the organisation.
Views answer 404, never 403, so a guessed id confirms nothing.
"""

from functools import wraps

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.models import ApplicationAccess, HelperProfile
from requests.models import Application


def helper_profile_of(user) -> HelperProfile | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.helper_profile
    except HelperProfile.DoesNotExist:
        return None


def helper_has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def helper_is_verified(user) -> bool:
    """Signed in with the password and the one-time code of a confirmed device (django-otp's
    middleware sets `is_verified` for this request)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified()) and helper_has_confirmed_device(user)


def active_accesses_for_helper(user) -> QuerySet[ApplicationAccess]:
    """The active accesses that let `user` see an application."""
    profile = helper_profile_of(user)
    if profile is None:
        return ApplicationAccess.objects.none()
    return ApplicationAccess.objects.filter(
        Q(helper=user) | Q(share_with_organisation=True, organisation=profile.organisation),
        withdrawn_at__isnull=True,
        application__expires_at__gt=timezone.now(),
    )


def applications_for_helper(user) -> QuerySet[Application]:
    """Every application `user` may see, newest first."""
    ids = active_accesses_for_helper(user).values("application_id")
    return Application.objects.filter(pk__in=ids).order_by("-created_at")


def helper_can_access(user, application: Application) -> bool:
    return active_accesses_for_helper(user).filter(application=application).exists()


def application_for_helper_or_404(user, application_id) -> Application:
    application = applications_for_helper(user).filter(pk=application_id).first()
    if application is None:
        raise Http404
    return application


def helper_application_required(view):
    """For a view taking `application_id`: passes `application`, or answers 404.

    Put it after `helper_required`, which handles signing in and the second step.
    """

    @wraps(view)
    def wrapper(request, application_id, *args, **kwargs):
        application = application_for_helper_or_404(request.user, application_id)
        return view(request, *args, application=application, **kwargs)

    return wrapper
