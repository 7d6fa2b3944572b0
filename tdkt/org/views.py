"""Pages of the organisation: the unit tree on a date, restructuring history, units, people.

Each view fetches through the access checks of `permissions` (404 for outsiders), validates with a
form, calls a service to write, and renders one template (or, for htmx, one named fragment of it).
"""

from datetime import date

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tdkt.core import xlsx
from tdkt.core.actions import refuse_bad_filter, service_call
from tdkt.core.errors import ConcurrentEditError
from tdkt.core.htmx import render_page
from tdkt.core.tables import Column, TableSpec, exportable
from tdkt.core.text import format_date, format_number
from tdkt.core.xlsx import write_table
from tdkt.org import permissions, selectors, services
from tdkt.org.filters import PersonFilter, UnitFilter
from tdkt.org.forms import HistoryFilterForm, PersonEditForm, TreeDateForm, UnitEditForm
from tdkt.org.models import Membership, Person, Unit, UnitEvent, UnitEventKind, UnitEventLink, UnitVersion

PAGE_SIZE = 50
AUDIT_LIMIT = 200
QUICK_DATES = [date(2024, 1, 1)]

# Extra tabs on the detail pages: (label, url name taking the object's pk). Other apps append to these
# lists in their AppConfig.ready(), e.g. PERSON_TABS.insert(0, (_("Khen thưởng"), "awards:person_awards")).
# Each tab's content is loaded with htmx when the tab is first shown.
UNIT_TABS: list[tuple] = [(gettext_lazy("Nhật ký"), "org:unit_audit")]
PERSON_TABS: list[tuple] = [(gettext_lazy("Nhật ký"), "org:person_audit")]


def _tabs(registry: list[tuple], pk: int) -> list[dict]:
    return [
        {
            "id": "tab-" + url_name.replace(":", "-").replace("_", "-"),
            "label": label,
            "url": reverse(url_name, args=[pk]),
        }
        for label, url_name in registry
    ]


# The unit tree -------------------------------------------------------------------------------------


def _visible_nodes(nodes: list[selectors.TreeNode], visible: set[int] | None) -> list[selectors.TreeNode]:
    """Keep the visible units; a visible unit under a hidden one moves up to the nearest visible level."""
    if visible is permissions.ALL_UNITS:
        return nodes
    kept: list[selectors.TreeNode] = []
    for node in nodes:
        children = _visible_nodes(node.children, visible)
        if node.unit.pk in visible:
            node.children = children
            kept.append(node)
        else:
            kept.extend(children)
    return kept


def _restructuring_around(day: date, visible: set[int] | None) -> tuple[UnitEvent | None, UnitEvent | None]:
    """The last restructuring on or before `day` and the next one after it, among visible units."""
    events = UnitEvent.objects.exclude(kind=UnitEventKind.ESTABLISH)
    if visible is not permissions.ALL_UNITS:
        events = events.filter(pk__in=UnitEventLink.objects.filter(unit_id__in=visible).values("event_id"))
    # On a day with several steps, name the structural one (a merge or split) rather than the moves it caused.
    weight = Case(
        When(kind__in=[UnitEventKind.MERGE, UnitEventKind.SPLIT], then=Value(0)),
        When(kind=UnitEventKind.DISSOLVE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    events = events.annotate(weight=weight)
    before = events.filter(date__lte=day).order_by("-date", "weight", "-id").first()
    after = events.filter(date__gt=day).order_by("date", "weight", "id").first()
    return before, after


@login_required
@require_GET
def unit_tree(request):
    form = TreeDateForm(request.GET or None)
    day = date.today()
    if form.is_bound and form.is_valid() and form.cleaned_data["on"]:
        day = form.cleaned_data["on"]
    visible = permissions.visible_unit_ids(request.user)
    nodes = _visible_nodes(selectors.tree_on(day), visible)
    before, after = _restructuring_around(day, visible)
    context = {
        "form": form,
        "day": day,
        "day_text": format_date(day),
        "is_today": day == date.today(),
        "today_text": format_date(date.today()),
        "quick_dates": [format_date(d) for d in QUICK_DATES],
        "nodes": nodes,
        "unit_count": len(selectors.flatten(nodes)),
        "event_before": before,
        "event_after": after,
    }
    return render_page(request, "org/unit_tree.html", context, fragment="panel")


def _linked(role):
    """The units of an event in one role (before, after), named as the page names them, from its links."""

    def names(event) -> str:
        return "; ".join(link.unit.name for link in event.links.all() if link.role == role)

    return names


HISTORY_TABLE = TableSpec(
    title=gettext_lazy("LỊCH SỬ SẮP XẾP, TỔ CHỨC LẠI ĐƠN VỊ"),
    filename="lich-su-sap-xep",
    rows="page",
    columns=[
        Column(gettext_lazy("Ngày hiệu lực"), "date"),
        Column(gettext_lazy("Loại sự kiện"), "get_kind_display"),
        Column(gettext_lazy("Văn bản"), "decision"),
        Column(gettext_lazy("Ghi chú"), "note"),
        Column(gettext_lazy("Đơn vị trước"), _linked(UnitEventLink.Role.PREDECESSOR)),
        Column(gettext_lazy("Đơn vị sau"), _linked(UnitEventLink.Role.SUCCESSOR)),
    ],
)


@exportable(HISTORY_TABLE)
@login_required
@require_GET
def restructuring_history(request):
    form = HistoryFilterForm(request.GET or None)
    events = UnitEvent.objects.order_by("-date", "-id")
    visible = permissions.visible_unit_ids(request.user)
    if visible is not permissions.ALL_UNITS:
        events = events.filter(pk__in=UnitEventLink.objects.filter(unit_id__in=visible).values("event_id"))
    if form.is_valid():
        if form.cleaned_data["year"]:
            events = events.filter(date__year=form.cleaned_data["year"])
        if form.cleaned_data["kind"]:
            events = events.filter(kind=form.cleaned_data["kind"])
    events = events.select_related("created_by").prefetch_related(
        Prefetch("links", queryset=UnitEventLink.objects.select_related("unit").order_by("unit__code"))
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        links = list(event.links.all())
        event.predecessors = [link.unit for link in links if link.role == UnitEventLink.Role.PREDECESSOR]
        event.successors = [link.unit for link in links if link.role == UnitEventLink.Role.SUCCESSOR]
    context = {
        "form": form,
        "page": page,
        "visible": visible,
        "all_visible": visible is permissions.ALL_UNITS,
    }
    return render_page(request, "org/restructuring_history.html", context, fragment="results")


# A unit -------------------------------------------------------------------------------------------


def _with_memberships_on(people, day: date, unit_ids=None):
    """People with `memberships_on` (their memberships on `day`, unit and position loaded): no N+1.
    With `unit_ids`, only the memberships in those units (a former member's new unit stays unsaid)."""
    rows = Membership.objects.filter(selectors.active_on(day)).select_related("unit", "position")
    if unit_ids is not None and unit_ids is not permissions.ALL_UNITS:
        rows = rows.filter(unit_id__in=unit_ids)
    return people.prefetch_related(Prefetch("memberships", queryset=rows, to_attr="memberships_on"))


UNIT_PEOPLE_TABLE = TableSpec(
    title=lambda c: (
        _("CÁN BỘ HIỆN CÔNG TÁC TẠI %(unit)s VÀ CÁC ĐƠN VỊ CẤP DƯỚI") % {"unit": c["unit"].name.upper()}
    ),
    filename="can-bo-don-vi",
    rows="page",
    form=None,
    columns=[
        Column(gettext_lazy("Họ và tên"), "full_name"),
        Column(gettext_lazy("Ngày sinh"), "date_of_birth"),
        Column(gettext_lazy("Đơn vị"), lambda p: p.memberships_on[0].unit.name if p.memberships_on else ""),
        Column(
            gettext_lazy("Chức vụ"),
            lambda p: (
                p.memberships_on[0].position.name if p.memberships_on and p.memberships_on[0].position else ""
            ),
        ),
    ],
)


VERSIONS_TABLE = TableSpec(
    name="versions",
    title=lambda c: _("LỊCH SỬ TÊN VÀ ĐƠN VỊ CẤP TRÊN: %(unit)s") % {"unit": c["unit"].name},
    filename="lich-su-don-vi",
    rows="versions",
    form=None,
    columns=[
        Column(gettext_lazy("Tên đơn vị"), "name"),
        Column(gettext_lazy("Tên viết tắt"), "short_name"),
        Column(gettext_lazy("Đơn vị cấp trên"), "parent.name"),
        Column(gettext_lazy("Từ ngày"), "valid_from"),
        Column(gettext_lazy("Đến ngày"), "valid_to"),
    ],
)


@exportable(UNIT_PEOPLE_TABLE, VERSIONS_TABLE)
@login_required
@require_GET
def unit_detail(request, pk):
    unit = permissions.access_unit(request.user, pk)
    today = date.today()
    visible = permissions.visible_unit_ids(request.user)
    events = list(selectors.unit_events(unit))
    for event in events:
        links = list(event.links.all())
        event.predecessors = [link.unit for link in links if link.role == UnitEventLink.Role.PREDECESSOR]
        event.successors = [link.unit for link in links if link.role == UnitEventLink.Role.SUCCESSOR]
    people = _with_memberships_on(
        selectors.people_in(selectors.subtree_ids(unit, today), today).order_by("sort_key", "id"), today
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "versions": unit.versions.select_related("parent").order_by("-valid_from"),
        "events": events,
        "successors": [] if unit.valid_to is None else selectors.successors(unit),
        "children": UnitVersion.objects.filter(selectors.active_on(today), parent=unit)
        .select_related("unit")
        .order_by("unit__code"),
        "page": page,
        "visible": visible,
        "all_visible": visible is permissions.ALL_UNITS,
        "can_edit": permissions.can_edit_unit(request.user, unit),
        "tabs": _tabs(UNIT_TABS, unit.pk),
    }
    return render_page(request, "org/unit_detail.html", context, fragment="people")


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk):
    unit = permissions.access_unit(request.user, pk)
    if not permissions.can_edit_unit(request.user, unit):
        raise Http404(_("Không tìm thấy đơn vị."))
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "lock_version": unit.lock_version,
        "mode": UnitEditForm.RENAME,
    }
    form = UnitEditForm(request.POST or None, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form=form) as call:
            if data["mode"] == UnitEditForm.RENAME:
                services.rename_unit(
                    unit=unit,
                    name=data["name"],
                    short_name=data["short_name"],
                    on=data["on"],
                    actor=request.user,
                    decision=data["decision"],
                    expected_version=data["lock_version"],
                )
                messages.success(
                    request, _("Đã đổi tên đơn vị từ ngày %(day)s.") % {"day": format_date(data["on"])}
                )
            else:
                services.update_unit_details(
                    unit=unit,
                    name=data["name"],
                    short_name=data["short_name"],
                    expected_version=data["lock_version"],
                )
                messages.success(request, _("Đã sửa tên hiện tại của đơn vị."))
            return redirect("org:unit_detail", pk=unit.pk)
        unit.refresh_from_db()
        if call.conflict:
            current = unit
            form = _rebound_after_conflict(UnitEditForm, request.POST, current.lock_version, call.error)
    context = {"unit": unit, "form": form, "current": current}
    return render_page(request, "org/unit_edit.html", context)


def _rebound_after_conflict(form_class, data, current_version: int, error: ConcurrentEditError):
    """The user's input kept as typed, the conflict explained; saving again is a deliberate overwrite
    of the values shown as current (the form now carries the version that was read back)."""
    data = data.copy()
    data["lock_version"] = str(current_version)
    form = form_class(data)
    form.is_valid()
    form.add_error(None, error)
    return form


def _audit_entries(targets: list[tuple[type, list[int]]]):
    condition = Q(pk__in=[])
    for model, ids in targets:
        if ids:
            condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )


def _render_audit(request, obj, entries, back_url):
    context = {
        "object": obj,
        "entries": list(entries[:AUDIT_LIMIT]),
        "limit": AUDIT_LIMIT,
        "back_url": back_url,
    }
    return render_page(request, "partials/audit_tab.html", context, fragment="audit")


@login_required
@require_GET
def unit_audit(request, pk):
    unit = permissions.access_unit(request.user, pk)
    entries = _audit_entries(
        [(Unit, [unit.pk]), (UnitVersion, list(unit.versions.values_list("pk", flat=True)))]
    )
    return _render_audit(request, unit, entries, reverse("org:unit_detail", args=[unit.pk]))


# People -------------------------------------------------------------------------------------------


def _person_filter(request) -> PersonFilter:
    return PersonFilter(request.GET or None, queryset=permissions.visible_people(request.user))


def _filtered_people(request):
    person_filter = _person_filter(request)
    people = person_filter.qs if person_filter.is_bound else person_filter.queryset
    day = (person_filter.form.cleaned_data.get("on") if person_filter.is_bound else None) or date.today()
    browse = permissions.visible_unit_ids(request.user, roles=permissions.BROWSE_ROLES) or None
    if permissions.visible_unit_ids(request.user) is permissions.ALL_UNITS:
        browse = None
    return person_filter, _with_memberships_on(people.order_by("sort_key", "id"), day, browse), day


@login_required
@require_GET
def person_list(request):
    person_filter, people, day = _filtered_people(request)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    units = permissions.visible_units(request.user).filter(valid_to__isnull=True).only("pk", "code", "name")
    context = {
        "filter": person_filter,
        "form": person_filter.form,
        "page": page,
        "day": day,
        "units": units,
        "export_query": _query_without_page(request),
    }
    invalid = person_filter.is_bound and not person_filter.is_valid()  # e.g. ?born_from=0: say why, as a 400
    return render_page(
        request, "org/person_list.html", context, fragment="results", status=400 if invalid else 200
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def person_export(request):

    person_filter, people, _day = _filtered_people(request)
    if refused := refuse_bad_filter(person_filter):
        return refused
    limit = xlsx.EXPORT_MAX_ROWS
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Giới tính"),
        _("Ngày sinh"),
        _("Mã cán bộ"),
        _("Đơn vị"),
        _("Chức vụ"),
    ]
    rows = []
    for number, person in enumerate(people[:limit].iterator(chunk_size=2000), start=1):
        membership = person.memberships_on[0] if person.memberships_on else None
        rows.append(
            [
                number,
                person.full_name,
                person.get_gender_display(),
                person.date_of_birth,
                person.staff_code or "",
                membership.unit.name if membership else "",
                membership.position.name if membership and membership.position else "",
            ]
        )
    under = person_filter.form.cleaned_data.get("unit") if person_filter.is_bound else None
    unit = permissions.visible_units(request.user).filter(pk=under).first() if under else None
    filters = xlsx.describe_filters(person_filter.form, shown={"unit": unit.name} if unit else None)
    heading = xlsx.export_heading(_("DANH SÁCH CÁ NHÂN"), filters, user=request.user)
    if len(rows) == limit and (total := people.count()) > limit:
        heading.append(
            _("Tệp chỉ gồm %(shown)s trong %(total)s cá nhân khớp bộ lọc; hãy lọc hẹp hơn để có đủ.")
            % {"shown": format_number(limit), "total": format_number(total)}
        )
    return _xlsx_response(
        xlsx.write_table(headers, rows, _("Danh sách cá nhân"), heading=heading), "danh-sach-ca-nhan.xlsx"
    )


@login_required
@require_GET
def unit_export(request):

    unit_filter = UnitFilter(request.GET or None, queryset=permissions.visible_units(request.user))
    if refused := refuse_bad_filter(unit_filter):
        return refused
    units = unit_filter.qs if unit_filter.is_bound else unit_filter.queryset
    units = units.select_related("parent").order_by("code")
    headers = [
        _("Mã đơn vị"),
        _("Tên đơn vị"),
        _("Tên viết tắt"),
        _("Loại đơn vị"),
        _("Đơn vị cấp trên"),
        _("Hiệu lực từ"),
        _("Hiệu lực đến"),
    ]
    rows = [
        [
            u.code,
            u.name,
            u.short_name,
            u.get_kind_display(),
            u.parent.name if u.parent else "",
            u.valid_from,
            u.valid_to,
        ]
        for u in units
    ]
    under = unit_filter.form.cleaned_data.get("under") if unit_filter.is_bound else None
    parent = permissions.visible_units(request.user).filter(pk=under).first() if under else None
    filters = xlsx.describe_filters(unit_filter.form, shown={"under": parent.name} if parent else None)
    heading = xlsx.export_heading(_("DANH SÁCH ĐƠN VỊ"), filters, user=request.user)
    return _xlsx_response(
        write_table(headers, rows, _("Danh sách đơn vị"), heading=heading), "danh-sach-don-vi.xlsx"
    )


def _memberships_with_names(person: Person, rows=None) -> list[Membership]:
    """The person's memberships (or the given ones), newest first, each with the unit's name at the time
    (`unit_name_then`)."""
    memberships = list(
        (person.memberships.all() if rows is None else rows)
        .select_related("unit", "position")
        .prefetch_related(Prefetch("unit__versions", queryset=UnitVersion.objects.order_by("valid_from")))
        .order_by("-valid_from", "-id")
    )
    for membership in memberships:
        name = membership.unit.name
        for version in membership.unit.versions.all():
            if version.valid_from <= membership.valid_from and (
                version.valid_to is None or membership.valid_from < version.valid_to
            ):
                name = version.name
        membership.unit_name_then = name
    return memberships


MEMBERSHIPS_TABLE = TableSpec(
    title=lambda c: _("QUÁ TRÌNH CÔNG TÁC: %(person)s") % {"person": c["person"].full_name},
    filename="qua-trinh-cong-tac",
    rows="memberships",
    form=None,
    columns=[
        Column(gettext_lazy("Đơn vị (tên khi đó)"), "unit_name_then"),
        Column(gettext_lazy("Đơn vị (tên nay)"), "unit.name"),
        Column(gettext_lazy("Chức vụ"), "position.name"),
        Column(gettext_lazy("Từ ngày"), "valid_from"),
        Column(gettext_lazy("Đến ngày"), "valid_to"),
    ],
)


@exportable(MEMBERSHIPS_TABLE)
@login_required
@require_GET
def person_detail(request, pk):
    person = permissions.access_person(request.user, pk)
    visible = permissions.visible_unit_ids(request.user)
    context = {
        "person": person,
        "memberships": _memberships_with_names(person, permissions.visible_memberships(request.user, person)),
        "visible": visible,
        "all_visible": visible is permissions.ALL_UNITS,
        "can_edit": permissions.can_edit_person(request.user, person),
        "tabs": _tabs(PERSON_TABS, person.pk),
    }
    return render_page(request, "org/person_detail.html", context)


def _person_initial(person: Person) -> dict:
    return {
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "gender": person.gender,
        "date_of_birth": person.date_of_birth,
        "staff_code": person.staff_code or "",
        "lock_version": person.lock_version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = permissions.access_person(request.user, pk)
    if not permissions.can_edit_person(request.user, person):
        raise Http404(_("Không tìm thấy cá nhân."))
    form = PersonEditForm(request.POST or None, initial=_person_initial(person))
    current = None
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form) as call:
            services.update_person(
                person=person, expected_version=form.cleaned_data["lock_version"], **form.person_values()
            )
            messages.success(request, _("Đã lưu thông tin cá nhân."))
            return redirect("org:person_detail", pk=person.pk)
        person.refresh_from_db()
        if call.conflict:
            current = person
            form = _rebound_after_conflict(PersonEditForm, request.POST, current.lock_version, call.error)
    context = {"person": person, "form": form, "current": current}
    return render_page(request, "org/person_edit.html", context)


@login_required
@require_GET
def person_audit(request, pk):
    person = permissions.access_person(request.user, pk)
    entries = _audit_entries(
        [(Person, [person.pk]), (Membership, list(person.memberships.values_list("pk", flat=True)))]
    )
    return _render_audit(request, person, entries, reverse("org:person_detail", args=[person.pk]))
