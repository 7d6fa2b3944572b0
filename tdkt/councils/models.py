"""Councils, their meetings and secret ballots: one machinery for the Hội đồng Thi đua – Khen thưởng and
the initiative council (Hội đồng sáng kiến).

Ballot secrecy by construction (threat model in docs/architecture.md, "Secret ballots"): a vote writes a
receipt that says only that the member has voted, and drops a Paillier ciphertext of the choice into the
ballot box (`SealedVote`: a random UUID, the ballot, the ciphertext; no member, no time, no counter). The
counts exist only once the chair closes the ballot, decrypted from the product of all the ciphertexts with
a private key that is stored sealed (see `sealing.py`) and erased after the tally. These models are not in
the audit log.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.models import TimeStamped
from tdkt.org.models import Person, Unit


class Council(TimeStamped):
    class Kind(models.TextChoices):
        EMULATION = "tdkt", _("Hội đồng Thi đua – Khen thưởng")
        INITIATIVE = "sang_kien", _("Hội đồng sáng kiến")

    name = models.CharField(_("Tên hội đồng"), max_length=255)
    kind = models.CharField(_("Loại hội đồng"), max_length=10, choices=Kind.choices, default=Kind.EMULATION)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="councils", verbose_name=_("Đơn vị")
    )
    decision_number = models.CharField(_("Quyết định thành lập"), max_length=60, blank=True)
    is_active = models.BooleanField(_("Đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("Hội đồng")
        verbose_name_plural = _("Hội đồng")
        ordering = ["unit__code", "name"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chu_tich", _("Chủ tịch")
    VICE_CHAIR = "pho_chu_tich", _("Phó Chủ tịch")
    SECRETARY = "thu_ky", _("Thư ký")
    MEMBER = "uy_vien", _("Ủy viên")


class CouncilMember(TimeStamped):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="council_seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    role = models.CharField(
        _("Vai trò"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    term_from = models.DateField(_("Nhiệm kỳ từ"))
    term_to = models.DateField(_("Nhiệm kỳ đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thành viên hội đồng")
        verbose_name_plural = _("Thành viên hội đồng")
        ordering = ["council_id", "role", "person__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person", "term_from"], name="councilmember_unique_term"
            ),
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gt=F("term_from")),
                name="councilmember_term_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class Meeting(TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        OPEN = "open", _("Đang họp")
        CLOSED = "closed", _("Đã kết thúc")

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("Nội dung cuộc họp"), max_length=255)
    held_at = models.DateTimeField(_("Thời gian"))
    location = models.CharField(_("Địa điểm"), max_length=255, blank=True)
    agenda = models.TextField(_("Chương trình họp"), blank=True)
    status = models.CharField(_("Trạng thái"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    # Quorum as a share of all members (e.g. 2/3); a parameter because sector rules differ.
    quorum_ratio = models.DecimalField(
        _("Tỷ lệ tối thiểu có mặt"), max_digits=4, decimal_places=3, default=0.667
    )
    minutes_note = models.TextField(_("Ý kiến, kết luận ghi vào biên bản"), blank=True)
    # The meeting's ballot-box key: the Paillier public key n (decimal) every ballot of the meeting encrypts
    # to, and the private key sealed under the two tally codes of the chair and the secretary (set when the
    # meeting opens, stored nowhere); erased when the meeting closes (see `sealing`).
    public_key = models.TextField(blank=True, editable=False)
    sealed_key = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("Phiên họp")
        verbose_name_plural = _("Phiên họp")
        ordering = ["-held_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_ratio__gt=0) & Q(quorum_ratio__lte=1), name="meeting_quorum_ratio_range"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("Có mặt"), default=True)
    note = models.CharField(_("Ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Điểm danh")
        verbose_name_plural = _("Điểm danh")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.member} – {'có mặt' if self.present else 'vắng'}"


class VoteBase(models.TextChoices):
    ALL_MEMBERS = "members", _("Tổng số thành viên hội đồng")
    PRESENT = "present", _("Số thành viên có mặt")


class Ballot(TimeStamped):
    """A secret ballot on one candidate. Counters stay hidden until the chair closes it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang bỏ phiếu")
        CLOSED = "closed", _("Đã kiểm phiếu")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="ballots")
    subject = models.CharField(_("Nội dung bỏ phiếu"), max_length=500)
    award_code = models.CharField(_("Danh hiệu / hình thức"), max_length=20, blank=True)
    # What the ballot decides on, e.g. a proposal candidate or an initiative ("proposals.candidate:12").
    target = models.CharField(max_length=80, blank=True, db_index=True)
    candidate_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Thành viên này không được bỏ phiếu"),
    )
    threshold = models.DecimalField(_("Tỷ lệ đồng ý cần đạt"), max_digits=4, decimal_places=3)
    # False: at least the threshold ("từ 90 % trở lên"); True: more than it ("quá bán", > 50 %).
    strictly_above = models.BooleanField(_("Phải vượt quá tỷ lệ"), default=False)
    base = models.CharField(
        _("Tính trên"), max_length=8, choices=VoteBase.choices, default=VoteBase.ALL_MEMBERS
    )
    status = models.CharField(_("Trạng thái"), max_length=6, choices=Status.choices, default=Status.OPEN)
    # The counts: written once, at the tally; zero while the ballot is open.
    yes_count = models.PositiveIntegerField(default=0)
    no_count = models.PositiveIntegerField(default=0)
    abstain_count = models.PositiveIntegerField(default=0)
    # The Paillier public key n (decimal) the votes are encrypted to (the meeting's) and, once counted, the
    # published encrypted sum that anyone can recompute from the sealed votes. `sealed_key` is only for
    # ballots opened before meetings had keys (each had its own, sealed without the tally codes); erased
    # after the tally, always empty for newer ballots.
    public_key = models.TextField(blank=True, editable=False)
    sealed_key = models.TextField(blank=True, editable=False)
    encrypted_total = models.TextField(blank=True, editable=False)
    # Fixed when the ballot closes: the denominator and the outcome.
    members_count = models.PositiveIntegerField(null=True, blank=True)
    present_count = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("Phiếu bầu")
        verbose_name_plural = _("Phiếu bầu")
        ordering = ["meeting_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gt=0) & Q(threshold__lte=1), name="ballot_threshold_range"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(passed__isnull=False), name="ballot_closed_has_result"
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class BallotReceipt(models.Model):
    """That a member has voted on a ballot (in person or in writing), and nothing about how."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    in_writing = models.BooleanField(_("Phiếu bằng văn bản"), default=False)

    class Meta:
        verbose_name = _("Xác nhận đã bỏ phiếu")
        verbose_name_plural = _("Xác nhận đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="ballotreceipt_one_vote")]

    def __str__(self) -> str:
        return f"{self.member} đã bỏ phiếu"


class SealedVote(models.Model):
    """One vote in the ballot box: a ciphertext under the ballot's public key, and nothing else.

    The key is a random UUID (an autoincrement id would order the ballots like the receipts); there is no
    member, no timestamp, and the rows are never updated, ordered or decrypted one by one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="+")
    ciphertext = models.TextField(editable=False)

    class Meta:
        verbose_name = _("Phiếu kín đã mã hóa")
        verbose_name_plural = _("Phiếu kín đã mã hóa")
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.id)
