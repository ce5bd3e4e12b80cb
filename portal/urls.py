from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from portal import health, views

urlpatterns = [
    path("", views.language_root, name="language-root"),
    # For machines (portal/health.py): outside the language prefixes, never redirected.
    path("healthz/live", health.live, name="health-live"),
    path("healthz/ready", health.ready, name="health-ready"),
    path("favicon.ico", views.favicon, name="favicon"),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("staying-safe/", views.staying_safe, name="staying-safe"),
        path("resources/", views.resources, name="resources"),
        path("accessibility/", views.accessibility, name="accessibility"),
        path("privacy/", views.privacy, name="privacy"),
        path("exit/", views.quick_exit, name="quick-exit"),
        path("", include("requests.urls")),
        path("helpers/", include("portal.accounts.urls")),
        prefix_default_language=True,
    ),
]

# The site's own error pages (portal/errors.py); CSRF_FAILURE_VIEW is in settings.
handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
