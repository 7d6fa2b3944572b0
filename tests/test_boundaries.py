"""The import contracts in `.importlinter` hold on the code and catch a back-arrow when one appears."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")  # installed by make setup


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / ".importlinter")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy_of_the_tree(tmp_path):
    shutil.copytree(ROOT / "tdkt", tmp_path / "tdkt", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def test_the_code_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("tdkt/org/probe.py", "from tdkt.proposals import models\n", "Apps depend only downwards"),
        ("tdkt/awards/probe.py", "import tdkt.decisions.services\n", "Apps depend only downwards"),
        ("tdkt/rules/criteria/probe.py", "from django.db import models\n", "pure Python"),
        ("tdkt/core/probe.py", "from tdkt.portal import dashboards\n", "Apps depend only downwards"),
        ("tdkt/councils/probe.py", "from tdkt.rules.rulesets import RULE_SETS\n", "through rules.services"),
        ("tdkt/proposals/probe.py", "from tdkt.rules.model import Question\n", "through rules.services"),
        ("tdkt/org/probe.py", "import tdkt.demo\n", "No app imports the demo data"),
        ("tdkt/api/probe.py", "from tdkt.demo import org\n", "No app imports the demo data"),
        ("tdkt/api/errors_probe.py", "", None),
    ],
)
def test_a_back_arrow_breaks_the_build(copy_of_the_tree, module, line, contract):
    if contract is None:  # a harmless new module keeps the contracts: the test is not vacuous
        (copy_of_the_tree / module).write_text("from tdkt.core import text\n")
        assert lint_imports(copy_of_the_tree).returncode == 0
        return
    (copy_of_the_tree / module).write_text(line)
    result = lint_imports(copy_of_the_tree)
    assert result.returncode == 1
    assert f"{contract}" in result.stdout
    assert "BROKEN" in result.stdout


def _function_level_imports(path: Path) -> list[str]:
    """The imports of project code inside functions of a module that do not say why (`# lazy: …` on the
    line or the line above); an app's `ready()` is where Django wants them and needs no reason."""
    import ast

    text = path.read_text()
    lines = text.splitlines()
    found = []
    for function in ast.walk(ast.parse(text)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if path.name == "apps.py" and function.name == "ready":
            continue
        for node in ast.walk(function):
            project = (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tdkt")) or (
                isinstance(node, ast.Import) and any(a.name.startswith("tdkt") for a in node.names)
            )
            if not project:
                continue
            said = "# lazy:" in lines[node.lineno - 1] + (lines[node.lineno - 2] if node.lineno > 1 else "")
            if not said:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return sorted(set(found))


def test_an_import_inside_a_function_says_why_it_is_lazy():
    """Imports hidden in functions to dodge a cycle make the layering lie; the ones left are lazy on purpose
    (a real cycle inside an app, a costly module used by one path, a test's monkeypatch) and say so."""
    modules = [
        p for p in (ROOT / "tdkt").rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts
    ]
    assert [line for path in sorted(modules) for line in _function_level_imports(path)] == []


def test_the_lazy_import_check_finds_an_unexplained_one(tmp_path, monkeypatch):
    module = tmp_path / "tdkt" / "x" / "views.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def a():\n    from tdkt.org import services\n\n"
        "def b():\n    # lazy: a cycle with services\n    from tdkt.org import selectors\n\n"
        "def c():\n    import json\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _function_level_imports(module) == ["tdkt/x/views.py:2: from tdkt.org import services"]
