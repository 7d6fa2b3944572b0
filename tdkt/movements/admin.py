from django.contrib import admin

from tdkt.movements.models import (
    Actual,
    AnnualRating,
    Cluster,
    ClusterMember,
    CultureChecklist,
    CultureCriterion,
    Movement,
    MovementParticipant,
    RatingGroup,
    RatingGroupMember,
    RegisteredTitle,
    Registration,
    Target,
    TargetAdjustment,
)


class ParticipantInline(admin.TabularInline):
    model = MovementParticipant
    raw_id_fields = ["unit"]
    extra = 0


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "scope", "level", "launching_unit", "starts_on", "ends_on", "status"]
    list_filter = ["status", "kind", "scope", "level"]
    search_fields = ["name", "slogan"]
    raw_id_fields = ["launching_unit"]
    readonly_fields = ["status", "launched_on", "closed_on"]
    inlines = [ParticipantInline]


class TitleInline(admin.TabularInline):
    model = RegisteredTitle
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "movement", "status", "submitted_on"]
    list_filter = ["year", "status"]
    raw_id_fields = ["unit", "movement"]
    inlines = [TitleInline]


class ActualInline(admin.TabularInline):
    model = Actual
    extra = 0


class AdjustmentInline(admin.TabularInline):
    model = TargetAdjustment
    extra = 0
    readonly_fields = ["old_planned", "new_planned", "reason", "actor", "at"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "person", "year", "planned", "actual_total", "attainment"]
    list_filter = ["year", "measure"]
    search_fields = ["code", "name", "unit__code"]
    raw_id_fields = ["unit", "person", "movement"]
    readonly_fields = ["actual_total", "periods_reported", "attainment"]
    inlines = [ActualInline, AdjustmentInline]


class ClusterMemberInline(admin.TabularInline):
    model = ClusterMember
    raw_id_fields = ["unit"]
    extra = 0


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organiser"]
    search_fields = ["name"]
    raw_id_fields = ["organiser"]
    inlines = [ClusterMemberInline]


@admin.register(AnnualRating)
class AnnualRatingAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "unit",
        "year",
        "points",
        "by_points",
        "value",
        "forced_by_discipline",
        "capped",
    ]
    list_filter = ["year", "value", "capped"]
    readonly_fields = [
        "periods",
        "points",
        "by_points",
        "value",
        "forced_by_discipline",
        "capped",
        "capped_in",
    ]
    raw_id_fields = ["person", "unit", "group"]


class RatingGroupMemberInline(admin.TabularInline):
    model = RatingGroupMember
    extra = 0
    raw_id_fields = ["person", "unit"]


@admin.register(RatingGroup)
class RatingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "unit"]
    search_fields = ["name"]
    raw_id_fields = ["unit"]
    inlines = [RatingGroupMemberInline]


class CultureCriterionInline(admin.TabularInline):
    model = CultureCriterion
    extra = 0


@admin.register(CultureChecklist)
class CultureChecklistAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "year"]
    list_filter = ["year"]
    raw_id_fields = ["owner", "movement"]
    inlines = [CultureCriterionInline]
