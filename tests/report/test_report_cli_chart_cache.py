"""`vthscan report ANSWERS.json` keeps its charts on disk: in the instance folder when
$VTHSCAN_INSTANCE names one, else in the user's cache folder; the PDF is the same, byte for byte,
whether the charts were drawn or read back."""

from __future__ import annotations

import platformdirs
import pytest
from click.testing import CliRunner

from vthscan.commands import main
from vthscan.report import charts

from .conftest import REPO

EXAMPLE_ANSWERS = REPO / "questionnaires" / "voorbeeld-antwoorden-od.json"


@pytest.fixture(autouse=True)
def _new_process():
    """Every report below starts as a new process would: no chart in memory."""
    charts.cache_clear(templates=True)
    yield
    charts.cache_clear(templates=True)


def report(tmp_path, name: str) -> bytes:
    charts.cache_clear(templates=True)
    output = tmp_path / name
    result = CliRunner().invoke(main, ["--questionnaires", str(REPO / "questionnaires"), "report",
                                       str(EXAMPLE_ANSWERS), "-o", str(output), "--date", "2026-03-31"])
    assert result.exit_code == 0, result.output
    return output.read_bytes()


def kinds(folder) -> list[str]:
    return sorted(path.name.split("-")[0] for path in folder.iterdir())


def test_charts_are_kept_in_the_instance_folder(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda name: str(tmp_path / "user-cache" / name))
    report(tmp_path, "rapport.pdf")
    assert kinds(instance / "chart-cache") == ["chart", "chart", "template", "template"]
    assert not (tmp_path / "user-cache").exists()


@pytest.mark.parametrize("instance", [None, "bestaat-niet"])
def test_without_an_instance_folder_charts_are_kept_in_the_user_cache(tmp_path, monkeypatch, instance):
    if instance is None:
        monkeypatch.delenv("VTHSCAN_INSTANCE", raising=False)
    else:
        monkeypatch.setenv("VTHSCAN_INSTANCE", str(tmp_path / instance))
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda name: str(tmp_path / "user-cache" / name))
    report(tmp_path, "rapport.pdf")
    assert kinds(tmp_path / "user-cache" / "vthscan" / "chart-cache") == ["chart", "chart", "template", "template"]
    assert not (tmp_path / "bestaat-niet").exists()


def test_the_pdf_is_the_same_with_and_without_the_cache(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    folder = instance / "chart-cache"

    drawn = report(tmp_path, "getekend.pdf")                   # all drawn, then kept
    from_disk = report(tmp_path, "uit-de-cache.pdf")           # nothing drawn
    for path in folder.glob("chart-*"):
        path.unlink()
    on_templates = report(tmp_path, "op-sjablonen.pdf")        # drawn on the kept templates
    assert drawn == from_disk == on_templates

    monkeypatch.setattr("vthscan.commands.report.keep_charts", lambda ctx, instance_path=None: None)
    assert report(tmp_path, "zonder-cache.pdf") == drawn        # no disk cache at all
