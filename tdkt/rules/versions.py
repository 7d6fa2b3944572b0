"""The version of the facts the engine reads, so that stored verdicts know when they are out of date.

`current()` is one query: the `FactsVersion` counter and the largest id of every table the facts are read
from. The counter is raised after every committed save or delete of those models (signals connected in
`RulesConfig.ready`, once per transaction, after the commit so that no writer waits on the counter's row);
the largest ids catch rows added without signals (`bulk_create` in imports and demo loaders). Writes that
bypass both (a queryset `update()`) must call `bump()` themselves; the page's "Tính lại" button is the
remedy for anything else.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import F

from tdkt.awards.models import (
    Award,
    AwardKind,
    ClusterResult,
    Discipline,
    Leave,
    Rating,
    Recognition,
    RecognitionAuthor,
    ReviewPeriod,
    UnitResult,
)
from tdkt.org.models import Membership, Person, Position, Unit, UnitVersion
from tdkt.rules.models import FactsVersion, ParameterOverride


def fact_models() -> list:
    """The models whose rows feed `tdkt.rules.facts`."""

    return [
        Award,
        AwardKind,
        ClusterResult,
        Discipline,
        Leave,
        Rating,
        Recognition,
        RecognitionAuthor,
        ReviewPeriod,
        UnitResult,
        Membership,
        Person,
        Position,
        Unit,
        UnitVersion,
        ParameterOverride,
    ]


_SQL: str | None = None


def sql() -> str:
    """The version as one SQL expression of text ("counter:max id:max id:…"), usable inside a query."""
    global _SQL
    if _SQL is None:
        q = connection.ops.quote_name
        parts = [f"(SELECT MAX({q('value')}) FROM {q(FactsVersion._meta.db_table)})"]
        parts += [f"(SELECT MAX({q(m._meta.pk.column)}) FROM {q(m._meta.db_table)})" for m in fact_models()]
        _SQL = " || ':' || ".join(f"COALESCE(CAST({part} AS TEXT), '')" for part in parts)
    return _SQL


def current() -> str:
    """The facts' version now, as text."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql()}")
        return cursor.fetchone()[0]


def bump() -> None:
    """Raise the counter now (creating its row the first time)."""

    if not FactsVersion.objects.filter(pk=1).update(value=F("value") + 1):
        FactsVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def bump_on_commit(**_kwargs) -> None:
    """Signal receiver: raise the counter once the current transaction commits (at once outside one);
    one bump per transaction however many rows it writes."""
    if connection.in_atomic_block and any(entry[1] is bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(bump)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in fact_models():
        post_save.connect(
            bump_on_commit, sender=model, dispatch_uid=f"rules-facts-version-save-{model._meta.label}"
        )
        post_delete.connect(
            bump_on_commit, sender=model, dispatch_uid=f"rules-facts-version-delete-{model._meta.label}"
        )
