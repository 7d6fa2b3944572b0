"""Ballot secrecy against the database's own history: the SQLite write-ahead log, replayed commit by commit,
and PostgreSQL's row versions (pageinspect), link no member to a choice.

The attacker here has every byte the database ever wrote, and the server's SECRET_KEY; only the two tally
codes, which the chair and the secretary keep, are missing (one of them is not enough). With the old design (a counter incremented next to the receipt) the
first test saw each member's choice as the counter that moved in the receipt's commit; the second saw the
ballot's new row version carry the voter's transaction id.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
from pathlib import Path

import pytest
from django.db import connection, connections

from tdkt.councils import sealing, selectors, services
from tdkt.councils.models import Ballot, BallotReceipt, SealedVote
from tdkt.councils.tests.conftest import CODES

pytestmark = pytest.mark.django_db(transaction=True)

CHOICES = ["yes", "no", "abstain", "yes", "no"]


def _wal_commits(db: Path, wal: Path) -> list[Path]:
    """The database as it stood after each commit in the WAL: base file + frames up to that commit."""
    data = wal.read_bytes()
    magic, _version, page_size = struct.unpack(">III", data[:12])
    assert magic in (0x377F0682, 0x377F0683)
    salt = data[16:24]
    pages: dict[int, bytes] = {}
    snapshots, offset, n = [], 32, 0
    while offset + 24 + page_size <= len(data):
        pgno, commit_size = struct.unpack(">II", data[offset : offset + 8])
        if data[offset + 8 : offset + 16] != salt:
            break  # frames of an older WAL generation
        pages[pgno] = data[offset + 24 : offset + 24 + page_size]
        offset += 24 + page_size
        if commit_size:
            n += 1
            copy = db.with_name(f"commit-{n:03d}.sqlite3")
            shutil.copyfile(db, copy)
            with copy.open("r+b") as f:
                for p, page in pages.items():
                    f.seek((p - 1) * page_size)
                    f.write(page)
                f.truncate(commit_size * page_size)
            snapshots.append(copy)
    return snapshots


def _read(path: Path, ballot_id: int) -> dict:
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        row = con.execute(
            "SELECT b.yes_count, b.no_count, b.abstain_count, b.public_key, m.sealed_key, b.status"
            " FROM councils_ballot b JOIN councils_meeting m ON m.id = b.meeting_id WHERE b.id = ?",
            (ballot_id,),
        ).fetchone()
        receipts = {
            r[0]
            for r in con.execute(
                "SELECT member_id FROM councils_ballotreceipt WHERE ballot_id = ?", (ballot_id,)
            )
        }
        sealed = {
            r[0]
            for r in con.execute(
                "SELECT ciphertext FROM councils_sealedvote WHERE ballot_id = ?", (ballot_id,)
            )
        }
    finally:
        con.close()
    return {
        "counts": row[:3],
        "public": row[3],
        "sealed_key": row[4],
        "status": row[5],
        "receipts": receipts,
        "sealed": sealed,
    }


@pytest.fixture
def file_database(tmp_path):
    """Run the test's writes against a file database in WAL mode, never checkpointed, then put back the
    in-memory test database."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: the write-ahead log of a file database")
    original = connections["default"]
    original.ensure_connection()
    path = tmp_path / "tdkt.sqlite3"
    target = sqlite3.connect(path)
    original.connection.backup(target)
    target.close()
    settings_dict = {**original.settings_dict, "NAME": str(path)}
    settings_dict["OPTIONS"] = {
        **settings_dict.get("OPTIONS", {}),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;",
    }
    wrapper = type(original)(settings_dict, "default")
    connections["default"] = wrapper
    try:
        yield path
    finally:
        wrapper.close()
        connections["default"] = original


def test_the_sqlite_wal_replayed_commit_by_commit_links_no_member_to_a_choice(board, file_database):
    b = board(6)
    b.open(present=5)
    ballot = b.ballot(award_code="CSTDCS")
    wal = file_database.with_name(file_database.name + "-wal")
    start = len(wal.read_bytes()) if wal.exists() else 0
    for i, choice in enumerate(CHOICES[:4]):
        services.cast_vote(ballot=ballot, user=b.users[i], choice=choice)
    services.enter_written_vote(
        ballot=ballot, member=b.seats[5], choice=CHOICES[4], secretary_user=b.secretary
    )
    # Everything the database wrote, with the WAL still holding every commit (no checkpoint ran).
    base = file_database.with_name("base.sqlite3")
    shutil.copyfile(file_database, base)
    shutil.copyfile(wal, file_database.with_name("base.sqlite3-wal.copy"))
    snapshots = _wal_commits(base, file_database.with_name("base.sqlite3-wal.copy"))
    assert start >= 0 and len(snapshots) >= 5

    states = [_read(s, ballot.pk) for s in snapshots if _has_ballot(s, ballot.pk)]
    voters_seen = set()
    for before, after in zip(states, states[1:], strict=False):
        new_voters = after["receipts"] - before["receipts"]
        if not new_voters:
            continue
        voters_seen |= new_voters
        # What changed in the commit that wrote the receipt: no count moved, one opaque ciphertext came.
        assert after["counts"] == before["counts"] == (0, 0, 0)
        new_sealed = after["sealed"] - before["sealed"]
        assert len(new_sealed) == len(new_voters) == 1
        # The server's SECRET_KEY is not enough to open the meeting's sealed key, nor is one of the codes.
        chair, secretary = CODES["chair_code"], CODES["secretary_code"]
        for guess in (("", ""), (chair, ""), ("", secretary), (chair, "hop-hoi-dong"), (secretary, chair)):
            with pytest.raises(sealing.WrongTallyCode):
                sealing.open_key(after["public"], after["sealed_key"], *guess)
        # Guessing by re-encrypting a choice does not match: each encryption is randomised.
        for choice in sealing.ENCODING:
            assert sealing.seal_vote(after["public"], choice) not in new_sealed
    assert voters_seen == {s.pk for s in b.seats[:4]} | {b.seats[5].pk}

    closed = services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert (closed.yes_count, closed.no_count, closed.abstain_count) == (2, 2, 1)
    assert selectors.verify_ballot(closed) and closed.sealed_key == ""


def _has_ballot(path: Path, ballot_id: int) -> bool:
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return "councils_sealedvote" in tables and bool(
            con.execute("SELECT 1 FROM councils_ballot WHERE id = ?", (ballot_id,)).fetchone()
        )
    finally:
        con.close()


def _row_versions(cursor, table: str) -> list[tuple]:
    """Every tuple version in the table's heap pages, dead ones included: (xmin, xmax, ctid)."""
    cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
    (blocks,) = cursor.fetchone()
    rows = []
    for block in range(blocks):
        cursor.execute(
            "SELECT t_xmin::text, t_xmax::text, t_ctid::text FROM heap_page_items(get_raw_page(%s, %s))"
            " WHERE t_xmin IS NOT NULL",
            [table, block],
        )
        rows += cursor.fetchall()
    return rows


INSPECTED = (Ballot._meta.db_table, BallotReceipt._meta.db_table, SealedVote._meta.db_table)


@pytest.fixture
def own_heaps():
    """The inspected tables' heaps hold this test's row versions only, and nothing prunes them meanwhile.

    Tests that roll back leave their inserts behind as aborted row versions (pytest-django runs them before
    the transactional tests, and only a transactional test's teardown truncates the tables); autovacuum, or
    a read of a nearly full page, prunes them at a moment nobody controls. Counting them made this test fail
    whenever such a test had run before it in the same database (with ``-n 2``, depending on the split).
    TRUNCATE gives each table a new, empty heap; autovacuum is off for them until the test ends."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: pageinspect")
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute(f"TRUNCATE {', '.join(INSPECTED)}")
        for table in INSPECTED:
            cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for table in INSPECTED:
                cursor.execute(f"ALTER TABLE {table} RESET (autovacuum_enabled)")


def test_postgresql_row_versions_link_no_vote_to_a_count(own_heaps, board):
    b = board(6)
    b.open(present=5)
    ballot = b.ballot(award_code="CSTDCS")
    with connection.cursor() as cursor:
        ballots_before = {r[:1] + r[2:] for r in _row_versions(cursor, Ballot._meta.db_table)}
    for i, choice in enumerate(CHOICES[:4]):
        services.cast_vote(ballot=ballot, user=b.users[i], choice=choice)
    services.enter_written_vote(
        ballot=ballot, member=b.seats[5], choice=CHOICES[4], secretary_user=b.secretary
    )
    with connection.cursor() as cursor:
        receipts = {r[0] for r in _row_versions(cursor, BallotReceipt._meta.db_table)}
        ballot_versions = _row_versions(cursor, Ballot._meta.db_table)
        sealed = {r[0] for r in _row_versions(cursor, SealedVote._meta.db_table)}
    assert len(receipts) == len(sealed) == 5  # one (sub)transaction per receipt and per sealed vote
    # No version of the ballot row was written while members voted (the votes only locked it): the old
    # design's counter row, written by each voter's transaction next to the receipt, is gone.
    assert {r[:1] + r[2:] for r in ballot_versions} == ballots_before
    assert receipts.isdisjoint({r[0] for r in ballot_versions})
    assert sealed.isdisjoint({r[0] for r in ballot_versions})
    assert set(Ballot.objects.filter(pk=ballot.pk).values_list("yes_count", "no_count", "abstain_count")) == {
        (0, 0, 0)
    }
    closed = services.close_ballot(ballot=ballot, user=b.chair, **CODES)
    assert (closed.yes_count, closed.no_count, closed.abstain_count) == (2, 2, 1)
