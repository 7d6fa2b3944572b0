"""Pagination shared by every list endpoint of the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """`?page=2&page_size=100`: 50 rows a page by default, at most 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = _("Số thứ tự trang (bắt đầu từ 1).")
    invalid_page_message = _("Trang không tồn tại.")
    page_size_query_description = _("Số dòng mỗi trang (mặc định 50, tối đa 500).")
