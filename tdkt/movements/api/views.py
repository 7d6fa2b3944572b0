"""The movements API: movements (with launch and close), registrations, targets with their actuals.

Every queryset starts from `permissions.visible_*`: an outsider gets 404. Writes go through the services,
which check the permissions again and answer refusals with Vietnamese sentences.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
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
from tdkt.awards.models import AwardKind
from tdkt.movements import filters, permissions, selectors, services
from tdkt.movements.api import serializers as s
from tdkt.movements.models import RatingGroupMember
from tdkt.org import permissions as org_permissions

READ_ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {
    400: ValidationErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    409: ErrorSerializer,
}
TAG = ["Phong trào thi đua"]


def _int_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.QUERY, description=description)


def _body(serializer_class, request):
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    record_actor(request)
    return dict(body.validated_data)


class _Base(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]  # with the view's `filterset_class`, on its list only
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "head", "options"]

    def handle_exception(self, exc):
        """A service's refusal keeps its Vietnamese sentence."""
        if isinstance(exc, DjangoPermissionDenied) and str(exc):
            exc = exceptions.PermissionDenied(str(exc))
        return super().handle_exception(exc)

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise exceptions.NotFound()
        return obj

    def _query_int(self, name: str) -> int | None:
        value = self.request.query_params.get(name)
        if value in (None, ""):
            return None
        # ASCII digits only, within what a date (the year) or the database (an id) can hold: else a 400.
        biggest = 9999 if name == "year" else 2**63 - 1
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= biggest:
            raise exceptions.ValidationError(
                {name: [_("Phải là một số nguyên từ 1 đến %(max)s.") % {"max": biggest}]}
            )
        return int(value)

    def _unit(self, pk):
        return org_permissions.access_unit(self.request.user, pk)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách phong trào thi đua",
        responses={
            200: s.MovementSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết phong trào", responses={200: s.MovementSerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Lập phong trào (dự thảo)",
        request=s.MovementCreateSerializer,
        responses={201: s.MovementSerializer, **WRITE_ERRORS},
    ),
)
class MovementViewSet(mixins.CreateModelMixin, _Base):
    serializer_class = s.MovementSerializer
    filterset_class = filters.MovementFilter

    def get_queryset(self):
        movements = permissions.visible_movements(self.request.user).select_related("launching_unit")
        return movements.order_by("-starts_on", "-id")

    def create(self, request):
        data = _body(s.MovementCreateSerializer, request)
        unit = self._unit(data.pop("launching_unit"))
        ids = data.pop("participant_units")
        units = list(org_permissions.visible_units(request.user).filter(pk__in=ids))
        if len(units) != len(set(ids)):
            raise exceptions.ValidationError({"participant_units": [_("Có đơn vị không tìm thấy.")]})
        movement = services.create_movement(
            launching_unit=unit, participant_units=units, actor=request.user, **data
        )
        return Response(s.MovementSerializer(movement).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Phát động phong trào",
        description="Dự thảo → đã phát động: xác định các đơn vị tham gia và gửi thông báo cho từng đơn vị.",
        request=s.MovementTransitionSerializer,
        responses={200: s.MovementSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def launch(self, request, pk=None):
        movement = self.get_object()
        data = _body(s.MovementTransitionSerializer, request)
        movement = services.launch_movement(movement=movement, actor=request.user, note=data["note"])
        return Response(s.MovementSerializer(movement).data)

    @extend_schema(
        tags=TAG,
        summary="Tổng kết phong trào",
        request=s.MovementTransitionSerializer,
        responses={200: s.MovementSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        movement = self.get_object()
        data = _body(s.MovementTransitionSerializer, request)
        movement = services.close_movement(movement=movement, actor=request.user, note=data["note"])
        return Response(s.MovementSerializer(movement).data)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách đăng ký thi đua",
        responses={
            200: s.RegistrationSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết đăng ký thi đua", responses={200: s.RegistrationSerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Đăng ký (hoặc sửa đăng ký) thi đua của đơn vị",
        description="Danh hiệu gửi lên thay cho các danh hiệu đã đăng ký trước; phải trước hạn đăng ký.",
        request=s.RegistrationInputSerializer,
        responses={201: s.RegistrationSerializer, **WRITE_ERRORS},
    ),
)
class RegistrationViewSet(mixins.CreateModelMixin, _Base):
    serializer_class = s.RegistrationSerializer
    filterset_class = filters.RegistrationFilter

    def get_queryset(self):
        rows = permissions.visible_registrations(self.request.user).select_related("unit")
        return rows.prefetch_related("titles__kind").order_by("-year", "unit__code", "id")

    def create(self, request):
        data = _body(s.RegistrationInputSerializer, request)
        movement = permissions.visible_movements(request.user).filter(pk=data["movement"]).first()
        if movement is None:
            raise exceptions.NotFound(_("Không tìm thấy phong trào thi đua."))
        unit = self._unit(data["unit"])
        kinds = {k.code: k for k in AwardKind.objects.filter(code__in=[t["code"] for t in data["titles"]])}
        people = {
            p.pk: p
            for p in org_permissions.visible_people(request.user).filter(
                pk__in=[t["person"] for t in data["titles"] if t["person"]]
            )
        }
        collective, individual = [], []
        for title in data["titles"]:
            kind = kinds.get(title["code"])
            if kind is None:
                raise exceptions.ValidationError(
                    {"titles": [_("Không có danh hiệu %(code)s.") % {"code": title["code"]}]}
                )
            if title["person"] is None:
                collective.append(kind)
            elif title["person"] in people:
                individual.append((people[title["person"]], kind))
            else:
                raise exceptions.ValidationError({"titles": [_("Không tìm thấy cá nhân.")]})
        registration = services.register(
            movement=movement,
            unit=unit,
            year=data["year"],
            pledge=data["pledge"],
            collective=collective,
            individual=individual,
            actor=request.user,
            expected_version=data["lock_version"],
        )
        return Response(s.RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách chỉ tiêu",
        responses={200: s.TargetSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết chỉ tiêu", responses={200: s.TargetSerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Giao chỉ tiêu",
        request=s.TargetCreateSerializer,
        responses={201: s.TargetSerializer, **WRITE_ERRORS},
    ),
)
class TargetViewSet(mixins.CreateModelMixin, _Base):
    serializer_class = s.TargetSerializer
    filterset_class = filters.TargetFilter

    def get_queryset(self):
        rows = permissions.visible_targets(self.request.user).select_related("unit", "person")
        return rows.order_by("-year", "unit__code", "code", "id")

    def create(self, request):
        data = _body(s.TargetCreateSerializer, request)
        data["unit"] = self._unit(data["unit"])
        if data["person"] is not None:
            data["person"] = org_permissions.access_person(request.user, data["person"])
        if data["movement"] is not None:
            data["movement"] = permissions.access_movement(request.user, data["movement"])
        target = services.create_target(actor=request.user, **data)
        return Response(s.TargetSerializer(target).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Kết quả thực hiện theo kỳ",
        description="GET: kết quả từng kỳ. POST: ghi (hoặc sửa) kết quả của một kỳ; gửi lại cùng giá trị không đổi gì.",
        request=s.ActualInputSerializer,
        responses={200: s.ActualSerializer(many=True), **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def actuals(self, request, pk=None):
        target = self.get_object()
        if request.method == "POST":
            data = _body(s.ActualInputSerializer, request)
            services.record_actual(
                target=target,
                period=data["period"],
                value=data["value"],
                note=data["note"],
                actor=request.user,
                expected_version=data["lock_version"],
            )
        return Response(s.ActualSerializer(target.actuals.order_by("period"), many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Điều chỉnh chỉ tiêu",
        request=s.AdjustSerializer,
        responses={200: s.TargetSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def adjust(self, request, pk=None):
        target = self.get_object()
        data = _body(s.AdjustSerializer, request)
        target = services.adjust_target(
            target=target,
            planned=data["planned"],
            reason=data["reason"],
            actor=request.user,
            expected_version=data["lock_version"],
        )
        return Response(s.TargetSerializer(target).data)

    @extend_schema(
        tags=TAG,
        summary="Lịch sử điều chỉnh chỉ tiêu",
        responses={200: s.AdjustmentSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def adjustments(self, request, pk=None):
        target = self.get_object()
        return Response(s.AdjustmentSerializer(target.adjustments.all(), many=True).data)


def _table_body(cluster, year: int) -> dict:
    table = selectors.scoring_table(cluster, year)
    return {
        "year": year,
        "criteria": [{"id": c.pk, "name": c.name, "max_points": c.max_points} for c in table["criteria"]],
        "rows": [
            {
                "unit": row["member"].unit_id,
                "unit_name": row["member"].unit.name,
                "role": row["member"].role,
                "scores": [
                    {
                        "criterion": c.pk,
                        "self_score": cell.self_score if cell else None,
                        "cluster_score": cell.cluster_score if cell else None,
                    }
                    for c, cell in zip(table["criteria"], row["cells"], strict=True)
                ],
                "self_total": row["self_total"],
                "cluster_total": row["cluster_total"],
                "rank": row["vote"].rank if row["vote"] else row["score_rank"],
                "votes": row["vote"].votes if row["vote"] else None,
                "leading": bool(row["vote"] and row["vote"].leading),
            }
            for row in table["rows"]
        ],
    }


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách cụm, khối thi đua",
        responses={200: s.ClusterSerializer(many=True), 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết cụm, khối", responses={200: s.ClusterSerializer, **READ_ERRORS}
    ),
)
class ClusterViewSet(_Base):
    serializer_class = s.ClusterSerializer

    def get_queryset(self):
        return (
            permissions.visible_clusters(self.request.user).select_related("organiser").order_by("name", "id")
        )

    def _year(self) -> int:
        year = self._query_int("year")
        if year is None:
            raise exceptions.ValidationError({"year": [_("Nhập năm.")]})
        return year

    @extend_schema(
        tags=TAG,
        summary="Bảng chấm điểm và xếp hạng của một năm",
        parameters=[_int_param("year", "Năm (bắt buộc).")],
        responses={200: s.ClusterTableSerializer, 400: ValidationErrorSerializer, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def table(self, request, pk=None):
        cluster = self.get_object()
        return Response(s.ClusterTableSerializer(_table_body(cluster, self._year())).data)

    @extend_schema(
        tags=TAG,
        summary="Ghi kết quả bình xét đơn vị dẫn đầu",
        description="Số phiếu của từng thành viên; đơn vị nhiều phiếu nhất dẫn đầu, các đơn vị khác xếp theo điểm "
        "cụm chấm. Kết quả ghi vào lịch sử (kết quả trong cụm, khối) mà bộ quy tắc dùng cho Cờ thi đua.",
        request=s.ClusterVoteInputSerializer,
        responses={200: s.ClusterTableSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def vote(self, request, pk=None):
        cluster = self.get_object()
        data = _body(s.ClusterVoteInputSerializer, request)
        try:
            votes = {int(k): v for k, v in data["votes"].items()}
        except ValueError:
            raise exceptions.ValidationError({"votes": [_("Khóa phải là id đơn vị.")]}) from None
        services.record_vote(cluster=cluster, year=data["year"], votes=votes, actor=request.user)
        return Response(s.ClusterTableSerializer(_table_body(cluster, data["year"])).data)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Xếp loại cuối năm",
        responses={
            200: s.AnnualRatingSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết xếp loại", responses={200: s.AnnualRatingSerializer, **READ_ERRORS}
    ),
)
class AnnualRatingViewSet(_Base):
    serializer_class = s.AnnualRatingSerializer
    filterset_class = filters.AnnualRatingFilter

    def get_queryset(self):
        rows = permissions.visible_annual_ratings(self.request.user).select_related("person")
        return rows.order_by("-year", "unit_id", "-points", "person__sort_key", "id")

    @extend_schema(
        tags=TAG,
        summary="Tổng hợp xếp loại cuối năm của một đơn vị",
        description="Điểm bình quân các kỳ → xếp loại (HTXS ≥ 90, HTT 70–89, HT 50–69, KHT < 50 hoặc bị kỷ luật "
        "liên quan công vụ); số HTXS không quá 20 % số từ HTT trở lên. Kết quả ghi vào lịch sử xếp loại.",
        request=s.RollUpSerializer,
        responses={200: s.AnnualRatingSerializer(many=True), **WRITE_ERRORS},
    )
    @action(detail=False, methods=["post"], filter_backends=[], url_path="roll-up", pagination_class=None)
    def roll_up(self, request):
        data = _body(s.RollUpSerializer, request)
        unit = self._unit(data["unit"])
        rows = services.roll_up_ratings(unit=unit, year=data["year"], actor=request.user)
        return Response(s.AnnualRatingSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Kiểm tra tỷ lệ HTXS theo nhóm và theo đơn vị",
        description="Trên điểm các kỳ hiện có (trước khi tổng hợp): mỗi nhóm có chức năng, nhiệm vụ tương tự "
        "của đơn vị, rồi cả đơn vị: số đạt HTXS theo điểm, số tối đa (20 % số từ HTT trở lên), số vượt.",
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.INT, required=True),
            OpenApiParameter("year", OpenApiTypes.INT, required=True),
        ],
        responses={200: s.CapCheckSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=False, methods=["get"], filter_backends=[], url_path="cap-check", pagination_class=None)
    def cap_check(self, request):
        unit_pk, year = self._query_int("unit"), self._query_int("year")
        if unit_pk is None or year is None:
            raise exceptions.ValidationError({"unit": [_("Cần đơn vị và năm.")]})
        unit = self._unit(unit_pk)
        checks = services.htxs_cap_check(unit=unit, year=year)
        return Response(s.CapCheckSerializer(checks, many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Nhóm có chức năng, nhiệm vụ tương tự (tỷ lệ HTXS)",
        responses={200: s.RatingGroupSerializer(many=True), 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết nhóm", responses={200: s.RatingGroupSerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Lập nhóm trong đơn vị",
        request=s.RatingGroupInputSerializer,
        responses={201: s.RatingGroupSerializer, **WRITE_ERRORS},
    ),
)
class RatingGroupViewSet(mixins.CreateModelMixin, _Base):
    serializer_class = s.RatingGroupSerializer

    def get_queryset(self):
        rows = permissions.visible_rating_groups(self.request.user).select_related("unit")
        rows = rows.prefetch_related(Prefetch("members", RatingGroupMember.objects.select_related("person")))
        unit = self._query_int("unit")
        if unit is not None:
            rows = rows.filter(unit_id=unit)
        return rows.order_by("unit_id", "name", "id")

    def _people(self, ids):
        return [org_permissions.access_person(self.request.user, pk) for pk in ids]

    def create(self, request):
        data = _body(s.RatingGroupInputSerializer, request)
        unit = self._unit(data["unit"])
        people = self._people(data["members"])
        group = services.create_rating_group(
            unit=unit, name=data["name"], people=people, year=data.get("year"), actor=request.user
        )
        return Response(s.RatingGroupSerializer(self.get_object_by_pk(group.pk)).data, status=201)

    def get_object_by_pk(self, pk):
        return self.get_queryset().get(pk=pk)

    @extend_schema(
        tags=TAG,
        summary="Đặt thành viên của nhóm",
        request=s.RatingGroupMembersInputSerializer,
        responses={200: s.RatingGroupSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def members(self, request, pk=None):
        group = self.get_object()
        data = _body(s.RatingGroupMembersInputSerializer, request)
        services.set_rating_group_members(
            group=group, people=self._people(data["members"]), year=data.get("year"), actor=request.user
        )
        return Response(s.RatingGroupSerializer(self.get_object_by_pk(group.pk)).data)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Điểm đánh giá theo kỳ",
        responses={
            200: s.PeriodScoreSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết điểm kỳ", responses={200: s.PeriodScoreSerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Ghi (hoặc sửa) điểm một kỳ",
        request=s.PeriodScoreInputSerializer,
        responses={201: s.PeriodScoreSerializer, **WRITE_ERRORS},
    ),
)
class PeriodScoreViewSet(mixins.CreateModelMixin, _Base):
    serializer_class = s.PeriodScoreSerializer
    filterset_class = filters.PeriodScoreFilter

    def get_queryset(self):
        rows = permissions.visible_period_scores(self.request.user)
        return rows.order_by("-year", "person_id", "kind", "period", "id")

    def create(self, request):
        data = _body(s.PeriodScoreInputSerializer, request)
        unit = self._unit(data.pop("unit"))
        person = org_permissions.access_person(request.user, data.pop("person"))
        expected = data.pop("lock_version")
        row = services.record_period_score(
            person=person, unit=unit, actor=request.user, expected_version=expected, **data
        )
        return Response(s.PeriodScoreSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Bộ tiêu chí văn hóa công sở",
        responses={
            200: s.CultureChecklistSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết bộ tiêu chí", responses={200: s.CultureChecklistSerializer, **READ_ERRORS}
    ),
)
class CultureChecklistViewSet(_Base):
    serializer_class = s.CultureChecklistSerializer
    filterset_class = filters.CultureChecklistFilter

    def get_queryset(self):
        rows = (
            permissions.visible_checklists(self.request.user)
            .select_related("owner")
            .prefetch_related("criteria")
        )
        return rows.order_by("-year", "name", "id")

    @extend_schema(
        tags=TAG,
        summary="Kết quả văn hóa công sở theo đơn vị",
        description="Tỷ lệ điểm đạt của mỗi đơn vị được kiểm tra (tổng các lần kiểm tra), cao nhất trước.",
        responses={200: s.CultureResultSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def results(self, request, pk=None):
        checklist = self.get_object()
        visible = org_permissions.visible_unit_ids(request.user)
        rows = selectors.culture_results(checklist)
        if visible is not org_permissions.ALL_UNITS and not permissions.can_inspect(request.user, checklist):
            rows = [r for r in rows if r["unit_id"] in (visible or set())]
        return Response(s.CultureResultSerializer(rows, many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Các lần kiểm tra văn hóa công sở",
        responses={
            200: s.InspectionSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Chi tiết lần kiểm tra", responses={200: s.InspectionSerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Ghi một lần kiểm tra (điểm từng tiêu chí)",
        request=s.InspectionInputSerializer,
        responses={201: s.InspectionSerializer, **WRITE_ERRORS},
    ),
)
class InspectionViewSet(mixins.CreateModelMixin, _Base):
    serializer_class = s.InspectionSerializer
    filterset_class = filters.InspectionFilter

    def get_queryset(self):
        rows = (
            permissions.visible_inspections(self.request.user)
            .select_related("unit")
            .prefetch_related("scores")
        )
        return rows.order_by("-inspected_on", "id")

    def create(self, request):
        data = _body(s.InspectionInputSerializer, request)
        checklist = permissions.visible_checklists(request.user).filter(pk=data.pop("checklist")).first()
        if checklist is None:
            raise exceptions.NotFound(_("Không tìm thấy bộ tiêu chí văn hóa công sở."))
        unit = self._unit(data.pop("unit"))
        scores = {}
        for key, value in data.pop("scores").items():
            if not str(key).isdigit():
                raise exceptions.ValidationError({"scores": [_("Khóa phải là id tiêu chí.")]})
            scores[int(key)] = value
        row = services.record_inspection(
            checklist=checklist, unit=unit, scores=scores, actor=request.user, **data
        )
        return Response(s.InspectionSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Lịch thi đua",
        responses={
            200: s.CalendarEntrySerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Một mốc lịch thi đua", responses={200: s.CalendarEntrySerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Thêm mốc lịch thi đua (đăng ký, sơ kết, tổng kết, hạn trình khen)",
        request=s.CalendarEntryInputSerializer,
        responses={201: s.CalendarEntrySerializer, **WRITE_ERRORS},
    ),
)
class CalendarEntryViewSet(mixins.CreateModelMixin, _Base):
    serializer_class = s.CalendarEntrySerializer
    filterset_class = filters.CalendarEntryFilter

    def get_queryset(self):
        rows = permissions.visible_calendar_entries(self.request.user).select_related("unit")
        return rows.order_by("due_on", "id")

    def create(self, request):
        data = _body(s.CalendarEntryInputSerializer, request)
        unit = self._unit(data.pop("unit"))
        row = services.add_calendar_entry(unit=unit, actor=request.user, **data)
        return Response(s.CalendarEntrySerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Sơ kết, tổng kết phong trào",
        responses={
            200: s.MovementReviewSerializer(many=True),
            400: ValidationErrorSerializer,
            401: ErrorSerializer,
        },
    ),
    retrieve=extend_schema(
        tags=TAG,
        summary="Một lần sơ kết, tổng kết",
        responses={200: s.MovementReviewSerializer, **READ_ERRORS},
    ),
)
class MovementReviewViewSet(_Base):
    serializer_class = s.MovementReviewSerializer
    filterset_class = filters.MovementReviewFilter

    def get_queryset(self):
        rows = permissions.visible_reviews(self.request.user)
        return rows.order_by("movement_id", "period_to", "id")
