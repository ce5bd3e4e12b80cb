from django.urls import path

from portal.accounts import views

app_name = "accounts"

# Neutral words only: a browser history shows nothing about the subject.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-out/", views.sign_out, name="sign-out"),
    # No code in any address: the code is posted (see views.invitation_link).
    path("invitation/", views.invitation_enter, name="invitation"),
    path("invitation/account/", views.invitation_accept, name="invitation-account"),
    path("security/", views.enrol, name="enrol"),
    path("code/", views.share_code_enter, name="share-code"),
    path("new/", views.application_start, name="application-start"),
    path("files/<uuid:application_id>/", views.application_detail, name="application"),
    path("files/<uuid:application_id>/open/", views.application_open, name="application-open"),
    path("files/<uuid:application_id>/label/", views.case_label, name="case-label"),
    path("files/<uuid:application_id>/consent/", views.consent, name="consent"),
    path(
        "files/<uuid:application_id>/consent/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/activity/", views.organisation_activity, name="organisation-activity"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<int:access_id>/withdraw/", views.sharing_withdraw, name="sharing-withdraw"),
]
