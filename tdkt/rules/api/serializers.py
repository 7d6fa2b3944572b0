"""Shapes of the eligibility API: award history, verdicts with their criteria, candidates, parameters."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tdkt.rules.model import AWARD_CODES
from tdkt.rules.rulesets import AWARD_NAMES, RULE_SETS
from tdkt.rules.selectors import json_value
from tdkt.rules.services import VERDICTS

_CODE_CHOICES = [(code, AWARD_NAMES[code]) for code in AWARD_CODES]


class AwardEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(source="kind.code")
    name = serializers.CharField(source="kind.name")
    category = serializers.CharField(
        source="kind.category", help_text=_("title (danh hiệu) hoặc commendation")
    )
    year = serializers.IntegerField(help_text=_("Năm thành tích"))
    period_from = serializers.IntegerField(
        allow_null=True, help_text=_("Thời gian thành tích quyết định ghi: từ năm (null khi không ghi)")
    )
    period_to = serializers.IntegerField(
        allow_null=True,
        help_text=_("Thời gian thành tích: đến năm; lần khen tiếp theo tính từ năm sau năm này"),
    )
    award_type = serializers.CharField(help_text=_("Loại hình khen thưởng"))
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    issuer = serializers.CharField()
    subject_name = serializers.CharField(help_text=_("Tên tập thể khi được khen"))
    revoked = serializers.BooleanField()
    revoked_reason = serializers.CharField()
    revoked_decision = serializers.CharField()
    revoked_on = serializers.DateField(allow_null=True)


class RatingEntrySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.CharField(help_text=_("HTXS, HTT, HT hoặc KHT"))
    label = serializers.CharField(source="get_value_display")


class RecognitionEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    scope = serializers.CharField()
    year = serializers.IntegerField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    applied = serializers.BooleanField()
    revoked = serializers.BooleanField()


class DisciplineEntrySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    level = serializers.CharField()
    duty_related = serializers.BooleanField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    term_end = serializers.DateField(allow_null=True, help_text=_("Ngày hết thời hạn kỷ luật (nếu có ghi)"))


class ReviewPeriodSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["discipline", "inspection", "complaint"],
        help_text=_("Đang xem xét kỷ luật, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo"),
    )
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True, help_text=_("null: chưa kết thúc"))


class LeaveSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["maternity", "sick", "study", "other"])
    start = serializers.DateField()
    end = serializers.DateField()


class ClusterResultSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    cluster = serializers.CharField(help_text=_("Cụm, khối thi đua"))
    rank = serializers.IntegerField(allow_null=True)
    members = serializers.IntegerField(allow_null=True)
    leading = serializers.BooleanField(help_text=_("Dẫn đầu cụm, khối"))


class HistorySerializer(serializers.Serializer):
    awards = AwardEntrySerializer(many=True)
    ratings = RatingEntrySerializer(
        many=True, help_text=_("Xếp loại (cá nhân) hoặc kết quả nhiệm vụ (tập thể)")
    )
    recognitions = RecognitionEntrySerializer(many=True)
    disciplines = DisciplineEntrySerializer(many=True)
    review_periods = ReviewPeriodSerializer(many=True)
    leaves = LeaveSerializer(many=True, help_text=_("Thời gian nghỉ (cá nhân)"))
    cluster_results = ClusterResultSerializer(many=True, help_text=_("Kết quả trong cụm, khối (tập thể)"))


class CriterionSerializer(serializers.Serializer):
    id = serializers.CharField()
    status = serializers.ChoiceField(choices=["met", "unmet", "unknown", "declared", "pending"])
    text = serializers.CharField()
    basis = serializers.CharField(help_text=_("Căn cứ pháp lý"))
    evidence = serializers.ListField(child=serializers.CharField())
    need = serializers.CharField(help_text=_("Điều còn thiếu khi tiêu chí chưa đạt hoặc chưa xác định"))


class VerdictSerializer(serializers.Serializer):
    award = serializers.CharField()
    award_name = serializers.SerializerMethodField()
    year = serializers.IntegerField(help_text=_("Năm thành tích (danh hiệu) hoặc năm đề nghị (hình thức)"))
    rule_set = serializers.CharField()
    verdict = serializers.ChoiceField(choices=list(VERDICTS))
    criteria = CriterionSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    earliest_year = serializers.IntegerField(allow_null=True)
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "Cảnh báo, ví dụ ngày xét sau khi một luật mới có hiệu lực mà nội dung chưa được xác nhận"
        ),
    )

    def get_award_name(self, verdict) -> str:
        return AWARD_NAMES[verdict.award]


class EligibilityQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_(
            "Năm đánh giá thành tích; danh hiệu xét cho năm này, hình thức khen thưởng với năm đề nghị "
            "kế tiếp. Mặc định: kỳ đánh giá hiện tại."
        ),
    )
    award = serializers.ChoiceField(choices=_CODE_CHOICES, required=False, help_text=_("Chỉ xét một mã"))


class EligibilitySerializer(serializers.Serializer):
    review_year = serializers.IntegerField()
    results = VerdictSerializer(many=True)


class CandidateQuerySerializer(EligibilityQuerySerializer):
    unit = serializers.IntegerField(help_text=_("Mã số (id) đơn vị"))
    verdict = serializers.ChoiceField(choices=list(VERDICTS), required=False)


class EligibilityCandidateSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("person (cá nhân) hoặc collective (tập thể)"))
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    unit_name = serializers.CharField()
    verdict = VerdictSerializer()


class CandidateGroupSerializer(serializers.Serializer):
    award = serializers.CharField(source="code")
    name = serializers.CharField()
    year = serializers.IntegerField()
    rule_set = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())
    candidates = EligibilityCandidateSerializer(many=True)


class CandidateUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()


class CandidateReportSerializer(serializers.Serializer):
    unit = CandidateUnitSerializer()
    review_year = serializers.IntegerField()
    people = serializers.IntegerField()
    units = serializers.IntegerField()
    warnings = serializers.ListField(child=serializers.CharField(), help_text=_("Cảnh báo tỷ lệ"))
    groups = CandidateGroupSerializer(many=True)


class ParameterSerializer(serializers.Serializer):
    key = serializers.CharField()
    description = serializers.CharField(source="parameter.description_vi")
    value = serializers.SerializerMethodField(help_text=_("Giá trị đang áp dụng; null khi chưa đặt"))
    default = serializers.SerializerMethodField()
    unset = serializers.BooleanField(help_text=_("true: chưa có giá trị luật định, tiêu chuẩn cần xem xét"))
    overridden = serializers.SerializerMethodField()
    confidence = serializers.ChoiceField(choices=["C", "S", "U"])
    confidence_label = serializers.CharField()
    basis = serializers.CharField(source="parameter.basis")
    note = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.ANY)
    def get_value(self, row):

        return json_value(row.value)

    @extend_schema_field(OpenApiTypes.ANY)
    def get_default(self, row):

        return json_value(row.default)

    def get_overridden(self, row) -> bool:
        return row.override is not None

    def get_note(self, row) -> str:
        return row.override.note if row.override is not None else ""


class RuleSetSerializer(serializers.Serializer):
    id = serializers.CharField(source="rule_set.id")
    name = serializers.CharField(source="rule_set.name_vi")
    effective_from = serializers.DateField(source="rule_set.effective_from")
    enabled = serializers.BooleanField(source="rule_set.enabled")
    parameters = ParameterSerializer(source="rows", many=True)


class ParameterUpdateSerializer(serializers.Serializer):
    rule_set = serializers.ChoiceField(choices=list(RULE_SETS))
    key = serializers.CharField(max_length=80)
    value = serializers.JSONField(required=False, allow_null=True, help_text=_("Giá trị mới (JSON)"))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text=_("Căn cứ của giá trị mới (bắt buộc khi đặt giá trị)"),
    )
    reset = serializers.BooleanField(
        required=False, default=False, help_text=_("true: trả về giá trị mặc định")
    )
