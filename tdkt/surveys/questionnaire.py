"""The standard CDCI questionnaire: eight component indices, their weights and questions.

A new survey copies the previous year's questionnaire of the same unit when there is one, else this one.
Scale questions ask how far the enterprise agrees (1 = hoàn toàn không đồng ý … 5 = hoàn toàn đồng ý);
`reverse` marks statements where agreeing is bad. Choice options carry their score on 0–100.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from tdkt.surveys.models import ComponentCode

C = ComponentCode

STANDARD_VERSION = "CDCI-2017"

SCALE_LABELS = {
    1: "Hoàn toàn không đồng ý",
    2: "Không đồng ý",
    3: "Bình thường",
    4: "Đồng ý",
    5: "Hoàn toàn đồng ý",
}


@dataclass(frozen=True)
class Q:
    text: str
    kind: str = "scale"
    reverse: bool = False
    required: bool = True
    choices: tuple[tuple[str, Decimal | None], ...] = ()


@dataclass(frozen=True)
class Part:
    code: str
    weight: Decimal
    questions: tuple[Q, ...] = field(default_factory=tuple)


STANDARD: tuple[Part, ...] = (
    Part(
        C.TRANSPARENCY,
        Decimal("15"),
        (
            Q("Quy trình, thủ tục hải quan được niêm yết công khai, dễ tìm và dễ hiểu."),
            Q("Doanh nghiệp nhận được giải đáp vướng mắc đầy đủ, đúng hạn."),
            Q("Văn bản, chính sách mới được thông tin kịp thời đến doanh nghiệp."),
        ),
    ),
    Part(
        C.SERVICE_QUALITY,
        Decimal("15"),
        (
            Q("Công chức hải quan hướng dẫn tận tình, thái độ lịch sự, thân thiện."),
            Q("Hệ thống khai báo điện tử, dịch vụ công trực tuyến vận hành ổn định."),
        ),
    ),
    Part(
        C.TIME_COST,
        Decimal("15"),
        (
            Q("Thời gian giải quyết thủ tục đúng với thời hạn đã công bố."),
            Q(
                "Thời gian thông quan một lô hàng thường là bao lâu?",
                kind="choice",
                choices=(
                    ("Dưới 2 giờ", Decimal("100")),
                    ("Từ 2 đến 8 giờ", Decimal("75")),
                    ("Từ 8 đến 24 giờ", Decimal("40")),
                    ("Trên 24 giờ", Decimal("0")),
                    ("Không rõ", None),
                ),
            ),
        ),
    ),
    Part(
        C.FAIRNESS,
        Decimal("10"),
        (
            Q("Các doanh nghiệp được đối xử bình đẳng, không phân biệt quy mô hay loại hình."),
            Q("Việc phân luồng, kiểm tra hàng hóa khách quan, có căn cứ."),
        ),
    ),
    Part(
        C.LEADERSHIP,
        Decimal("10"),
        (
            Q("Lãnh đạo chi cục chủ động lắng nghe và tháo gỡ khó khăn cho doanh nghiệp."),
            Q("Lãnh đạo chi cục xử lý nghiêm công chức gây phiền hà khi được phản ánh."),
        ),
    ),
    Part(
        C.SUPPORT,
        Decimal("10"),
        (
            Q("Chi cục tổ chức đối thoại, tập huấn hữu ích cho doanh nghiệp."),
            Q("Chi cục hỗ trợ doanh nghiệp ngoài giờ hành chính khi cần."),
        ),
    ),
    Part(
        C.ENFORCEMENT,
        Decimal("10"),
        (
            Q("Các quy định pháp luật được áp dụng thống nhất giữa các lần làm thủ tục."),
            Q("Việc kiểm tra sau thông quan, xử phạt vi phạm đúng quy định, minh bạch."),
        ),
    ),
    Part(
        C.INFORMAL_CHARGES,
        Decimal("15"),
        (
            Q(
                "Doanh nghiệp phải trả chi phí không chính thức để thủ tục được giải quyết nhanh hơn.",
                reverse=True,
            ),
            Q("Công chức có biểu hiện gợi ý, nhũng nhiễu doanh nghiệp.", reverse=True),
        ),
    ),
)

FREE_TEXT = (
    Q(
        "Ý kiến, kiến nghị khác của doanh nghiệp đối với chi cục (không bắt buộc).",
        kind="text",
        required=False,
    ),
)
