"""The statistics page reads its tallies in one statement: the same numbers as one aggregate per grouping."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tdkt.awards.models import Award, AwardKind
from tdkt.org.models import Unit
from tdkt.reports.selectors import ReportFilter, award_report, awards_in_scope

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module inside a transaction rolled back at the end."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", "load", "--people", "60", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _cells(awards, group=None) -> dict:
    """One tally per group, one aggregate query per grouping: how the page counted before."""
    measures = {
        "collectives": Count("unit", distinct=True),
        "individuals": Count("person", distinct=True),
        "collective_awards": Count("id", filter=Q(unit__isnull=False)),
        "individual_awards": Count("id", filter=Q(person__isnull=False)),
    }
    if group is None:
        return {None: awards.aggregate(**measures)}
    return {row.pop(group): row for row in awards.values(group).annotate(**measures)}


def _per_cell(filters: ReportFilter) -> dict:
    awards = awards_in_scope(filters, None).order_by()
    codes = dict(AwardKind.objects.values_list("pk", "code"))
    by_kind = _cells(awards, "kind_id")
    return {
        "total": _cells(awards)[None],
        "kind": {codes[pk]: tally for pk, tally in by_kind.items()},
        "year": _cells(awards, "year"),
        "level": _cells(awards, "kind__level"),
    }


def _one_pass(filters: ReportFilter) -> dict:
    report = award_report(filters, None)

    def tally(row):
        return {
            "collectives": row.collectives,
            "individuals": row.individuals,
            "collective_awards": row.collective_awards,
            "individual_awards": row.individual_awards,
        }

    return {
        "total": tally(report.total),
        "kind": {row.code: tally(row) for row in report.by_kind},
        "year": {row.year: tally(row) for row in report.by_year},
        "level": {row.level: tally(row) for row in report.by_level},
    }


def test_one_pass_equals_one_aggregate_per_grouping_on_the_demo_data(_demo):
    assert Award.objects.count() > 100, "the demo data has an award history"
    root = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    leaf = Unit.objects.filter(memberships__isnull=False, parent__isnull=False).order_by("pk").last()
    questions = [
        ReportFilter(),
        ReportFilter(include_revoked=True),
        ReportFilter(year_from=2016, year_to=2020),
        ReportFilter(unit=root, year_from=2024, year_to=2024),
        ReportFilter(unit=leaf),
        ReportFilter(subject="individual", level="bo"),
        ReportFilter(year_from=1900, year_to=1900),  # nothing at all
    ]
    for filters in questions:
        assert _one_pass(filters) == _per_cell(filters), filters
    everything = _one_pass(ReportFilter())
    assert everything["total"]["individual_awards"] > 0
    assert len(everything["year"]) > 1 and len(everything["kind"]) > 1


def test_the_tallies_are_one_statement(_demo):
    with CaptureQueriesContext(connection) as queries:
        award_report(ReportFilter(year_from=2016, year_to=2020), None)
    aggregates = [q["sql"] for q in queries.captured_queries if "COUNT(DISTINCT" in q["sql"].upper()]
    assert len(aggregates) == 1
