from django.urls import path

from requests import views, views_after

app_name = "applications"

# Paths are neutral words: a browser history reveals nothing, and carries no personal data.
urlpatterns = [
    path("start/", views.start, name="start"),
    path("form/resume/", views.resume, name="resume"),
    path("form/answers/download/", views.answers_download, name="answers-download"),
    path("form/answers/import/", views.answers_import, name="answers-import"),
    path("form/delete/", views.delete, name="delete"),
    path("form/keep-alive/", views.keep_alive, name="keep-alive"),
    path("form/document/", views.document, name="document"),
    path("form/document/status/", views.document_status, name="document-status"),
    path("form/document/download/", views.document_download, name="document-download"),
    # Before the step pattern, which would otherwise take "next" for a step slug.
    path("form/next/", views_after.filing_guide, name="after-guide"),
    path("form/<slug:slug>/", views.StepView.as_view(), name="step"),
    path("form/<slug:slug>/new/", views.EntryView.as_view(), name="entry-new"),
    path("form/<slug:slug>/new/<slug:kind>/", views.EntryView.as_view(), name="entry-new-kind"),
    path("form/<slug:slug>/<int:number>/", views.EntryView.as_view(), name="entry"),
    path("form/<slug:slug>/<int:number>/remove/", views.entry_remove, name="entry-remove"),
    path("form/next/copy/", views_after.filing_copy, name="after-copy"),
    path("form/next/court/", views_after.court, name="after-court"),
    path("form/next/removal/", views_after.removal, name="after-removal"),
    path("form/next/companies/", views_after.companies, name="after-companies"),
    path("form/next/companies/<slug:respondent_id>/letter/", views_after.cover_letter,
         name="after-cover-letter"),
    path("form/next/letters/<uuid:letter_id>/", views_after.cover_letter_status,
         name="after-cover-letter-status"),
    path("form/next/letters/<uuid:letter_id>/download/", views_after.cover_letter_download,
         name="after-cover-letter-download"),
    path("form/next/again/", views_after.reshare, name="after-reshare"),
    path("form/next/notes/", views_after.tracker, name="after-tracker"),
    path("form/next/notes/remove/", views_after.tracker_remove, name="after-tracker-remove"),
]
