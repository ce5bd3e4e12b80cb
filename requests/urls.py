from django.urls import path

from requests.views import after, documents, notices, session, walkthrough

app_name = "applications"
entry_view = walkthrough.EntryView.as_view()

# Paths are neutral words: a browser history reveals nothing, and carries no personal data.
urlpatterns = [
    path("start/", walkthrough.start, name="start"),
    path("form/resume/", session.resume, name="resume"),
    path("form/answers/download/", session.answers_download, name="answers-download"),
    path("form/answers/import/", session.answers_import, name="answers-import"),
    path("form/delete/", session.delete, name="delete"),
    path("form/keep-alive/", session.keep_alive, name="keep-alive"),
    path("form/document/", documents.document, name="document"),
    path("form/document/status/", documents.document_status, name="document-status"),
    path("form/document/download/", documents.document_download, name="document-download"),
    path("form/document/read-me/", documents.guide_download, name="guide-download"),
    # Before the step pattern, which would otherwise take "next" for a step slug.
    path("form/next/", after.filing_guide, name="after-guide"),
    path("form/notices/", notices.notices, name="notices"),
    path("form/notices/<slug:respondent_id>/", notices.notice_request, name="notice-request"),
    path("form/notices/ready/<uuid:notice_id>/", notices.notice_status, name="notice-status"),
    path("form/notices/ready/<uuid:notice_id>/download/", notices.notice_download,
         name="notice-download"),
    path("form/<slug:slug>/", walkthrough.StepView.as_view(), name="step"),
    path("form/<slug:slug>/new/", entry_view, name="entry-new"),
    path("form/<slug:slug>/new/<slug:kind>/", entry_view, name="entry-new-kind"),
    path("form/<slug:slug>/<int:number>/", entry_view, name="entry"),
    path("form/<slug:slug>/<int:number>/remove/", walkthrough.entry_remove, name="entry-remove"),
    path("form/next/copy/", after.filing_copy, name="after-copy"),
    path("form/next/court/", after.court, name="after-court"),
    path("form/next/removal/", after.removal, name="after-removal"),
    path("form/next/companies/", after.companies, name="after-companies"),
    path("form/next/companies/<slug:respondent_id>/letter/", documents.cover_letter,
         name="after-cover-letter"),
    path("form/next/letters/<uuid:letter_id>/", documents.cover_letter_status,
         name="after-cover-letter-status"),
    path("form/next/letters/<uuid:letter_id>/download/", documents.cover_letter_download,
         name="after-cover-letter-download"),
    path("form/next/again/", after.reshare, name="after-reshare"),
    path("form/next/notes/", after.tracker, name="after-tracker"),
    path("form/next/notes/remove/", after.tracker_remove, name="after-tracker-remove"),
]
