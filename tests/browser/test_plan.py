"""The plan van aanpak in a real browser: a coordinator makes the plan from a signed-off assessment,
gives an action an owner and dates and notes progress; a municipality of that OD reads the plan and
sees it in the comparison; the next period's assessment shows the actions per criterion; a what-if
projection shows a higher level. axe-core finds no serious or critical problems on the plan pages."""

from __future__ import annotations

from web.plan_helpers import BETTER, WEAK, signed_off_with

from vthscan.domain.answers import Answer

from .test_browser import axe_violations, click_and_wait, log_in


def test_plan_from_finding_to_progress_watched_by_a_municipality(live, page):
    base, factory = live
    od = factory.org("Omgevingsdienst Rivierland", "omgevingsdienst")
    coordinator = factory.user(od, "coordinator", email="coordinator@rivierland.nl")
    invuller = factory.user(od, "invuller", email="ahmed@rivierland.nl")
    municipality = factory.org("Gemeente Bruggen", "gemeente", participant_of=od)
    factory.user(municipality, "coordinator", email="bruggen@gemeente.nl")
    signed = signed_off_with(factory, od, "2025", WEAK, coordinator, invuller)
    found = {}

    # The coordinator makes the plan from the signed-off assessment, with two of the three suggestions.
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{signed.id}")
    click_and_wait(page, page.get_by_role("link", name="Plan van aanpak maken"))
    found["adopt"] = axe_violations(page)
    page.get_by_label("Overnemen: Verbeter A2 stap 2.").uncheck()
    click_and_wait(page, page.get_by_role("button", name="Plan van aanpak maken"))
    assert page.get_by_role("heading", name="Plan van aanpak: Omgevingsdienst Rivierland").is_visible()
    assert "2 open, waarvan 0 te laat" in page.locator("#plan-stand").inner_text()
    found["plan"] = axe_violations(page)

    # An owner, dates and a status; then a progress note; then what the action brings about.
    click_and_wait(page, page.get_by_role("link", name="Doe iets aan A1."))
    page.get_by_label("Eigenaar").select_option(label="ahmed@rivierland.nl")
    page.get_by_label("Startdatum").fill("2026-04-01")
    page.get_by_label("Einddatum").fill("2026-03-01")
    page.get_by_label("Status").select_option(label="bezig")
    click_and_wait(page, page.get_by_role("button", name="Actie opslaan"))
    assert "ligt vóór de startdatum" in page.locator(".error-summary").inner_text()
    found["action with an error"] = axe_violations(page)
    page.get_by_label("Einddatum").fill("2026-12-31")
    click_and_wait(page, page.get_by_role("button", name="Actie opslaan"))
    assert page.locator(".error-summary").count() == 0
    page.get_by_label("Voortgang", exact=True).fill("Offerte gevraagd bij de leverancier.")
    click_and_wait(page, page.get_by_role("button", name="Voortgang toevoegen"))
    assert "Offerte gevraagd bij de leverancier." in page.locator(".notes").inner_text()
    page.get_by_label("Ja of nee?").select_option("ja")
    page.get_by_label("Hoe ver?").select_option("4")
    click_and_wait(page, page.get_by_role("button", name="Opslaan wat de actie oplevert"))
    facts = page.locator("#actie-gegevens").inner_text()
    assert "ahmed@rivierland.nl" in facts and "31-12-2026" in facts and "bezig" in facts
    found["action"] = axe_violations(page)

    # What if the action were done: a higher level, labelled as a projection.
    page.goto(f"{base}/plannen")
    click_and_wait(page, page.get_by_role("link", name="Omgevingsdienst Rivierland"))
    click_and_wait(page, page.get_by_role("link", name="Wat als? (projectie)"))
    page.get_by_label("1. Doe iets aan A1.", exact=False).check()
    click_and_wait(page, page.get_by_role("button", name="Bereken de projectie"))
    result = page.locator("#projectie-uitkomst")
    assert "projectie" in result.inner_text()
    assert result.locator("td.level-changed").filter(has_text="Voldoet").count() >= 1
    found["what-if"] = axe_violations(page)
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))

    # The municipality reads the plan and sees it in the comparison.
    log_in(page, base, "bruggen@gemeente.nl")
    page.goto(f"{base}/plannen")
    click_and_wait(page, page.get_by_role("link", name="Omgevingsdienst Rivierland"))
    assert "Offerte gevraagd bij de leverancier." in page.locator("#acties").inner_text()
    assert page.get_by_role("link", name="Eigen actie toevoegen").count() == 0
    click_and_wait(page, page.get_by_role("link", name="Doe iets aan A1."))
    assert page.get_by_role("button", name="Actie opslaan").count() == 0
    found["action read only"] = axe_violations(page)
    page.goto(f"{base}/vergelijken")
    page.get_by_label("Omgevingsdienst Rivierland").check()
    click_and_wait(page, page.get_by_role("button", name="Vergelijk"))
    assert "2 / 0 / 0" in page.locator("#plan-stand").inner_text()
    found["compare"] = axe_violations(page)
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))

    # The next period: the assessment shows the open actions per criterion, A1 now reaches its threshold.
    later = factory.assessment(od, "2026", coordinator)
    factory.answer(later, coordinator, {qid: Answer(value=value) for qid, value in BETTER.items()})
    log_in(page, base, "coordinator@rivierland.nl")
    page.goto(f"{base}/beoordelingen/{later.id}")
    table = page.locator("#plan-per-criterium").inner_text()
    assert "Doe iets aan A1." in table and "Verbeter A2 stap 1." in table and "haalt de drempel" in table
    found["next assessment"] = axe_violations(page)
    click_and_wait(page, page.get_by_role("button", name="Gekozen acties afsluiten"))
    assert "1 acties staan nu op gereed." in page.locator(".notice--success").inner_text()
    assert {name: problems for name, problems in found.items() if problems} == {}
