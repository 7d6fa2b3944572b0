from django.contrib import admin

from tdkt.exemplars.models import Achievement, Exemplar, Honour, Media, Replication, Tag


class AchievementInline(admin.TabularInline):
    model = Achievement
    extra = 0


class HonourInline(admin.TabularInline):
    model = Honour
    extra = 0


class ReplicationInline(admin.TabularInline):
    model = Replication
    extra = 0
    raw_id_fields = ["unit"]


class MediaInline(admin.TabularInline):
    model = Media
    extra = 0


@admin.register(Exemplar)
class ExemplarAdmin(admin.ModelAdmin):
    """Status moves go through the pages or the API (they record an event); here the profile and records."""

    list_display = ["name", "unit", "field", "status", "recognised_on"]
    list_filter = ["status", "field"]
    search_fields = ["name"]
    raw_id_fields = ["unit"]
    readonly_fields = ["status", "recognised_on"]
    exclude = ["created_by"]
    inlines = [AchievementInline, MediaInline, HonourInline, ReplicationInline]


admin.site.register(Tag)
