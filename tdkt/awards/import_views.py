"""Pages for importing award history: upload → preview (choose people, skip rows) → confirm.

Only TĐKT officers and administrators reach them (others get 404); an officer's rows match only the
people and units in their scope. The uploaded file is kept in MEDIA_ROOT/imports/<token>.xlsx between
the steps, and its token in the uploader's session, so choosing people needs no new upload. Each check
is an `ImportBatch` whose report the preview shows.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from tdkt.awards import import_tasks
from tdkt.awards.importing import COLUMNS, SKIP, import_awards, report_issues, template_bytes
from tdkt.awards.models import ImportBatch
from tdkt.core.htmx import render_page
from tdkt.core.text import format_number
from tdkt.core.xlsx import write_issue_report
from tdkt.org import permissions

SESSION_KEY = "award_imports"
TOKEN_RE = re.compile(r"[0-9a-f]{32}")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS = 500  # rows listed per group on the preview and result pages
HEADERS = [c.header_vi for c in COLUMNS if c.key not in ("award_type", "note")]


def _require_importer(request) -> None:
    if not permissions.can_import(request.user):
        raise Http404(_("Không tìm thấy trang."))


def _import_dir() -> Path:
    return import_tasks.folder()


def _drop_stale_uploads(max_age: int = 2 * 24 * 3600) -> None:
    """Uploads never confirmed nor cancelled are removed after two days."""
    limit = time.time() - max_age
    for path in [*_import_dir().glob("*.xlsx"), *_import_dir().glob("*.json")]:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def _file_of(token: str) -> Path:
    return _import_dir() / f"{token}.xlsx"


def _pending(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _remember(request, token: str, file_name: str, batch_id: int) -> None:
    pending = dict(_pending(request))
    pending[token] = {"file_name": file_name, "batch": batch_id}
    request.session[SESSION_KEY] = pending


def _forget(request, token: str) -> None:
    pending = dict(_pending(request))
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    _file_of(token).unlink(missing_ok=True)
    import_tasks.drop_state(token)


def _upload(request, token: str) -> dict:
    """The pending upload of this user with this token, or 404."""
    _require_importer(request)
    entry = _pending(request).get(token) if TOKEN_RE.fullmatch(token or "") else None
    if entry is None or not _file_of(token).is_file():
        raise Http404(_("Không tìm thấy tệp đã tải lên; hãy tải lại tệp."))
    return entry


def _batch(request, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.created_by_id != request.user.pk and not permissions.is_admin(request.user):
        raise Http404(_("Không tìm thấy lần nhập."))
    return batch


def _with_cells(rows: list[dict]) -> list[dict]:
    return [{**r, "cells": [r["values"].get(h, "") for h in HEADERS]} for r in rows]


def _report_context(data: dict) -> dict:
    to_resolve = [
        r
        for key in ("unmatched", "ambiguous", "created", "skipped")
        for r in data.get(key, [])
        if key in ("unmatched", "ambiguous") or r.get("resolved") is not None
    ]
    return {
        "report": data,
        "headers": HEADERS,
        # a large list shows its first rows; the counts above them say how many there are
        "created": _with_cells(data.get("created", [])[:PREVIEW_ROWS]),
        "unchanged": _with_cells(data.get("unchanged", [])[:PREVIEW_ROWS]),
        "created_more": max(0, len(data.get("created", [])) - PREVIEW_ROWS),
        "unchanged_more": max(0, len(data.get("unchanged", [])) - PREVIEW_ROWS),
        "to_resolve": sorted(_with_cells(to_resolve), key=lambda r: r["row"]),
        "counts": data.get("counts", {}),
        "skip": SKIP,
    }


def _megabytes() -> str:

    return format_number(settings.TDKT_IMPORT_MAX_BYTES / (1024 * 1024))


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    """The upload form; a posted file is checked (dry run) and the preview follows."""
    _require_importer(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Hãy chọn tệp .xlsx để tải lên.")
        elif upload.size > settings.TDKT_IMPORT_MAX_BYTES:
            error = _("Tệp quá lớn; dung lượng tối đa là %(mb)s MB.") % {"mb": _megabytes()}
        else:
            _drop_stale_uploads()
            token = secrets.token_hex(16)
            path = _file_of(token)
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            if upload.size > import_tasks.BACKGROUND_BYTES:  # a large list: checked by the worker
                _remember(request, token, upload.name, None)
                import_tasks.start(token=token, file_name=upload.name, user=request.user, dry_run=True)
                return redirect("awards:import_progress", token=token)
            report = import_awards(path.read_bytes(), file_name=upload.name, actor=request.user, dry_run=True)
            if report.rows:
                _remember(request, token, report.file_name, report.batch_id)
                return redirect("awards:import_preview", token=token)
            path.unlink(missing_ok=True)
            error = report.errors[0].message if report.errors else _("Tệp không có dòng dữ liệu nào.")
    batches = ImportBatch.objects.filter(
        created_by=request.user, dry_run=False, report__outcome="imported"
    ).order_by("-created_at")[:10]
    status = 400 if error else 200
    context = {
        "error": error,
        "batches": batches,
        "max_mb": _megabytes(),
        "max_rows": settings.TDKT_IMPORT_MAX_ROWS,
    }
    return render_page(request, "awards/import.html", context, status=status)


def _resolutions(request) -> dict:
    return {
        key.removeprefix("resolve-"): value
        for key, value in request.POST.items()
        if key.startswith("resolve-") and value
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, token: str):
    """The preview of a pending upload. POST `check` re-checks with the choices made; POST `confirm`
    imports (only when every row is ready)."""
    entry = _upload(request, token)
    if request.method == "GET":
        if entry["batch"] is None:  # still being checked in the background
            return redirect("awards:import_progress", token=token)
        data = _batch(request, entry["batch"]).report
    else:
        confirm = request.POST.get("action") == "confirm"
        if _file_of(token).stat().st_size > import_tasks.BACKGROUND_BYTES:
            import_tasks.start(
                token=token,
                file_name=entry["file_name"],
                user=request.user,
                dry_run=not confirm,
                resolutions=_resolutions(request),
            )
            url = reverse("awards:import_progress", args=[token])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
        report = import_awards(
            _file_of(token).read_bytes(),
            file_name=entry["file_name"],
            actor=request.user,
            dry_run=not confirm,
            resolutions=_resolutions(request),
        )
        if report.outcome == "imported":
            _forget(request, token)
            messages.success(request, report.summary())
            url = reverse("awards:import_result", args=[report.batch_id])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
        _remember(request, token, entry["file_name"], report.batch_id)
        data = report.as_json()
        if confirm:
            messages.warning(request, report.summary())
    context = {**_report_context(data), "token": token, "summary": _summary(data)}
    return render_page(request, "awards/import_preview.html", context, fragment="preview")


@login_required
@require_GET
def import_progress(request, token: str):
    """How far the background check or import of a large file is; when it ends, to its preview (or, once
    imported, its result). htmx polls the `progress` fragment."""
    entry = _upload(request, token)
    state = import_tasks.read_state(token)
    if state is None or state["user_id"] != request.user.pk:
        raise Http404(_("Không tìm thấy lần nhập."))
    if state["status"] == "done":
        if state["outcome"] == "imported":
            _forget(request, token)
            import_tasks.drop_state(token)
            messages.success(request, state["summary"])
            url = reverse("awards:import_result", args=[state["batch_id"]])
        else:
            _remember(request, token, entry["file_name"], state["batch_id"])
            if not state["dry_run"]:
                messages.warning(request, state["summary"])
            url = reverse("awards:import_preview", args=[token])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    percent = round(100 * state["done"] / state["total"]) if state["total"] else 0
    context = {"state": state, "token": token, "percent": percent, "file_name": entry["file_name"]}
    return render_page(request, "awards/import_progress.html", context, fragment="progress")


def _summary(data: dict) -> str:
    outcome = data.get("outcome")
    return {
        "valid": _("Tệp hợp lệ, sẵn sàng nhập."),
        "pending": _("Cần chọn đối tượng (hoặc bỏ qua) cho các dòng chưa xác định rồi kiểm tra lại."),
        "refused": _("Tệp có lỗi; hãy sửa các lỗi rồi tải lại tệp. Chưa có dữ liệu nào được ghi."),
        "imported": _("Đã nhập xong."),
    }.get(outcome, "")


@login_required
@require_POST
def import_retry(request, token: str):
    """Run again a background check or import that failed (e.g. its worker was killed)."""
    _upload(request, token)
    try:
        import_tasks.retry(token, user=request.user)
    except ValueError:
        raise Http404(_("Không tìm thấy lần nhập.")) from None
    url = reverse("awards:import_progress", args=[token])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_POST
def import_cancel(request, token: str):
    _upload(request, token)
    _forget(request, token)
    messages.info(request, _("Đã hủy lần nhập."))
    return redirect("awards:import")


@login_required
@require_GET
def import_report(request, token: str):
    """The errors and the rows still to resolve, as an .xlsx for the office to correct its file."""
    entry = _upload(request, token)
    issues = report_issues(_batch(request, entry["batch"]).report)
    response = HttpResponse(write_issue_report(issues, "Lỗi nhập lịch sử khen thưởng"), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="bao-cao-loi-nhap-khen-thuong.xlsx"'
    return response


@login_required
@require_GET
def import_template(request):
    _require_importer(request)
    response = HttpResponse(template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-lich-su-khen-thuong.xlsx"'
    return response


@login_required
@require_GET
def import_result(request, pk: int):
    _require_importer(request)
    batch = _batch(request, pk)
    context = {**_report_context(batch.report), "batch": batch}
    return render_page(request, "awards/import_result.html", context)
