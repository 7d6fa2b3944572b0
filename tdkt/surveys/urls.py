from django.urls import path

from tdkt.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/weights/", views.survey_weights, name="weights"),
    path("<int:pk>/branches/", views.survey_branches, name="branches"),
    path("<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/remove/", views.question_remove, name="question_remove"),
    path("<int:pk>/open/", views.survey_status, {"action": "open"}, name="open"),
    path("<int:pk>/close/", views.survey_status, {"action": "close"}, name="close"),
    path("<int:pk>/invitations/add/", views.invitation_add, name="invitation_add"),
    path("<int:pk>/invitations/import/", views.invitation_import, name="import"),
    path("<int:pk>/invitations/template/", views.invitation_template, name="import_template"),
    path("<int:pk>/invitations/links/", views.links_export, name="links"),
    path("<int:pk>/invitations/reminders/", views.reminders, name="reminders"),
    path("<int:pk>/invitations/pending.xlsx", views.pending_export, name="pending_export"),
    path("<int:pk>/results/", views.survey_results_page, name="results"),
    path("<int:pk>/audit/", views.survey_audit, name="audit"),
    path("<int:pk>/results.xlsx", views.results_export, name="results_export"),
]
