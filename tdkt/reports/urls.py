from django.urls import path

from tdkt.reports import official_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.export, name="export"),
    path("records/", views.records, name="records"),
    path("records/export.xlsx", views.records_export, name="records_export"),
    path("forms/", official_views.index, name="official_index"),
    path("forms/<str:code>/", official_views.form_page, name="official_form"),
    path("forms/<str:code>/records/", official_views.records, name="official_records"),
    path("forms/<str:code>/export.xlsx", official_views.export, name="official_export"),
]
