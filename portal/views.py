"""Site pages. Thin: they render templates, nothing else."""

from datetime import date

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_http_methods


def language_root(request):
    """`/` goes to the browser's language; French when unsure."""
    language = get_language_from_request(request, check_path=False)
    return redirect(f"/{'en' if language == 'en' else 'fr'}/")


FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"


@require_http_methods(["GET", "HEAD"])
def favicon(request):
    """A plain grey square, so browsers asking /favicon.ico get an answer, not a 404. It says
    nothing about what the site is for, like the tab title."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


def home(request):
    return render(request, "portal/home.html")


def staying_safe(request):
    return render(request, "portal/staying_safe.html")


# The day the accessibility and privacy statements were last checked against the code.
STATEMENTS_CHECKED = date(2026, 12, 3)


def accessibility(request):
    """The accessibility statement: the standard aimed at, how it is tested, known limits."""
    return render(request, "portal/accessibility.html", {"checked": STATEMENTS_CHECKED})


def privacy(request):
    """What is kept, for how long and who sees it. The durations are the settings in force,
    so the page says what the code does."""
    return render(request, "portal/privacy.html", {
        "checked": STATEMENTS_CHECKED,
        "draft_days": settings.DRAFT_RETENTION_DAYS,
        "document_hours": settings.DOCUMENT_RETENTION_HOURS,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    })


@require_http_methods(["GET", "POST"])
def quick_exit(request):
    """End the session on the server, then leave for a neutral site.

    With JavaScript the page calls this with `location.replace`, so the portal page is not
    left in the tab's history either.
    """
    request.session.flush()
    response = redirect(settings.QUICK_EXIT_URL)
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    # Browsers that ignore Clear-Site-Data still drop the anti-forgery cookie.
    response.delete_cookie(settings.CSRF_COOKIE_NAME, samesite=settings.CSRF_COOKIE_SAMESITE)
    return response


def resources(request):
    """Where to get help. Every fact comes from requests/data/resources.json."""
    from requests import directory

    shown = {item.id: item for item in directory.resources_for_display()}
    main = [shown[key] for key in ("emergency-911", "cavac", "cyberaide", "tel-jeunes",
                                   "kids-help-phone", "sos-violence-conjugale",
                                   "info-aide-violence-sexuelle", "aidezmoisvp",
                                   "quebec-imagesintimes") if key in shown]
    centres = directory.resources_for_display(kind=directory.ResourceKind.CAVAC_CENTRE)
    return render(request, "portal/resources.html", {"resources": main, "centres": centres})
