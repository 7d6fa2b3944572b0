"""Filter back-ends shared by the API's list endpoints."""

from django.utils.translation import gettext_lazy as _
from rest_framework.filters import OrderingFilter


class StableOrderingFilter(OrderingFilter):
    """`?ordering=...` that always ends with the primary key, so pages never overlap or skip rows."""

    ordering_description = _(
        "Sắp xếp theo trường (thêm dấu - để xếp giảm dần), ví dụ: sort_key, -date_of_birth."
    )

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if ordering and not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering.append("id")
        return ordering
