"""Cards on the dashboard contributed by the apps, without the core importing them.

An app registers a function in its `AppConfig.ready()`: `dashboard.register(fn)`. The dashboard calls each
with the request; a function returns `None` when its card does not concern the user, else a dict with
`label`, `value`, `url` and `link_label` (and `first: True` to come before the other cards). Each card should cost one or two queries.
"""

from __future__ import annotations

from collections.abc import Callable

Card = dict
CARDS: list[Callable[..., Card | None]] = []


def register(fn: Callable[..., Card | None]) -> Callable[..., Card | None]:
    """Add a card function (once: registering it again changes nothing); usable as a decorator."""
    if fn not in CARDS:
        CARDS.append(fn)
    return fn


def cards(request) -> list[Card]:
    """The cards for this request, in the order registered."""
    return [card for fn in CARDS if (card := fn(request)) is not None]
