"""The services are modules by feature under an empty package, with one rule for transactions.

- `vthscan/services/__init__.py` is empty and no service module imports the package back;
- services raise their own errors (services/errors.py), never werkzeug's HTTP exceptions;
- a transaction is committed in one place: the `write` decorator (services/transaction.py), the
  audit log's own entry for a refused request (services/audit.py), and the back-up restore;
- no module of the services or of the web layer is longer than 450 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vthscan"
SERVICES = PACKAGE / "services"
COMMITTING = {"transaction.py", "audit.py", "backup.py"}
MAX_LINES = 450


def service_modules() -> list[Path]:
    return sorted(SERVICES.glob("*.py"))


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_package_is_empty():
    assert (SERVICES / "__init__.py").read_text(encoding="utf-8").strip() == ""


def test_the_features_have_modules_of_their_own():
    names = {path.stem for path in service_modules()}
    assert {"errors", "questionnaires", "accounts", "auth", "access", "audit", "answers", "assessments",
            "workflow", "consultants", "comparison", "trends", "benchmark", "exports", "profiles",
            "results"} <= names


@pytest.mark.parametrize("path", service_modules(), ids=lambda path: path.name)
def test_no_service_module_imports_the_package_back(path):
    back = [node.lineno for node in ast.walk(tree(path)) if isinstance(node, ast.ImportFrom)
            and ((node.level == 1 and node.module is None)
                 or (node.level == 2 and node.module is None and any(a.name == "services" for a in node.names))
                 or (node.level == 0 and node.module in ("vthscan", "vthscan.services")))]
    assert back == [], "import the feature module itself: from .accounts import ..."


@pytest.mark.parametrize("path", service_modules(), ids=lambda path: path.name)
def test_services_raise_their_own_errors(path):
    imported = [node.module for node in ast.walk(tree(path)) if isinstance(node, ast.ImportFrom)]
    assert "werkzeug.exceptions" not in imported
    assert not [node.lineno for node in ast.walk(tree(path))
                if isinstance(node, ast.Name) and node.id in ("abort", "NotFound")]


@pytest.mark.parametrize("path", [p for p in service_modules() if p.name not in COMMITTING], ids=lambda p: p.name)
def test_only_the_transaction_rule_commits(path):
    commits = [node.lineno for node in ast.walk(tree(path))
               if isinstance(node, ast.Attribute) and node.attr == "commit"]
    assert commits == [], "decorate the write service with transaction.write instead"


@pytest.mark.parametrize("path", sorted(SERVICES.glob("*.py")) + sorted((PACKAGE / "web").glob("*.py")),
                         ids=lambda path: f"{path.parent.name}/{path.name}")
def test_modules_hold_one_subject(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
