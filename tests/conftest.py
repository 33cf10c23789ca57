"""Settings for the whole test run."""

import platformdirs
import pytest


@pytest.fixture(autouse=True)
def _private_user_cache(tmp_path_factory, monkeypatch):
    """A command that keeps files in the user's cache folder (`vthscan report ANSWERS.json` without an
    instance folder keeps its charts there) writes into a folder of this test run, never into the
    developer's own. (Only vthscan's look-up is redirected: matplotlib keeps its own font cache.)"""
    folder = tmp_path_factory.getbasetemp() / "user-cache"
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda appname=None, *args, **kwargs: str(folder / appname))
