"""Serializers of the councils API. A ballot's counters and result are null until it is counted."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.councils import selectors
from tdkt.councils.models import Ballot, Council, CouncilMember, Meeting
from tdkt.councils.services import CHOICES


class CouncilSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Council
        fields = ["id", "name", "kind", "kind_label", "unit", "unit_name", "decision_number", "is_active"]
        read_only_fields = fields


class CouncilMemberSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = CouncilMember
        fields = ["id", "council", "person", "person_name", "role", "role_label", "term_from", "term_to"]
        read_only_fields = fields
        extra_kwargs = {
            "term_to": {"help_text": _("Ngày đầu tiên hết nhiệm kỳ (trống: đang trong nhiệm kỳ).")}
        }


class QuorumSerializer(serializers.Serializer):
    members = serializers.IntegerField(help_text=_("Số thành viên trong nhiệm kỳ vào ngày họp."))
    present = serializers.IntegerField(help_text=_("Số thành viên có mặt."))
    required = serializers.IntegerField(help_text=_("Số thành viên có mặt tối thiểu."))
    reached = serializers.BooleanField()


class MeetingSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    quorum = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "council",
            "title",
            "held_at",
            "location",
            "agenda",
            "status",
            "status_label",
            "quorum_ratio",
            "quorum",
            "minutes_note",
        ]
        read_only_fields = fields

    def get_quorum(self, meeting) -> QuorumSerializer:
        q = self.context.get("quorums", {}).get(meeting.pk) or selectors.quorum(meeting)
        return {"members": q.members, "present": q.present, "required": q.required, "reached": q.reached}


class AttendanceRowSerializer(serializers.Serializer):
    member = serializers.IntegerField(help_text=_("Mã số (id) của thành viên hội đồng."))
    person_name = serializers.CharField()
    role = serializers.CharField()
    present = serializers.BooleanField()
    recorded = serializers.BooleanField(help_text=_("Đã điểm danh hay chưa."))
    note = serializers.CharField()


class AttendanceInputSerializer(serializers.Serializer):
    member = serializers.IntegerField(help_text=_("Mã số (id) của thành viên hội đồng."))
    present = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")


class BallotSerializer(serializers.ModelSerializer):
    """Counters, base and result are null while the ballot is open."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    votes_received = serializers.SerializerMethodField(
        help_text=_("Số thành viên đã bỏ phiếu (không cho biết chọn gì).")
    )
    has_voted = serializers.SerializerMethodField(help_text=_("Người dùng hiện tại đã bỏ phiếu hay chưa."))
    yes_count = serializers.SerializerMethodField()
    no_count = serializers.SerializerMethodField()
    abstain_count = serializers.SerializerMethodField()
    members_count = serializers.SerializerMethodField()
    present_count = serializers.SerializerMethodField()
    passed = serializers.SerializerMethodField()
    encrypted_total = serializers.SerializerMethodField(
        help_text=_(
            "Tích các phiếu đã mã hóa (Paillier), công bố khi kiểm phiếu để ai cũng kiểm tra lại được; "
            "null khi đang bỏ phiếu."
        )
    )

    class Meta:
        model = Ballot
        fields = [
            "id",
            "meeting",
            "subject",
            "award_code",
            "target",
            "candidate_person",
            "threshold",
            "strictly_above",
            "base",
            "status",
            "status_label",
            "votes_received",
            "has_voted",
            "yes_count",
            "no_count",
            "abstain_count",
            "members_count",
            "present_count",
            "passed",
            "encrypted_total",
        ]
        read_only_fields = fields

    def _closed(self, ballot) -> bool:
        return ballot.status == Ballot.Status.CLOSED

    def get_votes_received(self, ballot) -> int:
        return ballot.receipts.count()

    def get_has_voted(self, ballot) -> bool:
        request = self.context.get("request")
        seat = selectors.seat_of(request.user, ballot.meeting) if request else None
        return seat is not None and ballot.receipts.filter(member=seat).exists()

    def get_yes_count(self, ballot) -> int | None:
        return ballot.yes_count if self._closed(ballot) else None

    def get_no_count(self, ballot) -> int | None:
        return ballot.no_count if self._closed(ballot) else None

    def get_abstain_count(self, ballot) -> int | None:
        return ballot.abstain_count if self._closed(ballot) else None

    def get_members_count(self, ballot) -> int | None:
        return ballot.members_count if self._closed(ballot) else None

    def get_present_count(self, ballot) -> int | None:
        return ballot.present_count if self._closed(ballot) else None

    def get_passed(self, ballot) -> bool | None:
        return ballot.passed if self._closed(ballot) else None

    def get_encrypted_total(self, ballot) -> str | None:
        return (ballot.encrypted_total or None) if self._closed(ballot) else None


class TallyCodesSerializer(serializers.Serializer):
    """The two tally codes of a meeting: set by the chair and the secretary when it opens, needed again, both,
    to count. The server keeps neither."""

    chair_code = serializers.CharField(
        max_length=128,
        write_only=True,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Mã kiểm phiếu của Chủ tịch hội đồng (ít nhất 8 ký tự)."),
    )
    secretary_code = serializers.CharField(
        max_length=128,
        write_only=True,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Mã kiểm phiếu của Thư ký hội đồng (ít nhất 8 ký tự, khác mã của Chủ tịch)."),
    )


class CloseBallotSerializer(TallyCodesSerializer):
    pass


class VoteSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(
        choices=CHOICES, help_text=_("yes: Đồng ý; no: Không đồng ý; abstain: Không biểu quyết.")
    )


class WrittenVoteSerializer(VoteSerializer):
    member = serializers.IntegerField(help_text=_("Mã số (id) của thành viên vắng mặt."))


class VoteAcceptedSerializer(serializers.Serializer):
    detail = serializers.CharField()
