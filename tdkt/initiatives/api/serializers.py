"""Serializers of the initiative API."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.awards.models import Recognition
from tdkt.initiatives.models import (
    Escalation,
    Field,
    FollowUp,
    Initiative,
    InitiativeAuthor,
    InitiativeEvent,
    Kind,
    Recusal,
    Review,
)
from tdkt.org.models import Person, Unit


class AuthorSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    staff_code = serializers.CharField(source="person.staff_code", read_only=True, allow_null=True)

    class Meta:
        model = InitiativeAuthor
        fields = ["person", "full_name", "staff_code", "share"]
        read_only_fields = fields


class RecusalSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="member.person_id", read_only=True)

    class Meta:
        model = Recusal
        fields = ["person", "reason"]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    council_name = serializers.CharField(source="council.name", read_only=True)
    sheet_name = serializers.CharField(source="sheet.name", read_only=True)
    pass_mark = serializers.DecimalField(
        source="sheet.pass_mark", max_digits=5, decimal_places=2, read_only=True
    )
    recusals = RecusalSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "council",
            "council_name",
            "sheet_name",
            "pass_mark",
            "opened_on",
            "closed_at",
            "scorers",
            "average",
            "passed",
            "recusals",
        ]
        read_only_fields = fields


class RecognitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recognition
        fields = ["id", "kind", "scope", "year", "decision_number", "decision_date", "revoked"]
        read_only_fields = fields


class EscalationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Escalation
        fields = ["to_scope", "proposed_on", "outcome", "decision_number", "decision_date", "note"]
        read_only_fields = fields


class InitiativeEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeEvent
        fields = ["from_status", "to_status", "at", "reason"]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["applied_at", "applied_on", "benefit", "benefit_amount", "remuneration", "created_at"]
        read_only_fields = fields


class InitiativeSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    authors = AuthorSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "kind",
            "title",
            "unit",
            "unit_name",
            "field",
            "status",
            "status_label",
            "scope",
            "year",
            "decision_number",
            "decision_date",
            "certificate_number",
            "authors",
            "lock_version",
        ]
        read_only_fields = fields


class InitiativeDetailSerializer(InitiativeSerializer):
    reviews = ReviewSerializer(many=True, read_only=True)
    recognition = RecognitionSerializer(read_only=True, allow_null=True)
    escalations = EscalationSerializer(many=True, read_only=True)
    events = InitiativeEventSerializer(many=True, read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta(InitiativeSerializer.Meta):
        fields = [
            *InitiativeSerializer.Meta.fields,
            "investor",
            "first_applied_on",
            "description",
            "conditions",
            "benefits_by_authors",
            "benefits_by_participants",
            "first_participants",
            "accepted_on",
            "acceptance_result",
            "application_result",
            "reason",
            "reviews",
            "recognition",
            "escalations",
            "events",
            "follow_ups",
        ]
        read_only_fields = fields


class AuthorInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    share = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("100")
    )


class InitiativeCreateSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.INITIATIVE)
    title = serializers.CharField(max_length=500)
    field = serializers.ChoiceField(choices=Field.choices, default=Field.CUSTOMS)
    first_applied_on = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    benefits_by_authors = serializers.CharField(required=False, allow_blank=True, default="")
    benefits_by_participants = serializers.CharField(required=False, allow_blank=True, default="")
    first_participants = serializers.CharField(required=False, allow_blank=True, default="")
    authors = AuthorInputSerializer(
        many=True, required=False, default=list, help_text=_("Tác giả và tỷ lệ (%).")
    )


class InitiativeTransitionSerializer(serializers.Serializer):
    lock_version = serializers.IntegerField(min_value=1, required=False, help_text=_("Phiên bản đã đọc."))


class SimilarSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text=_("Rỗng nếu đơn ngoài phạm vi của bạn."))
    title = serializers.CharField()
    unit_name = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    similarity = serializers.FloatField()


class InitiativeReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Lý do (bắt buộc)."))
    lock_version = serializers.IntegerField(min_value=1, required=False)


class InitiativeCouncilSerializer(serializers.Serializer):
    council = serializers.IntegerField(help_text=_("Mã Hội đồng sáng kiến."))
    opened_on = serializers.DateField(required=False, allow_null=True, default=None)
    lock_version = serializers.IntegerField(min_value=1, required=False)


class InitiativeScoreSerializer(serializers.Serializer):
    points = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=2),
        help_text=_('Điểm theo mã tiêu chí, ví dụ {"tinh_moi": 8}.'),
    )


class InitiativeRecogniseSerializer(serializers.Serializer):
    decision_date = serializers.DateField()
    signer_name = serializers.CharField(required=False, allow_blank=True, default="")
    lock_version = serializers.IntegerField(min_value=1, required=False)


class InitiativeAnswerSerializer(serializers.Serializer):
    recognised = serializers.BooleanField()
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    lock_version = serializers.IntegerField(min_value=1, required=False)


class InitiativeFollowUpSerializer(serializers.Serializer):
    applied_at = serializers.CharField(max_length=255, help_text=_("Nơi áp dụng."))
    applied_on = serializers.DateField(required=False, allow_null=True, default=None)
    benefit = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Hiệu quả đo được.")
    )
    benefit_amount = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None, help_text=_("Giá trị làm lợi (đồng).")
    )
    remuneration = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None, help_text=_("Thù lao trả tác giả (đồng).")
    )
