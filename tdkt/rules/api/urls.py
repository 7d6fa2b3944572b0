"""Routes of the eligibility API, under /api/ (see tdkt/api/urls.py). Separate paths beside the organisation
API's viewsets, so the two do not clash."""

from django.urls import path

from tdkt.rules.api import views

urlpatterns = [
    path("people/<int:pk>/awards/", views.PersonAwardsView.as_view(), name="api-person-awards"),
    path(
        "people/<int:pk>/eligibility/", views.PersonEligibilityView.as_view(), name="api-person-eligibility"
    ),
    path("units/<int:pk>/awards/", views.UnitAwardsView.as_view(), name="api-unit-awards"),
    path("units/<int:pk>/eligibility/", views.UnitEligibilityView.as_view(), name="api-unit-eligibility"),
    path("eligibility/candidates/", views.CandidatesView.as_view(), name="api-eligibility-candidates"),
    path("eligibility/parameters/", views.ParametersView.as_view(), name="api-eligibility-parameters"),
]
