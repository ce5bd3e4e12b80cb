"""How the helper accounts plug into the application app (requests/access.py, HelperGate).

`requests` never imports this package: `AccountsConfig.ready()` registers `AccountsGate`, and
the application's pages ask it who is a helper, what they may see, and where to write what
they did.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from portal.accounts import access, selectors, services


class AccountsGate:
    def helper_state(self, user) -> str:
        if access.helper_profile_of(user) is None:
            return "none"
        return "verified" if access.helper_is_verified(user) else "unverified"

    def refuse_unverified(self, request):
        if not access.helper_has_confirmed_device(request.user):
            return redirect("accounts:enrol")
        next_url = request.get_full_path() if request.method == "GET" else request.path
        return redirect(f"{reverse('accounts:sign-in-code')}?{urlencode({'next': next_url})}")

    def may_work_on(self, user, application) -> bool:
        return access.helper_can_access(user, application)

    def started(self, user, application) -> None:
        services.access_grant_to_starter(application=application, helper=user)

    def carried_over(self, user, source, target) -> None:
        services.access_carry_over(source=source, target=target, helper=user)

    def record(self, user, application, action: str, subject: str) -> None:
        services.audit_log(actor=user, application=application, action=action, subject=subject)

    def recorded_consents(self, application) -> tuple[dict, ...]:
        return selectors.consents_for_document(application)

