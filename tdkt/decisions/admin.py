"""Django admin for decisions. Issuers are edited here; decisions and the number register are read-only
(their writes go through tdkt.decisions.services, so numbers, cash and the award history stay consistent)."""

from django.contrib import admin

from tdkt.decisions import models


@admin.register(models.Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ("symbol", "name", "parent_name", "unit", "place", "head_title")
    search_fields = ("symbol", "name")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.NumberRegister)
class NumberRegisterAdmin(ReadOnlyAdmin):
    list_display = ("issuer", "year", "last_number")
    list_filter = ("issuer", "year")


class LineInline(admin.TabularInline):
    model = models.DecisionLine
    fields = (
        "order",
        "subject_name",
        "subject_detail",
        "award_kind",
        "achievement_year",
        "cash_multiple",
        "cash_amount",
        "award",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = models.DecisionEvent
    fields = ("at", "from_status", "to_status", "actor", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "issuer", "year", "number", "signed_on", "status")
    list_filter = ("status", "issuer", "year")
    search_fields = ("summary",)
    inlines = [LineInline, EventInline]
