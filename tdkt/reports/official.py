"""The official annual statistical forms of the TĐKT reporting regime (Circular 02/2023/TT-BNV).

A form is data: a source of records, the rows and columns as the form prints them, each row and column a
`Criterion` over the source's dimensions. `compute` answers every cell from one GROUP BY over those
dimensions (so a form costs one aggregate query whatever the size of the history), and the same criteria
give the ORM filter behind each cell, so every number leads to its records. A new source (movements for
0601, later initiatives or surveys) adds a `Source` and its forms; nothing else changes.

A record the form cannot place because a field it needs is blank is never counted elsewhere: it is
counted in the totals it can be placed in, left out of the breakdown that needs the field, and listed in
`FormResult.incomplete` with the field it lacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardKind, AwardType, Level, RecipientClass, SubmittingBody
from tdkt.core.text import fold
from tdkt.movements.models import Movement
from tdkt.org.models import Unit, UnitVersion
from tdkt.org.selectors import scope_ids
from tdkt.reports.selectors import ReportFilter, awards_in_scope

REGIME = _("Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ")
RECEIVED = _("Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo")
RECEIVER = _("Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương)")
BLANK = ""
FIRST_YEAR = 1945


@dataclass(frozen=True)
class Criterion:
    """Records whose dimensions take one of the allowed values, for every dimension named."""

    allowed: tuple[tuple[str, frozenset], ...] = ()

    @classmethod
    def where(cls, **dims: Iterable[str] | str) -> Criterion:
        return cls(
            tuple(sorted((name, frozenset([v] if isinstance(v, str) else v)) for name, v in dims.items()))
        )

    def matches(self, key: Mapping[str, str]) -> bool:
        return all(key[name] in values for name, values in self.allowed)

    def q(self, lookups: Mapping[str, str]) -> Q:
        query = Q()
        for name, values in self.allowed:
            query &= Q(**{f"{lookups[name]}__in": sorted(values)})
        return query


EVERYTHING = Criterion()


@dataclass(frozen=True)
class Line:
    """A row or a column: its code or number as printed, its label, what it counts."""

    code: str
    label: str
    criterion: Criterion = EVERYTHING
    indent: int = 0  # rows: "trong đó" lines are indented
    group: str = ""  # columns: the header above a set of split columns
    measure: str = ""  # rows: column C, the unit of count


@dataclass(frozen=True)
class Source:
    """Where a form's records come from and how their dimensions are read."""

    name: str
    dimensions: Mapping[str, str]  # dimension → ORM lookup on the record queryset
    records: Callable[[Unit, int, set[int] | None], QuerySet]
    missing: Callable[[Unit, int, set[int] | None], QuerySet]  # in scope but unplaceable in time
    missing_reason: str
    records_template: str = "reports/_official_awards.html"  # the rows of the drill-down page
    order_by: tuple[str, ...] = ("decision_date", "kind__rank", "pk")
    related: tuple[str, ...] = ("kind", "person", "unit")


@dataclass(frozen=True)
class OfficialForm:
    code: str
    title: str
    source: Source
    scope: Callable[[], Criterion]  # which records of the source the form counts at all
    rows: tuple[Line, ...]
    columns: Callable[[], tuple[Line, ...]]  # from the catalogue, so read when computed
    required: Mapping[str, str]  # dimension → its name for the "incomplete" list
    notes: tuple[str, ...] = ()

    @property
    def short_code(self) -> str:
        return self.code[:4]


@dataclass
class Incomplete:
    field: str
    label: str
    count: int
    param: str  # the drill-down's `missing=` value


@dataclass
class FormResult:
    form: OfficialForm
    unit: Unit
    year: int
    columns: tuple[Line, ...]
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    incomplete: list[Incomplete] = field(default_factory=list)

    def cell(self, row: str, column: str) -> int:
        return self.cells.get((row, column), 0)

    def table(self) -> list[tuple[Line, list[tuple[Line, int]]]]:
        """Each row with its (column, count) pairs, in the printed order."""
        return [
            (row, [(col, self.cell(row.code, col.code)) for col in self.columns]) for row in self.form.rows
        ]

    @property
    def is_complete(self) -> bool:
        return not self.incomplete


def compute(form: OfficialForm, unit: Unit, year: int, visible: set[int] | None) -> FormResult:
    """Every cell of `form` for `unit`'s subtree (predecessors included) and `year`, in one query."""
    source = form.source
    columns = form.columns()
    result = FormResult(form, unit, year, columns)
    records = source.records(unit, year, visible).filter(form.scope().q(source.dimensions))
    names = list(source.dimensions)
    groups = records.values(*[source.dimensions[n] for n in names]).annotate(n=Count("pk")).order_by()
    lookups = [source.dimensions[n] for n in names]
    for group in groups:
        key = {name: group[lookup] for name, lookup in zip(names, lookups, strict=True)}
        in_columns = [col.code for col in columns if col.criterion.matches(key)]
        for row in form.rows:
            if row.criterion.matches(key):
                for col in in_columns:
                    result.cells[(row.code, col)] = result.cells.get((row.code, col), 0) + group["n"]
    for name, label in form.required.items():
        count = sum(g["n"] for g in groups if g[source.dimensions[name]] == BLANK)
        if count:
            result.incomplete.append(Incomplete(name, label, count, name))
    undated = source.missing(unit, year, visible).filter(form.scope().q(source.dimensions)).count()
    if undated:
        result.incomplete.append(Incomplete("period", source.missing_reason, undated, "period"))
    return result


def cell_records(
    form: OfficialForm, unit: Unit, year: int, visible: set[int] | None, *, row: str = "", column: str = ""
) -> QuerySet:
    """The records behind one cell (or a whole row or column when the other is empty)."""
    source = form.source
    query = form.scope().q(source.dimensions)
    if row:
        query &= _line(form.rows, row).criterion.q(source.dimensions)
    if column:
        query &= _line(form.columns(), column).criterion.q(source.dimensions)
    return source.records(unit, year, visible).filter(query)


def incomplete_records(form: OfficialForm, unit: Unit, year: int, visible: set[int] | None, missing: str):
    source = form.source
    scope = form.scope().q(source.dimensions)
    if missing == "period":
        return source.missing(unit, year, visible).filter(scope)
    if missing not in form.required:
        raise KeyError(missing)
    return source.records(unit, year, visible).filter(scope, **{source.dimensions[missing]: BLANK})


def _line(lines: Iterable[Line], code: str) -> Line:
    for line in lines:
        if line.code == code:
            return line
    raise KeyError(code)


# --- the award history as a source -------------------------------------------------------------------

SUBJECT_PERSON, SUBJECT_UNIT = "ca_nhan", "tap_the"


def _awards(unit: Unit, year: int, visible: set[int] | None) -> QuerySet:
    """Awards decided in `year` in the unit's subtree (see `reports.selectors.awards_in_scope`)."""
    scoped = awards_in_scope(ReportFilter(unit=unit), visible)
    return scoped.filter(decision_date__year=year).annotate(
        subject=Case(
            When(person__isnull=False, then=Value(SUBJECT_PERSON)),
            default=Value(SUBJECT_UNIT),
            output_field=CharField(),
        )
    )


def _undated_awards(unit: Unit, year: int, visible: set[int] | None) -> QuerySet:
    """Awards with no decision date whose achievement year makes them likely to belong to `year`."""
    scoped = awards_in_scope(ReportFilter(unit=unit), visible)
    return scoped.filter(decision_date__isnull=True, year__in=[year - 1, year]).select_related("kind")


AWARDS = Source(
    name="awards",
    dimensions={
        "kind": "kind__code",
        "level": "kind__level",
        "subject": "subject",
        "recipient": "recipient_class",
        "body": "submitting_body",
        "type": "award_type",
    },
    records=_awards,
    missing=_undated_awards,
    missing_reason=str(_("Ngày quyết định (không xác định được năm báo cáo)")),
)

R = RecipientClass
COLLECTIVE_CLASSES = (R.COLLECTIVE, R.ENTERPRISE)
INDIVIDUAL_CLASSES = (R.MINISTRY_LEADER, R.DEPARTMENT_LEADER, R.ENTREPRENEUR, R.OTHER_LEADER, R.WORKER)


def _recipient_rows(first: int) -> tuple[Line, ...]:
    """Rows by recipient: collectives (of which enterprises), households, individuals by post."""
    codes = [f"{n:02d}" for n in range(first, first + 9)]
    return (
        Line(codes[0], _("Tập thể"), Criterion.where(recipient=COLLECTIVE_CLASSES), 1, measure=_("Lượt")),
        Line(
            codes[1],
            _("Trong đó: Doanh nghiệp"),
            Criterion.where(recipient=R.ENTERPRISE),
            2,
            measure=_("Lượt"),
        ),
        Line(codes[2], _("Hộ gia đình"), Criterion.where(recipient=R.HOUSEHOLD), 1, measure=_("Lượt")),
        Line(codes[3], _("Cá nhân"), Criterion.where(recipient=INDIVIDUAL_CLASSES), 1, measure=_("Lượt")),
        Line(
            codes[4],
            format_lazy("{}{}", _("Trong đó: "), R.MINISTRY_LEADER.label),
            Criterion.where(recipient=R.MINISTRY_LEADER),
            2,
            measure=_("Lượt"),
        ),
        Line(
            codes[5],
            R.DEPARTMENT_LEADER.label,
            Criterion.where(recipient=R.DEPARTMENT_LEADER),
            2,
            measure=_("Lượt"),
        ),
        Line(codes[6], R.ENTREPRENEUR.label, Criterion.where(recipient=R.ENTREPRENEUR), 2, measure=_("Lượt")),
        Line(codes[7], R.OTHER_LEADER.label, Criterion.where(recipient=R.OTHER_LEADER), 2, measure=_("Lượt")),
        Line(codes[8], R.WORKER.label, Criterion.where(recipient=R.WORKER), 2, measure=_("Lượt")),
    )


TYPE_ROWS = (
    (_("Thường xuyên (theo công trạng và thành tích đạt được)"), AwardType.MERIT),
    (_("Theo chuyên đề"), AwardType.THEMATIC),
    (_("Đột xuất"), AwardType.AD_HOC),
    (_("Đối ngoại"), AwardType.FOREIGN),
    (_("Quá trình cống hiến"), AwardType.CONTRIBUTION),
    (_("Theo niên hạn"), AwardType.SERVICE_YEARS),
    (_("Kháng chiến"), AwardType.RESISTANCE),
)


def _type_rows(first: int) -> tuple[Line, ...]:
    return tuple(
        Line(f"{first + i:02d}", label, Criterion.where(type=value), 1, measure=_("Lượt"))
        for i, (label, value) in enumerate(TYPE_ROWS)
    )


def _split(
    number: str, label: str, codes: Iterable[str], subjects: bool = True, first: int = 1
) -> list[Line]:
    """One column for `codes`, or two (collectives, individuals) numbered `number.first` and on."""
    codes = frozenset(codes)
    if not subjects:
        return [Line(number, label, Criterion.where(kind=codes))]
    return [
        Line(
            f"{number}.{first}", _("Tập thể"), Criterion.where(kind=codes, subject=SUBJECT_UNIT), group=label
        ),
        Line(
            f"{number}.{first + 1}",
            _("Cá nhân"),
            Criterion.where(kind=codes, subject=SUBJECT_PERSON),
            group=label,
        ),
    ]


PRIZE_HCM, PRIZE_STATE = ("GT_HCM",), ("GT_NN",)  # not in this agency's catalogue: always empty
MAPPED_0602 = {"CO_CP", "BK_TTG", "CSTD_TQ", *PRIZE_HCM, *PRIZE_STATE}


def _columns_0602() -> tuple[Line, ...]:
    state = list(
        AwardKind.objects.filter(level=Level.STATE).order_by("rank", "code").values_list("code", "name")
    )
    orders = [(c, n) for c, n in state if c.startswith("HC")]
    honours = [
        (c, n) for c, n in state if c.startswith("AH") or c.startswith("NGUT") or c.startswith("BMVNAH")
    ]
    placed = MAPPED_0602 | {c for c, _n in orders} | {c for c, _n in honours}
    others = [c for c, _n in state if c not in placed]
    columns = [Line("1", _("Tổng số"))]
    for i, (code, name) in enumerate(orders):
        columns += _split("2", name, [code], first=2 * i + 1)
    columns += _split("3", _("Giải thưởng Hồ Chí Minh"), PRIZE_HCM, subjects=False)
    columns += _split("4", _("Giải thưởng Nhà nước"), PRIZE_STATE, subjects=False)
    for i, (code, name) in enumerate(honours):
        columns += _split("5", name, [code], first=2 * i + 1)
    columns += _split("6", _("Cờ thi đua của Chính phủ"), ["CO_CP"], subjects=False)
    columns += _split("7", _("Bằng khen của Thủ tướng Chính phủ"), ["BK_TTG"])
    columns += _split("8", _("Chiến sĩ thi đua toàn quốc"), ["CSTD_TQ"], subjects=False)
    columns += _split("9", _("Hình thức khác"), others)
    return tuple(columns)


def _commemorative_codes() -> list[str]:
    kinds = AwardKind.objects.filter(level=Level.MINISTRY, default_type=AwardType.COMMEMORATIVE)
    return list(kinds.values_list("code", flat=True))


def _scope_0603() -> Criterion:
    return Criterion.where(level=Level.MINISTRY, kind=[*MINISTRY_COLUMNS, *_commemorative_codes()])


def _columns_0603() -> tuple[Line, ...]:
    return (
        Line("1", _("Tổng số")),
        Line("2", _("Bằng khen"), Criterion.where(kind="BK_BO")),
        Line("3", _("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"), Criterion.where(kind="CSTD_BO")),
        Line("4", _("Cờ thi đua của bộ, ban, ngành, tỉnh"), Criterion.where(kind="CO_BO")),
        Line("5", _("Huy hiệu, Kỷ niệm chương"), Criterion.where(kind=_commemorative_codes())),
    )


MINISTRY_COLUMNS = ("BK_BO", "CSTD_BO", "CO_BO")

FORM_0602 = OfficialForm(
    code="0602.N/BNV-TĐKT",
    title=str(_("Số lượng khen thưởng cấp Nhà nước")),
    source=AWARDS,
    scope=lambda: Criterion.where(level=Level.STATE),
    rows=(
        Line("01", _("Tổng số"), measure=_("Lượt")),
        Line(
            "02",
            SubmittingBody.MINISTRY.label,
            Criterion.where(body=SubmittingBody.MINISTRY),
            1,
            measure=_("Lượt"),
        ),
        Line(
            "03",
            SubmittingBody.PROVINCE.label,
            Criterion.where(body=SubmittingBody.PROVINCE),
            1,
            measure=_("Lượt"),
        ),
        *_recipient_rows(6),
        *_type_rows(15),
    ),
    columns=_columns_0602,
    required={"recipient": str(_("Đối tượng được khen")), "body": str(_("Cơ quan trình khen"))},
    notes=(
        str(_("Mã dòng theo biểu đang lưu hành: không có dòng 04, 05.")),
        str(_("Số liệu tính theo ngày ký quyết định khen thưởng trong năm báo cáo; đơn vị tính: lượt.")),
    ),
)

FORM_0603 = OfficialForm(
    code="0603.N/BNV-TĐKT",
    title=str(_("Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh")),
    source=AWARDS,
    scope=_scope_0603,
    rows=(
        Line("01", _("Tổng số"), measure=_("Lượt")),
        *_recipient_rows(2),
        *_type_rows(11),
    ),
    columns=_columns_0603,
    required={"recipient": str(_("Đối tượng được khen"))},
    notes=(
        str(_("Danh hiệu Tập thể lao động xuất sắc không là một cột của biểu và không được tính.")),
        str(_("Số liệu tính theo ngày ký quyết định khen thưởng trong năm báo cáo; đơn vị tính: lượt.")),
    ),
)

# --- movements as a source (form 0601) ------------------------------------------------------------------


def _movements(unit: Unit, year: int, visible: set[int] | None) -> QuerySet:
    """Movements launched in `year` by a unit of the subtree (predecessors included), with the form's
    duration row and method computed in the query."""
    units = scope_ids([unit.pk])
    if visible is not None:
        units &= set(visible)
    months = (
        (ExtractYear("ends_on") - ExtractYear("starts_on")) * 12
        + ExtractMonth("ends_on")
        - ExtractMonth("starts_on")
        + 1
    )
    return (
        Movement.objects.filter(
            status__in=[Movement.Status.LAUNCHED, Movement.Status.CLOSED],
            launched_on__year=year,
            launching_unit_id__in=units,
        )
        .annotate(months=months)
        .annotate(
            duration=Case(
                When(months__lt=12, then=Value("06")),
                When(months=12, then=Value("07")),
                When(months__lt=36, then=Value("08")),
                When(months__lt=60, then=Value("09")),
                default=Value("10"),
                output_field=CharField(),
            ),
            method=Case(
                When(kind__in=[Movement.Kind.THEMATIC, Movement.Kind.AD_HOC], then=Value("11")),
                default=Value("12"),
                output_field=CharField(),
            ),
        )
    )


def _no_movements(unit: Unit, year: int, visible: set[int] | None) -> QuerySet:
    return Movement.objects.none()  # a launched movement always has its dates


MOVEMENTS = Source(
    name="movements",
    dimensions={"level": "level", "scope": "scope", "duration": "duration", "method": "method"},
    records=_movements,
    missing=_no_movements,
    missing_reason="",
    records_template="reports/_official_movements.html",
    order_by=("launched_on", "pk"),
    related=("launching_unit",),
)


def _form_0601() -> OfficialForm:
    scope, level = Movement.Scope, Movement.Level
    durations = [
        ("06", _("Dưới 01 năm")),
        ("07", _("01 năm")),
        ("08", _("Từ trên 01 năm đến dưới 03 năm")),
        ("09", _("Từ 03 năm đến dưới 05 năm")),
        ("10", _("Từ 05 năm trở lên")),
    ]
    return OfficialForm(
        code="0601.N/BNV-TĐKT",
        title=str(_("Số phong trào thi đua")),
        source=MOVEMENTS,
        scope=lambda: EVERYTHING,
        rows=(
            Line("01", _("Tổng số"), measure=_("Phong trào")),
            Line(
                "02",
                _("Phạm vi toàn quốc"),
                Criterion.where(scope=scope.NATIONAL),
                1,
                measure=_("Phong trào"),
            ),
            Line(
                "03",
                _("Phạm vi bộ, ngành, địa phương"),
                Criterion.where(scope=scope.SECTOR),
                1,
                measure=_("Phong trào"),
            ),
            Line(
                "04",
                _("Phạm vi cụm, khối thi đua"),
                Criterion.where(scope=scope.CLUSTER),
                1,
                measure=_("Phong trào"),
            ),
            Line(
                "05",
                _("Phạm vi cơ quan, đơn vị"),
                Criterion.where(scope=scope.UNIT),
                1,
                measure=_("Phong trào"),
            ),
            *[
                Line(code, label, Criterion.where(duration=code), 1, measure=_("Phong trào"))
                for code, label in durations
            ],
            Line(
                "11",
                _("Thi đua theo chuyên đề, theo đợt"),
                Criterion.where(method="11"),
                1,
                measure=_("Phong trào"),
            ),
            Line("12", _("Thi đua thường xuyên"), Criterion.where(method="12"), 1, measure=_("Phong trào")),
        ),
        columns=lambda: (
            Line("1", _("Tổng số")),
            Line("2", _("Trung ương phát động"), Criterion.where(level=level.CENTRAL)),
            Line("3", _("Bộ, ngành, tỉnh phát động"), Criterion.where(level=level.MINISTRY)),
            Line("4", _("Cơ quan, đơn vị phát động"), Criterion.where(level=level.UNIT)),
        ),
        required={},
        notes=(
            str(
                _(
                    "Phong trào được tính theo năm phát động; đột xuất được tính là theo đợt, giai đoạn nhiều năm là thường xuyên."
                )
            ),
        ),
    )


FORM_0601 = _form_0601()
FORMS: dict[str, OfficialForm] = {form.short_code: form for form in (FORM_0601, FORM_0602, FORM_0603)}


def check_year(year: int) -> str | None:
    """A reason why `year` cannot be reported, or None."""
    last = date.today().year
    if year < FIRST_YEAR or year > last:
        return str(_("Năm báo cáo phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": last})
    return None


def units_named(name: str, year: int) -> list[Unit]:
    """Units that bore `name` (diacritics, đ and case ignored) at some time in `year`, or ever."""

    wanted = fold(name)
    if not wanted:
        return []
    versions = UnitVersion.objects.select_related("unit").order_by("unit_id", "valid_from")
    matching = [
        v for v in versions if fold(v.name) == wanted or (v.short_name and fold(v.short_name) == wanted)
    ]
    that_year = [
        v
        for v in matching
        if v.valid_from <= date(year, 12, 31) and (v.valid_to is None or v.valid_to >= date(year, 1, 1))
    ]
    chosen = that_year or matching
    return list({v.unit_id: v.unit for v in chosen}.values())
