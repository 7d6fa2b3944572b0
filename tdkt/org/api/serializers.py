"""Serializers of the organisation API: units (and their dated tree), people, memberships."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tdkt.org.models import (
    Gender,
    Membership,
    Person,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitEventLink,
    UnitVersion,
)

# Units -----------------------------------------------------------------------------------------------


class UnitSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, label=_("Tên loại đơn vị"))
    url = serializers.HyperlinkedIdentityField(view_name="unit-detail", read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "parent",
            "valid_from",
            "valid_to",
            "lock_version",
            "url",
        ]
        read_only_fields = fields
        extra_kwargs = {"parent": {"help_text": _("Mã số (id) của đơn vị cấp trên hiện tại.")}}


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "short_name", "kind", "valid_from", "valid_to"]
        read_only_fields = fields


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class UnitOnDateSerializer(serializers.ModelSerializer):
    """Đơn vị vào một ngày: tên và đơn vị cấp trên của ngày đó."""

    id = serializers.IntegerField(source="unit_id", read_only=True)
    code = serializers.CharField(source="unit.code", read_only=True)
    kind = serializers.CharField(source="unit.kind", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = UnitVersion
        fields = ["id", "code", "name", "short_name", "kind", "parent", "valid_from", "valid_to"]
        read_only_fields = fields


class TreeNodeSerializer(serializers.Serializer):
    """Một nút của cây đơn vị (selectors.tree_on); `children` là các nút cấp dưới cùng dạng."""

    id = serializers.IntegerField(source="unit.pk", read_only=True)
    code = serializers.CharField(source="unit.code", read_only=True)
    name = serializers.CharField(read_only=True, help_text=_("Tên vào ngày được hỏi."))
    short_name = serializers.CharField(read_only=True)
    kind = serializers.CharField(source="unit.kind", read_only=True)
    depth = serializers.IntegerField(read_only=True)

    class Meta:
        ref_name = "UnitTreeNode"


TreeNodeSerializer._declared_fields["children"] = TreeNodeSerializer(many=True, read_only=True)


class UnitVersionSerializer(serializers.ModelSerializer):
    parent = UnitRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = UnitVersion
        fields = ["name", "short_name", "parent", "valid_from", "valid_to"]
        read_only_fields = fields


class UnitEventSerializer(serializers.ModelSerializer):
    # A plain string, not an enum: a second enum named "kind" (besides UnitKind) would collide in the schema.
    kind = serializers.CharField(
        read_only=True,
        help_text="; ".join(f"{value}: {label}" for value, label in UnitEventKind.choices),
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    predecessors = serializers.SerializerMethodField()
    successors = serializers.SerializerMethodField()

    class Meta:
        model = UnitEvent
        fields = ["id", "kind", "kind_label", "date", "decision", "note", "predecessors", "successors"]
        read_only_fields = fields

    def _linked(self, event, role):
        # links are prefetched with their units (selectors.unit_events): no query per event.
        units = sorted((link.unit for link in event.links.all() if link.role == role), key=lambda u: u.code)
        return UnitBriefSerializer(units, many=True).data

    @extend_schema_field(UnitBriefSerializer(many=True))
    def get_predecessors(self, event):
        return self._linked(event, UnitEventLink.Role.PREDECESSOR)

    @extend_schema_field(UnitBriefSerializer(many=True))
    def get_successors(self, event):
        return self._linked(event, UnitEventLink.Role.SUCCESSOR)


class UnitHistorySerializer(serializers.Serializer):
    unit = UnitBriefSerializer(read_only=True)
    versions = UnitVersionSerializer(many=True, read_only=True)
    events = UnitEventSerializer(many=True, read_only=True)


class RenameUnitSerializer(serializers.Serializer):
    name = serializers.CharField(label=_("Tên mới"), max_length=255)
    short_name = serializers.CharField(
        label=_("Tên viết tắt mới"),
        max_length=80,
        required=False,
        allow_blank=True,
        help_text=_("Bỏ trống trường này để giữ tên viết tắt hiện tại."),
    )
    on = serializers.DateField(label=_("Ngày hiệu lực"))
    decision = serializers.CharField(
        label=_("Văn bản (quyết định)"), max_length=120, required=False, allow_blank=True
    )
    lock_version = serializers.IntegerField(
        label=_("Phiên bản"), min_value=1, help_text=_("lock_version của đơn vị khi đọc; sai lệch → 409.")
    )


class OnDateQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text=_("Ngày cần xem (YYYY-MM-DD); mặc định hôm nay."))


# People ----------------------------------------------------------------------------------------------


class PositionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class MembershipSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    position = PositionRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = ["id", "unit", "position", "valid_from", "valid_to"]
        read_only_fields = fields


def _current(person) -> Membership | None:
    """The membership the view prefetched as current (`current_memberships`), newest first."""
    current = getattr(person, "current_memberships", None)
    return current[0] if current else None


class PersonSerializer(serializers.ModelSerializer):
    gender_label = serializers.CharField(source="get_gender_display", read_only=True)
    current_unit = serializers.SerializerMethodField()
    current_position = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="person-detail", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "family_name",
            "middle_name",
            "given_name",
            "full_name",
            "gender",
            "gender_label",
            "date_of_birth",
            "staff_code",
            "current_unit",
            "current_position",
            "lock_version",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(UnitRefSerializer(allow_null=True))
    def get_current_unit(self, person):
        membership = _current(person)
        return {"id": membership.unit_id, "name": membership.unit.name} if membership else None

    @extend_schema_field(PositionRefSerializer(allow_null=True))
    def get_current_position(self, person):
        membership = _current(person)
        if membership is None or membership.position is None:
            return None
        return {"id": membership.position_id, "name": membership.position.name}


class PersonDetailSerializer(PersonSerializer):
    memberships = MembershipSerializer(source="all_memberships", many=True, read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "memberships"]
        read_only_fields = fields


class PersonUpdateSerializer(serializers.Serializer):
    """Các trường cần sửa (tùy chọn) và luôn kèm lock_version đã đọc."""

    family_name = serializers.CharField(label=_("Họ"), max_length=60, required=False)
    middle_name = serializers.CharField(label=_("Tên đệm"), max_length=80, required=False, allow_blank=True)
    given_name = serializers.CharField(label=_("Tên"), max_length=60, required=False)
    gender = serializers.ChoiceField(label=_("Giới tính"), choices=Gender.choices, required=False)
    date_of_birth = serializers.DateField(label=_("Ngày sinh"), required=False, allow_null=True)
    staff_code = serializers.CharField(
        label=_("Mã cán bộ"), max_length=30, required=False, allow_blank=True, allow_null=True
    )
    lock_version = serializers.IntegerField(
        label=_("Phiên bản"), min_value=1, help_text=_("lock_version của cá nhân khi đọc; sai lệch → 409.")
    )

    def validate_staff_code(self, value):
        # Also enforced by a unique constraint, whose own message is not meant for users.
        if not value:
            return value
        person = self.context.get("person")
        if Person.objects.filter(staff_code=value).exclude(pk=getattr(person, "pk", None)).exists():
            raise serializers.ValidationError(
                _("Mã cán bộ %(code)s đã được dùng cho người khác.") % {"code": value}
            )
        return value
