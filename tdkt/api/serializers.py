"""Serializers shared by every app's API: error bodies (for the schema) and the token exchange."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Thông báo lỗi bằng tiếng Việt."))
    code = serializers.CharField(required=False, help_text=_("Mã lỗi máy đọc được, ví dụ concurrent_edit."))


class ValidationErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Lỗi theo từng trường; non_field_errors cho lỗi chung."),
    )


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Tên đăng nhập"), trim_whitespace=True)
    password = serializers.CharField(
        label=_("Mật khẩu"), trim_whitespace=False, style={"input_type": "password"}
    )
    otp = serializers.CharField(
        label=_("Mã xác thực hai lớp"),
        required=False,
        allow_blank=True,
        help_text=_("Mã OTP 6 số từ ứng dụng xác thực; bắt buộc với Quản trị hệ thống và Cán bộ TĐKT."),
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=_("Gửi kèm mọi yêu cầu trong tiêu đề: Authorization: Token <mã>."), read_only=True
    )
    expires = serializers.DateTimeField(help_text=_("Thời điểm mã hết hạn."), read_only=True)
