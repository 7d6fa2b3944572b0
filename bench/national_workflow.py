"""The year-end workflow of the national data set: 20 years of dossiers, councils and decisions, and the live
year-end scene of the load test. Runs on a database that already holds `bench/national.py`'s people.

    .venv/bin/python bench/national.py --workflow-only          # on an existing national database
    .venv/bin/python bench/national.py --people 20000 --units 200 --workflow   # generate, then this step

    from bench.national_workflow import generate_workflow
    stats = generate_workflow()

Two parts, each idempotent (run twice, the second run adds nothing):

**History** (bulk: COPY on PostgreSQL, `executemany` elsewhere, no model instances for the large tables, no
signals so no audit entries; one transaction): the merit awards that the
generator recorded for people (not revoked, not imported, before the year under review) are grouped by the
unit that proposed them — the person's unit on 31 December of the year for the unit-level titles (LĐTT,
CSTĐCS, Giấy khen), proposed to the unit in charge (the provincial department, or the ministry); for the
ministry's and the State's forms the department, proposed to the ministry — by year and by kind. Each group is
one dossier (`Proposal`, status decided, its six `ProposalEvent` steps) with at most `max_candidates`
candidates (`Candidate`, passed); the awards beyond stay as history without a dossier. The receiving unit has
one Hội đồng Thi đua – Khen thưởng (`Council`, 7 members from its people, terms from the first year), one
closed meeting per year (`Meeting`, `Attendance`) with one closed ballot per candidate (`Ballot`, passed,
counts written; no sealed votes: the history predates the ballot box, as the ballots of
`Ballot.sealed_key`'s note) and issues one decision per dossier (`Issuer` per receiving unit, `Decision`
issued with its number from a `NumberRegister` per issuer and year, `DecisionEvent` ×2, one `DecisionLine` per
candidate linked to the candidate and to the **award** it made: `award.decision_line.decision`; the award is
given the decision's number label, signing date and issuer, as `decisions.services.issue_decision` records them).

**The live scene** (through the services, audited): accounts (password `PASSWORD`) — `qg.admin` (administrator
of the ministry); for the first `REGIONS` regional units (the successors of the provincial departments merged
in 2025) the officers `qg.canbo.kv<r>.<i>` and the leader `qg.lanhdao.kv<r>`; at the general department
(Cục Hải quan) `qg.canbo.hq` and `qg.lanhdao.hq`; staff `qg.nhanvien.<i>` each linked to a person of those
regions; the council of the general department with seven members `qg.hoidong.1..7` (chair, vice-chair,
secretary, members) linked to persons. One CSTĐCS dossier of the review year per region, submitted and
received, sent to the council's meeting of today, opened with the two tally codes `TALLY_CODES`: its ballots
are open. And one decision of the general department (Giấy khen of the review year, `DECISION_LINES` people)
issued today, for certificate batches.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from bench.national import LAST_YEAR, PREFIX

PASSWORD = "tdkt-demo-2026"
ADMIN = "qg.admin"
HQ_OFFICER, HQ_LEADER = "qg.canbo.hq", "qg.lanhdao.hq"
REGIONS = 3  # regional units with officers, a leader, staff and a live dossier
OFFICERS_PER_REGION = 4
STAFF_PER_REGION = 15
COUNCIL_SEATS = 7
LIVE_CANDIDATES = 8
DECISION_LINES = 30
TALLY_CODES = {"chair_code": "chutich-qg-2026", "secretary_code": "thuky-qg-2026"}
LIVE_COUNCIL = "Hội đồng Thi đua – Khen thưởng Cục Hải quan (dữ liệu quốc gia)"
LIVE_ISSUER = f"{PREFIX}-CHQ"
COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng {unit}"
UNIT_LEVEL = ("LDTT", "CSTDCS", "GK")  # proposed to the unit in charge; the others to the ministry
HIGHER = ("CSTD_BO", "CSTD_TQ", "BK_BO", "BK_TTG", "HCLD3", "HCLD2", "HCLD1")
CHUNK = 20_000  # people per round of reading
BATCH = 2_000  # dossiers written per round


@dataclass
class WorkflowStats:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    history_skipped: bool = False
    live_skipped: bool = False
    live: dict[str, object] = field(default_factory=dict)
    awards_numbered: int = 0  # awards given the number of the decision that made them

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def generate_workflow(
    *,
    max_candidates: int = 10,
    review_year: int = LAST_YEAR,
    live: bool = True,
    log: Callable[[str], None] = print,
) -> WorkflowStats:
    """Add the history and (with `live`) the live scene; each part only once."""
    from auditlog.context import disable_auditlog
    from django.db import transaction

    from tdkt.org.models import Unit  # lazy: after django.setup()

    if not Unit.objects.filter(code=PREFIX).exists():
        raise RuntimeError(f"Chưa có bộ dữ liệu quốc gia (đơn vị {PREFIX}): chạy bench/national.py trước.")
    stats = WorkflowStats()
    t0 = time.perf_counter()
    with disable_auditlog():
        _history(stats, max_candidates, review_year, log)
    stats.seconds["history"] = time.perf_counter() - t0
    if live:
        t0 = time.perf_counter()
        with transaction.atomic():  # all of the scene or none of it: a failed run can be run again
            _live(stats, review_year, log)
        stats.seconds["live"] = time.perf_counter() - t0
    return stats


# --- the history ----------------------------------------------------------------------------------------------


class _Rows:
    """Rows written without model instances: COPY on PostgreSQL (Django's connection, inside the caller's
    transaction), `executemany` elsewhere. Ids are taken from max(id) + 1 of each table (the step is the only
    writer) and the sequences reset by `finish()`. A row is a dict of attnames; the fields not given take the
    model's default."""

    def __init__(self, now) -> None:
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.now = now
        self.next: dict = {}
        self.models: list = []

    def ids(self, model, count: int) -> range:
        from django.db.models import Max

        if model not in self.next:
            self.next[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
            self.models.append(model)
        start = self.next[model]
        self.next[model] = start + count
        return range(start, start + count)

    def write(self, model, rows: list[dict]) -> None:
        import json

        from django.db import models

        if not rows:
            return
        fields = model._meta.concrete_fields
        ops = self.connection.ops
        defaults, convert = {}, {}
        for f in fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                defaults[f.attname] = self.now
            else:
                defaults[f.attname] = f.get_default()  # "" for text fields without a default, else None
            if isinstance(f, models.JSONField):
                convert[f.attname] = json.dumps
            elif not self.postgres and isinstance(f, models.DateTimeField):
                convert[f.attname] = ops.adapt_datetimefield_value
            elif not self.postgres and isinstance(f, models.DecimalField):
                convert[f.attname] = str
        out = []
        for row in rows:
            values = []
            for f in fields:
                value = row.get(f.attname, defaults[f.attname])
                if value is not None and f.attname in convert:
                    value = convert[f.attname](value)
                values.append(value)
            out.append(tuple(values))
        quote = ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        table = quote(model._meta.db_table)
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in out:
                        copy.write_row(values)
            else:
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", out)

    def finish(self) -> None:
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(statement)


def _in_charge(code: str, codes: set[str]) -> str:
    """The unit that decides a unit's own titles: its provincial department (QG-Tnn), else the ministry."""
    parts = code.split("-")
    if len(parts) >= 3 and parts[1].startswith("T") and f"{parts[0]}-{parts[1]}" in codes:
        return f"{parts[0]}-{parts[1]}"
    return PREFIX


def _history(stats: WorkflowStats, max_candidates: int, review_year: int, log) -> None:  # noqa: C901, PLR0915
    from django.db import connection, transaction
    from django.utils import timezone

    from tdkt.awards.models import Award, AwardKind  # lazy: after django.setup()
    from tdkt.councils.models import (  # lazy: after django.setup()
        Attendance,
        Ballot,
        Council,
        CouncilMember,
        Meeting,
        MemberRole,
        VoteBase,
    )
    from tdkt.decisions.models import (  # lazy: after django.setup()
        Decision,
        DecisionEvent,
        DecisionLine,
        Issuer,
        NumberRegister,
    )
    from tdkt.org.models import Membership, Person, Unit  # lazy: after django.setup()
    from tdkt.proposals.models import Candidate, Proposal, ProposalEvent, Status  # lazy: after django.setup()

    if Issuer.objects.filter(symbol=PREFIX).exists():
        stats.history_skipped = True
        log("  Lịch sử đề nghị – hội đồng – quyết định đã có: bỏ qua.")
        return
    units = {
        u.code: u for u in Unit.objects.filter(code__startswith=PREFIX).only("pk", "code", "name", "kind")
    }
    by_pk = {u.pk: u for u in units.values()}
    codes = set(units)
    kinds = {k.code: k for k in AwardKind.objects.filter(code__in=UNIT_LEVEL + HIGHER)}
    kind_code = {k.pk: k.code for k in kinds.values()}
    people = Person.objects.filter(staff_code__startswith=PREFIX)
    first = people.order_by("pk").values_list("pk", flat=True).first()
    last = people.order_by("-pk").values_list("pk", flat=True).first()
    if first is None:
        raise RuntimeError("Bộ dữ liệu quốc gia chưa có người.")

    # 1. group the awards: (proposing unit, receiving unit, year, kind) -> [(award, person), …] (capped)
    t0 = time.perf_counter()
    groups: dict[tuple[str, str, int, str], list[tuple[int, int]]] = {}
    signed: dict[tuple[str, str, int, str], date] = {}
    awards = Award.objects.filter(
        person__isnull=False,
        kind__code__in=UNIT_LEVEL + HIGHER,
        award_type="cong_trang",
        source="demo",
        revoked=False,
        year__lt=review_year,
    )
    for lo in range(first, last + 1, CHUNK):
        hi = lo + CHUNK
        spells: dict[int, list[tuple[date, int]]] = {}
        for person, unit, since in (
            Membership.objects.filter(person_id__gte=lo, person_id__lt=hi)
            .order_by("person_id", "valid_from", "pk")
            .values_list("person_id", "unit_id", "valid_from")
        ):
            spells.setdefault(person, []).append((since, unit))
        for award, person, year, kind, day in (
            awards.filter(person_id__gte=lo, person_id__lt=hi)
            .order_by("person_id", "year", "pk")
            .values_list("pk", "person_id", "year", "kind_id", "decision_date")
        ):
            end = date(year, 12, 31)
            unit = None
            for since, unit_id in spells.get(person, ()):
                if since <= end or unit is None:
                    unit = unit_id
            if unit is None:
                continue
            code = kind_code[kind]
            own = by_pk[unit].code
            dept = _in_charge(own, codes)
            if code in UNIT_LEVEL:
                key = (own, dept, year, code)
            else:
                key = (dept if dept != PREFIX else own, PREFIX, year, code)
            if key[0] == key[1]:
                continue
            members = groups.setdefault(key, [])
            if len(members) < max_candidates:
                members.append((award, person))
                signed[key] = max(signed.get(key, day), day)
    stats.seconds["history: read"] = time.perf_counter() - t0
    log(f"  {len(groups):,} hồ sơ lịch sử từ khen thưởng ({time.perf_counter() - t0:.0f} s)")

    receivers = sorted({key[1] for key in groups})
    years = sorted({key[2] for key in groups})
    with transaction.atomic():
        t0 = time.perf_counter()
        # 2. issuers, councils with members, one closed meeting per council and year
        issuers = {
            code: Issuer(
                name=units[code].name,
                parent_name="Bộ Tài chính" if code != PREFIX else "",
                symbol=code,
                unit=units[code],
                head_title="BỘ TRƯỞNG" if code == PREFIX else "CỤC TRƯỞNG",
            )
            for code in receivers
        }
        Issuer.objects.bulk_create(issuers.values())
        councils = {
            code: Council(name=COUNCIL_NAME.format(unit=units[code].name), kind=Council.Kind.EMULATION,
                          unit=units[code], decision_number=f"01/QĐ-{code}")
            for code in receivers
        }  # fmt: skip
        Council.objects.bulk_create(councils.values())
        roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * (
            COUNCIL_SEATS - 3
        )
        term_from = date(years[0], 1, 1) if years else date(review_year, 1, 1)
        seats: dict[str, list[CouncilMember]] = {}
        for code in receivers:
            prefix = code if code != PREFIX else f"{PREFIX}-HQ"
            chosen = list(
                Membership.objects.filter(unit__code__startswith=prefix, valid_from__lte=term_from)
                .order_by("person_id")
                .values_list("person_id", flat=True)
                .distinct()[:COUNCIL_SEATS]
            )
            if len(chosen) < COUNCIL_SEATS:
                chosen = list(people.order_by("pk").values_list("pk", flat=True)[:COUNCIL_SEATS])
            seats[code] = [
                CouncilMember(council=councils[code], person_id=pid, role=role, term_from=term_from)
                for pid, role in zip(chosen, roles, strict=False)
            ]
        CouncilMember.objects.bulk_create([s for row in seats.values() for s in row])
        meetings = {
            (code, year): Meeting(
                council=councils[code],
                title=f"Phiên họp xét thi đua, khen thưởng năm {year}",
                held_at=timezone.make_aware(datetime(year + 1, 1, 8, 8, 0)),
                location=f"Trụ sở {units[code].name}",
                agenda="1. Báo cáo kết quả thẩm định hồ sơ.\n2. Thảo luận, bỏ phiếu kín.\n3. Kết luận.",
                status=Meeting.Status.CLOSED,
                minutes_note="Hội đồng thống nhất đề nghị khen thưởng các cá nhân đạt số phiếu cần thiết.",
            )
            for code in receivers
            for year in years
        }
        Meeting.objects.bulk_create(meetings.values(), batch_size=BATCH)
        Attendance.objects.bulk_create(
            [Attendance(meeting=m, member=s) for (code, _y), m in meetings.items() for s in seats[code]],
            batch_size=BATCH,
        )
        stats.rows.update(issuer=len(issuers), council=len(councils), meeting=len(meetings))
        stats.rows["council member"] = sum(len(s) for s in seats.values())
        stats.rows["attendance"] = stats.rows["council member"] * len(years)

        # 3. names of the candidates (subject of ballots and decision lines)
        wanted = sorted({p for members in groups.values() for _a, p in members})
        names: dict[int, str] = {}
        for i in range(0, len(wanted), 5000):
            names.update(Person.objects.filter(pk__in=wanted[i : i + 5000]).values_list("pk", "full_name"))

        # 4. dossiers, candidates, ballots, decisions, lines: in batches
        numbers: dict[tuple[str, int], int] = {}
        keys = sorted(groups, key=lambda k: (k[2], k[1], k[0], k[3]))
        for name in ("proposal", "proposal event", "candidate", "ballot", "decision", "decision event",
                     "decision line"):  # fmt: skip
            stats.rows[name] = 0
        steps = [
            ("", Status.DRAFT), (Status.DRAFT, Status.SUBMITTED), (Status.SUBMITTED, Status.RECEIVED),
            (Status.RECEIVED, Status.COUNCIL), (Status.COUNCIL, Status.APPROVED), (Status.APPROVED, Status.DECIDED),
        ]  # fmt: skip
        writer = _Rows(timezone.now())
        first_line = writer.ids(DecisionLine, 0).start
        transitions = (("", Decision.Status.DRAFT), (Decision.Status.DRAFT, Decision.Status.ISSUED))
        for b in range(0, len(keys), BATCH):
            batch = keys[b : b + BATCH]
            proposal_ids = writer.ids(Proposal, len(batch))
            decision_ids = writer.ids(Decision, len(batch))
            size = sum(len(groups[key]) for key in batch)
            candidate_ids, ballot_ids = iter(writer.ids(Candidate, size)), iter(writer.ids(Ballot, size))
            line_ids = iter(writer.ids(DecisionLine, size))
            proposal_events = iter(writer.ids(ProposalEvent, len(batch) * len(steps)))
            decision_events = iter(writer.ids(DecisionEvent, len(batch) * len(transitions)))
            rows: dict = {m: [] for m in (Proposal, ProposalEvent, Candidate, Ballot, Decision, DecisionEvent,
                                          DecisionLine)}  # fmt: skip
            for key, proposal, decision in zip(batch, proposal_ids, decision_ids, strict=True):
                own, receiver, year, code = key
                kind = kinds[code]
                rows[Proposal].append(
                    dict(id=proposal, title=f"Đề nghị {kind.name} năm {year} ({units[own].name})"[:500],
                         proposing_unit_id=units[own].pk, receiving_unit_id=units[receiver].pk, award_kind_id=kind.pk,
                         year=year, status=Status.DECIDED, deadline=date(year, 12, 15))
                )  # fmt: skip
                rows[ProposalEvent] += [
                    dict(id=next(proposal_events), proposal_id=proposal, from_status=a, to_status=z) for a, z in steps
                ]  # fmt: skip
                day = signed[key]
                number = numbers[(receiver, day.year)] = numbers.get((receiver, day.year), 0) + 1
                rows[Decision].append(
                    dict(id=decision, issuer_id=issuers[receiver].pk, proposal_id=proposal,
                         status=Decision.Status.ISSUED, number=number, year=day.year, signed_on=day,
                         summary=f"Về việc tặng {kind.name} năm {year}", signer_name="Thủ trưởng đơn vị",
                         signer_title=issuers[receiver].head_title.title(),
                         legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
                )  # fmt: skip
                rows[DecisionEvent] += [
                    dict(id=next(decision_events), decision_id=decision, from_status=a, to_status=z)
                    for a, z in transitions
                ]
                seats_here = len(seats[receiver])
                meeting = meetings[(receiver, year)].pk
                for order, (award, pid) in enumerate(groups[key], start=1):
                    candidate = next(candidate_ids)
                    name = names.get(pid, "")
                    rows[Candidate].append(
                        dict(id=candidate, proposal_id=proposal, person_id=pid, result=Candidate.Result.PASSED,
                             order=order, report={"summary": f"Hoàn thành xuất sắc nhiệm vụ năm {year}."})
                    )  # fmt: skip
                    rows[Ballot].append(
                        dict(id=next(ballot_ids), meeting_id=meeting, subject=f"{kind.name}: {name}"[:500],
                             award_code=code, target=f"proposals.candidate:{candidate}", candidate_person_id=pid,
                             threshold=Decimal("0.500"), strictly_above=True, base=VoteBase.PRESENT,
                             status=Ballot.Status.CLOSED, yes_count=seats_here, members_count=seats_here,
                             present_count=seats_here, passed=True)
                    )  # fmt: skip
                    rows[DecisionLine].append(
                        dict(id=next(line_ids), decision_id=decision, award_kind_id=kind.pk, person_id=pid,
                             subject_name=name[:255], subject_detail=units[own].name[:500], achievement_year=year,
                             candidate_id=candidate, award_id=award, order=order)
                    )  # fmt: skip
            for model, name in ((Proposal, "proposal"), (ProposalEvent, "proposal event"), (Candidate, "candidate"),
                                (Ballot, "ballot"), (Decision, "decision"), (DecisionEvent, "decision event"),
                                (DecisionLine, "decision line")):  # fmt: skip
                writer.write(model, rows[model])
                stats.rows[name] += len(rows[model])
        writer.finish()
        # The awards made by a decision carry its number, date and issuer (as `issue_decision` records them).
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE awards_award SET decision_number = x.label, decision_date = x.signed_on, issuer = x.name "
                "FROM (SELECT l.award_id AS award_id, (CASE WHEN d.number < 10 THEN '0' ELSE '' END) "
                "|| CAST(d.number AS TEXT) || '/QĐ-' || i.symbol AS label, d.signed_on AS signed_on, i.name AS name "
                "FROM decisions_decisionline l JOIN decisions_decision d ON d.id = l.decision_id "
                "JOIN decisions_issuer i ON i.id = d.issuer_id WHERE l.id >= %s AND l.award_id IS NOT NULL) AS x "
                "WHERE awards_award.id = x.award_id",
                [first_line],
            )
            stats.awards_numbered = cursor.rowcount
        NumberRegister.objects.bulk_create(
            [
                NumberRegister(issuer=issuers[code], year=year, last_number=n)
                for (code, year), n in numbers.items()
            ]
        )
        stats.rows["number register"] = len(numbers)
        stats.seconds["history: write"] = time.perf_counter() - t0
    log(
        "  Lịch sử: "
        + ", ".join(f"{k} {v:,}" for k, v in stats.rows.items())
        + f"; {stats.awards_numbered:,} khen thưởng mang số quyết định ({stats.seconds['history: write']:.0f} s)"
    )


# --- the live scene --------------------------------------------------------------------------------------------


def _live(stats: WorkflowStats, review_year: int, log) -> None:  # noqa: PLR0915
    from django.contrib.auth import get_user_model

    from tdkt.awards.models import AwardKind, Rating  # lazy: after django.setup()
    from tdkt.councils import services as councils  # lazy: after django.setup()
    from tdkt.councils.models import Council, Meeting, MemberRole  # lazy: after django.setup()
    from tdkt.decisions import services as decisions  # lazy: after django.setup()
    from tdkt.decisions.models import Decision, Issuer  # lazy: after django.setup()
    from tdkt.org import services as org  # lazy: after django.setup()
    from tdkt.org.models import Membership, Person, Role, Unit  # lazy: after django.setup()
    from tdkt.org.selectors import subtree_ids  # lazy: after django.setup()
    from tdkt.proposals import services as proposals  # lazy: after django.setup()
    from tdkt.proposals.models import Proposal  # lazy: after django.setup()

    User = get_user_model()
    today = date.today()
    root = Unit.objects.get(code=PREFIX)
    hq = Unit.objects.get(code=f"{PREFIX}-HQ")
    regions = list(
        Unit.objects.filter(code__startswith=f"{PREFIX}-KV", valid_to__isnull=True).order_by("code")
    )
    regions = regions[:REGIONS]
    if not regions:
        raise RuntimeError("Không có Chi cục khu vực (sau sáp nhập 2025): sinh dữ liệu với năm cuối ≥ 2025.")

    def account(username: str, role: str, unit: Unit):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=PASSWORD)
        org.assign_role(user=user, role=role, unit=unit)
        return user

    admin = account(ADMIN, Role.ADMIN, root)
    hq_officer, hq_leader = account(HQ_OFFICER, Role.OFFICER, hq), account(HQ_LEADER, Role.LEADER, hq)
    officers, leaders = {}, {}
    for r, region in enumerate(regions, start=1):
        officers[region.pk] = [
            account(f"qg.canbo.kv{r}.{i}", Role.OFFICER, region) for i in range(1, OFFICERS_PER_REGION + 1)
        ]
        leaders[region.pk] = account(f"qg.lanhdao.kv{r}", Role.LEADER, region)
    stats.live["officers"] = sum(len(v) for v in officers.values())
    council = Council.objects.filter(name=LIVE_COUNCIL).first()
    if council is not None:
        stats.live_skipped = True
        log("  Cảnh cuối năm (hội đồng, phiên họp, phiếu, quyết định) đã có: bỏ qua.")
        return

    taken: set[int] = set()

    def current(unit: Unit, count: int, *, good: bool = False) -> list[Person]:
        """`count` people now in `unit`'s subtree without an account, not yet used (rated HTXS first)."""
        ids = list(
            Membership.objects.filter(
                unit_id__in=subtree_ids(unit, today), valid_to__isnull=True, person__user__isnull=True
            )
            .exclude(person_id__in=taken)
            .order_by("person_id")
            .values_list("person_id", flat=True)[: count * 20]
        )
        if good:
            best = set(
                Rating.objects.filter(person_id__in=ids, year=review_year, value="HTXS").values_list(
                    "person_id", flat=True
                )
            )
            ids.sort(key=lambda pid: pid not in best)
        chosen = list(dict.fromkeys(ids))[:count]
        taken.update(chosen)
        return list(Person.objects.filter(pk__in=chosen).order_by("pk"))

    # staff linked to people of the regions
    n = 0
    for region in regions:
        for person in current(region, STAFF_PER_REGION):
            n += 1
            user = account(f"qg.nhanvien.{n}", Role.STAFF, region)
            person.user = user
            person.save(update_fields=["user", "updated_at"])
    stats.live["staff"] = n

    # the council of the general department
    council = councils.create_council(
        name=LIVE_COUNCIL, kind=Council.Kind.EMULATION, unit=hq, decision_number="15/QĐ-CHQ", actor=admin
    )
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * (
        COUNCIL_SEATS - 3
    )
    members = current(Unit.objects.get(code=f"{PREFIX}-HQ-V01"), COUNCIL_SEATS)
    for i, (person, role) in enumerate(zip(members, roles, strict=False), start=1):
        user = account(f"qg.hoidong.{i}", Role.COUNCIL_MEMBER, hq)
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        councils.add_member(council=council, person=person, role=role, term_from=date(2025, 3, 1))
    meeting = councils.schedule_meeting(
        council=council,
        title=f"Phiên họp xét danh hiệu thi đua năm {review_year}",
        held_at=datetime.combine(today, datetime.min.time()) + timedelta(hours=8),
        location="Phòng họp trụ sở Cục Hải quan",
        agenda="1. Báo cáo kết quả thẩm định hồ sơ.\n2. Thảo luận, bỏ phiếu kín.\n3. Kết luận.",
    )
    for seat in council.members.order_by("pk"):
        councils.record_attendance(meeting=meeting, member=seat, present=True)
    meeting = councils.open_meeting(meeting=meeting, actor=hq_officer, **TALLY_CODES)

    # one CSTĐCS dossier per region, at the council
    cstdcs = AwardKind.objects.get(code="CSTDCS")
    ballots = 0
    for region in regions:
        officer = officers[region.pk][0]
        proposal = proposals.create_proposal(
            actor=officer,
            title=f"Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở năm {review_year} ({region.name})",
            proposing_unit=region,
            receiving_unit=hq,
            award_kind=cstdcs,
            year=review_year,
        )
        for person in current(region, LIVE_CANDIDATES, good=True):
            proposals.add_candidate(proposal=proposal, actor=officer, person=person)
        proposals.submit(proposal=proposal, actor=leaders[region.pk])
        proposals.receive(proposal=proposal, actor=hq_officer)
        ballots += len(proposals.send_to_council(proposal=proposal, actor=hq_officer, meeting=meeting))
    stats.live.update(meeting=meeting.pk, ballots=ballots)

    # an issued decision with lines (certificate batches)
    issuer = Issuer.objects.filter(symbol=LIVE_ISSUER).first() or decisions.create_issuer(
        name="Cục Hải quan", symbol=LIVE_ISSUER, parent_name="Bộ Tài chính", unit=hq
    )
    decision = decisions.create_decision(
        issuer=issuer,
        summary=f"Về việc tặng Giấy khen cho cá nhân có thành tích xuất sắc năm {review_year}",
        signer_name="Cục trưởng Cục Hải quan",
        signer_title="Cục trưởng",
        legal_bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
        recipients=["Như Điều 3;", "Lưu: VT, TCCB."],
        actor=hq_officer,
    )
    gk = AwardKind.objects.get(code="GK")
    per_region = -(-DECISION_LINES // len(regions))
    for region in regions:
        for person in current(region, per_region):
            decisions.add_line(decision=decision, award_kind=gk, achievement_year=review_year, person=person)
    decision = decisions.issue_decision(decision=decision, signed_on=today, actor=hq_leader)
    stats.live.update(decision=decision.pk, lines=decision.lines.count())
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.OPEN
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.ISSUED
    assert Proposal.objects.filter(receiving_unit=hq, status="council").count() == len(regions)
    log(
        f"  Cảnh cuối năm: {stats.live['officers']} cán bộ TĐKT, {n} cán bộ có tài khoản, hội đồng "
        f"{COUNCIL_SEATS} thành viên, {ballots} phiếu đang mở, quyết định {decision.number_label} "
        f"({stats.live['lines']} dòng)"
    )
