"""Organisation: an effective-dated unit tree, people, positions, memberships, roles on subtrees.

A `Unit` is the lasting identity of an organisational unit (its code, kind, and the dates it existed).
Its name and place in the tree over time are `UnitVersion` rows, each valid on [valid_from, valid_to).
A rename or a move adds a version to the same unit, so the unit's award history stays attached to it.
Merges and splits create new units; `UnitEvent` rows link predecessors to successors, so history
follows a unit through any restructuring (e.g. Vietnam Customs on 1 March 2025).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.models import TimeStamped, Versioned
from tdkt.core.text import fold, nfc, person_sort_key


class UnitKind(models.TextChoices):
    MINISTRY = "bo", _("Bộ")
    GENERAL_DEPARTMENT = "tong_cuc", _("Tổng cục")
    DEPARTMENT = "cuc", _("Cục")
    STAFF_BODY = "vu_ban", _("Vụ, Ban, Văn phòng")
    SUB_DEPARTMENT = "chi_cuc", _("Chi cục")
    BORDER_OFFICE = "hai_quan", _("Hải quan cửa khẩu, ngoài cửa khẩu")
    OFFICE = "phong", _("Phòng")
    TEAM = "doi", _("Đội")
    GROUP = "to", _("Tổ")
    OTHER = "khac", _("Khác")


def _valid_interval(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
        name=f"{prefix}_valid_to_after_valid_from",
        violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
    )


class Unit(TimeStamped, Versioned):
    code = models.CharField(_("Mã đơn vị"), max_length=40, unique=True)
    kind = models.CharField(_("Loại đơn vị"), max_length=20, choices=UnitKind.choices)
    # The latest version's values, kept by the services for fast lists; dated values live in UnitVersion.
    name = models.CharField(_("Tên đơn vị"), max_length=255)
    short_name = models.CharField(_("Tên viết tắt"), max_length=80, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("Hiệu lực từ"))
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Đơn vị")
        verbose_name_plural = _("Đơn vị")
        ordering = ["code"]
        constraints = [
            _valid_interval("unit"),
            models.CheckConstraint(condition=~Q(name=""), name="unit_name_not_empty"),
            models.CheckConstraint(condition=~Q(code=""), name="unit_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.search_text = fold(f"{self.code} {self.name} {self.short_name}")
        super().save(*args, **kwargs)

    def is_active_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class UnitVersion(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="versions", verbose_name=_("Đơn vị")
    )
    name = models.CharField(_("Tên đơn vị"), max_length=255)
    short_name = models.CharField(_("Tên viết tắt"), max_length=80, blank=True)
    parent = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_versions",
    )
    valid_from = models.DateField(_("Hiệu lực từ"))
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("Phiên bản đơn vị")
        verbose_name_plural = _("Phiên bản đơn vị")
        ordering = ["unit_id", "valid_from"]
        constraints = [
            _valid_interval("unitversion"),
            models.UniqueConstraint(fields=["unit", "valid_from"], name="unitversion_one_per_start"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="unitversion_one_open"
            ),
            models.CheckConstraint(condition=~Q(parent=F("unit")), name="unitversion_not_own_parent"),
        ]
        indexes = [
            models.Index(fields=["parent", "valid_from", "valid_to"], name="unitversion_parent_dates"),
            models.Index(fields=["valid_from", "valid_to"], name="unitversion_dates"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.name} ({self.valid_from:%d/%m/%Y} – {self.valid_to:%d/%m/%Y})"
            if self.valid_to
            else self.name
        )

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        super().save(*args, **kwargs)


class UnitEventKind(models.TextChoices):
    ESTABLISH = "establish", _("Thành lập")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Chuyển đơn vị chủ quản")
    MERGE = "merge", _("Sáp nhập, hợp nhất")
    SPLIT = "split", _("Chia tách")
    DISSOLVE = "dissolve", _("Giải thể")


class UnitEvent(TimeStamped):
    """A restructuring step, with the decision that ordered it. Append-only."""

    kind = models.CharField(_("Loại sự kiện"), max_length=20, choices=UnitEventKind.choices)
    date = models.DateField(_("Ngày hiệu lực"))
    decision = models.CharField(_("Văn bản"), max_length=120, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("Sự kiện tổ chức")
        verbose_name_plural = _("Sự kiện tổ chức")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class UnitEventLink(models.Model):
    class Role(models.TextChoices):
        PREDECESSOR = "predecessor", _("Đơn vị trước")
        SUCCESSOR = "successor", _("Đơn vị sau")

    event = models.ForeignKey(UnitEvent, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="event_links")
    role = models.CharField(max_length=12, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "unit", "role"], name="uniteventlink_unique"),
            models.CheckConstraint(
                condition=Q(role__in=["predecessor", "successor"]), name="uniteventlink_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["unit", "role"], name="uniteventlink_unit_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.unit}"


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class Person(TimeStamped, Versioned):
    family_name = models.CharField(_("Họ"), max_length=60)
    middle_name = models.CharField(_("Tên đệm"), max_length=80, blank=True)
    given_name = models.CharField(_("Tên"), max_length=60)
    full_name = models.CharField(_("Họ và tên"), max_length=200, editable=False)
    gender = models.CharField(_("Giới tính"), max_length=3, choices=Gender.choices)
    date_of_birth = models.DateField(_("Ngày sinh"), null=True, blank=True)
    staff_code = models.CharField(_("Mã cán bộ"), max_length=30, null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Cá nhân")
        verbose_name_plural = _("Cá nhân")
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff_code"],
                condition=Q(staff_code__isnull=False),
                name="person_staff_code_unique",
                violation_error_message=_("Mã cán bộ này đã được dùng cho người khác."),
            ),
            models.CheckConstraint(condition=~Q(given_name=""), name="person_given_name_not_empty"),
            models.CheckConstraint(condition=~Q(family_name=""), name="person_family_name_not_empty"),
            models.CheckConstraint(condition=Q(gender__in=["nam", "nu"]), name="person_gender_valid"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.compute_derived()
        super().save(*args, **kwargs)

    def compute_derived(self) -> "Person":
        """NFC names and the stored full name, search and sort columns (also for bulk_create)."""
        self.family_name, self.middle_name, self.given_name = (
            nfc(self.family_name),
            nfc(self.middle_name),
            nfc(self.given_name),
        )
        self.full_name = " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)
        self.search_text = fold(f"{self.full_name} {self.staff_code or ''}")
        self.sort_key = person_sort_key(self.family_name, self.middle_name, self.given_name)
        return self


class Position(TimeStamped):
    """A post (chức vụ). `grade` orders seniority (higher is more senior); leadership posts count
    toward long-service commendation by post."""

    code = models.SlugField(_("Mã chức vụ"), max_length=40, unique=True)
    name = models.CharField(_("Tên chức vụ"), max_length=120)
    grade = models.PositiveSmallIntegerField(_("Bậc"), default=0)
    is_leadership = models.BooleanField(_("Chức vụ lãnh đạo"), default=False)

    class Meta:
        verbose_name = _("Chức vụ")
        verbose_name_plural = _("Chức vụ")
        ordering = ["-grade", "name"]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStamped):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Cá nhân")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Đơn vị")
    )
    position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Chức vụ"),
    )
    valid_from = models.DateField(_("Từ ngày"))
    valid_to = models.DateField(_("Đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("Quá trình công tác")
        verbose_name_plural = _("Quá trình công tác")
        ordering = ["person_id", "-valid_from"]
        constraints = [
            _valid_interval("membership"),
            models.UniqueConstraint(fields=["person", "unit", "valid_from"], name="membership_unique_start"),
            models.UniqueConstraint(
                fields=["person"], condition=Q(valid_to__isnull=True), name="membership_one_current"
            ),
        ]
        indexes = [models.Index(fields=["unit", "valid_from", "valid_to"], name="membership_unit_dates")]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit}"


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    OFFICER = "officer", _("Cán bộ TĐKT")
    LEADER = "leader", _("Lãnh đạo đơn vị")
    COUNCIL_MEMBER = "council", _("Thành viên Hội đồng")
    UNION_OBSERVER = "union", _("Giám sát Công đoàn")
    STAFF = "staff", _("Cán bộ, công chức")


class RoleAssignment(TimeStamped):
    """A role held on the subtree under `unit` (its current and former sub-units)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tdkt_roles")
    role = models.CharField(_("Vai trò"), max_length=10, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("Phạm vi")
    )

    class Meta:
        verbose_name = _("Phân quyền")
        verbose_name_plural = _("Phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="roleassignment_unique"),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="roleassignment_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
