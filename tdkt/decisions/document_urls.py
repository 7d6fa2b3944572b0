"""Paths of the documents and certificates; included by tdkt/decisions/urls.py (namespace "decisions")."""

from django.urls import path

from tdkt.decisions import document_views as v

urlpatterns = [
    path("<int:pk>/quyet-dinh.docx", v.decision_docx, name="doc_decision"),
    path("<int:pk>/certificates/", v.certificates, name="doc_certificates"),
    path("<int:pk>/certificates/start/", v.certificates_start, name="doc_certificates_start"),
    path("certificates/<int:batch_pk>/", v.certificates_progress, name="doc_certificates_progress"),
    path("certificates/<int:batch_pk>/retry/", v.certificates_retry, name="doc_certificates_retry"),
    path("certificates/<int:batch_pk>/download/", v.certificates_download, name="doc_certificates_download"),
    path("documents/proposals/<int:pk>/to-trinh.docx", v.submission_docx, name="doc_submission"),
    path(
        "documents/proposals/<int:pk>/candidates/<int:candidate_pk>/bao-cao.docx",
        v.report_docx,
        name="doc_report",
    ),
    path("documents/proposals/<int:pk>/ho-so.zip", v.package_zip, name="doc_package"),
    path("documents/meetings/<int:pk>/bien-ban.docx", v.minutes_docx, name="doc_minutes"),
    path("documents/templates/", v.templates_page, name="doc_templates"),
    path("documents/templates/<str:kind>/upload/", v.template_upload, name="doc_template_upload"),
    path("documents/templates/<str:kind>/reset/", v.template_reset, name="doc_template_reset"),
    path(
        "documents/templates/<str:kind>/<str:which>.docx", v.template_download, name="doc_template_download"
    ),
]
