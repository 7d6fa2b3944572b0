"""Routes of the statistics API, under /api/ (see tdkt/api/urls.py)."""

from django.urls import path

from tdkt.reports.api.views import AwardReportView, OfficialFormView

urlpatterns = [
    path("reports/awards/", AwardReportView.as_view(), name="api-report-awards"),
    path("reports/forms/<str:code>/", OfficialFormView.as_view(), name="api-report-form"),
]
