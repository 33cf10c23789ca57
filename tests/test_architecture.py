"""Imports point one way: commands and web -> services -> report -> domain.

`domain/` and `report/` stay plain Python: no web framework and no database layer, at any level of a
module (also inside a function) and also through a relative import (`from ..models import ...`).
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vthscan"
FORBIDDEN_LIBRARIES = ("flask", "werkzeug", "sqlalchemy")  # and every flask_* package
PLAIN_LAYERS = ("domain", "report")  # the layers that may not use them
# What each layer may not import from the rest of vthscan.
FORBIDDEN_INSIDE = {
    "domain": ("vthscan.report", "vthscan.services", "vthscan.web", "vthscan.commands", "vthscan.models",
               "vthscan.extensions", "vthscan.app", "vthscan.demo"),
    "report": ("vthscan.services", "vthscan.web", "vthscan.commands", "vthscan.models", "vthscan.extensions",
               "vthscan.app", "vthscan.demo"),
    "services": ("vthscan.web", "vthscan.commands"),
    "web": ("vthscan.commands",),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module `source` imports, anywhere in it, with relative imports made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module
            names.add(target)
            # `from . import x` and `from ..services import access` import submodules too
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def offences(path: Path, layer: str) -> list[str]:
    imported = imports_of(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    found = []
    for name in sorted(imported):
        top = name.split(".")[0]
        if layer in PLAIN_LAYERS and (top in FORBIDDEN_LIBRARIES or top.startswith("flask_")):
            found.append(name)
        elif any(name == inner or name.startswith(inner + ".") for inner in FORBIDDEN_INSIDE.get(layer, ())):
            found.append(name)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN_INSIDE))
def test_each_layer_imports_only_what_lies_below_it(layer):
    found = {str(path.relative_to(PACKAGE)): offences(path, layer)
             for path in sorted((PACKAGE / layer).rglob("*.py"))}
    assert {path: names for path, names in found.items() if names} == {}


@pytest.mark.parametrize("source", [
    "def f():\n    from flask import current_app\n",
    "import flask_babel\n",
    "from werkzeug.exceptions import NotFound\n",
    "def f():\n    import sqlalchemy.orm\n",
    "from ..models import Assessment\n",
    "from .. import extensions\n",
    "from ..services.access import access_for\n",
])
def test_the_check_sees_hidden_and_relative_imports(tmp_path, source, monkeypatch):
    """The check itself: a forbidden import inside a function or through `..` is found."""
    path = PACKAGE / "report" / "data.py"  # named as a report module, read from the given text
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert offences(path, "report")


def test_relative_imports_are_resolved_from_the_module_and_from_a_package():
    assert "vthscan.models" in imports_of("from ..models import User", "vthscan.services.accounts")
    assert "vthscan.services.access" in imports_of("from . import access", "vthscan.services", is_package=True)
    assert "vthscan.domain.wording" in imports_of("from ..wording import x", "vthscan.domain.question_types.base")


def test_importing_domain_and_fast_cli_loads_no_web_framework():
    code = (
        "import sys, vthscan.commands, vthscan.commands.common, vthscan.commands.questionnaire, vthscan.commands.score, "
        "vthscan.domain.scoring, vthscan.domain.catalog\n"
        "print(sorted(m for m in ('flask', 'werkzeug', 'sqlalchemy', 'flask_sqlalchemy', 'flask_login', 'flask_wtf', "
        "'matplotlib', 'reportlab') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
