"""Demo initiatives, on top of the demo organisation, award history and workflow (`tdkt.org.demo`,
`tdkt.awards.demo`, `tdkt.proposals.demo`).

- Seed 000: Cục Hải quan Bình Dương (HQ43, a unit of the demo tree until 01/03/2025) recognised in 2021
  04 đề tài and 41 sáng kiến of 80 people, and proposed 04 đề tài and 03 sáng kiến of the customs-operations
  field to the General Department for recognition at sector level. The award-history demo already records
  these 45 recognitions (the facts the eligibility engine reads); this loader gives each its application
  (`Initiative`, recognised, linked one-to-one to that recognition, numbered 1–45 in the unit's 2021
  register) and the seven proposals upward (`Escalation`, pending), so that
  `tdkt initiatives stats --unit "Cục Hải quan Bình Dương" --year 2021` prints 4, 41, 80, 4, 3 at the
  default demo size (with a smaller demo staff every member of the department authors something and the
  author count is the department's size).
- The Hội đồng sáng kiến of Chi cục Hải quan khu vực VI (the seats of its Hội đồng TĐKT), and an
  application of Nguyễn Văn An (account `nhanvien`) submitted for 2026, which `canbo.langson` screens and
  puts before the council, `hoidong.*` score, `congdoan` observes, and `canbo.langson` recognises.

Deterministic and idempotent: each part is loaded only if missing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from tdkt.awards.models import Recognition, RecognitionAuthor
from tdkt.councils import services as councils
from tdkt.councils.models import Council
from tdkt.initiatives import services
from tdkt.initiatives.models import (
    Escalation,
    Field,
    Initiative,
    InitiativeAuthor,
    InitiativeEvent,
    Kind,
    RegisterCounter,
    Scope,
    Status,
)
from tdkt.org.models import Person, Unit

BINH_DUONG, YEAR = "HQ43", 2021
ESCALATED_ON = date(2021, 12, 20)
ESCALATED_INITIATIVES = 3
REGION = "HQKV06"
REGION_TDKT_COUNCIL = "Hội đồng Thi đua – Khen thưởng Chi cục Hải quan khu vực VI"
REGION_COUNCIL = "Hội đồng sáng kiến Chi cục Hải quan khu vực VI"
TERM_FROM = date(2025, 3, 1)
AN = "HQ000001"
AN_TITLE = "Ứng dụng công nghệ thông tin trong kiểm tra hồ sơ hải quan tại cửa khẩu Tân Thanh"
FIELD_WORDS = [
    ("buôn lậu", Field.ANTI_SMUGGLING),
    ("kiểm tra sau thông quan", Field.POST_CLEARANCE),
    ("thu ngân sách", Field.REVENUE),
    ("thi đua", Field.ORGANISATION),
    ("tổ chức cán bộ", Field.ORGANISATION),
    ("tài sản", Field.FINANCE),
    ("công nghệ thông tin", Field.IT),
    ("Số hóa", Field.IT),
    ("Tự động hóa", Field.IT),
    ("Chuẩn hóa hồ sơ", Field.REFORM),
    ("Cải tiến quy trình", Field.REFORM),
]


def _field_of(title: str) -> str:
    for words, field in FIELD_WORDS:
        if words.lower() in title.lower():
            return field
    return Field.CUSTOMS


def load(*, stdout, **_options) -> None:
    binh_duong = Unit.objects.filter(code=BINH_DUONG).first()
    if binh_duong is not None:
        count = _binh_duong(binh_duong)
        if count:
            stdout.write(
                f"  Sáng kiến, đề tài của Cục Hải quan Bình Dương năm {YEAR}: {count} đơn đã công nhận."
            )
    line = _region()
    if line:
        stdout.write(f"  {line}")


def _binh_duong(unit: Unit) -> int:
    recognitions = list(
        Recognition.objects.filter(unit=unit, year=YEAR, initiative__isnull=True).order_by("kind", "pk")
    )
    if not recognitions or Initiative.objects.filter(unit=unit, year=YEAR).exists():
        return 0
    research = [r for r in recognitions if r.kind == Kind.RESEARCH]
    initiatives = [r for r in recognitions if r.kind == Kind.INITIATIVE]
    shares: dict[int, list[tuple[int, Decimal]]] = {}
    for rec_id, person_id, share in (
        RecognitionAuthor.objects.filter(recognition__in=recognitions)
        .order_by("recognition_id", "id")
        .values_list("recognition_id", "person_id", "share")
    ):
        shares.setdefault(rec_id, []).append((person_id, share))
    created: list[Initiative] = []
    for number, rec in enumerate(research + initiatives, start=1):
        item = Initiative(
            kind=rec.kind,
            title=rec.title,
            unit=unit,
            field=Field.CUSTOMS if rec.kind == Kind.RESEARCH else _field_of(rec.title),
            first_applied_on=date(YEAR, 3, 1),
            description=f"{rec.title}: nội dung, cách làm và kết quả áp dụng tại đơn vị năm {YEAR}.",
            benefits_by_authors="Rút ngắn thời gian xử lý, giảm sai sót trong công việc.",
            accepted_on=date(YEAR, 11, 15) if rec.kind == Kind.RESEARCH else None,
            acceptance_result="Đạt" if rec.kind == Kind.RESEARCH else "",
            status=Status.RECOGNISED,
            share_total=Decimal("100"),
            scope=Scope.UNIT,
            year=YEAR,
            decision_number=rec.decision_number,
            decision_date=rec.decision_date,
            register_number=number,
            certificate_number=f"{number:02d}/{YEAR}/GCN-SK",
            recognition=rec,
        )
        item.save()
        authors = shares.get(rec.pk, [])
        drift = Decimal(100) - sum((s for _p, s in authors), Decimal(0))
        InitiativeAuthor.objects.bulk_create(
            [
                InitiativeAuthor(
                    initiative=item, person_id=p, share=s + (drift if i == 0 else 0), order=i + 1
                )
                for i, (p, s) in enumerate(authors)
            ]
        )
        services._index_grams(item)
        InitiativeEvent.objects.create(
            initiative=item,
            from_status="",
            to_status=Status.RECOGNISED,
            reason=f"Quyết định số {rec.decision_number} (dữ liệu minh họa theo lịch sử khen thưởng).",
        )
        created.append(item)
    RegisterCounter.objects.update_or_create(unit=unit, year=YEAR, defaults={"last_number": len(created)})
    customs = [i for i in created if i.kind == Kind.INITIATIVE and i.field == Field.CUSTOMS]
    others = [i for i in created if i.kind == Kind.INITIATIVE and i.field != Field.CUSTOMS]
    upward = [i for i in created if i.kind == Kind.RESEARCH] + (customs + others)[:ESCALATED_INITIATIVES]
    for item in upward:
        Escalation.objects.create(
            initiative=item,
            to_scope=Scope.MINISTRY,
            proposed_on=ESCALATED_ON,
            note="Đề nghị Tổng cục Hải quan công nhận sáng kiến cấp Ngành.",
        )
        Initiative.objects.filter(pk=item.pk).update(status=Status.ESCALATED)
        InitiativeEvent.objects.create(
            initiative=item,
            from_status=Status.RECOGNISED,
            to_status=Status.ESCALATED,
            reason="Đề nghị Tổng cục Hải quan công nhận sáng kiến cấp Ngành.",
        )
    return len(created)


def _region() -> str:
    region = Unit.objects.filter(code=REGION).first()
    if region is None or Council.objects.filter(name=REGION_COUNCIL).exists():
        return ""
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["canbo.langson", "nhanvien"])
    }
    officer = users.get("canbo.langson")
    tdkt = Council.objects.filter(name=REGION_TDKT_COUNCIL).first()
    if officer is None or tdkt is None:
        return ""
    council = councils.create_council(
        name=REGION_COUNCIL,
        kind=Council.Kind.INITIATIVE,
        unit=region,
        decision_number="31/QĐ-CCHQKVVI ngày 12/3/2025",
        actor=officer,
    )
    for seat in tdkt.members.filter(term_to__isnull=True).select_related("person").order_by("pk"):
        councils.add_member(
            council=council, person=seat.person, role=seat.role, term_from=TERM_FROM, user=seat.user
        )
    an = Person.objects.filter(staff_code=AN).first()
    line = f"Hội đồng sáng kiến: {council.name} ({council.members.count()} thành viên)."
    author = users.get("nhanvien")
    if an is None or author is None or an.pk not in services.selectors.author_pool_ids(region):
        return line
    item = services.create_initiative(
        actor=author,
        unit=region,
        title=AN_TITLE,
        field=Field.IT,
        authors=[(an, 100)],
        first_applied_on=date(2026, 3, 2),
        description=(
            "Xây dựng bảng kiểm tra tự động các chỉ tiêu của tờ khai và chứng từ kèm theo trước khi công chức "
            "kiểm tra hồ sơ, đánh dấu các chỉ tiêu thường sai để kiểm tra kỹ."
        ),
        conditions="Máy tính kết nối hệ thống thông quan điện tử; bảng tính dùng chung của Đội.",
        benefits_by_authors="Giảm khoảng 25 % thời gian kiểm tra một bộ hồ sơ; ít phải yêu cầu bổ sung.",
        benefits_by_participants="Công chức Đội Thủ tục xác nhận giảm sai sót khi kiểm tra hồ sơ.",
        first_participants="Công chức Đội Thủ tục hàng hóa xuất nhập khẩu, Hải quan cửa khẩu Tân Thanh.",
    )
    services.submit(initiative=item, actor=author)
    return line + f" Đơn “{item.title}” đã nộp, chờ thẩm định."
