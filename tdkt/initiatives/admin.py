from django.contrib import admin

from tdkt.initiatives.models import Criterion, Initiative, InitiativeAuthor, InitiativeEvent, ScoreSheet


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    """Phiếu chấm điểm: administrators set the criteria, their weights and the pass rule (parameters)."""

    class CriterionInline(admin.TabularInline):
        model = Criterion
        extra = 1
        fields = ("order", "code", "name", "weight", "max_points")

    list_display = ("name", "unit", "pass_mark", "min_scorers", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)
    autocomplete_fields = ()
    raw_id_fields = ("unit",)
    inlines = [CriterionInline]


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuthorInline(_ReadOnlyInline):
    model = InitiativeAuthor
    fields = ("person", "share")
    readonly_fields = fields


class EventInline(_ReadOnlyInline):
    model = InitiativeEvent
    fields = ("from_status", "to_status", "actor", "at", "reason")
    readonly_fields = fields


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    """Read-only here: applications change through the pages and the API (the services check the rules)."""

    list_display = ("title", "kind", "unit", "year", "scope", "status")
    list_filter = ("kind", "status", "scope", "year")
    search_fields = ("title",)
    inlines = [AuthorInline, EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
