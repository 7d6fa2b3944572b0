"""The statistics API: the same tallies as the statistics page, within the units the user may see."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tdkt.api.permissions import SecondFactorVerified
from tdkt.api.serializers import ErrorSerializer, ValidationErrorSerializer
from tdkt.org import permissions
from tdkt.reports.api.serializers import (
    OfficialFormQuerySerializer,
    OfficialFormSerializer,
    ReportQuerySerializer,
    ReportSerializer,
    official_form_data,
)
from tdkt.reports.official import FORMS, compute
from tdkt.reports.selectors import ReportFilter, award_report


class AwardReportView(APIView):
    permission_classes = [IsAuthenticated, SecondFactorVerified]

    @extend_schema(
        tags=["Thống kê"],
        summary="Thống kê khen thưởng",
        description=(
            "Số tập thể, cá nhân và số lượt khen thưởng theo danh hiệu/hình thức, theo năm và theo cấp, "
            "trong phạm vi đơn vị người dùng được xem. Khen thưởng đã hủy bỏ không được tính, trừ khi "
            "include_revoked=true. Lọc theo đơn vị gồm cả các đơn vị từng trực thuộc và đơn vị tiền thân; "
            "khen thưởng cá nhân được tính khi người đó là thành viên đơn vị trong năm được khen."
        ),
        parameters=[ReportQuerySerializer],
        responses={
            200: ReportSerializer,
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request):
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        unit = permissions.access_unit(request.user, data["unit"]) if data.get("unit") is not None else None
        filters = ReportFilter(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            unit=unit,
            kind=data.get("kind"),
            level=data.get("level", ""),
            subject=data.get("subject", ""),
            include_revoked=data.get("include_revoked", False),
        )
        report = award_report(filters, permissions.visible_unit_ids(request.user))
        return Response(ReportSerializer(report).data)


class OfficialFormView(APIView):
    permission_classes = [IsAuthenticated, SecondFactorVerified]

    @extend_schema(
        tags=["Thống kê"],
        summary="Biểu mẫu thống kê (Thông tư 02/2023/TT-BNV)",
        description=(
            "Biểu 0602.N/BNV-TĐKT (khen thưởng cấp Nhà nước) hoặc 0603.N/BNV-TĐKT (khen thưởng cấp bộ) "
            "của một đơn vị (gồm đơn vị trực thuộc, tiền thân) trong một năm báo cáo, tính theo ngày ký "
            "quyết định, trong phạm vi người dùng được xem. Bản ghi thiếu thông tin được liệt kê trong "
            "`incomplete`, không bị tính vào dòng khác."
        ),
        parameters=[OfficialFormQuerySerializer],
        responses={200: OfficialFormSerializer, 400: ValidationErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request, code: str):
        form = FORMS.get(code)
        if form is None:
            raise NotFound(_("Không có biểu này."))
        query = OfficialFormQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        unit = permissions.access_unit(request.user, query.validated_data["unit"])
        result = compute(form, unit, query.validated_data["year"], permissions.visible_unit_ids(request.user))
        return Response(official_form_data(result))
