"""Administrators edit the catalogue, cash multiples and base salaries here (audited by auditlog).

The award history itself is read-only here: it is written by decisions, imports and the services."""

from django.contrib import admin

from tdkt.awards import models


class CashMultipleInline(admin.TabularInline):
    model = models.CashMultiple
    extra = 0


@admin.register(models.AwardKind)
class AwardKindAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "category",
        "level",
        "subject_kind",
        "issuer",
        "default_type",
        "is_active",
    )
    list_filter = ("category", "level", "subject_kind", "default_type", "is_active")
    search_fields = ("code", "name")
    inlines = [CashMultipleInline]


@admin.register(models.BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "amount", "basis")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ("kind", "year", "person", "unit", "decision_number", "decision_date", "revoked", "source")
    list_filter = ("kind", "year", "revoked", "source")
    search_fields = ("decision_number", "person__search_text", "unit__search_text")
    list_select_related = ("kind", "person", "unit")
    raw_id_fields = ("person", "unit")


@admin.register(models.Recognition)
class RecognitionAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "scope", "year", "decision_number", "applied")
    list_filter = ("kind", "scope", "year")
    search_fields = ("search_text", "decision_number")
