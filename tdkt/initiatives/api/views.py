"""The initiative API: applications with their authors, council reviews, recognitions, escalations and
history; creating a draft, submitting it, the follow-up after recognition, and the duplicate check.

Querysets start from `permissions.visible_initiatives`, so an application outside the user's scope is 404;
a move the user may see but not make is 403 with the service's Vietnamese message; a stale
`lock_version` is 409.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tdkt.api.audit import record_actor
from tdkt.api.pagination import StandardPagination
from tdkt.api.permissions import SecondFactorVerified
from tdkt.api.serializers import ErrorSerializer, ValidationErrorSerializer
from tdkt.councils.permissions import visible_councils
from tdkt.initiatives import permissions, selectors, services
from tdkt.initiatives.api.serializers import (
    InitiativeAnswerSerializer,
    InitiativeCouncilSerializer,
    InitiativeCreateSerializer,
    InitiativeDetailSerializer,
    InitiativeFollowUpSerializer,
    InitiativeReasonSerializer,
    InitiativeRecogniseSerializer,
    InitiativeScoreSerializer,
    InitiativeSerializer,
    InitiativeTransitionSerializer,
    SimilarSerializer,
)
from tdkt.initiatives.filters import InitiativeFilter

TAG = ["Sáng kiến, đề tài"]
ERRORS = {
    400: ValidationErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    409: ErrorSerializer,
}


def _none(request, data) -> dict:
    return {}


def _reason(request, data) -> dict:
    return {"reason": data["reason"]}


def _council(request, data) -> dict:

    council = visible_councils(request.user).filter(pk=data["council"]).first()
    if council is None:
        raise exceptions.NotFound("Không tìm thấy hội đồng.")
    return {"council": council, "opened_on": data["opened_on"]}


def _recognition(request, data) -> dict:
    return {"decision_date": data["decision_date"], "signer_name": data["signer_name"]}


def _answer(request, data) -> dict:
    return {name: value for name, value in data.items() if name != "lock_version"}


@dataclass(frozen=True)
class Move:
    """One POST action of the lifecycle: `/initiatives/{id}/{path}/` calls `services.<service>` with the
    application, the user, the body's `lock_version` and the arguments `arguments(request, body)` gives."""

    path: str
    method: str
    summary: str
    body: type
    service: str
    arguments: Callable[..., dict] = _none


MOVES: dict[str, Move] = {
    move.path: move
    for move in (
        Move("submit", "submit", "Nộp đơn", InitiativeTransitionSerializer, "submit"),
        Move("screen", "screen", "Thẩm định: hồ sơ hợp lệ", InitiativeTransitionSerializer, "screen"),
        Move(
            "return",
            "return_application",
            "Trả lại để bổ sung (có lý do)",
            InitiativeReasonSerializer,
            "return_application",
            _reason,
        ),
        Move(
            "reject",
            "reject",
            "Không công nhận (có lý do bằng văn bản)",
            InitiativeReasonSerializer,
            "reject",
            _reason,
        ),
        Move(
            "council",
            "council",
            "Đưa ra Hội đồng sáng kiến (tự động loại tác giả và cấp trên trực tiếp)",
            InitiativeCouncilSerializer,
            "send_to_council",
            _council,
        ),
        Move(
            "recognise",
            "recognise",
            "Quyết định công nhận (lấy số, ghi nhận cho việc xét khen thưởng)",
            InitiativeRecogniseSerializer,
            "recognise",
            _recognition,
        ),
        Move(
            "escalate",
            "escalate",
            "Đề nghị cấp trên công nhận phạm vi rộng hơn",
            InitiativeTransitionSerializer,
            "escalate",
        ),
        Move(
            "answer",
            "answer",
            "Ghi kết quả của cấp trên",
            InitiativeAnswerSerializer,
            "record_higher_answer",
            _answer,
        ),
    )
}


def _move_action(move: Move):
    def handler(self, request, pk=None):
        item = self.get_object()
        data = self._body(move.body)
        getattr(services, move.service)(
            initiative=item,
            actor=request.user,
            expected_version=data.get("lock_version"),
            **move.arguments(request, data),
        )
        return self._moved(item)

    handler.__name__ = handler.__qualname__ = move.method
    handler = action(detail=True, methods=["post"], url_path=move.path)(handler)
    return extend_schema(
        tags=TAG,
        summary=move.summary,
        request=move.body,
        responses={200: InitiativeDetailSerializer, **ERRORS},
    )(handler)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Sáng kiến, đề tài trong phạm vi",
        description="Mới lập trước; lọc như trên trang Sáng kiến, đề tài (`mine`: chờ tôi xử lý).",
        responses={
            200: InitiativeSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG,
        summary="Chi tiết: tác giả, xét của hội đồng, công nhận, đề nghị cấp trên, diễn biến",
        responses={200: InitiativeDetailSerializer, **ERRORS},
    ),
    create=extend_schema(
        tags=TAG,
        summary="Lập đơn (dự thảo) với tác giả và tỷ lệ đóng góp",
        request=InitiativeCreateSerializer,
        responses={201: InitiativeDetailSerializer, **ERRORS},
    ),
)
class InitiativeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    lookup_value_regex = r"\d+"
    serializer_class = InitiativeSerializer
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = InitiativeFilter
    http_method_names = ["get", "post", "head", "options"]

    def handle_exception(self, exc):
        if isinstance(exc, DjangoPermissionDenied) and str(exc):
            exc = exceptions.PermissionDenied(str(exc))
        return super().handle_exception(exc)

    def get_queryset(self):
        return selectors.initiative_list(self.request.user)

    def get_object(self):
        return permissions.access_initiative(self.request.user, self.kwargs["pk"])

    def get_serializer_class(self):
        return InitiativeDetailSerializer if self.action == "retrieve" else InitiativeSerializer

    def create(self, request):
        body = InitiativeCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record_actor(request)
        data = dict(body.validated_data)
        authors = [(a["person"], a["share"]) for a in data.pop("authors")]
        item = services.create_initiative(actor=request.user, authors=authors, **data)
        return Response(InitiativeDetailSerializer(item).data, status=status.HTTP_201_CREATED)

    # The moves of the lifecycle, one POST action each, made from the `MOVES` table above the class.
    submit = _move_action(MOVES["submit"])
    screen = _move_action(MOVES["screen"])
    return_application = _move_action(MOVES["return"])
    reject = _move_action(MOVES["reject"])
    council = _move_action(MOVES["council"])
    recognise = _move_action(MOVES["recognise"])
    escalate = _move_action(MOVES["escalate"])
    answer = _move_action(MOVES["answer"])

    def _body(self, serializer_class):
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        record_actor(self.request)
        return dict(body.validated_data)

    def _moved(self, item):
        item.refresh_from_db()
        return Response(InitiativeDetailSerializer(item).data)

    @extend_schema(
        tags=TAG,
        summary="Chấm điểm (thành viên hội đồng, phiên xét đang mở)",
        request=InitiativeScoreSerializer,
        responses={200: InitiativeDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        item = self.get_object()
        data = self._body(InitiativeScoreSerializer)
        review = item.reviews.filter(closed_at__isnull=True).first()
        if review is None:
            raise exceptions.ValidationError({"detail": "Không có phiên xét nào đang chấm điểm."})
        services.score(review=review, actor=request.user, points=data["points"])
        return self._moved(item)

    @extend_schema(
        tags=TAG,
        summary="Kết thúc chấm điểm (tính kết quả theo phiếu chấm)",
        request=None,
        responses={200: InitiativeDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="close-review")
    def close_review(self, request, pk=None):
        item = self.get_object()
        review = item.reviews.filter(closed_at__isnull=True).first()
        if review is None:
            raise exceptions.ValidationError({"detail": "Không có phiên xét nào đang chấm điểm."})
        record_actor(request)
        services.close_review(review=review, actor=request.user)
        return self._moved(item)

    @extend_schema(
        tags=TAG,
        summary="Ghi kết quả áp dụng sau công nhận (nơi, ngày, hiệu quả, giá trị làm lợi, thù lao tác giả)",
        request=InitiativeFollowUpSerializer,
        responses={200: InitiativeDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        item = self.get_object()
        data = self._body(InitiativeFollowUpSerializer)
        services.add_follow_up(initiative=item, actor=request.user, **data)
        return self._moved(item)

    @extend_schema(
        tags=TAG,
        summary="Kiểm tra trùng: sáng kiến, đề tài tương tự trong toàn ngành",
        parameters=[
            OpenApiParameter("title", OpenApiTypes.STR, required=True, description="Tên đang nhập"),
            OpenApiParameter("description", OpenApiTypes.STR, required=False, description="Mô tả đang nhập"),
        ],
        responses={200: SimilarSerializer(many=True), 401: ErrorSerializer},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def similar(self, request):
        found = selectors.similar(
            request.user,
            request.query_params.get("title", "")[:500],
            request.query_params.get("description", "")[:5000],
        )
        rows = [
            {
                "id": s.initiative.pk if s.visible else None,
                "title": s.initiative.title,
                "unit_name": s.initiative.unit.name,
                "year": s.initiative.year,
                "status": s.initiative.status,
                "similarity": round(s.score, 3),
            }
            for s in found
        ]
        return Response(SimilarSerializer(rows, many=True).data)
