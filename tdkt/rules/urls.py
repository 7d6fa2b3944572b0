from django.urls import path

from tdkt.rules import views

app_name = "rules"

urlpatterns = [
    path("people/<int:pk>/", views.person_awards, name="person_awards"),
    path("units/<int:pk>/", views.unit_awards, name="unit_awards"),
    path("units/<int:pk>/candidates/", views.unit_candidates, name="unit_candidates"),
    path("units/<int:pk>/candidates/refresh/", views.unit_candidates_refresh, name="unit_candidates_refresh"),
    path("units/<int:pk>/candidates/all/", views.unit_candidates_start, name="unit_candidates_start"),
    path("units/<int:pk>/candidates/all/<str:token>/", views.unit_candidates_job, name="unit_candidates_job"),
    path(
        "units/<int:pk>/candidates/all/<str:token>/download/",
        views.unit_candidates_job_download,
        name="unit_candidates_job_download",
    ),
    path("units/<int:pk>/candidates.xlsx", views.unit_candidates_export, name="unit_candidates_export"),
    path("parameters/", views.parameters, name="parameters"),
    path("units/<int:pk>/cluster-result/", views.unit_cluster_result, name="unit_cluster_result"),
]
