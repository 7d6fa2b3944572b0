"""The decisions API: the register, a decision with its lines, drafting, issuing, revocation, totals.

Every decision is fetched through `tdkt.decisions.permissions` (outsiders get 404, the decision's existence is
not revealed); an action the user may see but not take is answered 403; a stale `lock_version` 409. Only
the methods listed exist (405).
"""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tdkt.api.audit import record_actor
from tdkt.api.pagination import StandardPagination
from tdkt.api.permissions import SecondFactorVerified
from tdkt.api.serializers import ErrorSerializer, ValidationErrorSerializer
from tdkt.decisions import permissions, selectors, services
from tdkt.decisions.api.serializers import (
    DecisionCreateSerializer,
    DecisionDetailSerializer,
    DecisionSerializer,
    IssueSerializer,
    LineCreateSerializer,
    LineSerializer,
    LockSerializer,
    RevokeSerializer,
    TotalsQuerySerializer,
    TotalsSerializer,
)
from tdkt.decisions.filters import DecisionFilter
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.org import permissions as org_permissions

TAG = ["Quyết định khen thưởng"]
READ_ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {
    400: ValidationErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    409: ErrorSerializer,
}


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Sổ quyết định khen thưởng",
        description="Các quyết định người dùng được xem, mới nhất trước; lọc theo cơ quan ban hành, năm, trạng thái.",
        responses={200: DecisionSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG,
        summary="Chi tiết quyết định",
        description="Quyết định với danh sách kèm theo (hệ số, tiền thưởng của từng dòng).",
        responses={200: DecisionDetailSerializer, **READ_ERRORS},
    ),
    create=extend_schema(
        tags=TAG,
        summary="Lập dự thảo quyết định",
        description=(
            "Cán bộ TĐKT lập dự thảo. Với `proposal` (hồ sơ đã được Hội đồng đề nghị khen), danh sách gồm các "
            "đối tượng được xét đạt."
        ),
        request=DecisionCreateSerializer,
        responses={201: DecisionDetailSerializer, **WRITE_ERRORS},
    ),
)
class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    pagination_class = StandardPagination
    serializer_class = DecisionSerializer
    queryset = Decision.objects.all()  # narrowed to the user's scope in get_queryset
    lookup_value_regex = r"\d+"
    filter_backends = [DjangoFilterBackend]
    filterset_class = DecisionFilter

    def get_queryset(self):
        return permissions.visible_decisions(self.request.user)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return selectors.register(super().filter_queryset(queryset))

    def get_object(self) -> Decision:
        return permissions.access_decision(self.request.user, self.kwargs["pk"])

    def get_serializer_class(self):
        return DecisionDetailSerializer if self.action == "retrieve" else DecisionSerializer

    def _detail(self, decision, code=status.HTTP_200_OK):
        decision = Decision.objects.select_related("issuer").get(pk=decision.pk)
        return Response(DecisionDetailSerializer(decision).data, status=code)

    def create(self, request):
        if not permissions.can_create(request.user):
            raise exceptions.PermissionDenied(_("Chỉ Cán bộ TĐKT được lập quyết định."))
        body = DecisionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        proposal = None
        if data.get("proposal"):
            proposal = permissions.proposals_for(request.user).filter(pk=data["proposal"]).first()
            if proposal is None:
                raise exceptions.ValidationError(
                    {
                        "proposal": [
                            _("Không có hồ sơ này trong số hồ sơ đã được đề nghị khen, chưa có quyết định.")
                        ]
                    }
                )
        if not permissions.can_prepare_for(request.user, issuer=data["issuer"], proposal=proposal):
            raise exceptions.PermissionDenied(_("Bạn không có quyền lập quyết định của cơ quan này."))
        record_actor(request)
        decision = services.create_decision(
            issuer=data["issuer"],
            summary=data["summary"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            authority=data.get("authority", ""),
            legal_bases=data.get("legal_bases", []),
            recipients=data.get("recipients", []),
            proposal=proposal,
            actor=request.user,
        )
        return self._detail(decision, status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Danh sách kèm theo / thêm một dòng",
        description=(
            "GET: các dòng của quyết định. POST: thêm một cá nhân hoặc tập thể vào dự thảo (Cán bộ TĐKT); gửi "
            "`lock_version` của quyết định đã đọc, nếu người khác đã sửa thì trả 409."
        ),
        request=LineCreateSerializer,
        responses={200: LineSerializer(many=True), 201: LineSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def lines(self, request, pk=None):
        decision = self.get_object()
        if request.method == "GET":
            lines = decision.lines.select_related("award_kind", "award").order_by("order", "id")
            return Response(LineSerializer(lines, many=True).data)
        if not permissions.can_prepare(request.user, decision):
            raise exceptions.PermissionDenied(_("Chỉ sửa được dự thảo, và chỉ Cán bộ TĐKT trong phạm vi."))
        body = LineCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        person = unit = None
        if data.get("person"):
            person = org_permissions.access_person(request.user, data["person"])
        else:
            unit = org_permissions.access_unit(request.user, data["unit"])
        record_actor(request)
        line = services.add_line(
            decision=decision,
            award_kind=data["award_kind"],
            achievement_year=data["achievement_year"],
            person=person,
            unit=unit,
            actor=request.user,
            expected_version=data["lock_version"],
        )
        return Response(LineSerializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Bỏ một dòng khỏi dự thảo",
        description="Gửi `lock_version` của quyết định đã đọc (tham số truy vấn hoặc thân yêu cầu).",
        parameters=[OpenApiParameter("lock_version", int, OpenApiParameter.QUERY, required=True)],
        request=None,
        responses={204: None, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["delete"], url_path=r"lines/(?P<line_pk>\d+)", pagination_class=None)
    def remove_line(self, request, pk=None, line_pk=None):
        decision = self.get_object()
        line = DecisionLine.objects.filter(pk=line_pk, decision=decision).first()
        if line is None:
            raise exceptions.NotFound(_("Không tìm thấy dòng này."))
        if not permissions.can_prepare(request.user, decision):
            raise exceptions.PermissionDenied(_("Chỉ sửa được dự thảo, và chỉ Cán bộ TĐKT trong phạm vi."))
        body = LockSerializer(data=request.data or request.query_params)
        body.is_valid(raise_exception=True)
        record_actor(request)
        services.remove_line(
            line=line, actor=request.user, expected_version=body.validated_data["lock_version"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        tags=TAG,
        summary="Ban hành quyết định",
        description=(
            "Lãnh đạo của cơ quan ban hành. Quyết định nhận số tiếp theo của năm ký (01, 02, …), tiền thưởng "
            "tính theo lương cơ sở vào ngày ký, khen thưởng được ghi vào lịch sử. Từ chối khi hồ sơ chưa được "
            "đề nghị khen hoặc chưa hết thời hạn công khai vào ngày ký."
        ),
        request=IssueSerializer,
        responses={200: DecisionDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        decision = self.get_object()
        if not permissions.can_issue(request.user, decision):
            raise exceptions.PermissionDenied(
                _("Chỉ Lãnh đạo của cơ quan ban hành được ban hành dự thảo này.")
            )
        body = IssueSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record_actor(request)
        decision = services.issue_decision(
            decision=decision,
            signed_on=body.validated_data["signed_on"],
            actor=request.user,
            expected_version=body.validated_data["lock_version"],
        )
        return self._detail(decision)

    @extend_schema(
        tags=TAG,
        summary="Hủy bỏ quyết định (Điều 93)",
        description=(
            "Lãnh đạo của cơ quan ban hành. Mọi khen thưởng của quyết định được đánh dấu hủy bỏ, không còn được "
            "tính làm căn cứ; quyết định vẫn được giữ, với lý do."
        ),
        request=RevokeSerializer,
        responses={200: DecisionDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        decision = self.get_object()
        if not permissions.can_revoke(request.user, decision):
            raise exceptions.PermissionDenied(
                _("Chỉ Lãnh đạo của cơ quan ban hành được hủy bỏ quyết định đã ban hành.")
            )
        body = RevokeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        record_actor(request)
        decision = services.revoke_decision(
            decision=decision,
            reason=data["reason"],
            revoking_decision_number=data.get("revoking_decision_number", ""),
            on=data.get("on"),
            actor=request.user,
            expected_version=data["lock_version"],
        )
        return self._detail(decision)

    @extend_schema(
        tags=TAG,
        summary="Tổng hợp tiền thưởng",
        description=(
            "Tiền thưởng của các quyết định đã ban hành mà người dùng được xem: theo đơn vị đề nghị và năm ban "
            "hành, và theo từng quyết định."
        ),
        parameters=[TotalsQuerySerializer],
        responses={200: TotalsSerializer, 400: ValidationErrorSerializer, 401: ErrorSerializer},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def totals(self, request):
        query = TotalsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year")
        visible = permissions.visible_decisions(request.user)
        if year:
            visible = visible.filter(year=year)
        by_unit = selectors.totals_by_unit_year(visible)
        data = {
            "year": year,
            "total": sum(t.amount for t in by_unit),
            "by_unit": by_unit,
            "by_decision": selectors.totals_by_decision(visible),
        }
        return Response(TotalsSerializer(data).data)
