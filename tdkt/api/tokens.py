"""API tokens that expire and end at log-out, and the user name the log-in lock-out counts under.

Kept apart from the token view so that settings (DRF's authentication classes, django-axes) can import it
without loading DRF's views.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import user_logged_out
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def lockout_username(request, credentials) -> str:
    """The name django-axes counts failures under: case-insensitive, trimmed."""
    username = (credentials or {}).get("username")
    if username is None and request is not None and hasattr(request, "POST"):
        username = request.POST.get("username")
    return str(username or "").strip().lower()


def token_lifetime() -> timedelta:
    return timedelta(hours=float(getattr(settings, "TDKT_API_TOKEN_HOURS", 8)))


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …`, refused (and deleted) once older than the token lifetime."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - token_lifetime():
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("Mã truy cập đã hết hạn; hãy lấy mã mới."), code="token_expired"
            )
        return user, token


@receiver(user_logged_out)
def _end_tokens_at_log_out(sender, request, user, **kwargs):
    if user is not None:
        Token.objects.filter(user=user).delete()
