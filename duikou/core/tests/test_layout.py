"""The shape of the code base: apps depend on each other in one direction only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from duikou.core import panels

PACKAGE = Path(__file__).resolve().parents[2]


def _app_imports() -> dict[str, set[str]]:
    """For each app, the other apps its non-test, non-migration modules import (any depth)."""
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    edges: dict[str, set[str]] = {app: set() for app in apps}
    for app in apps:
        for path in (PACKAGE / app).rglob("*.py"):
            parts = path.relative_to(PACKAGE / app).parts
            if "tests" in parts or "migrations" in parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    bits = name.split(".")
                    if len(bits) > 1 and bits[0] == PACKAGE.name and bits[1] in apps - {app}:
                        edges[app].add(bits[1])
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(app: str, trail: list[str]) -> list[str] | None:
        state[app] = 1
        for other in sorted(edges[app]):
            if state.get(other) == 1:
                return [*trail[trail.index(other) :], other]
            if not state.get(other) and (found := visit(other, [*trail, other])):
                return found
        state[app] = 2
        return None

    for app in sorted(edges):
        if not state.get(app) and (found := visit(app, [app])):
            return found
    return None


def test_no_two_apps_import_each_other_in_a_circle():
    cycle = _cycle(_app_imports())
    assert cycle is None, "apps import each other in a circle: " + " → ".join(cycle or [])


def test_core_and_lib_import_no_domain_app():
    edges = _app_imports()
    assert edges["lib"] == set()
    assert edges["core"] <= {"lib"}


@pytest.mark.django_db
def test_a_later_app_adds_its_panel_to_an_earlier_apps_page(client):
    # pairings and organisations register panels on the place page; places imports neither.
    registered = {p.template for p in panels.panels_for("places.Place")}
    assert "pairings/_place_pairings.html" in registered
    text = client.get("/places/654021/").content.decode()
    assert 'data-testid="place-pairings"' in text
    assert "江苏省" in text  # 伊宁县's aiding party, from the pairings panel


@pytest.mark.django_db
def test_a_panel_that_returns_none_is_left_out(client):
    # The two-80 block is for those who may see fund figures; anonymous visitors do not.
    text = client.get("/organisations/parties/320000/").content.decode()
    assert 'data-testid="party-pairings"' in text
    assert 'data-testid="party-compliance"' not in text
