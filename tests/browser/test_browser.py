"""End to end in a real browser, as a user works: log in, fill in with mistakes and corrections,
resume, submit, sign off; the keyboard alone; and axe-core on the main pages (no serious or critical
WCAG 2.1 A/AA violations)."""

from __future__ import annotations

import re

from web.conftest import PASSWORD, Factory

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def click_and_wait(page, locator) -> None:
    """Submit a form by clicking and wait for the next page, so no later step races the request."""
    with page.expect_navigation():
        locator.click()


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Inloggen"))


def axe_violations(page) -> list[str]:
    """The serious and critical WCAG 2.1 A/AA violations axe-core finds on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def setup_od(factory: Factory):
    od = factory.org("Omgevingsdienst Rivierland", "omgevingsdienst")
    coordinator = factory.user(od, "coordinator", email="coordinator@rivierland.nl")
    municipality = factory.org("Gemeente Bruggen", "gemeente", participant_of=od)
    factory.user(municipality, "coordinator", email="bruggen@gemeente.nl")
    return od, coordinator


def test_fill_in_resume_submit_and_sign_off(live, page):
    base, factory = live
    od, _coordinator = setup_od(factory)
    factory.user(od, "coordinator", email="collega@rivierland.nl")
    log_in(page, base, "coordinator@rivierland.nl")

    page.goto(f"{base}/beoordelingen/nieuw")
    page.get_by_label("Periode").fill("2026")
    page.get_by_label("Naam").fill("Zelfevaluatie 2026")
    click_and_wait(page, page.get_by_role("button", name="Beoordeling starten"))
    assert page.get_by_role("heading", name="Zelfevaluatie 2026").is_visible()
    overview = page.url

    # Pillar A: N/A without a reason is refused, with the typed answers kept; then corrected.
    page.goto(f"{overview}/pijler/A")
    page.check("#q_a1_ja-0")                  # ja
    page.check("#q_a1_schaal-3")              # 3
    page.check("#q_a2_keuze_na")              # niet van toepassing, no reason yet
    page.fill("#q_a2_norm", "1,5")
    page.fill("#q_a2_tekst", "Toelichting <b>vet</b> & zo")
    click_and_wait(page, page.get_by_role("button", name="Opslaan", exact=True))
    summary = page.locator(".error-summary, [role=alert]").first
    assert summary.is_visible()
    assert "reden" in summary.inner_text().lower()
    assert page.locator("#q_a1_schaal-3").is_checked() and page.input_value("#q_a2_norm") == "1,5"
    page.fill("#q_a2_keuze_na_reason", "Wij hebben geen keuze hierin.")
    click_and_wait(page, page.get_by_role("button", name="Opslaan", exact=True))
    assert page.locator(".error-summary").count() == 0

    # Pillar B, then leave and come back: the answers are still there.
    page.goto(f"{overview}/pijler/B")
    page.fill("#q_b1_lineair", "30")
    page.fill("#q_b1_banden", "95")
    click_and_wait(page, page.get_by_role("button", name="Opslaan", exact=True))
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{overview}/pijler/A")
    assert page.locator("#q_a1_ja-0").is_checked()
    assert page.input_value("#q_a2_keuze_na_reason") == "Wij hebben geen keuze hierin."
    assert page.input_value("#q_a2_tekst") == "Toelichting <b>vet</b> & zo"

    page.goto(overview)
    click_and_wait(page, page.get_by_role("button", name="Aanbieden ter review"))
    # four eyes: the one who submitted does not sign off, and the page says why; a colleague does
    assert page.locator("#vier-ogen").is_visible()
    assert page.get_by_role("link", name="Vaststellen").count() == 0
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))
    log_in(page, base, "collega@rivierland.nl")
    page.goto(overview)
    click_and_wait(page, page.get_by_role("link", name="Vaststellen"))    # it asks first
    assert page.get_by_role("heading", name="Beoordeling vaststellen?").is_visible()
    click_and_wait(page, page.get_by_role("button", name="Ja, vaststellen"))
    assert page.get_by_text("vastgesteld").first.is_visible()


def test_fill_in_page_works_with_the_keyboard_alone(live, page):
    base, factory = live
    od, coordinator = setup_od(factory)
    assessment = factory.assessment(od, user=coordinator)
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{assessment.id}/pijler/B")

    # Tab to the first field of the form, type, Tab on, type, then Tab to "Opslaan" and press Enter.
    page.locator("#q_b1_lineair").focus()
    page.keyboard.type("30")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q_b1_banden":
            break
    assert page.evaluate("document.activeElement.id") == "q_b1_banden", "Tab reaches the next question"
    page.keyboard.type("95")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Opslaan":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Opslaan"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(f"{base}/beoordelingen/{assessment.id}/pijler/B")
    assert page.input_value("#q_b1_lineair") == "30" and page.input_value("#q_b1_banden") == "95"


def test_radio_and_checkbox_answers_with_space(live, page):
    base, factory = live
    od, coordinator = setup_od(factory)
    assessment = factory.assessment(od, user=coordinator)
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{assessment.id}/pijler/A")
    page.locator("#q_a1_ja-0").focus()
    page.keyboard.press("Space")
    page.locator("#q_a2_keuze_na").focus()
    page.keyboard.press("Space")
    assert page.locator("#q_a1_ja-0").is_checked() and page.locator("#q_a2_keuze_na").is_checked()


def test_first_tab_reaches_the_skip_link(live, page):
    base, _ = live
    page.goto(f"{base}/inloggen")
    page.keyboard.press("Tab")
    assert re.search(r"inhoud", page.evaluate("document.activeElement.textContent"), re.IGNORECASE)


def test_main_pages_have_no_serious_accessibility_violations(live, page):
    base, factory = live
    od, coordinator = setup_od(factory)
    assessment = factory.assessment(od, user=coordinator)
    admin_org = factory.org("Provincie Beheer", "provincie")
    factory.user(admin_org, "beheerder", email="beheer@vthscan.nl")

    page.goto(f"{base}/inloggen")
    pages = {"login": axe_violations(page)}
    log_in(page, base, "coordinator@rivierland.nl")
    pages["dashboard"] = axe_violations(page)
    page.goto(f"{base}/beoordelingen/{assessment.id}")
    pages["overview"] = axe_violations(page)
    page.goto(f"{base}/beoordelingen/{assessment.id}/pijler/A")
    page.check("#q_a2_keuze_na")
    page.fill("#q_a2_norm", "veel")
    click_and_wait(page, page.get_by_role("button", name="Opslaan", exact=True))
    assert page.locator(".error-summary").count() == 1
    pages["fill-in with errors"] = axe_violations(page)
    page.goto(f"{base}/beoordelingen/nieuw")
    pages["start"] = axe_violations(page)
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))
    log_in(page, base, "beheer@vthscan.nl")
    page.goto(f"{base}/beheer/organisaties")
    pages["admin organisations"] = axe_violations(page)
    page.goto(f"{base}/beheer/gebruikers")
    pages["admin users"] = axe_violations(page)
    assert {name: found for name, found in pages.items() if found} == {}


def test_pdf_download_and_a_municipality_compares_two_ods(live, page, tmp_path):
    base, factory = live
    noord, noord_coordinator = setup_od(factory)
    zuid = factory.org("Omgevingsdienst Zuidland", "omgevingsdienst")
    # A municipality on the border that takes part in both services.
    municipality = factory.org("Gemeente Grensland", "gemeente", participant_of=noord)
    with factory.app.app_context():
        from vthscan.extensions import db
        from vthscan.models import Organisation
        from vthscan.services import accounts
        accounts.add_participation(db.session.get(Organisation, zuid.id),
                                   db.session.get(Organisation, municipality.id))
        db.session.commit()
    factory.user(municipality, "coordinator", email="grensland@gemeente.nl")
    signed = factory.signed_off(noord, "2025", noord_coordinator)
    factory.signed_off(zuid, "2025")

    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{signed.id}/resultaten")
    assert axe_violations(page) == [], "results page"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download het rapport (PDF)").click()
    pdf = tmp_path / "rapport.pdf"
    download_info.value.save_as(pdf)
    from pypdf import PdfReader
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert pdf.read_bytes().startswith(b"%PDF") and "Omgevingsdienst Rivierland" in text
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))

    log_in(page, base, "grensland@gemeente.nl")
    page.goto(f"{base}/vergelijken")
    page.get_by_label("Omgevingsdienst Rivierland").check()
    page.get_by_label("Omgevingsdienst Zuidland").check()
    click_and_wait(page, page.get_by_role("button", name="Vergelijk"))
    table = page.locator("table").filter(has_text="Totaaloordeel").first
    assert "Omgevingsdienst Rivierland" in table.inner_text() and "Omgevingsdienst Zuidland" in table.inner_text()
    assert axe_violations(page) == [], "compare page"
