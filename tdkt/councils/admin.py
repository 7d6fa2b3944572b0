"""Django admin: councils, members and meetings; ballots read-only, with counters only once counted."""

from django.contrib import admin

from tdkt.councils.models import Attendance, Ballot, Council, CouncilMember, Meeting


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ["person", "user"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "decision_number", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "decision_number"]
    inlines = [CouncilMemberInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["member"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "held_at", "status"]
    list_filter = ["status"]
    inlines = [AttendanceInline]


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    """Read only: votes go through the services, and open counters are not shown."""

    list_display = ["subject", "meeting", "status", "passed"]
    list_filter = ["status"]

    def get_fields(self, request, obj=None):
        fields = [
            "meeting",
            "subject",
            "award_code",
            "target",
            "candidate_person",
            "threshold",
            "base",
            "status",
        ]
        if obj is not None and obj.status == Ballot.Status.CLOSED:
            fields += ["yes_count", "no_count", "abstain_count", "members_count", "present_count", "passed"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
