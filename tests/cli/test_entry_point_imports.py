"""Starting `vthscan` costs click alone: the entry point imports a command's module only when that
command runs, so the web framework, the PDF and chart libraries and the questionnaire models are
loaded only by the commands that use them."""

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "questionnaires" / "voorbeeld-antwoorden-od.json"
HEAVY = ("flask", "werkzeug", "sqlalchemy", "matplotlib", "reportlab", "pydantic", "yaml", "vthscan.domain.answers")


def loaded_after(code: str, environment: dict[str, str] | None = None) -> list[str]:
    """The heavy modules in sys.modules after running `code` in a fresh interpreter."""
    program = f"import json, sys\n{code}\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    output = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                            env=environment).stdout
    return json.loads(output.splitlines()[-1])


def test_importing_the_entry_point_loads_no_heavy_library():
    assert loaded_after("import vthscan.commands\nfrom vthscan.commands import main") == []


def test_help_lists_every_command_without_the_web_framework_or_pdf_libraries():
    code = ("from vthscan.commands import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not {"flask", "sqlalchemy", "matplotlib", "reportlab"} & set(loaded_after(code))


def test_the_answers_file_report_loads_no_web_framework(tmp_path):
    output = tmp_path / "rapport.pdf"
    code = ("from vthscan.commands import main\n"
            f"main(['report', {str(EXAMPLE)!r}, '-o', {str(output)!r}], standalone_mode=False)")
    loaded = loaded_after(code, {**os.environ, "VTHSCAN_INSTANCE": str(tmp_path)})   # its charts kept there
    assert output.exists()
    assert "reportlab" in loaded and not {"flask", "werkzeug", "sqlalchemy"} & set(loaded)
