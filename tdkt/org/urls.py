from django.urls import path

from tdkt.org import import_views, views

app_name = "org"

urlpatterns = [
    path("units/", views.unit_tree, name="unit_tree"),
    path("units/history/", views.restructuring_history, name="restructuring_history"),
    path("units/export.xlsx", views.unit_export, name="unit_export"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/audit/", views.unit_audit, name="unit_audit"),
    path("people/", views.person_list, name="person_list"),
    path("people/export.xlsx", views.person_export, name="person_export"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/audit/", views.person_audit, name="person_audit"),
    path("import/", import_views.import_page, name="import"),
    path("import/template/<str:kind>.xlsx", import_views.import_template, name="import_template"),
    path("import/report/<str:token>.xlsx", import_views.import_report, name="import_report"),
]
