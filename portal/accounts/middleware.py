"""Sign a helper out after a quiet spell, so an unattended screen does not stay open."""

import time

from django.conf import settings
from django.contrib.auth import logout

LAST_SEEN_KEY = "helper_last_seen"
SIGNED_OUT_KEY = "helper_signed_out_idle"


class HelperIdleTimeoutMiddleware:
    """Signs out a signed-in helper whose last request is older than HELPER_IDLE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.HELPER_IDLE_SECONDS:
                logout(request)  # flushes the session, and with it the last-seen time
                request.session[SIGNED_OUT_KEY] = True
            else:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
