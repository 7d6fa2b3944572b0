from django.contrib.auth import views as auth_views
from django.urls import path

from tdkt.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/2fa/", views.otp_view, name="otp"),
    path("audit/", views.audit_search, name="audit"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots),
]
