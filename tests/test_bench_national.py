"""The national data set generator (bench/national.py) at a tiny size: its shape, its 2025 merge, and the
verdicts the eligibility engine gives on it."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from bench import national

REVIEW_YEAR = 2025
PEOPLE = 4_000


def test_the_unit_tree_scales_to_the_size_asked():
    assert abs(national.shape_for(5_000).total - 5_000) < 75
    assert abs(national.shape_for(60).total - 60) < 10
    assert national.shape_for(10).provinces >= 2  # always something to merge


def test_the_same_seed_gives_the_same_rows():
    leaves = [national.Leaf(pk, "doi", ("doi_truong", "pho_doi_truong"), None) for pk in range(1, 9)]
    leaves.append(national.Leaf(9, "cuc", ("cuc_truong", "pho_cuc_truong"), 10))
    positions = {code: i for i, code in enumerate(
        ["cong_chuc", "nhan_vien", "doi_truong", "pho_doi_truong", "cuc_truong", "pho_cuc_truong"], start=1
    )}  # fmt: skip
    kinds = {code: (i, "co_so") for i, code in enumerate(national.PERSON_CODES + national.COLLECTIVE_CODES)}
    first = dict.fromkeys(national.COLUMNS, 1)
    now = date(2026, 1, 1)
    years = tuple(range(2006, 2026))

    def rows(seed):
        return national._People(seed, years, leaves, positions, kinds, first, now).chunk(1, 300)

    assert rows(7) == rows(7)
    assert rows(7)["award"] != rows(8)["award"]

    # The units' ids follow the rows already in the database: the history made must not depend on them.
    moved = [national.Leaf(leaf.pk + 1000, leaf.kind, leaf.posts, leaf.successor and leaf.successor + 1000)
             for leaf in leaves]  # fmt: skip
    here = national._People(7, years, leaves, positions, kinds, first, now).chunk(1, 300)
    there = national._People(7, years, moved, positions, kinds, first, now).chunk(1, 300)
    for table in ("person", "rating", "discipline", "award"):
        assert here[table] == there[table], table
    unit_column = 4  # membership: (id, created, updated, person, unit, …)
    assert [row[:unit_column] + (row[unit_column] + 1000,) + row[unit_column + 1 :] for row in here["membership"]] \
        == there["membership"]  # fmt: skip


@pytest.fixture(scope="module")
def national_set(django_db_setup, django_db_blocker):
    """A small national set and the engine's tally of its review year, built once for the module inside a
    transaction that is rolled back at the end (the tests' own transactions nest inside it)."""
    from django.db import transaction

    from tdkt.rules import services

    with django_db_blocker.unblock(), transaction.atomic():
        stats = national.generate_national(
            PEOPLE, units=60, years=20, seed=11, log=lambda _: None, inline=True
        )
        tally = services.tally_person_verdicts(REVIEW_YEAR, national.PERSON_CODES)
        yield stats, tally
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_people_units_and_history_are_generated(national_set):
    from tdkt.awards.models import Award, Discipline, Rating, Recognition
    from tdkt.org.models import Person, Unit

    stats, _tally = national_set
    assert Person.objects.filter(staff_code__startswith=national.PREFIX).count() == PEOPLE
    assert Unit.objects.filter(code__startswith=national.PREFIX).count() == stats.units
    assert stats.rows["award"] == Award.objects.count()
    assert Rating.objects.filter(year=2006).exists() and Rating.objects.filter(year=REVIEW_YEAR).exists()
    person_awards = Counter(Award.objects.filter(person__isnull=False).values_list("kind__code", flat=True))
    assert set(national.PERSON_CODES) <= set(person_awards)
    assert Award.objects.filter(unit__isnull=False, kind__code="TTLDXS").exists()
    assert Award.objects.filter(award_type="chuyen_de").exists()  # thematic
    assert Award.objects.filter(revoked=True).exclude(revoked_reason="").exists()
    assert Award.objects.filter(source="import", year__lt=2006).exists()  # a veteran's imported past
    assert Discipline.objects.filter(term_end__isnull=False).exists()
    assert {"co_so", "bo", "toan_quoc"} <= set(Recognition.objects.values_list("scope", flat=True))


@pytest.mark.django_db
def test_some_people_have_missing_years(national_set):
    from django.db.models import Count, Max, Min

    from tdkt.awards.models import Rating

    spans = Rating.objects.values("person_id").annotate(n=Count("id"), lo=Min("year"), hi=Max("year"))
    gaps = [s for s in spans if s["hi"] - s["lo"] + 1 > s["n"]]
    assert len(gaps) > PEOPLE // 100


@pytest.mark.django_db
def test_the_2025_merge_is_there(national_set):
    from tdkt.org.models import Membership, Unit, UnitEventLink, UnitVersion

    day = national.RESTRUCTURE_DAY
    departments = Unit.objects.filter(code__startswith=f"{national.PREFIX}-T", kind="cuc")
    assert departments.exists() and not departments.exclude(valid_to=day).exists()
    link = UnitEventLink.objects.filter(
        event__kind="merge", event__date=day, role="successor", unit__code__startswith=f"{national.PREFIX}-KV"
    ).first()
    merge, successor = link.event, link.unit
    predecessors = list(
        UnitEventLink.objects.filter(event=merge, role="predecessor").values_list("unit", flat=True)
    )
    assert successor.valid_from == day and successor.valid_to is None and len(predecessors) >= 2
    # the Chi cục of a merged department now sit under the regional unit, with a new name
    dept = Unit.objects.get(pk=predecessors[0])
    sub = Unit.objects.get(code=f"{dept.code}-CC1")
    versions = list(UnitVersion.objects.filter(unit=sub).order_by("valid_from"))
    assert [v.parent_id for v in versions] == [dept.pk, successor.pk]
    assert versions[0].valid_to == day and versions[-1].name != versions[0].name
    # members of a merged office moved to its successor on the day of the merge
    ended = Membership.objects.filter(valid_to=day, unit__valid_to=day)
    assert ended.exists()
    moved = ended.first()
    assert (
        Membership.objects.filter(person_id=moved.person_id, valid_from=day).exclude(unit=moved.unit).exists()
    )


# CSTĐ cấp bộ and CSTĐ toàn quốc have no criterion that a person's history can leave undecided (their runs
# count titles, which are there or not; only a council vote without a legal threshold is undecided, and the
# whole-agency batch judges before any vote): for them, eligible and not eligible only.
DECIDED_ONLY = {"CSTD_BO", "CSTD_TQ"}
# Needs review by a missing year needs a long chain and a gap at the right place: rarer than this small set.
RARE_REVIEW = {"BK_BO", "HCLD2", "HCLD1"}


@pytest.mark.django_db
def test_every_person_code_has_eligible_and_not_eligible_subjects(national_set):
    _stats, tally = national_set
    assert tally.people == PEOPLE
    for code in national.PERSON_CODES:
        counts = tally.counts[code]
        assert counts["eligible"] > 0, (code, counts)
        assert counts["not_eligible"] > 0, (code, counts)


@pytest.mark.django_db
def test_missing_years_leave_the_chains_undecided(national_set):
    _stats, tally = national_set
    for code in set(national.PERSON_CODES) - DECIDED_ONLY - RARE_REVIEW:
        assert tally.counts[code]["needs_review"] > 0, (code, tally.counts[code])
    for code in DECIDED_ONLY:
        assert tally.counts[code]["needs_review"] == 0


@pytest.mark.django_db
def test_paths_are_not_all_shared(national_set):
    """Realistic histories: the engine's shared decision paths answer far fewer than 99 % of questions."""
    _stats, tally = national_set
    assert tally.shared + tally.ran == tally.questions
    assert tally.ran / tally.questions > 0.05
