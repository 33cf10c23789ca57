"""How the report package is put together: one subject per module, the layout kit shared by both PDFs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPORT = Path(__file__).resolve().parent.parent.parent / "vthscan" / "report"


def report_imports(module: str) -> set[str]:
    """The modules of vthscan.report that `module` imports, at any level of the file."""
    names = set()
    for node in ast.walk(ast.parse((REPORT / f"{module}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update([node.module] if node.module else [alias.name for alias in node.names])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vthscan.report."):
            names.add(node.module.removeprefix("vthscan.report."))
    return names


@pytest.mark.parametrize("path", sorted(REPORT.glob("*.py")), ids=lambda path: path.name)
def test_no_report_module_is_longer_than_450_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 450


def test_both_pdfs_are_laid_out_with_the_kit_and_never_with_each_other():
    assert "layout" in report_imports("comparison_pdf") and "layout" in report_imports("gap_pdf")
    assert "gap_pdf" not in report_imports("comparison_pdf")
    assert report_imports("layout").isdisjoint({"gap_pdf", "comparison_pdf", "data", "model"})


def test_the_model_is_plain_data_and_the_builders_and_method_text_are_apart():
    assert report_imports("model") == set()
    assert {"model", "method"} <= report_imports("data")
    assert report_imports("method") == {"model"}
