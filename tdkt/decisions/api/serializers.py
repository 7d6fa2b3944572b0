"""Shapes of the decisions API: the register, a decision with its lines, the writes, the totals."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.awards.models import AwardKind
from tdkt.decisions.models import Decision, DecisionLine, Issuer


class IssuerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Issuer
        fields = ["id", "name", "parent_name", "symbol", "place", "head_title", "unit"]


class LineSerializer(serializers.ModelSerializer):
    award_code = serializers.CharField(source="award_kind.code", read_only=True)
    award_name = serializers.CharField(source="award_kind.name", read_only=True)
    award_id = serializers.IntegerField(allow_null=True, read_only=True, help_text=_("Khen thưởng đã ghi"))
    revoked = serializers.SerializerMethodField()

    class Meta:
        model = DecisionLine
        fields = [
            "id",
            "order",
            "award_code",
            "award_name",
            "person",
            "unit",
            "subject_name",
            "subject_detail",
            "achievement_year",
            "cash_multiple",
            "cash_amount",
            "candidate",
            "award_id",
            "revoked",
        ]

    def get_revoked(self, line) -> bool:
        return bool(line.award_id and line.award.revoked)


class DecisionSerializer(serializers.ModelSerializer):
    issuer = IssuerSerializer(read_only=True)
    number_label = serializers.CharField(read_only=True, help_text=_("Ví dụ 05/QĐ-CHQ"))
    line_count = serializers.SerializerMethodField()
    cash_total = serializers.SerializerMethodField(help_text=_("Tổng tiền thưởng (đồng)"))

    class Meta:
        model = Decision
        fields = [
            "id",
            "issuer",
            "proposal",
            "status",
            "number",
            "year",
            "number_label",
            "signed_on",
            "summary",
            "legal_bases",
            "signer_name",
            "signer_title",
            "authority",
            "recipients",
            "revoked_reason",
            "lock_version",
            "line_count",
            "cash_total",
        ]

    def get_line_count(self, decision) -> int:
        value = getattr(decision, "line_count", None)
        return value if value is not None else decision.lines.count()

    def get_cash_total(self, decision) -> int:
        value = getattr(decision, "cash_total", None)
        if value is None:
            value = sum(line.cash_amount or 0 for line in decision.lines.all())
        return value or 0


class DecisionDetailSerializer(DecisionSerializer):
    lines = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "lines"]

    def get_lines(self, decision) -> list[dict]:
        lines = decision.lines.select_related("award_kind", "award").order_by("order", "id")
        return LineSerializer(lines, many=True).data


class DecisionCreateSerializer(serializers.Serializer):
    issuer = serializers.PrimaryKeyRelatedField(queryset=Issuer.objects.all())
    proposal = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Hồ sơ đã được đề nghị khen")
    )
    summary = serializers.CharField(max_length=500)
    signer_name = serializers.CharField(max_length=120)
    signer_title = serializers.CharField(max_length=120)
    authority = serializers.ChoiceField(choices=Decision.Authority.choices, required=False, default="")
    legal_bases = serializers.ListField(
        child=serializers.CharField(max_length=1000), required=False, default=list
    )
    recipients = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, default=list
    )


class LineCreateSerializer(serializers.Serializer):
    award_code = serializers.SlugRelatedField(
        slug_field="code", queryset=AwardKind.objects.filter(is_active=True), source="award_kind"
    )
    person = serializers.IntegerField(required=False, allow_null=True)
    unit = serializers.IntegerField(required=False, allow_null=True)
    achievement_year = serializers.IntegerField(min_value=1945, max_value=2100)
    lock_version = serializers.IntegerField(min_value=1, help_text=_("Phiên bản quyết định đã đọc"))

    def validate(self, data):
        if bool(data.get("person")) == bool(data.get("unit")):
            raise serializers.ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
        return data


class LockSerializer(serializers.Serializer):
    lock_version = serializers.IntegerField(min_value=1, help_text=_("Phiên bản quyết định đã đọc"))


class IssueSerializer(LockSerializer):
    signed_on = serializers.DateField(help_text=_("Ngày ký (YYYY-MM-DD)"))


class RevokeSerializer(LockSerializer):
    reason = serializers.CharField(max_length=5000, help_text=_("Lý do hủy bỏ (Điều 93)"))
    revoking_decision_number = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )
    on = serializers.DateField(required=False, allow_null=True, help_text=_("Ngày hủy bỏ; mặc định hôm nay"))


class TotalsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)


class UnitYearTotalSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField(allow_null=True)
    unit_name = serializers.CharField()
    year = serializers.IntegerField()
    decisions = serializers.IntegerField()
    people = serializers.IntegerField()
    units = serializers.IntegerField()
    amount = serializers.IntegerField()


class DecisionTotalSerializer(serializers.Serializer):
    decision = serializers.IntegerField(source="decision.pk")
    number_label = serializers.CharField(source="decision.number_label")
    signed_on = serializers.DateField(source="decision.signed_on")
    people = serializers.IntegerField()
    units = serializers.IntegerField()
    amount = serializers.IntegerField()


class TotalsSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    total = serializers.IntegerField()
    by_unit = UnitYearTotalSerializer(many=True)
    by_decision = DecisionTotalSerializer(many=True)
