"""The surveys API: surveys with their questionnaire, aggregate results and `branch-index` for scoring.

Every queryset starts from `permissions.visible_surveys`: an outsider gets 404. Nothing here returns a
single enterprise's answers or who answered.
"""

from dataclasses import asdict

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tdkt.api.pagination import StandardPagination
from tdkt.api.permissions import SecondFactorVerified
from tdkt.api.serializers import ErrorSerializer, ValidationErrorSerializer
from tdkt.org.permissions import access_unit
from tdkt.surveys import permissions, selectors
from tdkt.surveys.api.serializers import (
    BranchIndexSerializer,
    ResultsSerializer,
    SurveyDetailSerializer,
    SurveySerializer,
)
from tdkt.surveys.filters import SurveyFilter
from tdkt.surveys.results import survey_results

TAG = ["Khảo sát doanh nghiệp"]
READ_ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}


def _stat(stat):
    return None if stat is None else asdict(stat)


def results_body(results) -> dict:
    return {
        "survey": results.survey.pk,
        "invited": results.invited,
        "responded": results.responded,
        "response_rate": results.response_rate,
        "overall": _stat(results.overall),
        "components": {code: _stat(s) for code, s in results.component_stats.items()},
        "previous_survey": results.previous.pk if results.previous else None,
        "version_changed": results.version_changed,
        "branches": [
            {
                "unit": b.unit_id,
                "name": b.name,
                "respondents": b.respondents,
                "published": b.published,
                "rank": b.rank,
                "overall": _stat(b.overall) if b.published else None,
                "components": {c: _stat(s) for c, s in b.components.items()} if b.published else {},
                "previous": b.previous if b.published else None,
                "comments": b.comments,
            }
            for b in results.branches
        ],
    }


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách cuộc khảo sát",
        description="Các cuộc khảo sát người dùng được xem, năm mới nhất trước; lọc như trên trang Khảo sát.",
        responses={200: SurveySerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG,
        summary="Cuộc khảo sát và bảng hỏi",
        description="Các chỉ số thành phần với trọng số, câu hỏi (thang điểm, lựa chọn, ý kiến tự do), chi cục được đánh giá.",
        responses={200: SurveyDetailSerializer, **READ_ERRORS},
    ),
)
class SurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = SurveyFilter
    lookup_value_regex = r"\d+"

    def get_serializer_class(self):
        return SurveyDetailSerializer if self.action == "retrieve" else SurveySerializer

    def get_queryset(self):
        qs = permissions.visible_surveys(self.request.user).select_related("unit")
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                "components", "questions__choices", "questions__component", "branches__unit"
            )
        return qs.order_by("-year", "unit__code", "id")

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise exceptions.NotFound()
        return obj

    @extend_schema(
        tags=TAG,
        summary="Kết quả khảo sát (tổng hợp)",
        description=(
            "Tỷ lệ phản hồi, chỉ số chung và 8 chỉ số thành phần (0–100) với khoảng tin cậy 95 %, xếp hạng chi "
            "cục, so sánh với năm trước, ý kiến theo chi cục. Chi cục chưa đủ số phiếu tối thiểu không có chỉ "
            "số và ý kiến."
        ),
        responses={200: ResultsSerializer, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def results(self, request, pk=None):
        return Response(results_body(survey_results(self.get_object())))

    @extend_schema(
        tags=TAG,
        summary="Chỉ số CDCI của một chi cục trong năm",
        description="Dùng cho chấm điểm thi đua: chỉ số chung, khoảng tin cậy, hạng. 404 khi chưa có kết quả công bố.",
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.INT, required=True, description="Mã (id) đơn vị."),
            OpenApiParameter("year", OpenApiTypes.INT, required=True, description="Năm khảo sát."),
        ],
        responses={200: BranchIndexSerializer, 400: ValidationErrorSerializer, **READ_ERRORS},
    )
    @action(detail=False, methods=["get"], url_path="branch-index", filter_backends=[], pagination_class=None)
    def branch_index(self, request):
        unit, year = request.query_params.get("unit", ""), request.query_params.get("year", "")
        errors = {
            k: [_("Phải là một số nguyên.")] for k, v in (("unit", unit), ("year", year)) if not v.isdigit()
        }
        if errors:
            raise exceptions.ValidationError(errors)
        access_unit(request.user, int(unit))
        index = selectors.branch_index(int(unit), int(year))
        if index is None:
            raise exceptions.NotFound(_("Chưa có chỉ số CDCI được công bố của đơn vị trong năm này."))
        return Response(BranchIndexSerializer(asdict(index)).data)
