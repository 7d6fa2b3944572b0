"""Request-level guards for the whole site, ahead of the views.

- `RequestBodyLimitMiddleware`: a request whose declared body is larger than `TDKT_MAX_REQUEST_BYTES` is
  answered 413 at once, before sessions, authentication or the log-in redirect read anything.
- `NoStoreMiddleware`: no page or API answer given to a signed-in user (or under /api/) may be kept by a
  browser or proxy cache (`Cache-Control: no-store`): they carry personal data.
- `SignInRateLimitMiddleware`: POSTs to the log-in page, the second-factor page and the API token endpoint
  are counted per client address (a fixed window in Django's cache); past `TDKT_SIGN_IN_RATE` per
  `TDKT_SIGN_IN_WINDOW` seconds they are answered 429, whatever the user names tried (django-axes locks
  one user name at one address; this stops one address trying many names).
- `ApiErrorMiddleware`: under `/api/`, every error is the documented JSON (`detail`, `code`), whatever
  produced it (an unknown URL, a CSRF refusal, an unexpected exception → 500); everywhere, a number too
  large for the database (`OverflowError` from a hand-made id) is a 400 with a Vietnamese message.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from tdkt.api.errors import MESSAGES

logger = logging.getLogger("django.request")
API_PREFIX = "/api/"


def max_request_bytes() -> int:
    configured = getattr(settings, "TDKT_MAX_REQUEST_BYTES", None)
    if configured:
        return int(configured)
    return (
        max(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0, getattr(settings, "TDKT_IMPORT_MAX_BYTES", 0)) + 2**20
    )


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json_error(status: int, detail: str, code: str) -> JsonResponse:
    return JsonResponse(
        {"detail": detail, "code": code}, status=status, json_dumps_params={"ensure_ascii": False}
    )


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = max_request_bytes()
        if length > limit:
            message = _("Dữ liệu gửi lên quá lớn (tối đa %(mb)s MB).") % {"mb": round(limit / 2**20)}
            if _is_api(request):
                return _json_error(413, message, "request_too_large")
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


SIGN_IN_PATHS = ("/accounts/login/", "/accounts/2fa/", "/api/auth/token/")


def client_address(request) -> str:
    """The socket's address; behind the proxy, the X-Real-IP header it always overwrites (as django-axes)."""
    if getattr(settings, "BEHIND_PROXY", False) and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class SignInRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in SIGN_IN_PATHS and self._exceeded(request):
            window = int(settings.TDKT_SIGN_IN_WINDOW)
            message = _("Quá nhiều lần đăng nhập từ địa chỉ này; hãy thử lại sau %(minutes)d phút.") % {
                "minutes": max(1, round(window / 60))
            }
            if _is_api(request):
                response = _json_error(429, message, "rate_limited")
            else:
                response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(window)
            return response
        return self.get_response(request)

    @staticmethod
    def _exceeded(request) -> bool:
        limit, window = int(settings.TDKT_SIGN_IN_RATE), int(settings.TDKT_SIGN_IN_WINDOW)
        if limit <= 0:
            return False
        key = f"tdkt-signin:{client_address(request)}:{int(time.time() // window)}"
        cache.add(key, 0, window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add and incr
            cache.add(key, 1, window + 5)
            count = 1
        return count > limit


def _fixed_messages() -> dict[int, str]:

    return {status: str(message) for status, message in MESSAGES.items()}


class ApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_api(request) or response.status_code < 400 or response.streaming:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        status = response.status_code
        codes = {
            400: "invalid",
            401: "not_authenticated",
            403: "permission_denied",
            404: "not_found",
            405: "method_not_allowed",
            413: "request_too_large",
        }
        detail = _fixed_messages().get(status)
        if detail is None:
            detail = _("Yêu cầu không hợp lệ.") if status < 500 else _("Lỗi máy chủ; hãy thử lại sau.")
        if status == 413:
            try:
                detail = response.content.decode() or detail
            except UnicodeDecodeError:
                pass
        new = _json_error(status, detail, codes.get(status, "error" if status < 500 else "server_error"))
        # Every header the inner middleware set (Allow, Retry-After, the CSP, frame denial, no-store…), but
        # the body's own.
        for header, value in response.items():
            if header.lower() not in ("content-type", "content-length"):
                new[header] = value
        return new

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            message = _("Mã số hoặc giá trị số quá lớn.")
            if _is_api(request):
                return _json_error(400, message, "invalid")
            from django.views.defaults import bad_request

            return bad_request(request, exception)
        if _is_api(request):
            logger.error("Lỗi máy chủ: %s %s", request.method, request.path, exc_info=exception)
            return _json_error(500, _("Lỗi máy chủ; hãy thử lại sau."), "server_error")
        return None


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or _is_api(request):
            if not request.path.startswith(settings.STATIC_URL):
                response["Cache-Control"] = "no-store, private"
                response["Pragma"] = "no-cache"
        return response
