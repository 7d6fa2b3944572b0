from django.urls import path

from tdkt.surveys import public_views

app_name = "survey_public"

urlpatterns = [
    path("<str:token>/", public_views.survey_form, name="form"),
    path("<str:token>/chi-cuc/<int:pk>/", public_views.branch_form, name="branch"),
]
