"""Shapes of the statistics API: the query (same filters as the page) and the tallies."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdkt.awards.models import AwardKind, Level
from tdkt.reports.selectors import COLLECTIVE, INDIVIDUAL


class ReportQuerySerializer(serializers.Serializer):
    year_from = serializers.IntegerField(
        required=False, min_value=1945, max_value=2100, help_text=_("Từ năm (năm thành tích), ví dụ 2016")
    )
    year_to = serializers.IntegerField(
        required=False, min_value=1945, max_value=2100, help_text=_("Đến năm (năm thành tích), ví dụ 2020")
    )
    unit = serializers.IntegerField(
        required=False,
        help_text=_("Mã số (id) đơn vị: thống kê đơn vị đó, các đơn vị từng trực thuộc và đơn vị tiền thân"),
    )
    kind = serializers.SlugRelatedField(
        slug_field="code",
        queryset=AwardKind.objects.all(),
        required=False,
        help_text=_("Mã danh hiệu, hình thức, ví dụ CO_CP, HCLD1, LDTT"),
    )
    level = serializers.ChoiceField(choices=Level.choices, required=False, help_text=_("Cấp khen thưởng"))
    subject = serializers.ChoiceField(
        choices=[(INDIVIDUAL, _("Cá nhân")), (COLLECTIVE, _("Tập thể"))],
        required=False,
        help_text=_("Chỉ cá nhân hoặc chỉ tập thể; bỏ trống: cả hai"),
    )
    include_revoked = serializers.BooleanField(
        required=False, default=False, help_text=_("Tính cả khen thưởng đã bị hủy bỏ (mặc định: không)")
    )

    def validate(self, data):
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            raise serializers.ValidationError({"year_to": [_("“Đến năm” phải lớn hơn hoặc bằng “Từ năm”.")]})
        return data


class TallySerializer(serializers.Serializer):
    collectives = serializers.IntegerField(help_text=_("Số tập thể (không trùng)"))
    individuals = serializers.IntegerField(help_text=_("Số cá nhân (không trùng)"))
    collective_awards = serializers.IntegerField(help_text=_("Số lượt khen thưởng tập thể"))
    individual_awards = serializers.IntegerField(help_text=_("Số lượt khen thưởng cá nhân"))
    awards = serializers.IntegerField(help_text=_("Tổng số lượt"))


class KindTallySerializer(TallySerializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    category = serializers.CharField(help_text=_("title (danh hiệu) hoặc commendation (hình thức)"))


class YearTallySerializer(TallySerializer):
    year = serializers.IntegerField()


class LevelTallySerializer(TallySerializer):
    level = serializers.CharField()
    label = serializers.CharField()


class ReportFiltersSerializer(serializers.Serializer):
    year_from = serializers.IntegerField(allow_null=True)
    year_to = serializers.IntegerField(allow_null=True)
    unit = serializers.IntegerField(allow_null=True, source="unit.pk", default=None)
    kind = serializers.CharField(allow_null=True, source="kind.code", default=None)
    level = serializers.CharField()
    subject = serializers.CharField()
    include_revoked = serializers.BooleanField()


class ReportSerializer(serializers.Serializer):
    filters = ReportFiltersSerializer()
    total = TallySerializer()
    by_kind = KindTallySerializer(many=True)
    by_year = YearTallySerializer(many=True)
    by_level = LevelTallySerializer(many=True)


class OfficialFormQuerySerializer(serializers.Serializer):
    unit = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Mã số (id) đơn vị báo cáo; gồm đơn vị trực thuộc, tiền thân"),
    )
    year = serializers.IntegerField(min_value=1945, max_value=2100, help_text=_("Năm báo cáo, ví dụ 2025"))


class OfficialLineSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã dòng hoặc số cột như biểu in"))
    label = serializers.CharField()
    group = serializers.CharField(required=False, help_text=_("Nhóm cột (cột tách tập thể, cá nhân)"))


class OfficialRowSerializer(OfficialLineSerializer):
    cells = serializers.DictField(child=serializers.IntegerField(), help_text=_("Số lượt theo số cột"))


class OfficialGapSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class OfficialFormSerializer(serializers.Serializer):
    form = serializers.CharField(help_text=_("Mã biểu, ví dụ 0602.N/BNV-TĐKT"))
    title = serializers.CharField()
    unit = serializers.CharField()
    year = serializers.IntegerField()
    columns = OfficialLineSerializer(many=True)
    rows = OfficialRowSerializer(many=True)
    incomplete = OfficialGapSerializer(many=True, help_text=_("Bản ghi chưa đủ thông tin để xếp vào biểu"))


def official_form_data(result) -> dict:
    return {
        "form": result.form.code,
        "title": result.form.title,
        "unit": result.unit.name,
        "year": result.year,
        "columns": [{"code": c.code, "label": str(c.label), "group": str(c.group)} for c in result.columns],
        "rows": [
            {"code": row.code, "label": str(row.label), "cells": {col.code: value for col, value in values}}
            for row, values in result.table()
        ],
        "incomplete": [{"field": g.field, "label": g.label, "count": g.count} for g in result.incomplete],
    }
