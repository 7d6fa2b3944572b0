"""The dossier API: dossiers (drafts editable), candidates and their reports, each move of the lifecycle
as a POST action, disclosure and comments.

Querysets start from `permissions.visible_proposals`, so a dossier outside the user's scope is 404; a
move the user may see but not make is 403 with the service's Vietnamese message; a stale
`lock_version` is 409.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tdkt.api.audit import record_actor
from tdkt.api.pagination import StandardPagination
from tdkt.api.permissions import SecondFactorVerified
from tdkt.api.serializers import ErrorSerializer, ValidationErrorSerializer
from tdkt.councils.models import Meeting
from tdkt.councils.permissions import visible_councils
from tdkt.org import permissions as org_permissions
from tdkt.proposals import permissions, selectors, services
from tdkt.proposals.api.serializers import (
    AnswerSerializer,
    CandidateCreateSerializer,
    CandidateSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    CouncilSerializer,
    DisclosureCreateSerializer,
    DisclosureSerializer,
    EventSerializer,
    ProposalCreateSerializer,
    ProposalSerializer,
    ProposalUpdateSerializer,
    ReportSerializer,
    ReturnSerializer,
    TransitionSerializer,
)
from tdkt.proposals.filters import ProposalFilter
from tdkt.proposals.models import Candidate, Comment, Proposal

TAG = ["Hồ sơ đề nghị khen thưởng"]
ERRORS = {
    400: ValidationErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    409: ErrorSerializer,
}


def _body(serializer_class, request):
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    record_actor(request)
    return body.validated_data


def _candidates_data(proposal, candidates) -> list:
    """Candidates serialised with their registration flag computed for the whole list at once."""
    candidates = list(candidates)
    registered = selectors.registration_status(proposal, candidates)
    return CandidateSerializer(candidates, many=True, context={"registered": registered}).data


class _Base(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    lookup_value_regex = r"\d+"

    def handle_exception(self, exc):
        """A service's refusal keeps its Vietnamese sentence (DRF would replace it with a generic one)."""
        if isinstance(exc, DjangoPermissionDenied) and str(exc):
            exc = exceptions.PermissionDenied(str(exc))
        return super().handle_exception(exc)


# --- the lifecycle's moves, table-driven ----------------------------------------------------------------------


def _note(request, data) -> dict:
    return {"note": data["note"]}


def _reasons(request, data) -> dict:
    return {"reasons": data["reasons"]}


def _meeting(request, data) -> dict:
    """The council meeting named in the body, among the councils the user may see (else 404)."""

    meeting = (
        Meeting.objects.filter(pk=data["meeting"], council__in=visible_councils(request.user))
        .select_related("council")
        .first()
    )
    if meeting is None:
        raise exceptions.NotFound(_("Không tìm thấy phiên họp."))
    return {"meeting": meeting}


@dataclass(frozen=True)
class Move:
    """One POST action of the lifecycle: `/proposals/{id}/{path}/` calls `services.<service>` with the
    dossier, the user, the body's `lock_version` and the arguments `arguments(request, body)` gives."""

    path: str
    method: str
    summary: str
    body: type
    service: str
    arguments: Callable[..., dict]


MOVES: dict[str, Move] = {
    move.path: move
    for move in (
        Move("submit", "submit", "Trình hồ sơ", TransitionSerializer, "submit", _note),
        Move("receive", "receive", "Tiếp nhận hồ sơ", TransitionSerializer, "receive", _note),
        Move(
            "return",
            "return_for_correction",
            "Trả lại để bổ sung",
            ReturnSerializer,
            "return_for_correction",
            _reasons,
        ),
        Move(
            "council", "council", "Đưa ra Hội đồng bỏ phiếu", CouncilSerializer, "send_to_council", _meeting
        ),
    )
}


def _move_action(move: Move):
    def handler(self, request, pk=None):
        proposal = self.get_object()
        data = _body(move.body, request)
        getattr(services, move.service)(
            proposal=proposal,
            actor=request.user,
            expected_version=data.get("lock_version"),
            **move.arguments(request, data),
        )
        return self._moved(proposal)

    handler.__name__ = handler.__qualname__ = move.method
    handler = action(detail=True, methods=["post"], url_path=move.path)(handler)
    return extend_schema(
        tags=TAG, summary=move.summary, request=move.body, responses={200: ProposalSerializer, **ERRORS}
    )(handler)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách hồ sơ trong phạm vi",
        responses={200: ProposalSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(tags=TAG, summary="Chi tiết hồ sơ", responses={200: ProposalSerializer, **ERRORS}),
    create=extend_schema(
        tags=TAG,
        summary="Lập hồ sơ (dự thảo)",
        request=ProposalCreateSerializer,
        responses={201: ProposalSerializer, **ERRORS},
    ),
    partial_update=extend_schema(
        tags=TAG,
        summary="Sửa hồ sơ dự thảo hoặc bị trả lại",
        request=ProposalUpdateSerializer,
        responses={200: ProposalSerializer, **ERRORS},
    ),
)
class ProposalViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, _Base
):
    serializer_class = ProposalSerializer
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProposalFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            permissions.visible_proposals(self.request.user)
            .select_related("award_kind")
            .order_by("-created_at", "-id")
        )

    def get_object(self) -> Proposal:
        return permissions.access_proposal(self.request.user, self.kwargs["pk"])

    def create(self, request):
        data = _body(ProposalCreateSerializer, request)
        proposal = services.create_proposal(actor=request.user, **data)
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        proposal = self.get_object()
        data = dict(_body(ProposalUpdateSerializer, request))
        expected = data.pop("lock_version")
        proposal = services.update_proposal(
            proposal=proposal, actor=request.user, expected_version=expected, **data
        )
        return Response(ProposalSerializer(proposal).data)

    def _moved(self, proposal):
        proposal.refresh_from_db()
        return Response(ProposalSerializer(proposal).data)

    # The moves of the lifecycle, one POST action each, made from the `MOVES` table below the class.
    submit = _move_action(MOVES["submit"])
    receive = _move_action(MOVES["receive"])
    return_for_correction = _move_action(MOVES["return"])
    council = _move_action(MOVES["council"])

    @extend_schema(
        tags=TAG, summary="Chuyển lên cấp trên", request=None, responses={201: ProposalSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        proposal = self.get_object()
        record_actor(request)
        upper = services.forward_to_higher_level(proposal=proposal, actor=request.user)
        return Response(ProposalSerializer(upper).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Kiểm tra lại điều kiện",
        request=None,
        responses={200: CandidateSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def refresh(self, request, pk=None):
        proposal = self.get_object()
        if not permissions.sees_whole_dossier(request.user, proposal):
            raise exceptions.NotFound()
        if not permissions.can_refresh_verdicts(request.user, proposal):
            raise exceptions.PermissionDenied(_("Chỉ cán bộ TĐKT, lãnh đạo đơn vị được kiểm tra lại hồ sơ."))
        services.refresh_verdicts(proposal=proposal)
        return Response(_candidates_data(proposal, proposal.candidates.select_related("person", "unit")))

    @extend_schema(tags=TAG, summary="Diễn biến hồ sơ", responses={200: EventSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        proposal = self.get_object()
        if not permissions.sees_whole_dossier(request.user, proposal):
            return Response([])
        return Response(EventSerializer(proposal.events.select_related("actor"), many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Đối tượng đề nghị: xem (GET), thêm (POST)",
        request=CandidateCreateSerializer,
        responses={200: CandidateSerializer(many=True), 201: CandidateSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def candidates(self, request, pk=None):
        proposal = self.get_object()
        if request.method == "GET":
            return Response(
                _candidates_data(proposal, permissions.visible_candidates(request.user, proposal))
            )
        data = _body(CandidateCreateSerializer, request)
        person = unit = None
        # Through the access helpers: an id the user may not see is "not found", exactly like a missing one.
        if data.get("person"):
            person = org_permissions.visible_people(request.user).filter(pk=data["person"]).first()
            if person is None:
                raise exceptions.NotFound(_("Không tìm thấy cá nhân."))
        elif data.get("unit"):
            unit = org_permissions.visible_units(request.user).filter(pk=data["unit"]).first()
            if unit is None:
                raise exceptions.NotFound(_("Không tìm thấy đơn vị."))
        candidate = services.add_candidate(proposal=proposal, actor=request.user, person=person, unit=unit)
        return Response(CandidateSerializer(candidate).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Công khai danh sách: xem (GET), công khai (POST)",
        request=DisclosureCreateSerializer,
        responses={200: DisclosureSerializer, 201: DisclosureSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def disclosure(self, request, pk=None):
        proposal = self.get_object()
        if request.method == "GET":
            disclosure = getattr(proposal, "disclosure", None) if hasattr(proposal, "disclosure") else None
            if disclosure is None:
                raise exceptions.NotFound(_("Danh sách chưa được công khai."))
            return Response(DisclosureSerializer(disclosure).data)
        data = _body(DisclosureCreateSerializer, request)
        disclosure = services.publish_disclosure(proposal=proposal, actor=request.user, **data)
        return Response(DisclosureSerializer(disclosure).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Ý kiến góp ý: xem (GET), gửi (POST)",
        request=CommentCreateSerializer,
        responses={200: CommentSerializer(many=True), 201: CommentSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def comments(self, request, pk=None):
        proposal = self.get_object()
        comments = Comment.objects.filter(disclosure__proposal=proposal).select_related("author")
        if request.method == "GET":
            if not permissions.sees_whole_dossier(request.user, proposal):
                comments = comments.filter(author=request.user)
            return Response(CommentSerializer(comments, many=True).data)
        data = _body(CommentCreateSerializer, request)
        candidate = None
        if data.get("candidate"):
            candidate = permissions.access_candidate(request.user, proposal, data["candidate"])
        comment = services.add_comment(
            proposal=proposal, author=request.user, text=data["text"], candidate=candidate
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(
        tags=TAG, summary="Một đối tượng đề nghị", responses={200: CandidateSerializer, **ERRORS}
    ),
    destroy=extend_schema(tags=TAG, summary="Bỏ đối tượng khỏi hồ sơ", responses={204: None, **ERRORS}),
)
class CandidateViewSet(mixins.RetrieveModelMixin, mixins.DestroyModelMixin, _Base):
    serializer_class = CandidateSerializer

    def get_object(self) -> Candidate:
        candidate = Candidate.objects.filter(pk=self.kwargs["pk"]).select_related("proposal").first()
        if candidate is None:
            raise exceptions.NotFound()
        proposal = permissions.access_proposal(self.request.user, candidate.proposal_id)
        return permissions.access_candidate(self.request.user, proposal, candidate.pk)

    def perform_destroy(self, instance):
        record_actor(self.request)
        services.remove_candidate(candidate=instance, actor=self.request.user)

    @extend_schema(
        tags=TAG,
        summary="Sửa báo cáo thành tích",
        request=ReportSerializer,
        responses={200: CandidateSerializer, **ERRORS},
    )
    @action(detail=True, methods=["patch"])
    def report(self, request, pk=None):
        candidate = self.get_object()
        data = _body(ReportSerializer, request)
        candidate = services.update_report(
            candidate=candidate,
            actor=request.user,
            report=data["report"],
            expected_version=data["lock_version"],
        )
        return Response(CandidateSerializer(candidate).data)


class CommentViewSet(_Base):
    serializer_class = CommentSerializer

    @extend_schema(
        tags=TAG,
        summary="Trả lời ý kiến",
        request=AnswerSerializer,
        responses={200: CommentSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        comment = Comment.objects.filter(pk=pk).select_related("disclosure__proposal").first()
        if comment is None:
            raise exceptions.NotFound()
        proposal = permissions.access_proposal(request.user, comment.disclosure.proposal_id)
        if not permissions.sees_whole_dossier(request.user, proposal):
            raise exceptions.NotFound()
        data = _body(AnswerSerializer, request)
        return Response(
            CommentSerializer(
                services.answer_comment(comment=comment, actor=request.user, answer=data["answer"])
            ).data
        )
