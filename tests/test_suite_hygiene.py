"""The suite asserts behaviour, never speed: no test measures a duration or prints (speed lives in `bench/`,
with figures in docs/performance.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCKS = {"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "process_time"}


def suite_files() -> list[Path]:
    return sorted(
        p
        for base in (ROOT / "tdkt", ROOT / "tests")
        for p in base.rglob("*.py")
        if p.name.startswith("test_") or p.name == "conftest.py"
    )


def offences(source: str) -> list[str]:
    """Calls to `print` and to the clocks that time code, in a module's own code (text inside strings run by a
    subprocess is not code)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "print" or name in CLOCKS:
            found.append(f"{name}() line {node.lineno}")
    return found


def test_no_test_times_code_or_prints():
    found = {
        str(path.relative_to(ROOT)): hits for path in suite_files() if (hits := offences(path.read_text()))
    }
    assert found == {}


def test_the_check_finds_a_timed_assertion_and_a_print():
    source = "import time\nt = time.perf_counter()\nprint(t)\nassert time.monotonic() - t < 1\n"
    assert offences(source) == ["perf_counter() line 2", "print() line 3", "monotonic() line 4"]
    assert offences('subprocess.run(["python", "-c", "print(1)"])') == []


# Playwright's fixtures: a test outside tests/browser that names one (even as a parameter) starts Chromium and,
# being parametrized by browser, is moved among the browser tests, after the transactional ones that empty the
# database: the ordinary tests moved with it then run without the catalogue.
PLAYWRIGHT_FIXTURES = {"page", "browser", "browser_name", "context", "browser_context_args"}


def test_only_browser_tests_use_playwright_fixtures():
    import ast

    found = []
    for path in suite_files():
        if "browser" in path.relative_to(ROOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names = {a.arg for a in node.args.args} & PLAYWRIGHT_FIXTURES
                if names:
                    found.append(f"{path.relative_to(ROOT)}::{node.name} {sorted(names)}")
    assert found == []
