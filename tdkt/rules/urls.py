from django.urls import path

from tdkt.rules import views

app_name = "rules"

urlpatterns = [
    path("people/<int:pk>/", views.person_awards, name="person_awards"),
    path("units/<int:pk>/", views.unit_awards, name="unit_awards"),
    path("units/<int:pk>/candidates/", views.unit_candidates, name="unit_candidates"),
    path("units/<int:pk>/candidates.xlsx", views.unit_candidates_export, name="unit_candidates_export"),
    path("parameters/", views.parameters, name="parameters"),
    path("units/<int:pk>/cluster-result/", views.unit_cluster_result, name="unit_cluster_result"),
]
