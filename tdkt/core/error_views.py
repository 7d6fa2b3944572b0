"""Error pages in Vietnamese, inside the layout (menu, a way back), for 400, 403, CSRF, 404 and 500.

Django's defaults answer a bare English "Not Found"; these keep the user in the product. The 500 page
renders without touching the database when the layout cannot be built (the error may be the database).
"""

import logging

from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

MESSAGES = {
    400: (
        "Yêu cầu không hợp lệ",
        "Trình duyệt gửi một yêu cầu mà hệ thống không đọc được. Hãy quay lại và thử lại.",
    ),
    403: (
        "Bạn không có quyền thực hiện thao tác này",
        "Vai trò của bạn không cho phép thao tác này. Nếu cần, hãy liên hệ cán bộ TĐKT hoặc quản trị hệ thống.",
    ),
    404: (
        "Không tìm thấy trang",
        "Trang không tồn tại hoặc nằm ngoài phạm vi bạn được xem.",
    ),
    500: (
        "Hệ thống gặp lỗi",
        "Đã có lỗi khi xử lý yêu cầu; lỗi đã được ghi lại. Hãy thử lại sau ít phút.",
    ),
}
CSRF_TITLE = "Phiên làm việc đã hết hạn, hãy tải lại trang"
CSRF_TEXT = "Biểu mẫu đã mở quá lâu hoặc bạn đã đăng nhập lại ở nơi khác. Hãy tải lại trang rồi gửi lại."


def _render(request, status: int, *, title: str | None = None, text: str | None = None, reload: bool = False):
    default_title, default_text = MESSAGES[status]
    context = {
        "status": status,
        "title": _(title or default_title),
        "text": _(text or default_text),
        "reload": reload,
        "path": request.get_full_path(),
        "back_url": _same_site_referer(request),
    }
    try:
        body = loader.render_to_string("core/error.html", context, request=request)
    except Exception:  # the layout needs the database (menu, roles): fall back to a page that does not
        logger.exception("Không dựng được trang lỗi trong khung giao diện")
        body = loader.render_to_string("core/error_plain.html", context)
    return HttpResponse(body, status=status)


def _same_site_referer(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}):
        return referer
    return ""


@requires_csrf_token
def bad_request(request, exception=None):
    return _render(request, 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _render(request, 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _render(request, 404)


@requires_csrf_token
def server_error(request):
    return _render(request, 500)


def csrf_failure(request, reason: str = ""):
    return _render(request, 403, title=CSRF_TITLE, text=CSRF_TEXT, reload=True)
