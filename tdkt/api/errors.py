"""JSON errors with Vietnamese messages for every API endpoint."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

MESSAGES = {
    status.HTTP_401_UNAUTHORIZED: _("Chưa đăng nhập hoặc mã truy cập (token) không hợp lệ."),
    status.HTTP_403_FORBIDDEN: _("Bạn không có quyền thực hiện thao tác này."),
    status.HTTP_404_NOT_FOUND: _("Không tìm thấy."),
    status.HTTP_405_METHOD_NOT_ALLOWED: _("Phương thức không được hỗ trợ."),
    status.HTTP_429_TOO_MANY_REQUESTS: _("Quá nhiều yêu cầu; hãy thử lại sau."),
}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(getattr(exc, "message_dict", None) or {"detail": exc.messages})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_handler(exc, context)
    if response is None:
        return None
    if response.status_code in MESSAGES and not isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": str(MESSAGES[response.status_code]), "code": getattr(exc, "default_code", "")}
    elif isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("Dữ liệu không hợp lệ."), "errors": response.data}
    return response


def error(message: str, status_code: int = 400) -> Response:
    return Response({"detail": message}, status=status_code)
