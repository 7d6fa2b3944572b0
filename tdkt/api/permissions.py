"""Permission classes shared by the API's endpoints."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission

from tdkt.org.permissions import requires_second_factor


class SecondFactorVerified(BasePermission):
    """Admins and TĐKT officers using the browser session must have passed the TOTP check.

    The pages enforce this in `RequireSecondFactorMiddleware`, which leaves /api/ alone; a token is
    only issued after the same check (see `tdkt.api.auth`), so only session requests are checked here.
    """

    message = _("Cần xác thực hai lớp (mã OTP) trước khi dùng API với tài khoản này.")

    def has_permission(self, request, view) -> bool:
        if not settings.TDKT_REQUIRE_2FA or not isinstance(
            request.successful_authenticator, SessionAuthentication
        ):
            return True
        user = request.user
        if not requires_second_factor(user):
            return True
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())
