"""Demo initiatives, on top of the demo organisation, award history and workflow (`tdkt.demo.org`,
`tdkt.demo.awards`, `tdkt.demo.proposals`).

- Seed 000: Cục Hải quan Bình Dương (HQ43, a unit of the demo tree until 01/03/2025) recognised in 2021
  04 đề tài and 41 sáng kiến of 80 people, and proposed 04 đề tài and 03 sáng kiến of the customs-operations
  field to the General Department for recognition at sector level. The award-history demo already records
  these 45 recognitions (the facts the eligibility engine reads), as it records every unit's initiatives of
  2016–2025; this loader gives each recorded recognition its application (`services.adopt_recognitions`:
  an `Initiative`, recognised, linked one-to-one, numbered in its unit's register of the year, indexed for
  the duplicate check) and adds Bình Dương's seven proposals upward (`Escalation`, pending), so that
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

from django.contrib.auth import get_user_model

from tdkt.awards.models import Recognition
from tdkt.councils import services as councils
from tdkt.councils.models import Council
from tdkt.initiatives import services
from tdkt.initiatives.models import (
    Escalation,
    Field,
    Initiative,
    InitiativeEvent,
    Kind,
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
    adopted = services.adopt_recognitions(
        Recognition.objects.filter(initiative__isnull=True, unit__isnull=False).order_by("pk"),
        field_of=lambda r: Field.CUSTOMS if r.kind == Kind.RESEARCH else _field_of(r.title),
    )
    if adopted:
        stdout.write(f"  Sáng kiến, đề tài theo lịch sử khen thưởng: {len(adopted)} đơn đã công nhận.")
    binh_duong = Unit.objects.filter(code=BINH_DUONG).first()
    if binh_duong is not None and _binh_duong(binh_duong):
        stdout.write(
            f"  Cục Hải quan Bình Dương năm {YEAR}: {ESCALATED_INITIATIVES} sáng kiến và các đề tài "
            "đề nghị Tổng cục công nhận cấp Ngành."
        )
    line = _region()
    if line:
        stdout.write(f"  {line}")


def _binh_duong(unit: Unit) -> int:
    """Seed 000's proposals upward: every research topic and three customs-operations initiatives."""
    items = list(Initiative.objects.filter(unit=unit, year=YEAR).order_by("register_number"))
    if not items or Escalation.objects.filter(initiative__in=items).exists():
        return 0
    customs = [i for i in items if i.kind == Kind.INITIATIVE and i.field == Field.CUSTOMS]
    others = [i for i in items if i.kind == Kind.INITIATIVE and i.field != Field.CUSTOMS]
    upward = [i for i in items if i.kind == Kind.RESEARCH] + (customs + others)[:ESCALATED_INITIATIVES]
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
    return len(upward)


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
