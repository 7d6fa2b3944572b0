"""Serializers of the surveys API: the questionnaire and aggregate results (never a single response)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.surveys.models import Choice, Component, Question, Survey, SurveyBranch


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["id", "label", "score"]
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    component = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "order", "component", "text", "kind", "scale_max", "reverse", "required", "choices"]
        read_only_fields = fields


class ComponentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Component
        fields = ["code", "name", "weight", "order"]
        read_only_fields = fields


class BranchSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = SurveyBranch
        fields = ["id", "unit", "unit_name"]
        read_only_fields = fields


class SurveySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id", "unit", "unit_name", "year", "title", "version", "status", "status_label", "opens_on",
            "closes_on", "max_branches", "min_cell_size",
        ]  # fmt: skip
        read_only_fields = fields


class SurveyDetailSerializer(SurveySerializer):
    components = ComponentSerializer(many=True, read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)
    branches = BranchSerializer(many=True, read_only=True)

    class Meta(SurveySerializer.Meta):
        fields = [*SurveySerializer.Meta.fields, "components", "questions", "branches"]
        read_only_fields = fields


class StatSerializer(serializers.Serializer):
    mean = serializers.FloatField(allow_null=True, help_text=_("Chỉ số trên thang 0–100."))
    low = serializers.FloatField(allow_null=True, help_text=_("Cận dưới khoảng tin cậy 95 %."))
    high = serializers.FloatField(allow_null=True, help_text=_("Cận trên khoảng tin cậy 95 %."))
    n = serializers.IntegerField(help_text=_("Số phiếu."))


class BranchResultSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    name = serializers.CharField()
    respondents = serializers.IntegerField()
    published = serializers.BooleanField(
        help_text=_("False khi chưa đủ số phiếu tối thiểu: không có chỉ số.")
    )
    rank = serializers.IntegerField(allow_null=True)
    overall = StatSerializer(allow_null=True)
    components = serializers.DictField(child=StatSerializer(), help_text=_("Theo mã chỉ số thành phần."))
    previous = serializers.FloatField(allow_null=True, help_text=_("Chỉ số chung năm trước."))
    comments = serializers.ListField(child=serializers.CharField())


class ResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField()
    invited = serializers.IntegerField()
    responded = serializers.IntegerField()
    response_rate = serializers.FloatField(
        allow_null=True, help_text=_("Phần trăm doanh nghiệp đã gửi phiếu.")
    )
    overall = StatSerializer()
    components = serializers.DictField(child=StatSerializer())
    previous_survey = serializers.IntegerField(allow_null=True)
    version_changed = serializers.BooleanField(
        help_text=_("Bảng hỏi khác năm trước: so sánh chỉ để tham khảo.")
    )
    branches = BranchResultSerializer(many=True)


class BranchIndexSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    year = serializers.IntegerField()
    survey_id = serializers.IntegerField()
    overall = serializers.FloatField()
    low = serializers.FloatField(allow_null=True)
    high = serializers.FloatField(allow_null=True)
    respondents = serializers.IntegerField()
    rank = serializers.IntegerField()
    of = serializers.IntegerField(help_text=_("Số chi cục được xếp hạng."))
    components = serializers.DictField(child=serializers.FloatField())
