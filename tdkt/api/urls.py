"""Assembles each app's API routes, the OpenAPI schema and the interactive docs."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import include, path, reverse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from tdkt.api.auth import ObtainTokenView
from tdkt.api.permissions import SecondFactorVerified
from tdkt.org.permissions import requires_second_factor


def second_factor_page(view):
    """The docs page (HTML under /api/, which the pages' 2FA middleware leaves alone): a holder of a role
    that needs the second factor, logged in with the password only, is sent to the 2FA page first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if settings.TDKT_REQUIRE_2FA and not user.is_verified() and requires_second_factor(user):
            return redirect(f"{reverse('core:otp')}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapper


urlpatterns = [
    # The schema and its docs page describe every endpoint: for signed-in users only.
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated, SecondFactorVerified]),
        name="api-schema",
    ),
    path(
        "docs/",
        login_required(
            second_factor_page(
                SpectacularSwaggerSplitView.as_view(
                    url_name="api-schema", permission_classes=[IsAuthenticated, SecondFactorVerified]
                )
            )
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
