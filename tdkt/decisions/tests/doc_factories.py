"""Small builders for the document and certificate tests (plain functions, not fixtures)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from tdkt.awards.models import AwardKind
from tdkt.decisions.models import Decision, DecisionLine, Issuer

NAMES = [
    "Nguyễn Thị Hồng Nhung",
    "Trần Văn Đức",
    "Lê Thị Ánh Tuyết",
    "Phạm Quốc Việt",
    "Hoàng Thị Thủy",
    "Đặng Ngọc Ước",
    "Vũ Thị Phượng",
    "Bùi Xuân Trường",
    "Đỗ Thị Huyền Trang",
    "Ngô Quang Hải",
]


def issuer(org) -> Issuer:
    found, _created = Issuer.objects.update_or_create(
        symbol="CHQ",
        defaults={
            "name": "Cục Hải quan",
            "parent_name": "Bộ Tài chính",
            "unit": org.a,
            "place": "Hà Nội",
            "head_title": "Cục trưởng",
        },
    )
    return found


def decision(
    org, *, persons=(), units: int = 2, kind_code: str = "BK_BO", number: int | None = 5
) -> Decision:
    """An issued decision 05/QĐ-CHQ of 05/01/2026 with lines for `persons` then `units` collectives."""
    issued = number is not None
    d = Decision.objects.create(
        issuer=issuer(org),
        status=Decision.Status.ISSUED if issued else Decision.Status.DRAFT,
        number=number,
        year=2026 if issued else None,
        signed_on=date(2026, 1, 5) if issued else None,
        summary="Về việc tặng Bằng khen cho cá nhân, tập thể có thành tích xuất sắc năm 2025",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        signer_name="Nguyễn Văn Cẩn",
        signer_title="Phó Cục trưởng",
        authority=Decision.Authority.ON_BEHALF,
        recipients="Như Điều 3;\nLưu: VT, TĐKT",
    )
    kind = AwardKind.objects.get(code=kind_code)
    lines = []
    order = 0
    for person in persons:
        order += 1
        lines.append(
            DecisionLine(
                decision=d,
                award_kind=kind,
                person=person,
                subject_name=person.full_name,
                subject_detail="Đội trưởng, Đội Nghiệp vụ A1",
                achievement_year=2025,
                cash_multiple=1,
                cash_amount=1_800_000 if issued else None,
                order=order,
            )
        )
    for i in range(units):
        order += 1
        lines.append(
            DecisionLine(
                decision=d,
                award_kind=kind,
                unit=org.a,
                subject_name=f"{NAMES[i % len(NAMES)]} – Tập thể số {i + 1}",
                subject_detail="Chi cục Hải quan khu vực I",
                achievement_year=2025,
                cash_multiple=1,
                cash_amount=1_800_000 if issued else None,
                order=order,
            )
        )
    DecisionLine.objects.bulk_create(lines, batch_size=500)
    return d


def proposal(org, person):
    from tdkt.proposals.models import Candidate, Proposal

    p = Proposal.objects.create(
        title="Đề nghị tặng Bằng khen năm 2025",
        proposing_unit=org.a,
        receiving_unit=org.root,
        award_kind=AwardKind.objects.get(code="BK_BO"),
        year=2025,
    )
    c = Candidate.objects.create(
        proposal=p,
        person=person,
        result=Candidate.Result.PASSED,
        report={
            "position": "Đội trưởng Đội Nghiệp vụ A1",
            "summary": "Hoàn thành xuất sắc nhiệm vụ được giao, dẫn đầu phong trào thi đua của đơn vị.",
            "achievements": ["Thu ngân sách vượt 12 % chỉ tiêu", "Phát hiện 15 vụ buôn lậu"],
            "initiatives": ["Sáng kiến «Số hóa hồ sơ hải quan» được công nhận năm 2025"],
        },
    )
    return p, c


def meeting(org, people):
    from tdkt.councils.models import Attendance, Ballot, Council, CouncilMember, Meeting

    council = Council.objects.create(name="Hội đồng Thi đua – Khen thưởng Chi cục A", unit=org.a)
    seats = [
        CouncilMember.objects.create(council=council, person=p, role=role, term_from=date(2025, 1, 1))
        for p, role in zip(people, ["chu_tich", "thu_ky", "uy_vien"], strict=False)
    ]
    m = Meeting.objects.create(
        council=council,
        title="Phiên họp xét khen thưởng năm 2025",
        held_at=datetime(2026, 1, 3, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        location="Phòng họp tầng 3",
        status=Meeting.Status.CLOSED,
    )
    for seat in seats:
        Attendance.objects.create(meeting=m, member=seat, present=True)
    Ballot.objects.create(
        meeting=m,
        subject="Đề nghị tặng Bằng khen cho ông Nguyễn Văn An",
        threshold="0.5",
        status=Ballot.Status.CLOSED,
        yes_count=len(seats),
        members_count=len(seats),
        present_count=len(seats),
        passed=True,
    )
    return m
