"""The organisation API: units (with their dated tree and history) and people.

Every queryset starts from `permissions.visible_units` / `visible_people`, so an object outside the
user's scope is answered 404 (its existence is not revealed); a write the user may see but not make
is answered 403. Writes go through `tdkt.org.services`, with the `lock_version` the client read.
"""

from datetime import date

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tdkt.api.audit import record_actor
from tdkt.api.filters import StableOrderingFilter
from tdkt.api.pagination import StandardPagination
from tdkt.api.permissions import SecondFactorVerified
from tdkt.api.serializers import ErrorSerializer, ValidationErrorSerializer
from tdkt.org import permissions, selectors, services
from tdkt.org.api.serializers import (
    OnDateQuerySerializer,
    PersonDetailSerializer,
    PersonSerializer,
    PersonUpdateSerializer,
    RenameUnitSerializer,
    TreeNodeSerializer,
    UnitBriefSerializer,
    UnitHistorySerializer,
    UnitOnDateSerializer,
    UnitSerializer,
)
from tdkt.org.filters import PersonFilter, UnitFilter
from tdkt.org.models import Membership, Person, Unit

ON_PARAM = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    OpenApiParameter.QUERY,
    description="Ngày cần xem (YYYY-MM-DD); mặc định hôm nay.",
)
READ_ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {
    400: ValidationErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    409: ErrorSerializer,
}


def _day(request) -> date:
    params = OnDateQuerySerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data.get("on") or date.today()


def _visible_only(nodes: list[selectors.TreeNode], ids: set[int], depth: int = 0) -> list[selectors.TreeNode]:
    """The tree cut down to `ids`: a visible unit under an invisible one moves up to its place."""
    kept: list[selectors.TreeNode] = []
    for node in nodes:
        visible = node.unit.pk in ids
        children = _visible_only(node.children, ids, depth + 1 if visible else depth)
        if visible:
            node.children, node.depth = children, depth
            kept.append(node)
        else:
            kept.extend(children)
    return kept


class ScopedViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    pagination_class = StandardPagination
    lookup_value_regex = r"\d+"
    not_found_message = ""

    def get_object(self):
        """The object by id within the user's scope; filters of the list do not apply here."""
        obj = self.get_queryset().filter(pk=self.kwargs[self.lookup_url_kwarg or self.lookup_field]).first()
        if obj is None:
            raise exceptions.NotFound(self.not_found_message or None)
        self.check_object_permissions(self.request, obj)
        return obj


UNIT_TAG = ["Đơn vị"]
PERSON_TAG = ["Cá nhân"]


@extend_schema_view(
    list=extend_schema(
        tags=UNIT_TAG,
        summary="Danh sách đơn vị",
        description="Các đơn vị trong phạm vi của người dùng, theo mã; lọc như trên trang Đơn vị.",
        responses={200: UnitSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=UNIT_TAG,
        summary="Chi tiết đơn vị",
        description="Tên, loại, đơn vị cấp trên hiện tại và thời gian hiệu lực của một đơn vị.",
        responses={200: UnitSerializer, **READ_ERRORS},
    ),
)
class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Unit.objects.all()  # narrowed to the user's scope in get_queryset
    serializer_class = UnitSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = UnitFilter

    @property
    def not_found_message(self):
        return _("Không tìm thấy đơn vị.")

    def get_queryset(self):
        return permissions.visible_units(self.request.user).order_by("code", "id")

    @extend_schema(
        tags=UNIT_TAG,
        summary="Cây đơn vị vào một ngày",
        description=(
            "Cây đơn vị lồng nhau với tên và quan hệ cấp trên của ngày `on`, chỉ gồm các đơn vị trong phạm vi "
            "của người dùng (một đơn vị có cấp trên ngoài phạm vi được đưa lên gốc)."
        ),
        parameters=[ON_PARAM],
        responses={200: TreeNodeSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def tree(self, request):
        nodes = selectors.tree_on(_day(request))
        ids = permissions.visible_unit_ids(request.user)
        if ids is not permissions.ALL_UNITS:
            nodes = _visible_only(nodes, ids)
        return Response(TreeNodeSerializer(nodes, many=True).data)

    @extend_schema(
        tags=UNIT_TAG,
        summary="Đơn vị trực thuộc vào một ngày",
        description="Đơn vị này và mọi đơn vị cấp dưới của nó vào ngày `on`, với tên của ngày đó.",
        parameters=[ON_PARAM],
        responses={200: UnitOnDateSerializer(many=True), 400: ValidationErrorSerializer, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def subtree(self, request, pk=None):
        unit = self.get_object()
        versions = selectors.units_under(unit, _day(request))
        ids = permissions.visible_unit_ids(request.user)
        if ids is not permissions.ALL_UNITS:
            versions = versions.filter(unit_id__in=ids)
        return Response(UnitOnDateSerializer(versions, many=True).data)

    @extend_schema(
        tags=UNIT_TAG,
        summary="Đơn vị kế thừa hiện nay",
        description=(
            "Đơn vị đang hoạt động kế thừa đơn vị này qua các lần sáp nhập, chia tách "
            "(chính nó nếu còn hoạt động)."
        ),
        responses={200: UnitBriefSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def successors(self, request, pk=None):
        return Response(UnitBriefSerializer(selectors.successors(self.get_object()), many=True).data)

    @extend_schema(
        tags=UNIT_TAG,
        summary="Lịch sử đơn vị",
        description="Các phiên bản (tên, cấp trên theo thời gian) và các sự kiện tổ chức của đơn vị, mới nhất trước.",
        responses={200: UnitHistorySerializer, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        unit = self.get_object()
        versions = unit.versions.select_related("parent").order_by("-valid_from")
        history = {"unit": unit, "versions": versions, "events": selectors.unit_events(unit)}
        return Response(UnitHistorySerializer(history).data)

    @extend_schema(
        tags=UNIT_TAG,
        summary="Đổi tên đơn vị",
        description=(
            "Đơn vị mang tên mới từ ngày `on` (lịch sử khen thưởng vẫn gắn với đơn vị). Dành cho Quản trị hệ "
            "thống và Cán bộ TĐKT trong phạm vi. Gửi `lock_version` đã đọc; nếu người khác đã sửa, trả 409."
        ),
        request=RenameUnitSerializer,
        responses={200: UnitSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def rename(self, request, pk=None):
        unit = self.get_object()
        if not permissions.can_edit_unit(request.user, unit):
            raise exceptions.PermissionDenied(_("Bạn không có quyền sửa đơn vị này."))
        body = RenameUnitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        record_actor(request)
        unit = services.rename_unit(
            unit=unit,
            name=values["name"],
            short_name=values.get("short_name"),
            on=values["on"],
            actor=request.user,
            decision=values.get("decision", ""),
            expected_version=values["lock_version"],
        )
        return Response(UnitSerializer(unit, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(
        tags=PERSON_TAG,
        summary="Danh sách cá nhân",
        description=(
            "Cá nhân trong phạm vi của người dùng, xếp theo tên kiểu Việt Nam (tên, rồi họ, tên đệm). "
            "`q` tìm không phân biệt dấu; `unit` gồm cả đơn vị cấp dưới vào ngày `on`."
        ),
        responses={200: PersonSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=PERSON_TAG,
        summary="Chi tiết cá nhân",
        description="Thông tin cá nhân và toàn bộ quá trình công tác.",
        responses={200: PersonDetailSerializer, **READ_ERRORS},
    ),
    partial_update=extend_schema(
        tags=PERSON_TAG,
        summary="Sửa thông tin cá nhân",
        description=(
            "Sửa họ tên, giới tính, ngày sinh, mã cán bộ. Dành cho Quản trị hệ thống và Cán bộ TĐKT trong "
            "phạm vi. Gửi `lock_version` đã đọc; nếu người khác đã sửa, trả 409."
        ),
        request=PersonUpdateSerializer,
        responses={200: PersonDetailSerializer, **WRITE_ERRORS},
    ),
)
class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Person.objects.all()  # narrowed to the user's scope in get_queryset
    serializer_class = PersonSerializer
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    filterset_class = PersonFilter
    ordering_fields = ["sort_key", "date_of_birth", "staff_code"]
    ordering = ["sort_key", "id"]

    @property
    def not_found_message(self):
        return _("Không tìm thấy cá nhân.")

    def get_serializer_class(self):
        return PersonSerializer if self.action == "list" else PersonDetailSerializer

    def get_queryset(self):
        memberships = Membership.objects.select_related("unit", "position").order_by("-valid_from", "-id")
        current = memberships.filter(selectors.active_on(date.today()))
        browse = permissions.visible_unit_ids(self.request.user, roles=permissions.BROWSE_ROLES)
        if permissions.visible_unit_ids(self.request.user) is not permissions.ALL_UNITS and browse:
            # A former member's current unit is not the old unit's business.
            current = current.filter(Q(unit_id__in=browse) | Q(person__user=self.request.user))
        prefetches = [Prefetch("memberships", queryset=current, to_attr="current_memberships")]
        return (
            permissions.visible_people(self.request.user)
            .prefetch_related(*prefetches)
            .order_by(*self.ordering)
        )

    def get_object(self):
        person = super().get_object()
        if self.action != "list":
            person.all_memberships = list(
                permissions.visible_memberships(self.request.user, person)
                .select_related("unit", "position")
                .order_by("-valid_from", "-id")
            )
        return person

    def partial_update(self, request, pk=None):
        person = self.get_object()
        if not permissions.can_edit_person(request.user, person):
            raise exceptions.PermissionDenied(_("Bạn không có quyền sửa thông tin cá nhân này."))
        body = PersonUpdateSerializer(data=request.data, context={"person": person})
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        expected = values.pop("lock_version")
        record_actor(request)
        services.update_person(person=person, expected_version=expected, **values)
        return Response(PersonDetailSerializer(self.get_object(), context=self.get_serializer_context()).data)
