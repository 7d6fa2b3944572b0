from django.contrib import admin

from tdkt.proposals.models import Comment, Disclosure, Holiday, Proposal, ProposalEvent


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Ngày nghỉ lễ, Tết: administrators correct the seeded days and add each year's notice."""

    list_display = ("date", "name")
    list_filter = ("date",)
    search_fields = ("name",)
    date_hierarchy = "date"


class EventInline(admin.TabularInline):
    model = ProposalEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor", "at", "reason")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Read-only here: dossiers change through the pages and the API (services check the rules)."""

    list_display = ("title", "proposing_unit", "receiving_unit", "award_kind", "year", "status")
    list_filter = ("status", "year")
    search_fields = ("title",)
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    list_display = ("proposal", "starts_on", "working_days", "ends_on")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("disclosure", "text", "answer")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
