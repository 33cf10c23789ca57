"""Views stay thin: at most 25 lines each, no database session and no access decisions of their own.

Access is decided in services/access.py (its refusals are errors, mapped to 403/404 once in
web/errors.py), and transactions belong to the write services; the one place in web/ that touches the
session is web/errors.py, which rolls back what a failed request left behind.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "vthscan" / "web"
MAX_VIEW_LINES = 25
ROUTE_DECORATORS = {"route", "get", "post", "put", "patch", "delete", "before_request"}
SESSION_ALLOWED = {"errors.py"}  # the error handlers' rollback


def modules() -> list[Path]:
    return sorted(WEB.glob("*.py"))


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


BLUEPRINT_MAKERS = {"Blueprint", "members_blueprint", "admin_blueprint"}  # the last two: web/session.py


def defines_blueprint(module: ast.Module) -> bool:
    return any(isinstance(node, ast.Call) and getattr(node.func, "id", None) in BLUEPRINT_MAKERS
               for node in ast.walk(module))


def is_view(function: ast.FunctionDef) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in ROUTE_DECORATORS:
            return True
    return False


def long_functions(path: Path) -> list[str]:
    """Views longer than the limit, and in a blueprint module every helper function too (a view must
    not hide its length in a helper)."""
    module = tree(path)
    blueprint = defines_blueprint(module)
    return [f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(module) if isinstance(node, ast.FunctionDef)
            and (blueprint or is_view(node)) and node.end_lineno - node.lineno + 1 > MAX_VIEW_LINES]


def session_uses(path: Path) -> list[str]:
    return [f"{path.name}:{node.lineno}" for node in ast.walk(tree(path))
            if isinstance(node, ast.Attribute) and node.attr == "session"
            and isinstance(node.value, ast.Name) and node.value.id == "db"]


def forbidden_aborts(path: Path) -> list[str]:
    return [f"{path.name}:{node.lineno}" for node in ast.walk(tree(path))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "abort"
            and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == 403]


def test_the_checks_find_what_they_look_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("bp = Blueprint('x', __name__)\n\n@bp.get('/')\ndef view():\n"
                   + "    x = 1\n" * 30 + "    db.session.commit()\n    abort(403)\n", encoding="utf-8")
    assert long_functions(bad) == ["bad.py:4 view (33 lines)"]
    assert session_uses(bad) == ["bad.py:35"]
    assert forbidden_aborts(bad) == ["bad.py:36"]


def test_web_has_blueprints_to_check():
    assert sum(defines_blueprint(tree(path)) for path in modules()) >= 7


@pytest.mark.parametrize("path", modules(), ids=lambda path: path.name)
def test_views_are_at_most_25_lines(path):
    assert long_functions(path) == []


@pytest.mark.parametrize("path", [p for p in modules() if p.name not in SESSION_ALLOWED], ids=lambda p: p.name)
def test_views_hold_no_database_session(path):
    assert session_uses(path) == [], "call a service; write services commit, web/errors.py rolls back"


@pytest.mark.parametrize("path", modules(), ids=lambda path: path.name)
def test_views_decide_no_access_themselves(path):
    assert forbidden_aborts(path) == [], "ask services/access.py; its Forbidden becomes the 403 page"
