"""The domain stays plain Python: it must not pull in the web framework or the database layer."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "vthscan"
FORBIDDEN = ("flask", "flask_sqlalchemy", "flask_login", "flask_wtf", "sqlalchemy", "werkzeug")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_source_imports_no_flask_or_sqlalchemy():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(imported_modules(path) & set(FORBIDDEN))
        for path in (PACKAGE / "domain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_domain_and_fast_cli_loads_no_web_framework():
    code = (
        "import sys, vthscan.commands, vthscan.commands.common, vthscan.commands.questionnaire, vthscan.commands.score, "
        "vthscan.domain.scoring, vthscan.domain.catalog\n"
        f"print(sorted(m for m in {FORBIDDEN!r} + ('matplotlib', 'reportlab') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
