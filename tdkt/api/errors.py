"""JSON errors with Vietnamese messages for every API endpoint.

Every error body has a `detail` (a sentence to show the user) and, where useful, a `code`;
validation errors add `errors` (field → messages, `non_field_errors` for the rest):

- a service's `ValidationError` → 400 with the service's own message;
- `ConcurrentEditError` (someone saved the object after it was read) → 409 with its message;
- 401/403/404/405/429 → a fixed Vietnamese sentence, unless the view or the service raised 403/404 with
  its own one (a service's `PermissionDenied` keeps its message, with the code `permission_denied`);
- anything else under /api/ (an unknown URL, an unexpected exception → 500) is made the same JSON by
  `tdkt.api.middleware.ApiErrorMiddleware`.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from tdkt.core.errors import ConcurrentEditError

MESSAGES = {
    status.HTTP_401_UNAUTHORIZED: gettext_lazy("Chưa đăng nhập hoặc mã truy cập (token) không hợp lệ."),
    status.HTTP_403_FORBIDDEN: gettext_lazy("Bạn không có quyền thực hiện thao tác này."),
    status.HTTP_404_NOT_FOUND: gettext_lazy("Không tìm thấy."),
    status.HTTP_405_METHOD_NOT_ALLOWED: gettext_lazy("Phương thức không được hỗ trợ."),
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: gettext_lazy(
        "Định dạng dữ liệu gửi lên không được hỗ trợ; hãy gửi JSON."
    ),
    status.HTTP_429_TOO_MANY_REQUESTS: gettext_lazy("Quá nhiều yêu cầu; hãy thử lại sau."),
}
# Statuses whose message a view may choose (e.g. "Không tìm thấy đơn vị."); the others are fixed.
OWN_MESSAGE_ALLOWED = {status.HTTP_403_FORBIDDEN, status.HTTP_404_NOT_FOUND}
NON_FIELD = "non_field_errors"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "concurrent_edit"


def _from_django(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A Django (model or service) ValidationError as DRF's, keeping field names and messages."""
    if hasattr(exc, "error_dict"):
        errors = {
            (NON_FIELD if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        errors = {NON_FIELD: exc.messages}
    return exceptions.ValidationError(errors)


def _summary(errors) -> str:
    """The sentence for `detail`: the non-field messages when there are some, else a generic one."""
    if isinstance(errors, dict):
        own = errors.get(NON_FIELD) or errors.get("detail")
        if own:
            return " ".join(str(m) for m in (own if isinstance(own, list) else [own]))
        if len(errors) == 1:
            field, messages = next(iter(errors.items()))
            if isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
                return _("Dữ liệu không hợp lệ (%(field)s): %(message)s") % {
                    "field": field,
                    "message": messages[0],
                }
    return _("Dữ liệu không hợp lệ.")


def exception_handler(exc, context):
    if isinstance(exc, ConcurrentEditError):
        exc = Conflict(exc.messages[0])
    elif isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):  # a service's refusal: keep its own sentence
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(_("Dữ liệu gửi lên không đọc được (sai cú pháp JSON)."))
    response = drf_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "default_code", "")
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {NON_FIELD: response.data}
        response.data = {"detail": _summary(errors), "code": "invalid", "errors": errors}
    elif response.status_code in MESSAGES:
        detail = getattr(exc, "detail", None)
        own = (
            response.status_code in OWN_MESSAGE_ALLOWED
            and isinstance(detail, str)
            and str(detail) != str(exc.default_detail)
        )
        response.data = {"detail": str(detail) if own else str(MESSAGES[response.status_code]), "code": code}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"]), "code": code}
    return response


def error(message: str, status_code: int = 400, code: str = "") -> Response:
    return Response({"detail": message, "code": code} if code else {"detail": message}, status=status_code)
