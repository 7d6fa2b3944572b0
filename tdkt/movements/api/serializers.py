"""Serializers of the movements API: movements, registrations, targets and their actuals."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.core.text import format_percent
from tdkt.movements.models import (
    Actual,
    AnnualRating,
    CalendarEntry,
    Cluster,
    CultureChecklist,
    CultureCriterion,
    Inspection,
    InspectionScore,
    Movement,
    MovementReview,
    PeriodScore,
    RatingGroup,
    Registration,
    Target,
    TargetAdjustment,
)


class MovementSerializer(serializers.ModelSerializer):
    launching_unit_name = serializers.CharField(source="launching_unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    form_0601_duration_row = serializers.CharField(
        source="duration_row", read_only=True, help_text=_("Dòng thời gian của biểu 0601.N/BNV-TĐKT (06–10).")
    )

    class Meta:
        model = Movement
        fields = [
            "id",
            "name",
            "slogan",
            "kind",
            "scope",
            "level",
            "launching_unit",
            "launching_unit_name",
            "participants_mode",
            "starts_on",
            "ends_on",
            "registration_deadline",
            "midterm_on",
            "goals",
            "content",
            "criteria",
            "directive_documents",
            "midterm_awards",
            "final_awards",
            "status",
            "status_label",
            "launched_on",
            "closed_on",
            "form_0601_duration_row",
            "lock_version",
        ]
        read_only_fields = fields


class MovementCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=500)
    slogan = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Movement.Kind.choices, default=Movement.Kind.REGULAR)
    scope = serializers.ChoiceField(choices=Movement.Scope.choices, default=Movement.Scope.UNIT)
    level = serializers.ChoiceField(choices=Movement.Level.choices, default=Movement.Level.UNIT)
    launching_unit = serializers.IntegerField(help_text=_("Mã số (id) của đơn vị phát động."))
    participants_mode = serializers.ChoiceField(
        choices=Movement.Participants.choices, default=Movement.Participants.SUBTREE
    )
    participant_units = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text=_("Id các đơn vị được chọn."),
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    registration_deadline = serializers.DateField(required=False, allow_null=True, default=None)
    midterm_on = serializers.DateField(required=False, allow_null=True, default=None)
    goals = serializers.CharField(required=False, allow_blank=True, default="")
    content = serializers.CharField(required=False, allow_blank=True, default="")
    criteria = serializers.CharField(required=False, allow_blank=True, default="")
    directive_documents = serializers.CharField(required=False, allow_blank=True, default="")
    midterm_awards = serializers.CharField(required=False, allow_blank=True, default="")
    final_awards = serializers.CharField(required=False, allow_blank=True, default="")


class MovementTransitionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RegistrationTitleSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã danh hiệu trong danh mục, ví dụ TTLDXS, CSTDCS."))
    person = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Id cá nhân; bỏ trống với danh hiệu tập thể."),
    )


class RegistrationSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    titles = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "movement",
            "unit",
            "unit_name",
            "year",
            "pledge",
            "status",
            "submitted_on",
            "titles",
            "lock_version",
        ]
        read_only_fields = fields

    def get_titles(self, obj) -> list[dict]:
        return [
            {"code": t.kind.code, "person": t.person_id}
            for t in sorted(obj.titles.all(), key=lambda t: (t.person_id or 0, t.kind.code))
        ]


class RegistrationInputSerializer(serializers.Serializer):
    movement = serializers.IntegerField()
    unit = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    pledge = serializers.CharField()
    titles = RegistrationTitleSerializer(many=True)
    lock_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class TargetSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True, default=None)
    attainment_text = serializers.SerializerMethodField(
        help_text=_("Tỷ lệ hoàn thành viết kiểu Việt Nam, ví dụ «70,32 %».")
    )

    class Meta:
        model = Target
        fields = [
            "id",
            "year",
            "unit",
            "unit_name",
            "person",
            "person_name",
            "movement",
            "year_to",
            "code",
            "name",
            "measure",
            "unit_label",
            "planned",
            "higher_is_better",
            "period",
            "aggregation",
            "approved",
            "actual_total",
            "periods_reported",
            "attainment",
            "attainment_text",
            "lock_version",
        ]
        read_only_fields = fields

    def get_attainment_text(self, obj) -> str:

        return format_percent(obj.attainment)


class TargetCreateSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    person = serializers.IntegerField(required=False, allow_null=True, default=None)
    movement = serializers.IntegerField(required=False, allow_null=True, default=None)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    year_to = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Năm cuối của chỉ tiêu nhiều năm (ví dụ 2006–2010); bỏ trống với chỉ tiêu một năm."),
    )
    code = serializers.CharField(max_length=30)
    name = serializers.CharField(max_length=300)
    measure = serializers.ChoiceField(choices=Target.Measure.choices, default=Target.Measure.OTHER)
    unit_label = serializers.CharField(max_length=30)
    planned = serializers.CharField(help_text=_("Số; chấp nhận cách viết «108.800» hoặc «6.452,7»."))
    higher_is_better = serializers.BooleanField(default=True)
    period = serializers.ChoiceField(choices=Target.Period.choices, default=Target.Period.MONTH)
    aggregation = serializers.ChoiceField(choices=Target.Aggregation.choices, default=Target.Aggregation.SUM)


class ActualSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actual
        fields = ["period", "value", "note", "lock_version"]
        read_only_fields = fields


class ActualInputSerializer(serializers.Serializer):
    period = serializers.IntegerField(
        min_value=1,
        max_value=120,
        help_text=_(
            "Số thứ tự kỳ; chỉ tiêu nhiều năm đánh số liên tục qua các năm (quý 5 là quý I năm thứ hai)."
        ),
    )
    value = serializers.CharField(help_text=_("Kết quả của kỳ (không cộng dồn)."))
    note = serializers.CharField(required=False, allow_blank=True, default="")
    lock_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class AdjustSerializer(serializers.Serializer):
    planned = serializers.CharField()
    reason = serializers.CharField()
    lock_version = serializers.IntegerField()


class AdjustmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetAdjustment
        fields = ["old_planned", "new_planned", "reason", "at"]
        read_only_fields = fields


class ClusterSerializer(serializers.ModelSerializer):
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)

    class Meta:
        model = Cluster
        fields = ["id", "name", "kind", "organiser", "organiser_name", "note"]
        read_only_fields = fields


class ClusterRowSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    role = serializers.CharField()
    scores = serializers.ListField(
        child=serializers.DictField(),
        help_text=_("Theo thứ tự tiêu chí: {criterion, self_score, cluster_score}."),
    )
    self_total = serializers.DecimalField(max_digits=8, decimal_places=2)
    cluster_total = serializers.DecimalField(max_digits=8, decimal_places=2)
    rank = serializers.IntegerField(
        help_text=_("Thứ hạng: theo bình xét nếu đã bình xét, nếu chưa theo điểm cụm chấm.")
    )
    votes = serializers.IntegerField(allow_null=True)
    leading = serializers.BooleanField()


class ClusterCriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    max_points = serializers.DecimalField(max_digits=6, decimal_places=2)


class ClusterTableSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    criteria = ClusterCriterionSerializer(many=True)
    rows = ClusterRowSerializer(many=True)


class ClusterVoteInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    votes = serializers.DictField(
        child=serializers.IntegerField(min_value=0), help_text=_("Id đơn vị → số phiếu bầu dẫn đầu.")
    )


class AnnualRatingSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    group_name = serializers.CharField(source="group.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = AnnualRating
        fields = [
            "id",
            "person",
            "person_name",
            "unit",
            "year",
            "periods",
            "points",
            "by_points",
            "value",
            "forced_by_discipline",
            "capped",
            "capped_in",
            "group",
            "group_name",
        ]
        read_only_fields = fields


class RatingGroupMemberSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person_id")
    person_name = serializers.CharField(source="person.full_name")


class RatingGroupSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    members = RatingGroupMemberSerializer(many=True, read_only=True)

    class Meta:
        model = RatingGroup
        fields = ["id", "unit", "unit_name", "name", "members"]
        read_only_fields = fields


def _rated_year() -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "Năm đang xếp loại (tùy chọn): thành viên phải công tác tại đơn vị năm nay, năm trước hoặc năm này."
        ),
    )


class RatingGroupInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField(help_text=_("Id của đơn vị đánh giá."))
    name = serializers.CharField(max_length=200, help_text=_("Ví dụ «Đội kiểm soát»."))
    members = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text=_("Id các cá nhân trong nhóm."),
    )
    year = _rated_year()


class RatingGroupMembersInputSerializer(serializers.Serializer):
    members = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Id các cá nhân; thay toàn bộ thành viên của nhóm.")
    )
    year = _rated_year()


class CapCheckSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=["group", "unit"], help_text=_("'group' (nhóm) hoặc 'unit' (đơn vị).")
    )
    name = serializers.CharField(help_text=_("Tên nhóm hoặc tên đơn vị."))
    base = serializers.IntegerField(help_text=_("Số người từ HTT trở lên theo điểm (cơ sở tính tỷ lệ)."))
    allowed = serializers.IntegerField(help_text=_("Số HTXS tối đa."))
    excellent = serializers.IntegerField(help_text=_("Số người đạt HTXS theo điểm."))
    over = serializers.IntegerField(help_text=_("Số vượt tỷ lệ; 0 khi không vượt."))


class RollUpSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class PeriodScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = PeriodScore
        fields = [
            "id",
            "person",
            "unit",
            "year",
            "kind",
            "period",
            "quantity",
            "quality",
            "timeliness",
            "points",
            "lock_version",
        ]
        read_only_fields = fields


class PeriodScoreInputSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    unit = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    kind = serializers.ChoiceField(choices=PeriodScore.Kind.choices, default=PeriodScore.Kind.MONTH)
    period = serializers.IntegerField(min_value=1, max_value=12)
    points = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Bỏ trống khi gửi đủ ba phần: điểm được tính từ số lượng, chất lượng, tiến độ."),
    )
    quantity = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None
    )
    quality = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None
    )
    timeliness = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None
    )
    lock_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class CultureCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CultureCriterion
        fields = ["id", "order", "text", "max_points"]
        read_only_fields = fields


class CultureChecklistSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    criteria = CultureCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = CultureChecklist
        fields = ["id", "name", "owner", "owner_name", "year", "movement", "criteria"]
        read_only_fields = fields


class CultureResultSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField()
    inspections = serializers.IntegerField()
    points = serializers.DecimalField(max_digits=9, decimal_places=2)
    max_points = serializers.DecimalField(max_digits=9, decimal_places=2)
    percent = serializers.DecimalField(max_digits=6, decimal_places=2, help_text=_("Tỷ lệ điểm đạt (%)."))


class InspectionScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionScore
        fields = ["criterion", "points"]
        read_only_fields = fields


class InspectionSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    scores = InspectionScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "checklist",
            "unit",
            "unit_name",
            "inspected_on",
            "inspectors",
            "note",
            "points",
            "max_points",
            "scores",
        ]
        read_only_fields = fields


class InspectionInputSerializer(serializers.Serializer):
    checklist = serializers.IntegerField()
    unit = serializers.IntegerField()
    inspected_on = serializers.DateField()
    inspectors = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    scores = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0),
        help_text=_("Điểm theo từng tiêu chí: {id tiêu chí: điểm}, đủ mọi tiêu chí của bộ."),
    )


class CalendarEntrySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = CalendarEntry
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "kind",
            "kind_label",
            "title",
            "due_on",
            "remind_days",
            "movement",
            "reminded_on",
        ]
        read_only_fields = fields


class CalendarEntryInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=CalendarEntry.Kind.choices)
    title = serializers.CharField(max_length=300)
    due_on = serializers.DateField()
    remind_days = serializers.IntegerField(min_value=0, max_value=90, default=7)


class MovementReviewSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    awards = serializers.ListField(source="awards_list", child=serializers.CharField(), read_only=True)

    class Meta:
        model = MovementReview
        fields = [
            "id",
            "movement",
            "kind",
            "kind_label",
            "held_on",
            "period_from",
            "period_to",
            "document",
            "awards",
            "note",
            "report_status",
            "report_done",
            "report_total",
            "lock_version",
        ]
        read_only_fields = fields
