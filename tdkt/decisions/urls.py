from django.urls import path

from tdkt.decisions import document_urls, views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_create, name="create"),
    path("totals/", views.totals, name="totals"),
    path("totals.xlsx", views.totals_export, name="totals_export"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/edit/", views.decision_edit, name="edit"),
    path("<int:pk>/lines/", views.line_add, name="line_add"),
    path("<int:pk>/lines/<int:line_pk>/remove/", views.line_remove, name="line_remove"),
    path("<int:pk>/issue/", views.decision_issue, name="issue"),
    path("<int:pk>/revoke/", views.decision_revoke, name="revoke"),
]

# The documents helper's pages (Quyết định .docx, certificates, document templates), same namespace.
urlpatterns += document_urls.urlpatterns
