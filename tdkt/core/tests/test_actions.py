"""The one view helper that runs a service: a refusal becomes messages or form errors, a bug stays a bug."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from tdkt.core.actions import error_messages, flash_form_errors, service_call
from tdkt.core.errors import ConcurrentEditError


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _flashed(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


class NameForm(forms.Form):
    name = forms.CharField(label="Tên")


def test_success_is_flashed_when_the_block_completes():
    request = _request()
    with service_call(request, success="Đã lưu.") as call:
        pass
    assert call.ok and call.error is None
    assert _flashed(request) == [("success", "Đã lưu.")]


def test_a_refusal_becomes_error_messages_and_nothing_else_is_flashed():
    request = _request()
    with service_call(request, success="Đã lưu.") as call:
        raise ValidationError(["Thiếu tên.", "Thiếu ngày."])
    assert not call.ok
    assert _flashed(request) == [("error", "Thiếu tên."), ("error", "Thiếu ngày.")]


def test_permission_denied_without_text_gets_a_vietnamese_message():
    request = _request()
    with service_call(request) as call:
        raise PermissionDenied
    assert not call.ok
    assert _flashed(request) == [("error", "Bạn không có quyền thực hiện thao tác này.")]
    assert error_messages(PermissionDenied("Chỉ Chủ tịch.")) == ["Chỉ Chủ tịch."]


def test_with_a_form_field_errors_land_on_their_fields_and_the_rest_on_the_form():
    request = _request()
    form = NameForm({"name": "x"})
    assert form.is_valid()
    with service_call(request, form=form) as call:
        raise ValidationError({"name": "Tên đã có.", "other": "Lỗi chung."})
    assert not call.ok
    assert form.errors["name"] == ["Tên đã có."]
    assert form.non_field_errors() == ["Lỗi chung."]
    assert _flashed(request) == []


def test_a_concurrent_edit_is_told_apart():
    request = _request()
    form = NameForm({"name": "x"})
    form.is_valid()
    with service_call(request, form=form) as call:
        raise ConcurrentEditError()
    assert call.conflict
    assert "người khác sửa" in form.non_field_errors()[0]


def test_other_exceptions_are_not_swallowed():
    with pytest.raises(ZeroDivisionError), service_call(_request()):
        raise ZeroDivisionError


def test_an_invalid_form_can_be_flashed_with_its_labels():
    request = _request()
    form = NameForm({})
    form.is_valid()
    flash_form_errors(request, form, labelled=True)
    [(level, text)] = _flashed(request)
    assert level == "error" and text.startswith("Tên: ")
