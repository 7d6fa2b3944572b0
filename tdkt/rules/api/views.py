"""The eligibility API: award history and eligibility of people and units, a unit's candidates, parameters.

People and units are fetched through `tdkt.org.permissions` (outsiders get 404, the object's existence is not
revealed); the parameters are for administrators (others get 403). Only the methods listed exist (405).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tdkt.api.audit import record_actor
from tdkt.api.permissions import SecondFactorVerified
from tdkt.api.serializers import ErrorSerializer, ValidationErrorSerializer
from tdkt.awards.history import person_history, unit_history
from tdkt.org import permissions
from tdkt.rules import selectors, services
from tdkt.rules.api.serializers import (
    CandidateQuerySerializer,
    CandidateReportSerializer,
    EligibilityQuerySerializer,
    EligibilitySerializer,
    HistorySerializer,
    ParameterUpdateSerializer,
    RuleSetSerializer,
)

TAG = ["Khen thưởng"]
READ_ERRORS = {400: ValidationErrorSerializer, 401: ErrorSerializer, 404: ErrorSerializer}
RULE_SET_PARAM = OpenApiParameter(
    "rule_set",
    str,
    OpenApiParameter.QUERY,
    required=False,
    description="Chỉ một bộ quy tắc (ví dụ LTDKT2022-ND98)",
)


class EligibilityAPIView(APIView):
    permission_classes = [IsAuthenticated, SecondFactorVerified]


def _history_data(history) -> dict:
    return HistorySerializer(
        {
            "awards": history.awards,
            "ratings": history.ratings,
            "recognitions": history.recognitions,
            "disciplines": history.disciplines,
            "review_periods": history.review_periods,
            "leaves": history.leaves,
            "cluster_results": history.cluster_results,
        }
    ).data


def _eligibility(request, subject) -> dict:
    query = EligibilityQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    year = query.validated_data.get("year") or services.default_review_year()
    award = query.validated_data.get("award")
    kind = "person" if subject.__class__.__name__ == "Person" else "collective"
    if award and not services.applies(award, kind):
        raise exceptions.ValidationError({"award": [_("Mã này không xét cho đối tượng này.")]})
    outlook = services.outlook(subject, year, [award] if award else None)
    return EligibilitySerializer({"review_year": year, "results": [i.verdict for i in outlook.items]}).data


class PersonAwardsView(EligibilityAPIView):
    @extend_schema(
        tags=TAG,
        summary="Lịch sử khen thưởng của cá nhân",
        description="Khen thưởng (kể cả đã hủy bỏ, có lý do), xếp loại hằng năm, sáng kiến và kỷ luật.",
        responses={200: HistorySerializer, 401: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        person = permissions.access_person(request.user, pk)
        return Response(
            _history_data(person_history(person, permissions.visible_years(request.user, person)))
        )


class UnitAwardsView(EligibilityAPIView):
    @extend_schema(
        tags=TAG,
        summary="Lịch sử khen thưởng của tập thể",
        description="Khen thưởng của đơn vị (giữ nguyên qua các lần đổi tên) và kết quả nhiệm vụ hằng năm.",
        responses={200: HistorySerializer, 401: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        return Response(_history_data(unit_history(permissions.access_unit(request.user, pk))))


class PersonEligibilityView(EligibilityAPIView):
    @extend_schema(
        tags=TAG,
        summary="Điều kiện khen thưởng của cá nhân",
        description=(
            "Với mỗi danh hiệu, hình thức (hoặc chỉ `award`): kết quả, từng tiêu chuẩn với "
            "căn cứ pháp lý, những gì còn thiếu và năm sớm nhất có thể đạt."
        ),
        parameters=[EligibilityQuerySerializer],
        responses={200: EligibilitySerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        person = permissions.access_person(request.user, pk)
        if permissions.visible_years(request.user, person) is not None:
            raise exceptions.NotFound(
                _(
                    "Cá nhân này đã chuyển khỏi đơn vị của bạn: việc xét khen thưởng do đơn vị hiện nay thực hiện."
                )
            )
        return Response(_eligibility(request, person))


class UnitEligibilityView(EligibilityAPIView):
    @extend_schema(
        tags=TAG,
        summary="Điều kiện khen thưởng của tập thể",
        description="Như với cá nhân, cho các danh hiệu tập thể và hình thức khen thưởng.",
        parameters=[EligibilityQuerySerializer],
        responses={200: EligibilitySerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(_eligibility(request, permissions.access_unit(request.user, pk)))


class CandidatesView(EligibilityAPIView):
    @extend_schema(
        tags=TAG,
        summary="Danh sách xét khen thưởng của đơn vị",
        description=(
            "Cá nhân và tập thể trực thuộc đơn vị vào ngày 31/12 của năm, xét từng danh hiệu, "
            "hình thức (hoặc chỉ `award`), kèm cảnh báo tỷ lệ."
        ),
        parameters=[CandidateQuerySerializer],
        responses={200: CandidateReportSerializer, **READ_ERRORS},
    )
    def get(self, request):
        query = CandidateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        unit = permissions.access_unit(request.user, data["unit"])
        year = data.get("year") or services.default_review_year()
        report = services.candidates(unit, year, data.get("award"), data.get("verdict"))
        return Response(CandidateReportSerializer(report).data)


class ParametersView(EligibilityAPIView):
    def _require_admin(self, request):
        if not permissions.is_admin(request.user):
            raise exceptions.PermissionDenied(_("Chỉ Quản trị hệ thống được xem và sửa tham số quy tắc."))

    @extend_schema(
        tags=TAG,
        summary="Tham số quy tắc",
        description="Mọi tham số của từng bộ quy tắc: giá trị, độ tin cậy, căn cứ. Dành cho Quản trị hệ thống.",
        parameters=[RULE_SET_PARAM],
        responses={200: RuleSetSerializer(many=True), 401: ErrorSerializer, 403: ErrorSerializer},
    )
    def get(self, request):
        self._require_admin(request)
        return Response(
            RuleSetSerializer(selectors.parameter_sets(request.query_params.get("rule_set")), many=True).data
        )

    @extend_schema(
        tags=TAG,
        summary="Sửa một tham số quy tắc",
        description=(
            "Đặt giá trị (kèm căn cứ) cho một tham số của một bộ quy tắc, hoặc `reset` về mặc "
            "định. Trả về bộ quy tắc sau khi sửa. Mọi thay đổi được ghi nhật ký."
        ),
        request=ParameterUpdateSerializer,
        responses={
            200: RuleSetSerializer,
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
        },
    )
    def put(self, request):
        self._require_admin(request)
        body = ParameterUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        record_actor(request)
        try:
            if data["reset"]:
                services.reset_parameter(rule_set=data["rule_set"], key=data["key"], actor=request.user)
            else:
                if "value" not in data:
                    raise exceptions.ValidationError({"value": [_("Nhập giá trị mới.")]})
                services.set_parameter(
                    rule_set=data["rule_set"],
                    key=data["key"],
                    value=data["value"],
                    note=data.get("note", ""),
                    actor=request.user,
                )
        except DjangoValidationError as error:
            detail = (
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            )
            raise exceptions.ValidationError(detail) from None
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from None
        return Response(RuleSetSerializer(selectors.parameter_sets(data["rule_set"])[0]).data)
