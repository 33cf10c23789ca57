"""The shape of the `vthscan.commands` package: no import circle, no private helpers shared, fast
commands that never load the web framework or the PDF libraries."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
COMMANDS = ROOT / "vthscan" / "commands"
SUB_MODULES = sorted(path for path in COMMANDS.glob("*.py") if path.name != "__init__.py")
HEAVY = ("flask", "werkzeug", "sqlalchemy", "reportlab", "matplotlib")


def relative_imports(path: Path) -> list[tuple[int, str | None, list[str]]]:
    """(level, module, names) of every relative import, also those inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.level, node.module, [alias.name for alias in node.names])
            for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level > 0]


def test_every_command_module_is_attached_to_main():
    import click

    from vthscan.commands import main

    context = click.Context(main)
    commands = {name: main.get_command(context, name) for name in main.list_commands(context)}
    assert all(command.name == name for name, command in commands.items())
    attached = {command.callback.__module__.rsplit(".", 1)[1] for command in commands.values()}
    assert attached == {path.stem for path in SUB_MODULES} - {"common"}


@pytest.mark.parametrize("path", SUB_MODULES, ids=lambda path: path.name)
def test_a_command_module_imports_common_only_and_no_private_names(path):
    for level, module, names in relative_imports(path):
        if level == 1:  # inside vthscan.commands: only the shared helpers, never the package or a sibling
            assert module == "common", f"{path.name}: from .{module or ''} import {', '.join(names)}"
        private = [name for name in names if name.startswith("_")]
        assert not private, f"{path.name} imports private {private} from {'.' * level}{module or ''}"


def test_fast_commands_load_no_web_framework_or_pdf_library():
    questionnaires = ROOT / "questionnaires"
    example = questionnaires / "voorbeeld-antwoorden-od.json"
    whatif = questionnaires / "voorbeeld-wat-als-od.json"
    code = (
        "import sys\n"
        "from vthscan.commands import main\n"
        f"for args in (['questionnaire', 'validate'], ['questionnaire', 'list'], ['score', {str(example)!r}],\n"
        f"             ['score', {str(example)!r}, '--json', '--thresholds', 'Streng'],\n"
        f"             ['score', {str(example)!r}, '--what-if', {str(whatif)!r}, '--json'],\n"
        "             ['answers', 'template', 'vthscan-standaard']):\n"
        f"    main(['--questionnaires', {str(questionnaires)!r}, *args], standalone_mode=False)\n"
        f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "LOADED []"
