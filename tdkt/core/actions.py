"""One way for a view to run a service: its refusal becomes messages or form errors, never a 500.

    with service_call(request, success=_("Đã lưu."), form=form) as call:
        services.update_thing(thing=thing, actor=request.user, expected_version=version)
    if call.ok:
        return redirect(...)

A service refuses with `ValidationError` (bad input, a rule of the domain), `ConcurrentEditError` (someone
saved first: a `ValidationError` too) or `PermissionDenied` (the user may see the object but not do this).
With a `form`, field errors land on their fields and the rest on the whole form; without one, each message
is flashed with `django.contrib.messages`. Nothing else is caught: a bug still surfaces as a bug.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from tdkt.core.errors import ConcurrentEditError

SERVICE_ERRORS = (ValidationError, PermissionDenied)


def error_messages(error: ValidationError | PermissionDenied) -> list[str]:
    """The Vietnamese messages of a service's refusal."""
    if isinstance(error, PermissionDenied):
        return [str(error) or _("Bạn không có quyền thực hiện thao tác này.")]
    return [str(message) for message in error.messages]


def add_form_errors(form, error: ValidationError | PermissionDenied) -> None:
    """Put a service's refusal on the matching fields of `form` (the rest on the whole form)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error)
    else:
        for message in error_messages(error):
            form.add_error(None, message)


def flash_errors(request, error: ValidationError | PermissionDenied) -> None:
    for message in error_messages(error):
        messages.error(request, message)


def flash_form_errors(request, form, *, labelled: bool = False) -> None:
    """An invalid form whose page is not shown again: its errors as messages (`labelled`: each prefixed
    with its field's label)."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if labelled and name in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else message)


@dataclass
class ServiceCall:
    """What became of the call: `ok`, or the `error` already shown to the user."""

    ok: bool = False
    error: ValidationError | PermissionDenied | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        """Someone else saved first (optimistic locking): the page should show the current values."""
        return isinstance(self.error, ConcurrentEditError)


@contextmanager
def service_call(request, *, success: str = "", form=None) -> Iterator[ServiceCall]:
    """Run the block; a service's refusal goes to `form` (if given) or to the messages, `success` is
    flashed when the block completes."""
    call = ServiceCall()
    try:
        yield call
    except SERVICE_ERRORS as error:
        call.error, call.messages = error, error_messages(error)
        if form is not None:
            add_form_errors(form, error)
        else:
            flash_errors(request, error)
    else:
        call.ok = True
        if success:
            messages.success(request, success)


def refuse_bad_filter(form) -> HttpResponse | None:
    """For a download (an export): a 400 naming each filter value that does not parse, in Vietnamese, or None
    when the filters are fine. `form` is a bound filter form or a django-filter FilterSet. A download has no
    page to show the form's errors on, and answering with the whole unfiltered list would be wrong."""
    form = getattr(form, "form", form)  # a FilterSet's form
    if not form.is_bound or form.is_valid():
        return None
    reasons = "; ".join(
        f"{form.fields[name].label or name}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
        for name, errors in form.errors.items()
    )
    return HttpResponse(
        _("Bộ lọc không hợp lệ, không xuất tệp. %(reasons)s") % {"reasons": reasons},
        status=400,
        content_type="text/plain; charset=utf-8",
    )
