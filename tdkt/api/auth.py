"""`POST /api/auth/token/`: exchange a user name and password (and, for privileged roles, a TOTP code)
for an API token. Goes through `django.contrib.auth.authenticate` with the request, so django-axes
counts failures and refuses locked-out accounts exactly as on the log-in page.

Tokens expire (`API_TOKEN_HOURS` after they were issued), rotate (each issue replaces the user's previous
token) and end when the user logs out of the site or calls `DELETE /api/auth/token/`."""

from django.conf import settings
from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext as _
from django_otp import match_token, user_has_device
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tdkt.api.errors import error
from tdkt.api.serializers import (
    ErrorSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    ValidationErrorSerializer,
)
from tdkt.api.tokens import ExpiringTokenAuthentication, token_lifetime
from tdkt.org.permissions import requires_second_factor


def _lockout_message() -> str:
    hours = settings.AXES_COOLOFF_TIME
    if isinstance(hours, int | float) and hours > 0:
        return _(
            "Tài khoản tạm bị khóa do nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau %(minutes)d phút "
            "hoặc liên hệ quản trị hệ thống."
        ) % {"minutes": round(hours * 60)}
    return _("Tài khoản tạm bị khóa do nhập sai mật khẩu quá nhiều lần. Hãy liên hệ quản trị hệ thống.")


class ObtainTokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    def get_authenticators(self):
        if self.request is not None and self.request.method == "DELETE":
            return [ExpiringTokenAuthentication()]
        return super().get_authenticators()

    def get_permissions(self):
        if self.request is not None and self.request.method == "DELETE":
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(
        tags=["Xác thực"],
        operation_id="auth_token_destroy",
        summary="Hủy mã truy cập (đăng xuất API)",
        description="Mã truy cập đang dùng hết hiệu lực ngay.",
        request=None,
        responses={204: None, 401: ErrorSerializer},
    )
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        tags=["Xác thực"],
        operation_id="auth_token_create",
        summary="Lấy mã truy cập (token)",
        description=(
            "Đổi tên đăng nhập và mật khẩu lấy mã truy cập API. Quản trị hệ thống và Cán bộ TĐKT phải gửi "
            "thêm mã OTP (xác thực hai lớp). Nhập sai nhiều lần sẽ bị tạm khóa tài khoản như trên trang đăng "
            "nhập. Dùng mã bằng tiêu đề `Authorization: Token <mã>`."
        ),
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: ValidationErrorSerializer, 429: ErrorSerializer},
        auth=[],
        examples=[
            OpenApiExample(
                "Đăng nhập", value={"username": "canbo_tdkt", "password": "••••••••••"}, request_only=True
            )
        ],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # The DRF request, not request._request: axes flags it, and its HTML lock-out page stays off the API.
        user = authenticate(request=request, username=values["username"], password=values["password"])
        if getattr(request, "axes_locked_out", False):
            return error(_lockout_message(), status.HTTP_429_TOO_MANY_REQUESTS, code="locked_out")
        if user is None:
            raise exceptions.ValidationError(_("Tên đăng nhập hoặc mật khẩu không đúng."))
        if settings.TDKT_REQUIRE_2FA and requires_second_factor(user):
            if not user_has_device(user):
                raise exceptions.ValidationError(
                    _("Tài khoản này cần xác thực hai lớp. Hãy đăng nhập trên trang web để thiết lập trước.")
                )
            if not values.get("otp") or match_token(user, values["otp"].strip()) is None:
                raise exceptions.ValidationError(
                    {"otp": [_("Mã xác thực hai lớp không đúng hoặc đã hết hạn.")]}
                )
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        Token.objects.filter(user=user).delete()  # rotation: a new key each time, the old one ends
        token = Token.objects.create(user=user)
        return Response({"token": token.key, "expires": token.created + token_lifetime()})
