"""The exemplary models API at `/api/models/`: list, read, propose, edit, change status.

Every queryset starts from `permissions.visible_exemplars`: a proposed model out of scope is 404.
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
from tdkt.exemplars import permissions, services
from tdkt.exemplars.api.serializers import (
    ExemplarDetailSerializer,
    ExemplarSerializer,
    ExemplarWriteSerializer,
    StatusChangeSerializer,
)
from tdkt.exemplars.filters import ExemplarFilter
from tdkt.org.permissions import access_unit, can_edit_unit

TAG = ["Điển hình tiên tiến"]
READ_ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {
    400: ValidationErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
}


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="Danh sách mô hình điển hình tiên tiến",
        description="Các mô hình người dùng được xem, theo tên; lọc như trên trang Điển hình tiên tiến.",
        responses={200: ExemplarSerializer(many=True), 400: ValidationErrorSerializer, 401: ErrorSerializer},
    ),
    retrieve=extend_schema(
        tags=TAG, summary="Hồ sơ mô hình", responses={200: ExemplarDetailSerializer, **READ_ERRORS}
    ),
    create=extend_schema(
        tags=TAG,
        summary="Đề xuất mô hình",
        request=ExemplarWriteSerializer,
        responses={201: ExemplarDetailSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        tags=TAG,
        summary="Sửa hồ sơ mô hình",
        description="Gửi lock_version đã đọc; 409 nếu người khác đã sửa trước.",
        request=ExemplarWriteSerializer,
        responses={200: ExemplarDetailSerializer, 409: ErrorSerializer, **WRITE_ERRORS},
    ),
)
class ExemplarViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsAuthenticated, SecondFactorVerified]
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ExemplarFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return ExemplarWriteSerializer
        return ExemplarDetailSerializer if self.action == "retrieve" else ExemplarSerializer

    def get_queryset(self):
        qs = permissions.visible_exemplars(self.request.user).select_related("unit").prefetch_related("tags")
        return qs.order_by("name", "id")

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise exceptions.NotFound()
        return obj

    def _editable(self):
        exemplar = self.get_object()
        if not permissions.can_edit(self.request.user, exemplar):
            raise exceptions.PermissionDenied(_("Bạn không có quyền sửa mô hình này."))
        return exemplar

    def create(self, request, *args, **kwargs):
        data = ExemplarWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if "unit" not in values:
            raise exceptions.ValidationError({"unit": [_("Chọn đơn vị xây dựng mô hình.")]})
        unit = access_unit(request.user, values["unit"])
        if not can_edit_unit(request.user, unit):
            raise exceptions.PermissionDenied(_("Bạn không có quyền đề xuất mô hình cho đơn vị này."))
        record_actor(request)
        exemplar = services.create_exemplar(
            name=values["name"], unit=unit, field=values.get("field", "khac"), summary=values.get("summary", ""),
            story=values.get("story", ""), started_on=values.get("started_on"), tags=values.get("tags"),
            actor=request.user,
        )  # fmt: skip
        return Response(ExemplarDetailSerializer(exemplar).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        exemplar = self._editable()
        data = ExemplarWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "lock_version" not in values:
            raise exceptions.ValidationError(
                {"lock_version": [_("Gửi kèm phiên bản đã đọc (lock_version).")]}
            )
        if "unit" in values:
            raise exceptions.ValidationError({"unit": [_("Không đổi được đơn vị của mô hình.")]})
        version = values.pop("lock_version")
        tags = values.pop("tags", None)
        record_actor(request)
        services.update_exemplar(exemplar=exemplar, expected_version=version, tags=tags, **values)
        return Response(ExemplarDetailSerializer(exemplar).data)

    def update(self, request, *args, **kwargs):  # PUT is not offered
        raise exceptions.MethodNotAllowed(request.method)

    @extend_schema(
        tags=TAG,
        summary="Chuyển trạng thái mô hình",
        description="proposed → recognised → replicated (cần ít nhất một đơn vị nhân rộng); lùi lại cần lý do.",
        request=StatusChangeSerializer,
        responses={200: ExemplarDetailSerializer, 409: ErrorSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        exemplar = self._editable()
        data = StatusChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        record_actor(request)
        services.change_status(
            exemplar=exemplar, to=v["to"], on=v.get("on"), note=v.get("note", ""), actor=request.user,
            expected_version=v["lock_version"],
        )  # fmt: skip
        return Response(ExemplarDetailSerializer(exemplar).data)
