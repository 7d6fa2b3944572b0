"""Routes of the statistics API, under /api/ (see tdkt/api/urls.py)."""

from django.urls import path

from tdkt.reports.api.views import AwardReportView

urlpatterns = [
    path("reports/awards/", AwardReportView.as_view(), name="api-report-awards"),
]
