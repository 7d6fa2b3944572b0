"""The home page's dashboards, one panel per role the user holds (issue 17, item 3).

- TĐKT officer: deadlines this month, dossiers waiting on them, award imports and background jobs;
- unit leader: the unit's target attainment, candidates in its dossiers with the quota warnings, drafts to sign;
- council member: ballots to cast, meetings coming;
- staff (anyone linked to a person): their award history, latest rating, what they may be proposed for next;
- administrator: background jobs, failed log-ins, storage.

Every card links to the list behind its number. Each card costs a fixed number of queries whatever the data
(tests/test_dashboards.py checks that a panel's queries do not grow with the records). The portal is the top
layer: it reads the apps' selectors; no app imports it.
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Avg, Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tdkt.awards.models import Award, ImportBatch, Rating
from tdkt.core.text import format_decimal, format_number, format_percent
from tdkt.councils import selectors as council_selectors
from tdkt.councils.models import CouncilMember, Meeting
from tdkt.decisions.models import Decision
from tdkt.movements.models import Target
from tdkt.org.models import Role
from tdkt.org.permissions import ALL_UNITS, roles_of, visible_unit_ids
from tdkt.proposals import selectors as proposal_selectors
from tdkt.proposals.models import Candidate, Status
from tdkt.proposals.permissions import visible_proposals
from tdkt.rules.services import default_review_year, outlook, quota_warnings_for


@dataclass
class Card:
    id: str
    label: str
    value: str
    url: str
    link_label: str
    note: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Panel:
    role: str
    title: str
    cards: list[Card]


def _url(name: str, *args, **query) -> str:
    base = reverse(name, args=args)
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{base}?{urlencode(query)}" if query else base


def _month(today: date) -> tuple[date, date]:
    following = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return today.replace(day=1), following - timedelta(days=1)


def _jobs_counts(since) -> tuple[int, int]:
    """(waiting or running now, failed since `since`) of the background jobs: one query."""
    from django_tasks_db.models import DBTaskResult

    counts = DBTaskResult.objects.aggregate(
        active=Count("pk", filter=Q(status__in=["READY", "RUNNING"])),
        failed=Count("pk", filter=Q(status="FAILED", finished_at__gte=since)),
    )
    return counts["active"], counts["failed"]


# --- TĐKT officer ---------------------------------------------------------------------------------------------


def officer_panel(user, today: date) -> Panel:

    first, last = _month(today)
    month = f"{today:%Y-%m}"
    due = visible_proposals(user).filter(proposal_selectors.due_in_month_q(first, last)).count()
    waiting = proposal_selectors.needs_action_count(user)
    since = timezone.now() - timedelta(days=30)
    imports = ImportBatch.objects.filter(created_by=user, created_at__gte=since, dry_run=False).count()
    active, failed = _jobs_counts(timezone.now() - timedelta(days=7))
    return Panel(
        Role.OFFICER,
        _("Cán bộ TĐKT"),
        [
            Card(
                "officer-due-month",
                _("Hồ sơ đến hạn trình trong tháng %(m)s") % {"m": f"{today:%m/%Y}"},
                format_number(due),
                _url("proposals:list", due=month),
                _("Xem hồ sơ đến hạn"),
            ),
            Card(
                "officer-waiting",
                _("Hồ sơ đang chờ tôi xử lý"),
                format_number(waiting),
                _url("proposals:list", mine=1),
                _("Xem hồ sơ"),
            ),
            Card(
                "officer-imports",
                _("Lần nhập khen thưởng của tôi (30 ngày)"),
                format_number(imports),
                _url("awards:import"),
                _("Nhập dữ liệu khen thưởng"),
                note=_("Công việc nền: %(a)s đang chờ/chạy, %(f)s lỗi trong 7 ngày")
                % {"a": format_number(active), "f": format_number(failed)},
            ),
        ],
    )


# --- unit leader ------------------------------------------------------------------------------------------------


def leader_panel(user, today: date) -> Panel:

    scope = visible_unit_ids(user, roles={Role.LEADER})
    everywhere = scope is ALL_UNITS

    targets = Target.objects.filter(year=today.year, person__isnull=True, approved=True)
    if not everywhere:
        targets = targets.filter(unit_id__in=scope)
    attained = targets.aggregate(
        count=Count("pk"),
        average=Avg("attainment"),
        behind=Count("pk", filter=Q(attainment__lt=100)),
    )
    average = attained["average"]

    review_year = default_review_year(today)
    candidates = Candidate.objects.filter(proposal__year=review_year).exclude(
        proposal__status__in=[Status.REJECTED]
    )
    if not everywhere:
        candidates = candidates.filter(proposal__proposing_unit_id__in=scope)
    rows = list(
        candidates.exclude(result=Candidate.Result.WITHDRAWN).values_list(
            "proposal__award_kind__code", "verdict__verdict"
        )
    )
    eligible = Counter(code for code, verdict in rows if verdict == "eligible")
    warnings = quota_warnings_for(review_year, dict(eligible))

    drafts = Decision.objects.filter(status=Decision.Status.DRAFT)
    if not everywhere:
        drafts = drafts.filter(
            Q(issuer__unit_id__in=scope) | Q(issuer__unit__isnull=True, proposal__receiving_unit_id__in=scope)
        )
    to_sign = drafts.count()
    return Panel(
        Role.LEADER,
        _("Lãnh đạo đơn vị"),
        [
            Card(
                "leader-attainment",
                _("Tỷ lệ hoàn thành chỉ tiêu năm %(y)s") % {"y": today.year},
                format_percent(average) if average is not None else "—",
                _url("movements:target_list", year=today.year),
                _("Xem chỉ tiêu"),
                note=_("%(n)s chỉ tiêu, %(b)s chưa đạt 100 %%")
                % {"n": format_number(attained["count"]), "b": format_number(attained["behind"])},
            ),
            Card(
                "leader-candidates",
                _("Đối tượng trong hồ sơ đề nghị năm %(y)s") % {"y": review_year},
                format_number(len(rows)),
                _url("proposals:list", year=review_year),
                _("Xem hồ sơ"),
                note=_("%(n)s đủ điều kiện theo kiểm tra tự động")
                % {"n": format_number(sum(eligible.values()))},
                warnings=warnings,
            ),
            Card(
                "leader-to-sign",
                _("Dự thảo quyết định chờ tôi ký"),
                format_number(to_sign),
                _url("decisions:list", status=Decision.Status.DRAFT),
                _("Xem dự thảo"),
            ),
        ],
    )


# --- council member ---------------------------------------------------------------------------------------------


def council_panel(user, today: date) -> Panel | None:

    meetings = list(
        Meeting.objects.filter(
            council__members__user=user,
            status__in=[Meeting.Status.PLANNED, Meeting.Status.OPEN],
            held_at__date__gte=today,
        )
        .distinct()
        .order_by("held_at", "id")
        .values("pk", "title", "held_at")[:5]
    )
    ballots = council_selectors.awaiting_vote(user).count()
    next_meeting = meetings[0] if meetings else None
    return Panel(
        Role.COUNCIL_MEMBER,
        _("Thành viên Hội đồng"),
        [
            Card(
                "council-ballots",
                _("Phiếu bầu chờ tôi bỏ phiếu"),
                format_number(ballots),
                _url("councils:my_ballots"),
                _("Bỏ phiếu"),
            ),
            Card(
                "council-meetings",
                _("Phiên họp sắp tới"),
                format_number(len(meetings)) + ("+" if len(meetings) == 5 else ""),
                _url("councils:meeting_detail", next_meeting["pk"])
                if next_meeting
                else _url("councils:council_list"),
                _("Xem phiên họp gần nhất") if next_meeting else _("Xem hội đồng"),
                note=(
                    f"{timezone.localtime(next_meeting['held_at']):%d/%m/%Y %H:%M} – {next_meeting['title']}"
                    if next_meeting
                    else ""
                ),
            ),
        ],
    )


# --- staff ------------------------------------------------------------------------------------------------------


def staff_panel(person, today: date) -> Panel:

    awards = Award.objects.filter(person=person, revoked=False).count()
    rating = Rating.objects.filter(person=person).order_by("-year").first()
    review_year = default_review_year(today)
    eligible = [item.name for item in outlook(person, review_year).eligible_now]
    mine = _url("rules:person_awards", person.pk)
    return Panel(
        Role.STAFF,
        _("Của tôi"),
        [
            Card("staff-history", _("Khen thưởng đã nhận"), format_number(awards), mine, _("Xem lịch sử")),
            Card(
                "staff-rating",
                _("Xếp loại gần nhất"),
                f"{rating.value} ({rating.year})" if rating else "—",
                mine,
                _("Xem xếp loại"),
                note=rating.get_value_display() if rating else _("Chưa có xếp loại."),
            ),
            Card(
                "staff-next",
                _("Có thể được đề nghị trong đợt xét năm %(y)s") % {"y": review_year},
                format_number(len(eligible)),
                mine,
                _("Xem điều kiện"),
                note=", ".join(eligible[:3]) + ("…" if len(eligible) > 3 else ""),
            ),
        ],
    )


# --- administrator ----------------------------------------------------------------------------------------------


def admin_panel(user, today: date) -> Panel:
    from axes.models import AccessAttempt

    active, failed = _jobs_counts(timezone.now() - timedelta(days=7))
    since = timezone.now() - timedelta(days=1)
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), accounts=Count("username", distinct=True)
    )
    try:
        # On a fresh installation the folder for files does not exist until the first upload: measure the disk it
        # will be created on (its nearest existing parent folder).
        folder = Path(settings.MEDIA_ROOT).resolve()
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        disk = shutil.disk_usage(folder)
        used = disk.used * 100 / disk.total if disk.total else 0
        storage, storage_note = (
            format_percent(used, 1),
            _("Còn trống %(g)s GB") % {"g": format_decimal(disk.free / 1024**3, 1)},
        )
    except OSError:
        storage, storage_note = "—", _("Không đọc được thư mục lưu tệp.")
    return Panel(
        Role.ADMIN,
        _("Quản trị hệ thống"),
        [
            Card(
                "admin-jobs",
                _("Công việc nền lỗi (7 ngày)"),
                format_number(failed),
                _url("admin:django_tasks_database_dbtaskresult_changelist", status__exact="FAILED"),
                _("Xem công việc nền"),
                note=_("%(a)s đang chờ/chạy") % {"a": format_number(active)},
            ),
            Card(
                "admin-failed-logins",
                _("Đăng nhập sai (24 giờ)"),
                format_number(attempts["failures"] or 0),
                _url("admin:axes_accessattempt_changelist"),
                _("Xem lần đăng nhập sai"),
                note=_("%(n)s tài khoản") % {"n": format_number(attempts["accounts"])},
            ),
            Card(
                "admin-storage",
                _("Dung lượng lưu trữ đã dùng"),
                storage,
                _url("admin:index"),
                _("Trang quản trị"),
                note=storage_note,
            ),
        ],
    )


def panels(request, today: date | None = None) -> list[Panel]:
    """The panels for the user's roles: council member first (ballots wait), then officer, leader,
    administrator, and the user's own panel last."""

    user = request.user
    today = today or timezone.localdate()
    roles = roles_of(user)
    result: list[Panel] = []
    if Role.COUNCIL_MEMBER in roles or CouncilMember.objects.filter(user=user).exists():
        panel = council_panel(user, today)
        if panel is not None:
            result.append(panel)
    if Role.OFFICER in roles:
        result.append(officer_panel(user, today))
    if Role.LEADER in roles:
        result.append(leader_panel(user, today))
    if Role.ADMIN in roles:
        result.append(admin_panel(user, today))
    person = _person_of(user)
    if person is not None:
        result.append(staff_panel(person, today))
    return result


def _person_of(user):
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return user.person
    except ObjectDoesNotExist:
        return None
