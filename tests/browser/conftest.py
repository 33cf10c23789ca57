"""Browser fixtures: the app served in a thread on 127.0.0.1 (CSRF on, as in production), Debian's
Chromium driven by Playwright, and a screenshot of every failing test in tests/browser/screenshots/.

These tests need /usr/bin/chromium. `.ci/run` installs it and sets VTHSCAN_REQUIRE_BROWSER=1, so there
a missing browser fails the run instead of skipping the tests.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from web.conftest import Factory, make_app, mini_dir  # noqa: F401  mini_dir is a fixture used here
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
HAS_BROWSER = Path(CHROMIUM).exists()
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not HAS_BROWSER and os.environ.get("VTHSCAN_REQUIRE_BROWSER"):
    raise RuntimeError(f"Chromium not found at {CHROMIUM}, and VTHSCAN_REQUIRE_BROWSER is set")


def pytest_collection_modifyitems(items):
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if not HAS_BROWSER and "browser" in item.nodeid:
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def live(tmp_path, mini_dir):  # noqa: F811  the imported fixture
    """The app served on a free port; yields (base_url, factory)."""
    app = make_app(tmp_path, mini_dir, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", Factory(app)
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
