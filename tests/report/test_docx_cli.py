"""`vthscan report --format docx`: the Word version from an answers file; a wrong format or a file name
that says another one exits 1 with a Dutch message."""

from __future__ import annotations

import io

import pytest
from docx import Document

from .test_report_cli import answers_file, invoke  # noqa: F401  fixtures used here


def test_an_answers_file_gives_a_word_document(invoke, answers_file, tmp_path):  # noqa: F811  the imported fixtures
    output = tmp_path / "rapport.docx"
    result = invoke("report", answers_file, "-o", output, "--format", "docx", "--date", "2026-03-31")
    assert result.exit_code == 0, result.output
    assert "Rapport geschreven" in result.stderr
    document = Document(io.BytesIO(output.read_bytes()))
    assert document.core_properties.title == "Zelfevaluatie 2026 - Omgevingsdienst <Test> & Co"
    assert "Datum van het rapport\n31 maart 2026" in "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("args, message", [
    (["--format", "odt", "-o", "rapport.odt"], "onbekend formaat 'odt'; kies pdf of docx"),
    (["--format", "docx", "-o", "rapport.pdf"], "een Word-rapport krijgt een naam die eindigt op .docx"),
    (["-o", "rapport.docx"], "'rapport.docx' is de naam van een Word-bestand; geef --format docx"),
])
def test_a_wrong_format_exits_1_in_dutch_and_writes_nothing(
        invoke, answers_file, tmp_path, monkeypatch, args, message):  # noqa: F811  the imported fixtures
    monkeypatch.chdir(tmp_path)
    result = invoke("report", answers_file, *args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not list(tmp_path.glob("rapport.*"))
