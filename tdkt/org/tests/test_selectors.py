"""Reads of the organisation that other apps build on."""

from datetime import date

import pytest

from tdkt.org import selectors, services
from tdkt.org.models import UnitKind

pytestmark = pytest.mark.django_db


def test_each_roots_scope_read_at_once_is_its_own_scope_with_its_predecessors(org):
    merged = services.merge_units(
        units=[org.a1],
        into=services.NewUnit(code="A2", name="Đội Tổng hợp A2", kind=UnitKind.TEAM),
        parent=org.b,
        on=date(2024, 1, 1),
    )
    roots = [merged.pk, org.a.pk, org.b.pk, org.root.pk]
    scopes = selectors.scope_map(roots)
    assert scopes == {root: selectors.scope_ids([root]) for root in roots}
    assert org.a1.pk in scopes[merged.pk]  # the predecessor's history stays in the successor's scope
    assert merged.pk in scopes[org.b.pk] and org.b.pk not in scopes[merged.pk]
    assert selectors.scope_map([]) == {}
