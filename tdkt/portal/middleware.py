"""Second factor for privileged roles.

Administrators and TĐKT officers must verify a TOTP device before they reach any page but the
log-in, log-out and 2FA pages. Holders without a device are sent to set one up.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from tdkt.org.permissions import requires_second_factor

# "/khao-sat/": the public business survey form (tdkt.surveys), answered without an account.
EXEMPT_PREFIXES = ("/static/", "/accounts/", "/i18n/", "/api/", "/healthz", "/khao-sat/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            return redirect(f"{reverse('portal:otp')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        if not settings.TDKT_REQUIRE_2FA or request.path.startswith(EXEMPT_PREFIXES):
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False

        return requires_second_factor(user)
