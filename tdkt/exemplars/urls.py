from django.urls import path

from tdkt.exemplars import views

app_name = "exemplars"

urlpatterns = [
    path("", views.exemplar_list, name="list"),
    path("showcase/", views.showcase, name="showcase"),
    path("export.xlsx", views.exemplar_export, name="export"),
    path("<int:pk>/", views.exemplar_detail, name="detail"),
    path("<int:pk>/edit/", views.exemplar_edit, name="edit"),
    path("<int:pk>/audit/", views.exemplar_audit, name="audit"),
    path("<int:pk>/status/", views.exemplar_status, name="status"),
    path("<int:pk>/achievements/add/", views.achievement_add, name="achievement_add"),
    path("<int:pk>/media/add/", views.media_add, name="media_add"),
    path("<int:pk>/honours/add/", views.honour_add, name="honour_add"),
    path("<int:pk>/replications/add/", views.replication_add, name="replication_add"),
    path("<int:pk>/replications/<int:replication_pk>/", views.replication_edit, name="replication_edit"),
    path("media/<int:pk>/", views.media_file, name="media"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
]
