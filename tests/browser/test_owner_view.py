"""The owners' own view in a real browser: the OD's coordinator opens the round after a confirmation,
two municipalities answer from their start page (one agrees, one differs by a level, after correcting
a too long explanation), the results page marks the talking point; a municipality of another OD sees
nothing of it. axe-core finds no serious or critical problems on the pages on the way."""

from __future__ import annotations

import threading

import pytest
from web.conftest import Factory
from web.owner_view_helpers import owners_app
from werkzeug.serving import make_server

from .test_browser import axe_violations, click_and_wait, log_in


@pytest.fixture
def owners_live(tmp_path):
    """The app with the owners' questionnaire (mini with a pillar R), served on a free port."""
    app = owners_app(tmp_path, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", Factory(app)
    finally:
        server.shutdown()
        thread.join(timeout=5)


def log_out(page) -> None:
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))


def test_two_municipalities_give_their_view_and_the_results_mark_the_talking_point(owners_live, page):
    base, factory = owners_live
    od = factory.org("Omgevingsdienst Rivierland", "omgevingsdienst")
    coordinator = factory.user(od, "coordinator", email="coordinator@rivierland.nl")
    invuller = factory.user(od, "invuller", email="invuller@rivierland.nl")
    bruggen = factory.org("Gemeente Bruggen", "gemeente", participant_of=od)
    dalen = factory.org("Gemeente Dalen", "gemeente", participant_of=od)
    factory.user(bruggen, "invuller", email="bruggen@gemeente.nl")
    factory.user(dalen, "coordinator", email="dalen@gemeente.nl")
    heide = factory.org("Omgevingsdienst Heide", "omgevingsdienst")
    veen = factory.org("Gemeente Veen", "gemeente", participant_of=heide)
    factory.user(veen, "coordinator", email="veen@gemeente.nl")
    draft = factory.complete(factory.assessment(od, "2026", coordinator), invuller)   # A1: Voldoet
    found = {}

    # The coordinator opens the round, after a confirmation.
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{draft.id}")
    click_and_wait(page, page.get_by_role("link", name="Ronde eigenaarsoordeel openen"))
    assert page.get_by_role("heading", name="Ronde eigenaarsoordeel openen?").is_visible()
    found["confirm"] = axe_violations(page)
    click_and_wait(page, page.get_by_role("button", name="Ja, ronde openen"))
    assert "De ronde is open" in page.locator("#eigenaren-stand").inner_text()
    found["overview"] = axe_violations(page)
    log_out(page)

    # Bruggen agrees with the OD on A1.
    log_in(page, base, "bruggen@gemeente.nl")
    click_and_wait(page, page.get_by_role("link", name="Omgevingsdienst Rivierland: Beoordeling 2026"))
    assert page.get_by_role("heading", name="Uw oordeel als eigenaar").is_visible()
    assert "Voldoet" in page.locator("#criterium-A1 .od-level").inner_text()
    found["owner page"] = axe_violations(page)
    page.check("#niveau_A1-0")                       # Voldoet
    click_and_wait(page, page.get_by_role("button", name="Oordeel opslaan"))
    assert "Uw oordeel is opgeslagen" in page.locator(".notice--success").inner_text()
    log_out(page)

    # Dalen says Aandachtspunt, one level lower; a too long explanation is refused first and kept.
    log_in(page, base, "dalen@gemeente.nl")
    click_and_wait(page, page.get_by_role("link", name="Omgevingsdienst Rivierland: Beoordeling 2026"))
    page.check("#niveau_A1-1")                       # Aandachtspunt
    page.fill("#toelichting_A1", "Te weinig toezichthouders. " * 40)
    click_and_wait(page, page.get_by_role("button", name="Oordeel opslaan"))
    summary = page.locator(".error-summary")
    assert "mag hoogstens 1.000 tekens hebben" in summary.inner_text()
    assert page.is_checked("#niveau_A1-1") and page.input_value("#toelichting_A1").startswith("Te weinig")
    found["owner page with an error"] = axe_violations(page)
    page.fill("#toelichting_A1", "Te weinig toezichthouders voor het werk.")
    click_and_wait(page, page.get_by_role("button", name="Oordeel opslaan"))
    assert page.locator(".error-summary").count() == 0
    log_out(page)

    # The results page marks A1 as a talking point, with who differs, for the OD's coordinator.
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{draft.id}/resultaten")
    row = page.locator("#eigenaren-A1").inner_text()
    assert "◆ gesprekspunt" in row and "Gemeente Dalen (1 niveau)" in row and "1 van 2" in row
    assert "1 gesprekspunt: A1." in page.locator("#eigenaren-stand").inner_text()
    found["results"] = axe_violations(page)
    log_out(page)

    # A municipality of another OD sees nothing: no item on its start page, 404 on the pages.
    log_in(page, base, "veen@gemeente.nl")
    assert page.get_by_text("Uw oordeel als eigenaar gevraagd").count() == 0
    for organisation in (veen, bruggen):
        page.goto(f"{base}/beoordelingen/{draft.id}/eigenaren/{organisation.id}")
        assert page.get_by_role("heading", name="Pagina niet gevonden").is_visible()
    page.goto(f"{base}/beoordelingen/{draft.id}/resultaten")
    assert page.get_by_role("heading", name="Pagina niet gevonden").is_visible()
    assert found == {name: [] for name in found}
