"""Django admin: councils, members and meetings; ballots read-only, with counters only once counted."""

from django.contrib import admin
from django.db.models.constants import LOOKUP_SEP

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


# The fields of a ballot that say something about its votes, or hold its keys: no lookup, filter, search or
# ordering may touch them (a `?yes_count__gte=4` on an open ballot would reveal its votes as they come).
BALLOT_SECRET_FIELDS = frozenset(
    {
        "yes_count",
        "no_count",
        "abstain_count",
        "members_count",
        "present_count",
        "passed",
        "public_key",
        "sealed_key",
        "encrypted_total",
        "receipts",
    }
)


class SecretFieldsAdmin(admin.ModelAdmin):
    """Refuses any lookup, filter, search or sort on `secret_fields` (HTTP 400 from the admin)."""

    secret_fields: frozenset[str] = frozenset()

    def _touches_secret(self, lookup: str) -> bool:
        return any(part in self.secret_fields for part in lookup.lstrip("-").split(LOOKUP_SEP))

    def lookup_allowed(self, lookup, value, request=None):
        if self._touches_secret(lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_list_filter(self, request):
        return [
            f
            for f in super().get_list_filter(request)
            if not (isinstance(f, str) and self._touches_secret(f))
        ]

    def get_search_fields(self, request):
        return [f for f in super().get_search_fields(request) if not self._touches_secret(f)]

    def get_sortable_by(self, request):
        return [
            f for f in self.get_list_display(request) if isinstance(f, str) and not self._touches_secret(f)
        ]

    def get_ordering(self, request):
        return [f for f in super().get_ordering(request) or [] if not self._touches_secret(f)]


@admin.register(Meeting)
class MeetingAdmin(SecretFieldsAdmin):
    """The meeting's ballot-box key (public and sealed) is never a lookup, a filter or a sort."""

    secret_fields = BALLOT_SECRET_FIELDS
    list_display = ["title", "council", "held_at", "status"]
    list_filter = ["status"]
    inlines = [AttendanceInline]


@admin.register(Ballot)
class BallotAdmin(SecretFieldsAdmin):
    """Read only: votes go through the services, and open counters are not shown."""

    secret_fields = BALLOT_SECRET_FIELDS
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
