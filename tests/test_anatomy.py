"""Every app with models has the same rooms (docs/architecture.md, "Apps and what each may import").

A room is a module (`services.py`) or a package (`api/`). An app may lack a room only with a line in
`LACKS` saying why; a new app with models is checked the moment its folder exists, and a line that is no
longer true (the app grew the room) fails too, so the table stays the truth.
"""

from pathlib import Path

import pytest

TDKT = Path(__file__).resolve().parent.parent / "tdkt"

ROOMS = (
    "models",
    "services",
    "selectors",
    "permissions",
    "forms",
    "filters",
    "views",
    "api",
    "admin",
    "tests",
)

# (app, room): why the app legitimately has no such room.
LACKS = {
    ("core", "selectors"): "domain-free: no reads of its own, its models are abstract bases",
    ("core", "permissions"): "domain-free: the access checks start in org.permissions",
    ("core", "forms"): "domain-free: no pages of its own to fill in",
    ("core", "filters"): "domain-free: no lists",
    ("core", "views"): "only the error pages (error_views.py) and the dashboard registry",
    ("core", "api"): "domain-free: the API root is the api app",
    ("core", "admin"): "its models are abstract",
    ("awards", "permissions"): "who may see an award is who may see its person or unit (org.permissions)",
    (
        "awards",
        "forms",
    ): "its pages (the Khen thưởng tabs) are in rules; the import form is in import_views.py",
    ("awards", "filters"): "no filtered list: the history is shown per person or unit",
    ("awards", "views"): "its pages are in rules (the Khen thưởng tabs) and import_views.py (the import)",
    ("awards", "api"): "the history endpoints are rules/api (people/<id>/awards/, units/<id>/awards/)",
    ("rules", "permissions"): "it asks org.permissions for the subject; the engine has nothing to guard",
    ("rules", "forms"): "its few query forms sit with their views in views.py",
    ("rules", "filters"): "the candidate list filters engine verdicts, not a queryset (CandidateFilterForm)",
    ("rules", "admin"): "parameters are edited on its own page (rules:parameters), not in the admin",
}


def _apps_with_models() -> list[str]:
    return sorted(
        p.name
        for p in TDKT.iterdir()
        if p.is_dir() and ((p / "models.py").is_file() or (p / "models").is_dir())
    )


def _has(app: str, room: str) -> bool:
    folder = TDKT / app
    return (folder / f"{room}.py").is_file() or (folder / room / "__init__.py").is_file()


def test_the_walk_finds_the_apps_with_models():
    assert {"org", "awards", "rules", "proposals", "councils", "decisions", "core"} <= set(
        _apps_with_models()
    )


@pytest.mark.parametrize("app", _apps_with_models())
def test_every_app_with_models_has_its_rooms_or_says_why_not(app):
    missing = [room for room in ROOMS if not _has(app, room) and (app, room) not in LACKS]
    assert missing == [], f"tdkt/{app} lacks {missing}: add the rooms, or a line in LACKS saying why"


@pytest.mark.parametrize(("app", "room"), sorted(LACKS))
def test_every_excuse_is_still_true(app, room):
    assert room in ROOMS
    assert (TDKT / app).is_dir(), f"tdkt/{app} is gone: drop its lines from LACKS"
    assert not _has(app, room), f"tdkt/{app} now has {room}: drop ({app!r}, {room!r}) from LACKS"
