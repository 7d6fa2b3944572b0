"""Serializers of the exemplary models API (`/api/models/`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.exemplars.models import Achievement, Exemplar, Field, Honour, Replication, Status, StatusEvent


class AchievementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Achievement
        fields = ["id", "title", "description", "achieved_on", "evidence"]
        read_only_fields = fields


class HonourSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Honour
        fields = ["id", "kind", "kind_label", "held_on", "title", "note"]
        read_only_fields = fields


class ReplicationSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Replication
        fields = ["id", "unit", "unit_name", "started_on", "result"]
        read_only_fields = fields


class ExemplarEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusEvent
        fields = ["from_status", "to_status", "on", "note"]
        read_only_fields = fields


class ExemplarSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Exemplar
        fields = [
            "id", "name", "unit", "unit_name", "field", "summary", "status", "status_label", "recognised_on",
            "started_on", "tags", "lock_version",
        ]  # fmt: skip
        read_only_fields = fields


class ExemplarDetailSerializer(ExemplarSerializer):
    achievements = AchievementSerializer(many=True, read_only=True)
    honours = HonourSerializer(many=True, read_only=True)
    replications = ReplicationSerializer(many=True, read_only=True)
    events = ExemplarEventSerializer(many=True, read_only=True)

    class Meta(ExemplarSerializer.Meta):
        fields = [
            *ExemplarSerializer.Meta.fields,
            "story",
            "achievements",
            "honours",
            "replications",
            "events",
        ]
        read_only_fields = fields


class ExemplarWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    unit = serializers.IntegerField(help_text=_("Id đơn vị xây dựng mô hình (chỉ khi tạo)."), required=False)
    field = serializers.ChoiceField(choices=Field.choices, required=False)
    summary = serializers.CharField(max_length=500, required=False, allow_blank=True)
    story = serializers.CharField(required=False, allow_blank=True)
    started_on = serializers.DateField(required=False, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(max_length=80), required=False)
    lock_version = serializers.IntegerField(
        required=False, help_text=_("Phiên bản đã đọc (bắt buộc khi sửa).")
    )


class StatusChangeSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Status.choices)
    on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    lock_version = serializers.IntegerField()
