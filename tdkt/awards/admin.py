"""Administrators edit the catalogue, cash multiples and base salaries here (audited by auditlog).

The award history itself is read-only here: it is written by decisions, imports and the services."""

from django.contrib import admin

from tdkt.awards import models
from tdkt.awards.services import set_cluster_result


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


@admin.register(models.ClusterResult)
class ClusterResultAdmin(admin.ModelAdmin):
    """Entered by hand until the clusters workflow writes them: Cờ thi đua needs the unit to lead its
    cluster or bloc (the engine's `cluster_results`)."""

    list_display = ("unit", "year", "cluster", "rank", "members", "leading", "source")
    list_filter = ("year", "leading", "source")
    search_fields = ("cluster", "unit__name")
    raw_id_fields = ("unit",)
    fields = ("unit", "year", "cluster", "rank", "members", "leading", "note")

    def save_model(self, request, obj, form, change):

        saved = set_cluster_result(
            unit=obj.unit,
            year=obj.year,
            cluster=obj.cluster,
            leading=obj.leading,
            rank=obj.rank,
            members=obj.members,
            note=obj.note,
        )
        obj.pk = saved.pk


@admin.register(models.ReviewPeriod)
class ReviewPeriodAdmin(admin.ModelAdmin):
    """Periods under consideration for discipline, inspection or complaint verification: while one covers
    the consideration date, the subject may not be proposed."""

    list_display = ("kind", "person", "unit", "start", "end")
    list_filter = ("kind",)
    raw_id_fields = ("person", "unit")
    list_select_related = ("person", "unit")


@admin.register(models.Leave)
class LeaveAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "start", "end")
    list_filter = ("kind",)
    raw_id_fields = ("person",)
    list_select_related = ("person",)


@admin.register(models.Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ("person", "year", "level", "decision_number", "decision_date", "term_end", "duty_related")
    list_filter = ("level", "year")
    raw_id_fields = ("person",)
    list_select_related = ("person",)
