"""Query-count guards: the decision register, its totals and the endpoint cost the same whatever the number
of decisions and lines."""

from datetime import date

import pytest

from tdkt.core.querycount import assert_flat
from tdkt.decisions.tests.decisions_helpers import issue, issuer, manual_draft

pytestmark = pytest.mark.django_db
__all__ = ["issuer"]  # the fixture, imported for pytest


def test_the_register_and_totals_do_not_grow_with_the_decisions(
    as_user, officer_a, issuer, person_a, person_b
):
    manual_draft(issuer, person=person_a)
    issue(manual_draft(issuer, person=person_a, year=2019), date(2025, 2, 1))  # lists not empty to start with

    def grow():
        for n in range(3):
            issue(manual_draft(issuer, person=person_b, year=2020 + n), date(2025, 3, 1 + n))

    assert_flat(as_user(officer_a), ["/decisions/", "/decisions/totals/", "/api/decisions/"], grow)


def test_the_register_is_paged_and_counts_each_decisions_lines(
    as_user, officer_a, issuer, person_a, monkeypatch
):
    """Every decision is reachable page by page (the register once stopped at its 500 newest), each row with
    its own number of lines, 0 for a decision without any."""
    from tdkt.decisions import views  # lazy: the page size is the view module's, shrunk for the test
    from tdkt.decisions.models import Decision

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for year in (2019, 2020, 2021):
        manual_draft(issuer, person=person_a, year=year)
    Decision.objects.create(issuer=issuer, summary="Quyết định chưa có dòng nào", year=2018)
    client, seen = as_user(officer_a), []
    for number in (1, 2):
        rows = client.get("/decisions/", {"page": number}).context["decisions"]
        seen += [(d.summary, d.line_count) for d in rows]
    assert len(seen) == Decision.objects.count() == 4
    counts = dict(seen)
    assert counts["Quyết định chưa có dòng nào"] == 0
    assert sorted(n for s, n in seen if s != "Quyết định chưa có dòng nào") == [1, 1, 1]
