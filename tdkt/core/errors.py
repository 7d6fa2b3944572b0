"""Errors that services raise and views turn into clear Vietnamese messages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class ConcurrentEditError(ValidationError):
    """Someone saved the object after this user opened it; nothing was overwritten."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Dữ liệu đã được người khác sửa sau khi bạn mở trang. Hãy tải lại trang và nhập lại thay đổi."
            ),
            code="concurrent_edit",
        )
