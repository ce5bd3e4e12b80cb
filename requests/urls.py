from django.urls import path

from requests import views

app_name = "applications"

# Paths are neutral words: a browser history reveals nothing, and carries no personal data.
urlpatterns = [
    path("start/", views.start, name="start"),
    path("form/resume/", views.resume, name="resume"),
    path("form/answers/download/", views.answers_download, name="answers-download"),
    path("form/answers/import/", views.answers_import, name="answers-import"),
    path("form/delete/", views.delete, name="delete"),
    path("form/document/", views.document, name="document"),
    path("form/document/status/", views.document_status, name="document-status"),
    path("form/document/download/", views.document_download, name="document-download"),
    path("form/<slug:slug>/", views.StepView.as_view(), name="step"),
    path("form/<slug:slug>/new/", views.EntryView.as_view(), name="entry-new"),
    path("form/<slug:slug>/new/<slug:kind>/", views.EntryView.as_view(), name="entry-new-kind"),
    path("form/<slug:slug>/<int:number>/", views.EntryView.as_view(), name="entry"),
    path("form/<slug:slug>/<int:number>/remove/", views.entry_remove, name="entry-remove"),
]
