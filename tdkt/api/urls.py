"""Assembles each app's API routes, the OpenAPI schema and the interactive docs."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from tdkt.api.auth import ObtainTokenView

urlpatterns = [
    # The schema and its docs page describe every endpoint: for signed-in users only.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="api-schema"),
    path(
        "docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=[IsAuthenticated])
        ),
        name="api-docs",
    ),
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include("tdkt.org.api.urls")),
    path("", include("tdkt.rules.api.urls")),
    path("", include("tdkt.reports.api.urls")),
    path("", include("tdkt.councils.api.urls")),
    path("", include("tdkt.proposals.api.urls")),
    path("", include("tdkt.decisions.api.urls")),
    path("", include("tdkt.surveys.api.urls")),
    path("", include("tdkt.exemplars.api.urls")),
    path("", include("tdkt.initiatives.api.urls")),
    path("", include("tdkt.movements.api.urls")),
]
