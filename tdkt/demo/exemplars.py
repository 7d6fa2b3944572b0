"""Demo exemplary models from the seed article: "Nụ cười công sở" (Cục Hải quan Bình Dương), "Cà phê sáng
cùng doanh nghiệp" (Cục Hải quan TP. Hồ Chí Minh) and the CDCI index of Cục Hải quan Quảng Ninh.

Idempotent: a model whose unit already has one of the same name is skipped. Dates and results are
illustrative demo data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tdkt.exemplars import services
from tdkt.exemplars.models import Exemplar
from tdkt.org.models import Unit

CONFERENCE = (date(2020, 8, 20), "Hội nghị điển hình tiên tiến ngành Hải quan lần thứ VI")


@dataclass(frozen=True)
class Plan:
    unit: str
    name: str
    field: str
    summary: str
    story: str
    started: date
    recognised: date
    tags: tuple[str, ...]
    achievements: tuple[tuple[str, str, date], ...]
    flag_ceremony: date | None = None
    replications: tuple[tuple[str, date, str], ...] = field(default_factory=tuple)


PLANS = [
    Plan(
        "HQ43",
        "Nụ cười công sở",
        "van_hoa",
        "Công sở thân thiện: phục vụ doanh nghiệp là ưu tiên hàng đầu, với quy định về văn minh, văn hóa công sở.",
        "Cục Hải quan Bình Dương phát động phong trào gắn thi đua với việc phục vụ doanh nghiệp. Mỗi chi cục "
        "niêm yết quy tắc ứng xử, bố trí quầy hướng dẫn và lấy ý kiến doanh nghiệp sau mỗi lần làm thủ tục.",
        date(2017, 3, 1),
        date(2018, 12, 20),
        ("Văn hóa công sở", "Phục vụ doanh nghiệp"),
        (
            (
                "Không có phản ánh về thái độ phục vụ trong năm",
                "Báo cáo tổng kết phong trào năm 2018",
                date(2018, 12, 15),
            ),
        ),
        date(2019, 1, 7),
        (
            (
                "HQ43B1",
                date(2019, 3, 1),
                "Áp dụng quy tắc ứng xử tại quầy tiếp nhận; doanh nghiệp đánh giá tốt.",
            ),
            (
                "HQ43B2",
                date(2019, 3, 1),
                "Bố trí quầy hướng dẫn; giảm số lần doanh nghiệp phải bổ sung hồ sơ.",
            ),
        ),
    ),
    Plan(
        "HQ02",
        "Cà phê sáng cùng doanh nghiệp",
        "doanh_nghiep",
        "Hình thức đối thoại mới: lãnh đạo hải quan gặp doanh nghiệp buổi sáng để nghe và tháo gỡ vướng mắc.",
        "Định kỳ, lãnh đạo Cục và các chi cục gặp gỡ doanh nghiệp trong một buổi cà phê sáng, ghi nhận vướng "
        "mắc và trả lời tại chỗ hoặc bằng văn bản trong thời hạn cam kết.",
        date(2018, 5, 1),
        date(2019, 6, 10),
        ("Đối thoại doanh nghiệp", "Phục vụ doanh nghiệp"),
        (
            (
                "Các vướng mắc ghi nhận đều được trả lời đúng hạn",
                "Sổ theo dõi đối thoại doanh nghiệp 2019",
                date(2019, 12, 31),
            ),
        ),
        date(2019, 7, 1),
    ),
    Plan(
        "HQ20",
        "Bộ chỉ số đánh giá năng lực cạnh tranh các chi cục (CDCI)",
        "cai_cach",
        "Khảo sát cảm nhận, mức độ hài lòng của doanh nghiệp đối với 7 chi cục hải quan trực thuộc.",
        "Cục Hải quan Quảng Ninh xây dựng bộ chỉ số gồm 8 chỉ số thành phần và mời doanh nghiệp đánh giá "
        "chi cục đã làm thủ tục. Kết quả xếp hạng được dùng trong chấm điểm thi đua của các chi cục.",
        date(2017, 1, 1),
        date(2018, 1, 15),
        ("CDCI", "Cải cách hành chính", "Phục vụ doanh nghiệp"),
        (
            (
                "Khảo sát năm 2017: 345/617 doanh nghiệp phản hồi",
                "Kết quả khảo sát CDCI năm 2017",
                date(2017, 12, 15),
            ),
        ),
    ),
]


def load(*, stdout, **_options) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=_codes())}
    created = 0
    for plan in PLANS:
        if plan.unit not in units or any(code not in units for code, _d, _r in plan.replications):
            continue
        if Exemplar.objects.filter(unit=units[plan.unit], name=plan.name).exists():
            continue
        _load(plan, units)
        created += 1
    stdout.write(
        f"  Điển hình tiên tiến mẫu: thêm {created} mô hình."
        if created
        else "  Điển hình tiên tiến mẫu đã có; giữ nguyên."
    )


def _codes() -> set[str]:
    return {p.unit for p in PLANS} | {code for p in PLANS for code, _d, _r in p.replications}


def _load(plan: Plan, units: dict[str, Unit]) -> None:
    exemplar = services.create_exemplar(
        name=plan.name, unit=units[plan.unit], field=plan.field, summary=plan.summary, story=plan.story,
        started_on=plan.started, tags=list(plan.tags),
    )  # fmt: skip
    for title, evidence, day in plan.achievements:
        services.add_achievement(exemplar=exemplar, title=title, evidence=evidence, achieved_on=day)
    services.change_status(exemplar=exemplar, to="recognised", on=plan.recognised, note="Công nhận điển hình")
    if plan.flag_ceremony:
        services.add_honour(
            exemplar=exemplar, kind="chao_co", held_on=plan.flag_ceremony,
            title="Biểu dương tại lễ chào cờ đầu tuần",
        )  # fmt: skip
    services.add_honour(exemplar=exemplar, kind="hoi_nghi", held_on=CONFERENCE[0], title=CONFERENCE[1])
    for code, day, result in plan.replications:
        services.add_replication(exemplar=exemplar, unit=units[code], started_on=day, result=result)
    if plan.replications:
        services.change_status(exemplar=exemplar, to="replicated", on=plan.replications[0][1])
