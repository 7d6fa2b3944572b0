from django.urls import path

from tdkt.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.xlsx", views.export, name="export"),
]
