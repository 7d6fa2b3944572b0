"""Indexes added for national scale (docs/performance.md, "National scale: pages")."""

from __future__ import annotations

import pytest
from django.db import connection

from tdkt.org.filters import match_words
from tdkt.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigram index")
def test_the_people_search_can_use_the_trigram_index():
    """A word inside the name (`LIKE '% word%'`) is served by the GIN trigram index, not by a scan."""
    query = match_words(Person.objects.order_by(), "văn hùng").values("pk").query  # as the count asks
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table: make the planner show its index
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "org_person_search_text_trgm" in plan


def test_the_search_still_finds_words_inside_the_name(person_a, person_b):
    found = match_words(Person.objects.all(), "an").values_list("staff_code", flat=True)
    assert list(found) == ["A-001"]  # "Nguyễn Văn An": a word of the name, not "Bình" or a part of a word
