"""Serializers of the dossier API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.awards.models import AwardKind
from tdkt.org.models import Unit
from tdkt.proposals.models import Candidate, Comment, Disclosure, Proposal, ProposalEvent
from tdkt.proposals.selectors import registration_status


class ProposalSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    award_code = serializers.CharField(source="award_kind.code", read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "title",
            "proposing_unit",
            "receiving_unit",
            "award_kind",
            "award_code",
            "year",
            "track",
            "movement",
            "status",
            "status_label",
            "deadline",
            "forwarded_from",
            "lock_version",
            "created_at",
        ]
        read_only_fields = fields


class ProposalCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    proposing_unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    receiving_unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False)
    award_kind = serializers.SlugRelatedField(
        slug_field="code", queryset=AwardKind.objects.filter(is_active=True), help_text=_("Mã, ví dụ LDTT.")
    )
    year = serializers.IntegerField(min_value=1945, max_value=2100)
    track = serializers.ChoiceField(choices=Proposal.Track.choices, default=Proposal.Track.REGULAR)
    movement = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    deadline = serializers.DateField(required=False, allow_null=True, default=None)


class ProposalUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, required=False)
    movement = serializers.CharField(max_length=255, required=False, allow_blank=True)
    deadline = serializers.DateField(required=False)
    track = serializers.ChoiceField(choices=Proposal.Track.choices, required=False)
    lock_version = serializers.IntegerField(min_value=1)


class TransitionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    lock_version = serializers.IntegerField(min_value=1, required=False, help_text=_("Phiên bản đã đọc."))


class ReturnSerializer(serializers.Serializer):
    reasons = serializers.CharField()
    lock_version = serializers.IntegerField(min_value=1, required=False)


class CouncilSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(help_text=_("Mã phiên họp đang diễn ra của Hội đồng cấp nhận hồ sơ."))
    lock_version = serializers.IntegerField(min_value=1, required=False)


class CandidateSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    registered = serializers.SerializerMethodField(
        help_text=_(
            "Đã đăng ký thi đua danh hiệu được đề nghị trong năm (false: bị gắn cờ); "
            "null khi hình thức khen thưởng không phải danh hiệu thi đua."
        )
    )
    result_label = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "proposal",
            "person",
            "unit",
            "name",
            "registered",
            "report",
            "verdict",
            "verdict_at",
            "result",
            "result_label",
            "order",
            "lock_version",
        ]
        read_only_fields = fields

    def get_name(self, obj) -> str:
        return obj.person.full_name if obj.person_id else obj.unit.name

    def get_registered(self, obj) -> bool | None:
        """From `context["registered"]` (a list computed once, see `selectors.registration_status`), else
        computed for this one candidate."""
        status = self.context.get("registered")
        if status is None:
            status = registration_status(obj.proposal, [obj])
        return status.get(obj.pk)


class CandidateCreateSerializer(serializers.Serializer):
    person = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)
    unit = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)


class ReportSerializer(serializers.Serializer):
    report = serializers.DictField(child=serializers.CharField(allow_blank=True))
    lock_version = serializers.IntegerField(min_value=1)


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = ProposalEvent
        fields = ["from_status", "to_status", "actor", "at", "reason"]
        read_only_fields = fields


class DisclosureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disclosure
        fields = ["starts_on", "working_days", "ends_on", "where"]
        read_only_fields = ["ends_on"]


class DisclosureCreateSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    disclosure_days = serializers.IntegerField(min_value=1, max_value=60, default=5)
    where = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Comment
        fields = ["id", "candidate", "author", "text", "answer", "answered_at", "created_at"]
        read_only_fields = fields


class CommentCreateSerializer(serializers.Serializer):
    text = serializers.CharField()
    candidate = serializers.IntegerField(required=False, allow_null=True)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()
