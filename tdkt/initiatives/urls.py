from django.urls import path

from tdkt.initiatives import council_views, views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("new/", views.initiative_create, name="create"),
    path("similar/", views.similar, name="similar"),
    path("stats/", views.stats, name="stats"),
    path("stats.xlsx", views.stats_xlsx, name="stats_xlsx"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/edit/", views.initiative_edit, name="edit"),
    path("<int:pk>/authors/", views.author_add, name="author_add"),
    path("<int:pk>/authors/<int:person_pk>/remove/", views.author_remove, name="author_remove"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/do/<slug:action>/", views.transition, name="transition"),
    path("<int:pk>/reviews/<int:review_pk>/score/", views.score, name="score"),
    path("<int:pk>/reviews/<int:review_pk>/close/", views.review_close, name="review_close"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/follow-up/", views.follow_up_add, name="follow_up"),
    path("<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("councils/<int:pk>/fields/", council_views.council_fields, name="council_fields"),
]
