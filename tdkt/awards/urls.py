from django.urls import path

from tdkt.awards import import_views

app_name = "awards"

urlpatterns = [
    path("import/", import_views.import_page, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/batches/<int:pk>/", import_views.import_result, name="import_result"),
    path("import/<str:token>/", import_views.import_preview, name="import_preview"),
    path("import/<str:token>/progress/", import_views.import_progress, name="import_progress"),
    path("import/<str:token>/cancel/", import_views.import_cancel, name="import_cancel"),
    path("import/<str:token>/retry/", import_views.import_retry, name="import_retry"),
    path("import/<str:token>/report.xlsx", import_views.import_report, name="import_report"),
]
