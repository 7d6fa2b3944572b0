"""Spreadsheets and chart data of the surveys app."""

from __future__ import annotations

from django.http import HttpResponse

from tdkt.core import xlsx
from tdkt.surveys import services
from tdkt.surveys.results import SurveyResults

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def links_table(issued) -> bytes:
    rows = [
        (i.tax_code, i.enterprise_name, i.contact_name, i.email, i.phone, services.link_for(token))
        for i, token in issued
    ]
    return xlsx.write_table(
        [
            "Mã số thuế",
            "Tên doanh nghiệp",
            "Người liên hệ",
            "Thư điện tử",
            "Điện thoại",
            "Đường dẫn khảo sát",
        ],
        rows,
        title="Đường dẫn khảo sát",
    )


def _r(value):
    return None if value is None else round(value, 2)


def results_workbook(results: SurveyResults, *, user=None) -> bytes:
    """One row per branch: rank, responses, overall index with its interval, each component index.
    Branches below the minimum cell size show their number of responses only."""
    headers = ["Hạng", "Chi cục", "Số phiếu", "Chỉ số chung", "Cận dưới (95 %)", "Cận trên (95 %)"]
    headers += [c.name for c in results.components]
    headers += ["Năm trước", "Thay đổi"]
    rows = []
    for b in results.branches:
        if b.published:
            rows.append(
                [b.rank, b.name, b.respondents, _r(b.overall.mean), _r(b.overall.low), _r(b.overall.high)]
                + [_r(b.components[c.code].mean) for c in results.components]
                + [_r(b.previous), _r(b.change)]
            )
        else:
            rows.append([None, b.name, b.respondents] + [None] * (3 + len(results.components) + 2))
    s = results.overall
    rows.append(
        [None, "Toàn cục", sum(b.respondents for b in results.branches), _r(s.mean), _r(s.low), _r(s.high)]
        + [_r(results.component_stats[c.code].mean) for c in results.components]
        + [None, None]
    )
    survey = results.survey
    heading = xlsx.export_heading(
        f"KẾT QUẢ KHẢO SÁT CDCI NĂM {survey.year}",
        [f"Khảo sát: {survey}", f"Năm: {survey.year}"],
        user=user,
    )
    return xlsx.write_table(headers, rows, title=f"CDCI {survey.year}", heading=heading)


def chart_data(results: SurveyResults) -> dict:
    ranked = results.ranked
    return {
        "ranking": {
            "labels": [b.name for b in ranked],
            "datasets": [{"label": "Chỉ số chung (0–100)", "data": [_r(b.overall.mean) for b in ranked]}],
            "horizontal": True,
        },
        "components": {
            "labels": [c.name for c in results.components],
            "datasets": [
                {
                    "label": "Toàn cục",
                    "data": [_r(results.component_stats[c.code].mean) for c in results.components],
                }
            ],
            "horizontal": True,
        },
    }
