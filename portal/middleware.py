"""Headers that keep answers out of caches and browser features out of reach; the session's
idle limit."""

import time

from django.conf import settings

# When the session's idle limit last restarted (a Unix time), kept in the session itself.
IDLE_RESTARTED_AT_KEY = "idle_restarted_at"


class NoFileBodiesMiddleware:
    """No page of the portal takes a file: a multipart body is refused before anything reads
    it, so not one byte of an image can be parsed, kept in memory or spooled to disk
    (settings.FILE_UPLOAD_HANDLERS is empty as well). Nothing before it reads the body; the
    first reader, CsrfViewMiddleware.process_view, runs after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_type = request.META.get("CONTENT_TYPE", "").lower()
        if content_type.startswith("multipart/"):
            from portal.errors import unsupported_body

            return unsupported_body(request)
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """Every page may show answers: none may be stored by a browser or proxy cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, max-age=0"
            response["Pragma"] = "no-cache"
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        return response


def idle_restart_interval() -> int:
    """The idle limit restarts at most this often: a minute, less for a short limit."""
    return min(60, settings.SESSION_COOKIE_AGE // 30)


def idle_seconds_left(session) -> int:
    """Seconds until the server forgets this session if no request restarts the limit."""
    restarted_at = session.get(IDLE_RESTARTED_AT_KEY)
    if restarted_at is None:
        return settings.SESSION_COOKIE_AGE
    return max(0, settings.SESSION_COOKIE_AGE - int(time.time() - restarted_at))


class SessionIdleLimitMiddleware:
    """Each request restarts the session's idle limit (SESSION_COOKIE_AGE), but the session is
    written for it at most once a minute.

    Writing it on every request (SESSION_SAVE_EVERY_REQUEST) cost an UPDATE and a commit for
    each page and each "is my document ready?" poll. Now an idle session closes between 29
    and 30 minutes after its last request, never later, and the page's idle warning counts
    down from the last restart (idle_seconds_left). Goes just after SessionMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            restarted_at = session.get(IDLE_RESTARTED_AT_KEY, 0)  # loads it, as pages do anyway
            now = time.time()
            if not session.is_empty() and now - restarted_at >= idle_restart_interval():
                session[IDLE_RESTARTED_AT_KEY] = now  # changed: SessionMiddleware saves it
        response = self.get_response(request)
        if session.modified and not session.is_empty():
            session[IDLE_RESTARTED_AT_KEY] = time.time()  # every save restarts the limit
        return response

