"""Finding one's way, in a real browser: the start page, what blocks submitting, confirmation pages, the
audit log, printing; axe-core (no serious or critical WCAG 2.1 A/AA violations) on every page reached,
at a desktop width and on a phone (390 px), where no table makes the page wider than the screen."""

from __future__ import annotations

import pytest

from vthscan.extensions import db
from vthscan.models import Assessment, User
from vthscan.services import consultants

from .test_browser import axe_violations, click_and_wait, log_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def world(factory):
    od = factory.org("Omgevingsdienst Rivierland", "omgevingsdienst")
    coordinator = factory.user(od, "coordinator", email="coordinator@rivierland.nl")
    invuller = factory.user(od, "invuller", email="invuller@rivierland.nl")
    bureau = factory.org("Bureau Advies", "adviesbureau")
    factory.org("Gemeente Bruggen", "gemeente", participant_of=od)
    signed = factory.signed_off(od, "2025", coordinator, submitter=invuller)
    draft = factory.assessment(od, "2026", coordinator, copy_previous=True)
    review = factory.complete(factory.assessment(od, "2024", coordinator), invuller)
    review = factory.transition(review, invuller, "submit_for_review")
    with factory.app.app_context():
        consultants.grant_consultant(db.session.get(User, coordinator.id), db.session.get(Assessment, draft.id),
                                     bureau.id)
    admin_org = factory.org("Provincie Beheer", "provincie")
    factory.user(admin_org, "beheerder", email="beheer@vthscan.nl")
    return {"signed": signed, "draft": draft, "review": review, "od": od}


def pages_of_a_coordinator(page, base, things) -> dict[str, str]:
    """name -> URL of every page a coordinator reaches here."""
    draft, signed, review = things["draft"], things["signed"], things["review"]
    return {
        "start": f"{base}/", "start with archive": f"{base}/?gearchiveerd=1",
        "overview with blockers": f"{base}/beoordelingen/{draft.id}",
        "overview signed off": f"{base}/beoordelingen/{signed.id}",
        "results": f"{base}/beoordelingen/{signed.id}/resultaten",
        "audit log": f"{base}/beoordelingen/{draft.id}/logboek",
        "confirm sign-off": f"{base}/beoordelingen/{review.id}/vaststellen",
        "confirm reopen": f"{base}/beoordelingen/{signed.id}/heropenen",
        "confirm delete": f"{base}/beoordelingen/{draft.id}/verwijderen",
        "print": f"{base}/beoordelingen/{signed.id}/afdrukken",
        "blank questionnaire": f"{base}/vragenlijsten/mini/1/afdrukken",
        "compare": f"{base}/vergelijken?a={signed.id}",
        "trend": f"{base}/vergelijken/organisatie/{things['od'].id}",
        "members": f"{base}/organisaties/{things['od'].id}/leden",
        "start form": f"{base}/beoordelingen/nieuw",
    }


ADMIN_PAGES = {"admin organisations": "/beheer/organisaties", "admin users": "/beheer/gebruikers",
               "admin profiles": "/beheer/normprofielen"}


def too_wide(page) -> bool:
    """Whether the page itself scrolls sideways (a wide table must scroll inside its own region)."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_reached_is_accessible_and_fits_the_screen(live, browser, viewport):
    base, factory = live
    things = world(factory)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(f"{base}/inloggen")
        found = {"login": axe_violations(page)}
        log_in(page, base, "coordinator@rivierland.nl")
        wide = []
        for name, url in pages_of_a_coordinator(page, base, things).items():
            page.goto(url)
            found[name] = axe_violations(page)
            if viewport is PHONE and too_wide(page):
                wide.append(name)
        click_and_wait(page, page.get_by_role("button", name="Uitloggen"))
        log_in(page, base, "beheer@vthscan.nl")
        for name, path in ADMIN_PAGES.items():
            page.goto(base + path)
            found[name] = axe_violations(page)
            if viewport is PHONE and too_wide(page):
                wide.append(name)
        assert {name: problems for name, problems in found.items() if problems} == {}
        assert wide == [], ", ".join(wide)
    finally:
        context.close()


def test_on_a_phone_wide_tables_scroll_in_a_labelled_focusable_region_or_are_cards(live, browser):
    base, factory = live
    things = world(factory)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, base, "coordinator@rivierland.nl")
        for url in (f"{base}/beoordelingen/{things['signed'].id}/resultaten",
                    f"{base}/beoordelingen/{things['draft'].id}", f"{base}/beoordelingen/{things['draft'].id}/logboek",
                    f"{base}/vergelijken?a={things['signed'].id}"):
            page.goto(url)
            tables = page.evaluate("""() => [...document.querySelectorAll('main table')].map(t => {
                const region = t.closest('[role=region]');
                return {cards: getComputedStyle(t).display === 'block',
                        region: !!region && region.tabIndex === 0 && !!region.getAttribute('aria-label')};
            })""")
            assert tables and all(t["cards"] or t["region"] for t in tables), url
        # a card keeps the column's name next to each value
        page.goto(f"{base}/beoordelingen/{things['draft'].id}")
        cell = page.locator("table.table--cards tbody tr td").first
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Ingevuld: "'
    finally:
        context.close()


def test_from_the_start_page_to_the_blockers_and_confirming_copied_answers(live, page):
    base, factory = live
    things = world(factory)
    log_in(page, base, "coordinator@rivierland.nl")
    assert page.get_by_role("heading", name="Wacht op u").is_visible()
    assert "Omgevingsdienst Rivierland (coordinator)" in page.locator(".who-am-i").inner_text()
    click_and_wait(page, page.locator("#wacht-op-u ~ ul a", has_text="Beoordeling 2026").first)
    assert page.get_by_role("heading", name="Wat houdt het indienen nog tegen?").is_visible()
    assert page.get_by_role("button", name="Aanbieden ter review").count() == 0
    # a link lands on the question itself
    click_and_wait(page, page.get_by_role("link", name="Hoeveel fte?").first)
    assert page.url.endswith("#vraag-q_a2_norm") and page.locator("#vraag-q_a2_norm").is_visible()
    page.go_back()
    for pillar in ("A", "B"):
        click_and_wait(page, page.get_by_role("button", name=f"Alle overgenomen antwoorden van deze pijler "
                                                            f"bevestigen ({pillar}"))
    assert page.get_by_role("button", name="Aanbieden ter review").is_visible()
    assert axe_violations(page) == []
    # the audit log names the question and says what happened in Dutch
    page.goto(f"{base}/beoordelingen/{things['draft'].id}/logboek?gebeurtenis=answer_confirmed")
    assert "overgenomen antwoord bevestigd" in page.locator("table").inner_text()
    assert "Hoeveel fte?" in page.locator("table").inner_text()


def test_deleting_a_concept_asks_first_without_javascript(live, browser):
    base, factory = live
    things = world(factory)
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, base, "coordinator@rivierland.nl")
        page.goto(f"{base}/beoordelingen/{things['draft'].id}")
        click_and_wait(page, page.get_by_role("link", name="Concept verwijderen"))
        assert page.get_by_role("heading", name="Concept verwijderen?").is_visible()
        click_and_wait(page, page.get_by_role("link", name="Nee, terug"))
        assert factory.get(Assessment, things["draft"].id) is not None
        click_and_wait(page, page.get_by_role("link", name="Concept verwijderen"))
        click_and_wait(page, page.get_by_role("button", name="Ja, concept verwijderen"))
        assert "Het concept is verwijderd." in page.inner_text("main")
        assert factory.get(Assessment, things["draft"].id) is None
    finally:
        context.close()


def test_the_print_page_prints_with_the_calculations_open_and_the_charts(live, page, tmp_path):
    base, factory = live
    things = world(factory)
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{things['signed'].id}/afdrukken")
    page.emulate_media(media="print")
    assert page.locator("details.calculation").count() == page.locator("details.calculation[open]").count() > 0
    assert page.locator("nav").count() == 0
    assert all(page.evaluate("img => img.complete && img.naturalWidth > 0", img.element_handle())
               for img in page.locator("figure.chart img").all())
    pdf = page.pdf(path=str(tmp_path / "afdruk.pdf"))
    assert pdf.startswith(b"%PDF")
    # the results page itself prints without its navigation and its forms
    page.goto(f"{base}/beoordelingen/{things['signed'].id}/resultaten")
    page.emulate_media(media="print")
    assert not page.locator(".site-header nav").is_visible() and not page.locator("form.profile-choice").is_visible()
