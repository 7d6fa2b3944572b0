"""The councils API: councils, members, meetings with attendance and quorum, ballots, votes.

Every queryset starts from `permissions.visible_councils`: an outsider gets 404. Ballot counters are null
until the chair counts. A vote answers only that it was recorded.
"""

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
from tdkt.councils import permissions, selectors, services
from tdkt.councils.api.serializers import (
    AttendanceInputSerializer,
    AttendanceRowSerializer,
    BallotSerializer,
    CloseBallotSerializer,
    CouncilMemberSerializer,
    CouncilSerializer,
    MeetingSerializer,
    TallyCodesSerializer,
    VoteAcceptedSerializer,
    VoteSerializer,
    WrittenVoteSerializer,
)
from tdkt.councils.filters import BallotFilter, MeetingFilter
from tdkt.councils.models import Attendance, Ballot, CouncilMember, Meeting

READ_ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {
    400: ValidationErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
}
TAG = ["Hội đồng"]


class _Scoped(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    pagination_class = StandardPagination
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise exceptions.NotFound()
        return obj


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách hội đồng",
        responses={200: CouncilSerializer(many=True), 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết hội đồng", responses={200: CouncilSerializer, **READ_ERRORS}
    ),
)
class CouncilViewSet(_Scoped):
    serializer_class = CouncilSerializer

    def get_queryset(self):
        return (
            permissions.visible_councils(self.request.user)
            .select_related("unit")
            .order_by("unit__code", "name", "id")
        )

    @extend_schema(
        tags=TAG,
        summary="Thành viên hội đồng",
        description="Mọi thành viên, cả các nhiệm kỳ đã kết thúc.",
        responses={200: CouncilMemberSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def members(self, request, pk=None):
        council = self.get_object()
        seats = (
            CouncilMember.objects.filter(council=council)
            .select_related("person")
            .order_by("role", "term_from", "id")
        )
        return Response(CouncilMemberSerializer(seats, many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách phiên họp",
        responses={200: MeetingSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết phiên họp", responses={200: MeetingSerializer, **READ_ERRORS}
    ),
)
class MeetingViewSet(_Scoped):
    serializer_class = MeetingSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = MeetingFilter

    def get_queryset(self):
        meetings = Meeting.objects.filter(council__in=permissions.visible_councils(self.request.user))
        return meetings.select_related("council").order_by("-held_at", "id")

    def list(self, request, *args, **kwargs):
        # The page of meetings, their quorums counted together (two queries, not two per meeting).
        meetings = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(meetings)
        rows = page if page is not None else list(meetings)
        context = {**self.get_serializer_context(), "quorums": selectors.quorums(rows)}
        data = self.get_serializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        tags=TAG,
        summary="Bắt đầu phiên họp",
        description="Cần đủ số thành viên có mặt. Chủ tịch và Thư ký hội đồng mỗi người đặt một mã kiểm "
        "phiếu: khóa hòm phiếu của phiên họp được niêm phong bằng cả hai mã, hệ thống không lưu mã.",
        request=TallyCodesSerializer,
        responses={200: MeetingSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        meeting = self.get_object()
        data = TallyCodesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record_actor(request)
        meeting = services.open_meeting(meeting=meeting, actor=request.user, **data.validated_data)
        return Response(self.get_serializer(meeting).data)

    @extend_schema(
        tags=TAG,
        summary="Kiểm phiếu tất cả phiếu đang mở",
        description="Chủ tịch (hoặc Phó Chủ tịch khi Chủ tịch vắng mặt) kiểm phiếu mọi nội dung đang mở của "
        "phiên họp, với hai mã kiểm phiếu nhập một lần; mỗi nội dung chỉ giải mã tổng số phiếu.",
        request=TallyCodesSerializer,
        responses={200: BallotSerializer(many=True), **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="count", pagination_class=None)
    def count(self, request, pk=None):
        meeting = self.get_object()
        data = TallyCodesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record_actor(request)
        ballots = services.close_open_ballots(meeting=meeting, user=request.user, **data.validated_data)
        return Response(BallotSerializer(ballots, many=True, context={"request": request}).data)

    @extend_schema(
        tags=TAG,
        summary="Điểm danh",
        description="GET: các thành viên trong nhiệm kỳ vào ngày họp và việc có mặt. POST: ghi điểm danh một "
        "thành viên (Chủ tịch, Phó Chủ tịch, Thư ký hội đồng hoặc cán bộ TĐKT trong phạm vi).",
        request=AttendanceInputSerializer,
        responses={200: AttendanceRowSerializer(many=True), **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def attendance(self, request, pk=None):
        meeting = self.get_object()
        if request.method == "POST":
            if not permissions.can_run_meeting(request.user, meeting):
                raise exceptions.PermissionDenied(_("Bạn không có quyền điều hành phiên họp này."))
            data = AttendanceInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            member = CouncilMember.objects.filter(
                pk=data.validated_data["member"], council=meeting.council
            ).first()
            if member is None:
                raise exceptions.ValidationError({"member": [_("Không có thành viên này trong hội đồng.")]})
            record_actor(request)
            services.record_attendance(
                meeting=meeting,
                member=member,
                present=data.validated_data["present"],
                note=data.validated_data["note"],
            )
        rows = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
        seats = (
            selectors.meeting_members(meeting).select_related("person").order_by("role", "person__sort_key")
        )
        body = [
            {
                "member": seat.pk,
                "person_name": seat.person.full_name,
                "role": seat.role,
                "present": bool(rows.get(seat.pk) and rows[seat.pk].present),
                "recorded": seat.pk in rows,
                "note": rows[seat.pk].note if seat.pk in rows else "",
            }
            for seat in seats
        ]
        return Response(AttendanceRowSerializer(body, many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách phiếu bầu",
        description="Số phiếu và kết quả là null khi chưa kiểm phiếu.",
        responses={200: BallotSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG,
        summary="Chi tiết phiếu bầu",
        description="Số phiếu và kết quả là null khi chưa kiểm phiếu.",
        responses={200: BallotSerializer, **READ_ERRORS},
    ),
)
class BallotViewSet(_Scoped):
    serializer_class = BallotSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = BallotFilter

    def get_queryset(self):
        ballots = Ballot.objects.filter(meeting__council__in=permissions.visible_councils(self.request.user))
        return ballots.select_related("meeting").order_by("meeting_id", "id")

    @extend_schema(
        tags=TAG,
        summary="Bỏ phiếu",
        description="Phiếu kín của thành viên có mặt: chỉ ghi nhận đã bỏ phiếu, không ghi lựa chọn của ai.",
        request=VoteSerializer,
        responses={201: VoteAcceptedSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        ballot = self.get_object()
        data = VoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.cast_vote(ballot=ballot, user=request.user, choice=data.validated_data["choice"])
        return Response({"detail": _("Đã bỏ phiếu.")}, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Nhập phiếu bằng văn bản",
        description="Thư ký (hoặc Chủ tịch) hội đồng nhập ý kiến bằng văn bản của thành viên vắng mặt.",
        request=WrittenVoteSerializer,
        responses={201: VoteAcceptedSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="written-vote")
    def written_vote(self, request, pk=None):
        ballot = self.get_object()
        data = WrittenVoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = CouncilMember.objects.filter(
            pk=data.validated_data["member"], council_id=ballot.meeting.council_id
        ).first()
        if member is None:
            raise exceptions.ValidationError({"member": [_("Không có thành viên này trong hội đồng.")]})
        services.enter_written_vote(
            ballot=ballot, member=member, choice=data.validated_data["choice"], secretary_user=request.user
        )
        return Response({"detail": _("Đã ghi nhận phiếu bằng văn bản.")}, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Kiểm phiếu",
        description="Chủ tịch (hoặc Phó Chủ tịch khi Chủ tịch vắng mặt) kết thúc bỏ phiếu, với mã kiểm phiếu "
        "của Chủ tịch và của Thư ký đặt khi bắt đầu phiên họp; trả về kết quả. Sai mã: 400, không ghi gì; sai "
        "nhiều lần liên tiếp thì phải chờ.",
        request=CloseBallotSerializer,
        responses={200: BallotSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        ballot = self.get_object()
        data = CloseBallotSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record_actor(request)
        ballot = services.close_ballot(ballot=ballot, user=request.user, **data.validated_data)
        return Response(BallotSerializer(ballot, context={"request": request}).data)
