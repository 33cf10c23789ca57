"""What lands on disk and in the server log: the SQLite database with its WAL/SHM files and the
`export-all` backup are readable by their owner only, and database errors in the log never show the
statement's parameters (password hashes, answers, e-mail addresses)."""

from __future__ import annotations

import logging
import os
import stat

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import IntegrityError

from vthscan.commands import main
from vthscan.extensions import db
from vthscan.models import User
from vthscan.services import accounts

from .conftest import REAL_QUESTIONNAIRES, make_app

SECRET = "scrypt:32768:8:1$geheimzout$0123456789abcdef"


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """A umask that would make new files readable by everyone (the usual 022)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.parametrize("where", ["instance folder", "configured file"])
def test_a_new_sqlite_database_and_its_wal_and_shm_files_are_private(tmp_path, mini_dir, open_umask, where):
    path = tmp_path / "instance" / "vthscan.sqlite" if where == "instance folder" else tmp_path / "eigen.sqlite"
    url = None if where == "instance folder" else f"sqlite:///{path}"
    app = make_app(tmp_path, mini_dir, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        accounts.create_organisation("OD", "omgevingsdienst")
        db.session.commit()
        with db.engine.connect():  # the WAL and SHM files exist while a connection is open
            files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
            assert all(file.exists() for file in files)
            assert [_mode(file) for file in files] == [0o600, 0o600, 0o600]


def test_an_existing_database_keeps_its_mode(tmp_path, mini_dir, open_umask):
    path = tmp_path / "gedeeld.sqlite"
    path.touch(mode=0o640)
    make_app(tmp_path, mini_dir, SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    assert _mode(path) == 0o640  # the operator chose it


def test_a_new_instance_folder_and_its_chart_cache_are_private(tmp_path, mini_dir, open_umask):
    """The folder holds the secret key, the database and the charts kept on disk (scores)."""
    from vthscan.report import chart_cache

    app = make_app(tmp_path, mini_dir, SQLALCHEMY_DATABASE_URI=None)
    assert _mode(app.instance_path) == 0o700
    cache = tmp_path / "instance" / chart_cache.FOLDER_NAME
    with chart_cache.kept_in(cache):
        chart_cache.store(chart_cache.CHART, ("grafiek",), b"pixels", (1, 1))
    assert _mode(cache) == 0o700


def test_the_instance_folder_of_vthscan_init_is_private_and_an_existing_one_keeps_its_mode(tmp_path, open_umask):
    from vthscan.app import ensure_instance

    ensure_instance(str(tmp_path / "nieuw"))
    assert _mode(tmp_path / "nieuw") == 0o700
    (tmp_path / "gedeeld").mkdir(mode=0o750)
    ensure_instance(str(tmp_path / "gedeeld"))
    assert _mode(tmp_path / "gedeeld") == 0o750    # the operator chose it


def test_export_all_backup_is_private(tmp_path, monkeypatch, open_umask):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f'SECRET_KEY = "x"\nPASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"\n'
        f'DATABASE_URL = "sqlite:///{instance / "vthscan.sqlite"}"\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    backup, existing = tmp_path / "backup.json", tmp_path / "oud.json"
    existing.write_text("oud", encoding="utf-8")
    existing.chmod(0o644)
    for output in (backup, existing):
        result = CliRunner().invoke(main, ["--questionnaires", str(REAL_QUESTIONNAIRES), "export-all", "-o",
                                           str(output)])
        assert result.exit_code == 0, result.output
        assert _mode(output) == 0o600
    assert '"format": "vthscan.backup/1"' in existing.read_text(encoding="utf-8")


def test_database_errors_do_not_show_parameters_in_the_log(app, caplog):
    """Flask logs an unhandled exception with its message: the statement, not its values."""
    with app.test_request_context("/beheer/gebruikers", method="POST"):
        db.session.add(User(email="dubbel@example.nl", password_hash="eerste"))
        db.session.commit()
        db.session.add(User(email="dubbel@example.nl", password_hash=SECRET))
        with pytest.raises(IntegrityError) as raised:
            db.session.commit()
        db.session.rollback()
        with caplog.at_level(logging.ERROR):
            app.log_exception((IntegrityError, raised.value, raised.tb))
    assert "INSERT INTO" in caplog.text  # the statement is there, to find the problem
    assert "IntegrityError" in caplog.text
    assert SECRET not in caplog.text and "[parameters:" not in caplog.text
