"""Assembles each app's API routes, the OpenAPI schema and the interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tdkt.api.auth import ObtainTokenView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include("tdkt.org.api.urls")),
    path("", include("tdkt.rules.api.urls")),
    path("", include("tdkt.reports.api.urls")),
    path("", include("tdkt.councils.api.urls")),
    path("", include("tdkt.proposals.api.urls")),
    path("", include("tdkt.decisions.api.urls")),
    path("", include("tdkt.movements.api.urls")),
]
