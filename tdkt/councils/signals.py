"""Signals of the councils app.

`ballot_closed(sender=Ballot, ballot=<Ballot>)` is sent by `services.close_ballot` inside its transaction,
after the result (counters, base, `passed`) is fixed: a receiver's writes commit or roll back with the close.
Receivers find what the ballot decided on in `ballot.target` (e.g. "proposals.candidate:12").
"""

from django.dispatch import Signal

ballot_closed = Signal()
