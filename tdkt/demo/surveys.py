"""Demo CDCI survey: Cục Hải quan Quảng Ninh, 2017, its seven Chi cục rated by 345 of 617 invited enterprises.

Deterministic (``random.Random(2017)``) and idempotent: nothing is loaded when the 2017 survey of
Quảng Ninh exists. Enterprises, answers and comments are invented; the counts follow the seed article.
The survey is closed; an officer creates the 2018 survey from it (the questionnaire is copied) and opens it.

The index then feeds emulation scoring: a 2017 cụm thi đua of the seven Chi cục, organised by the Cục, has a
criterion "Mức độ hài lòng của doanh nghiệp (chỉ số CDCI)" filled from each Chi cục's CDCI result through
`movements.services.feed_cluster_criterion_from_cdci`. The cluster is illustrative (the seed names none);
it is looked up by name, so a second load leaves it as it is.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from tdkt.awards import services as award_services
from tdkt.awards.models import Award, AwardKind, AwardType
from tdkt.core.text import fold
from tdkt.movements import services as movement_services
from tdkt.movements.models import Cluster
from tdkt.org.models import Unit
from tdkt.surveys import services
from tdkt.surveys.models import Answer, Invitation, Question, Survey, SurveyResponse
from tdkt.surveys.selectors import branch_indexes

DEPARTMENT = "HQ20"  # Cục Hải quan Quảng Ninh
BRANCHES = [f"HQ20B{i}" for i in range(1, 8)]
YEAR = 2017
INVITED = 617
ANSWERED = 345
TWO_BRANCHES = 0.25  # share of answering enterprises that rated two Chi cục
# How well each Chi cục is rated (mean answer on 1–5), so the ranking has a shape.
QUALITY = {
    "HQ20B1": 4.3,
    "HQ20B4": 4.2,
    "HQ20B6": 3.9,
    "HQ20B2": 3.8,
    "HQ20B3": 3.7,
    "HQ20B5": 3.6,
    "HQ20B7": 3.5,
}
# Where enterprises do their formalities (weights): the big ports and Móng Cái see most of them.
TRAFFIC = {"HQ20B1": 30, "HQ20B4": 25, "HQ20B6": 14, "HQ20B2": 8, "HQ20B3": 7, "HQ20B5": 9, "HQ20B7": 7}
COMMENTS = [
    "Công chức hướng dẫn tận tình, thủ tục nhanh.",
    "Đề nghị tăng cường đối thoại với doanh nghiệp vào đầu năm.",
    "Hệ thống khai báo điện tử đôi khi bị chậm vào cuối ngày.",
    "Mong chi cục bố trí thêm cán bộ làm thủ tục ngoài giờ.",
    "Thời gian kiểm tra thực tế hàng hóa còn kéo dài.",
    "Thông tin về chính sách mới được gửi kịp thời, rất hữu ích.",
    "Cần thống nhất cách áp mã HS giữa các lần làm thủ tục.",
    "Thái độ phục vụ chuyên nghiệp, văn minh.",
]
ENTERPRISE_KINDS = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Doanh nghiệp tư nhân"]
ENTERPRISE_NAMES = [
    "Thương mại Hạ Long", "Xuất nhập khẩu Móng Cái", "Than Cẩm Phả", "Logistics Cái Lân", "Vận tải biển Vạn Gia",
    "Nông sản Bắc Luân", "Thủy sản Vân Đồn", "Gỗ Hoành Bồ", "Dệt may Đông Bắc", "Cơ khí Uông Bí",
    "Điện tử Quảng Yên", "Vật liệu xây dựng Hòn Gai", "Kho vận Bắc Phong Sinh", "Thực phẩm Tiên Yên",
    "Hóa chất Đông Triều", "Phân bón Hải Hà",
]  # fmt: skip


def load(*, stdout, **_options) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=[DEPARTMENT, *BRANCHES])}
    if len(units) != 1 + len(BRANCHES):
        stdout.write(
            "  Chưa có Cục Hải quan Quảng Ninh và 7 Chi cục trong tổ chức mẫu: bỏ qua khảo sát CDCI."
        )
        return
    if Survey.objects.filter(unit=units[DEPARTMENT], year=YEAR).exists():
        stdout.write("  Khảo sát CDCI 2017 của Cục Hải quan Quảng Ninh đã có; giữ nguyên.")
    else:
        _survey(units, stdout)
    _cluster(units, stdout)
    _giay_khen(units, stdout)


def _survey(units: dict[str, Unit], stdout) -> None:
    survey = services.create_survey(
        unit=units[DEPARTMENT],
        year=YEAR,
        title="Khảo sát CDCI năm 2017 – Cục Hải quan Quảng Ninh",
        branches=[units[c] for c in BRANCHES],
        min_cell_size=10,
        intro=(
            "Cục Hải quan Quảng Ninh đề nghị Quý doanh nghiệp đánh giá chi cục hải quan đã làm thủ tục trong năm "
            "2017. Kết quả chỉ được tổng hợp chung."
        ),
    )
    survey = services.open_survey(survey=survey, expected_version=survey.lock_version)
    _fill(survey, units)
    survey.refresh_from_db()
    services.close_survey(survey=survey, expected_version=survey.lock_version)
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=datetime(YEAR, 10, 2).date(), closes_on=datetime(YEAR, 11, 30).date()
    )
    stdout.write(f"  Khảo sát CDCI {YEAR}: {INVITED} doanh nghiệp được mời, {ANSWERED} trả lời, 7 chi cục.")


CLUSTER_NAME = "Cụm thi đua các Chi cục Hải quan thuộc Cục Hải quan Quảng Ninh"
CDCI_CRITERION = ("Mức độ hài lòng của doanh nghiệp (chỉ số CDCI)", 20)
CLUSTER_HEAD, CLUSTER_DEPUTY = "HQ20B1", "HQ20B4"  # illustrative


def _cluster(units: dict[str, Unit], stdout) -> None:
    """The 2017 cluster of the seven Chi cục and its CDCI criterion, scored from the survey's index."""
    if Cluster.objects.filter(name=CLUSTER_NAME).exists():
        stdout.write(f"  {CLUSTER_NAME} đã có; giữ nguyên.")
        return
    cluster = movement_services.create_cluster(
        name=CLUSTER_NAME,
        organiser=units[DEPARTMENT],
        note="Dữ liệu minh họa: tiêu chí hài lòng của doanh nghiệp chấm theo chỉ số CDCI năm 2017.",
    )
    movement_services.set_members(
        cluster=cluster,
        year=YEAR,
        units=[units[c] for c in BRANCHES],
        head=units[CLUSTER_HEAD],
        deputy=units[CLUSTER_DEPUTY],
    )
    name, points = CDCI_CRITERION
    criterion = movement_services.add_criterion(cluster=cluster, year=YEAR, name=name, max_points=points)
    written = movement_services.feed_cluster_criterion_from_cdci(criterion=criterion)
    stdout.write(f"  {CLUSTER_NAME}: chỉ số CDCI {YEAR} chuyển thành điểm của {len(written)} chi cục.")


GIAY_KHEN_DECISION = ("25/QĐ-HQQN", date(YEAR + 1, 1, 15))  # illustrative number and date
GIAY_KHEN_NOTE = "Đứng đầu bảng xếp hạng chỉ số CDCI năm 2017 của Cục Hải quan Quảng Ninh"


def _giay_khen(units: dict[str, Unit], stdout) -> None:
    """In 2017 the two best-rated Chi cục received a Giấy khen of the Cục (a thematic award: it does not feed
    the chains of higher awards), recorded in the award history from the survey's ranking."""
    kind = AwardKind.objects.get(code="GK")
    results = branch_indexes([units[c] for c in BRANCHES], YEAR)
    top = sorted(results.values(), key=lambda r: r.rank)[:2]
    given = 0
    for result in top:
        unit = next(u for u in units.values() if u.pk == result.unit_id)
        if Award.objects.filter(unit=unit, kind=kind, year=YEAR, note=GIAY_KHEN_NOTE).exists():
            continue
        number, day = GIAY_KHEN_DECISION
        award_services.record_award(
            kind=kind,
            year=YEAR,
            unit=unit,
            decision_number=number,
            decision_date=day,
            issuer="Cục trưởng Cục Hải quan Quảng Ninh",
            award_type=AwardType.THEMATIC,
            source=Award.Source.DEMO,
            note=GIAY_KHEN_NOTE,
        )
        given += 1
    if given:
        stdout.write(f"  Giấy khen năm {YEAR} cho {given} chi cục đứng đầu chỉ số CDCI.")


def _fill(survey: Survey, units: dict[str, Unit]) -> None:
    rng = random.Random(YEAR)
    invitations = [
        Invitation(
            survey=survey,
            tax_code=f"57{(1000000 + i * 1237) % 100000000:08d}",
            enterprise_name=f"{rng.choice(ENTERPRISE_KINDS)} {rng.choice(ENTERPRISE_NAMES)} {i + 1}",
            contact_name="",
            email=f"lienhe{i + 1}@doanhnghiep.example" if i % 3 else "",
        )
        for i in range(INVITED)
    ]
    for invitation in invitations:  # what Invitation.save computes, since bulk_create skips it
        invitation.search_text = fold(f"{invitation.tax_code} {invitation.enterprise_name}")
    Invitation.objects.bulk_create(invitations)
    invitations = list(survey.invitations.order_by("tax_code"))
    answering = rng.sample(invitations, ANSWERED)
    branches = {b.unit.code: b for b in survey.branches.select_related("unit")}
    codes, weights = list(TRAFFIC), list(TRAFFIC.values())
    questions = list(survey.questions.prefetch_related("choices"))
    base = timezone.make_aware(datetime(YEAR, 10, 2, 8, 0))
    responses, plans = [], []
    for invitation in answering:
        first = rng.choices(codes, weights)[0]
        chosen = [first]
        if rng.random() < TWO_BRANCHES:
            second = rng.choices(
                [c for c in codes if c != first], [w for c, w in TRAFFIC.items() if c != first]
            )[0]
            chosen.append(second)
        when = base + timedelta(minutes=rng.randrange(0, 58 * 24 * 60))
        for code in chosen:
            branch = branches[code]
            responses.append(
                SurveyResponse(
                    invitation=invitation,
                    survey=survey,
                    branch=branch,
                    unit=branch.unit,
                    year=YEAR,
                    tax_code=invitation.tax_code,
                    status=SurveyResponse.Status.SUBMITTED,
                    submitted_at=when,
                )
            )
            plans.append(code)
        invitation.opened_at = invitation.completed_at = when
    Invitation.objects.bulk_update(answering, ["opened_at", "completed_at"])
    SurveyResponse.objects.bulk_create(responses)
    saved = list(SurveyResponse.objects.filter(survey=survey).order_by("id"))
    answers = []
    for response, code in zip(saved, plans, strict=True):
        answers.extend(_answers(rng, response, questions, QUALITY[code]))
    Answer.objects.bulk_create(answers, batch_size=2000)


def _answers(rng: random.Random, response, questions, quality: float):
    for question in questions:
        if question.kind == Question.Kind.SCALE:
            value = max(1, min(5, round(rng.gauss(quality, 0.8))))
            if question.reverse:
                value = 6 - value
            yield Answer(response=response, question=question, scale_value=value)
        elif question.kind == Question.Kind.CHOICE:
            options = list(question.choices.all())
            index = min(len(options) - 1, max(0, round(rng.gauss(4.6 - quality, 0.7))))
            yield Answer(response=response, question=question, choice=options[index])
        elif rng.random() < 0.3:
            yield Answer(response=response, question=question, text=rng.choice(COMMENTS))
