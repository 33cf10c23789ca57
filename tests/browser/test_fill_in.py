"""The fill-in page in a real browser: two people saving one page at once, taking an answer back,
unsaved input after an error, where focus goes, the sticky save bar on a phone, and axe-core on every
state of the page on desktop and phone."""

from __future__ import annotations

import pytest
from web.conftest import PASSWORD

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment
from vthscan.services.answers import answers_of

from .test_browser import axe_violations, click_and_wait, log_in

PHONE = {"width": 390, "height": 844}
SAVE = {"name": "Opslaan", "exact": True}


@pytest.fixture
def draft(live):
    """A draft of an omgevingsdienst with a few answers; two invullers and a lezer."""
    base, factory = live
    od = factory.org("Omgevingsdienst Rivierland", "omgevingsdienst")
    anna = factory.user(od, "invuller", email="anna@rivierland.nl")
    factory.user(od, "invuller", email="bram@rivierland.nl")
    factory.user(od, "lezer", email="lezer@rivierland.nl")
    assessment = factory.answer(factory.assessment(od), anna, {
        "a1_ja": Answer(value=False), "a1_schaal": Answer(value=1),
        "a2_keuze": Answer(value="goed", evidence="https://example.nl/besluit")})
    return base, factory, f"{base}/beoordelingen/{assessment.id}/pijler/A", assessment.id


def stored(factory, assessment_id):
    with factory.app.app_context():
        return answers_of(db.session.get(Assessment, assessment_id))


def new_page(browser, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1100, "height": 900})
    return context, context.new_page()


def test_two_people_save_one_page_and_only_a_field_both_changed_is_a_conflict(browser, draft):
    base, factory, url, assessment_id = draft
    context_a, a = new_page(browser)
    context_b, b = new_page(browser)
    try:
        log_in(a, base, "anna@rivierland.nl")
        log_in(b, base, "bram@rivierland.nl")
        a.goto(url)
        b.goto(url)
        # A changes one question and saves; B changes another and saves: both are kept
        a.check("#q_a1_ja-0")
        click_and_wait(a, a.get_by_role("button", **SAVE))
        b.check("#q_a1_schaal-3")
        click_and_wait(b, b.get_by_role("button", **SAVE))
        assert b.locator("#conflict").count() == 0
        answers = stored(factory, assessment_id)
        assert answers["a1_ja"].value is True and answers["a1_schaal"].value == 3

        # now both change the same question (and B another one too): B gets the conflict, next to it
        a.goto(url)
        b.goto(url)
        a.check("#q_a1_schaal-4")
        click_and_wait(a, a.get_by_role("button", **SAVE))
        b.check("#q_a1_schaal-2")
        b.fill("#q_a2_norm", "1,5")
        click_and_wait(b, b.get_by_role("button", **SAVE))
        notice = b.locator("#conflict")
        assert notice.is_visible() and "Hoe ver?" in notice.inner_text()
        assert b.evaluate("document.activeElement.id") == "conflict"
        box = b.locator("#conflict-q_a1_schaal")
        assert "anna@rivierland.nl" in box.inner_text() and "4 - Geborgd" in box.inner_text()
        assert b.locator("#conflict-q_a1_ja, #conflict-q_a2_norm").count() == 0
        assert b.input_value("#q_a2_norm") == "1,5"          # B's other input is still there
        assert axe_violations(b) == [], "conflict page"

        # B keeps A's value: A's answer stays and B's other change is saved
        b.get_by_label("Houd de waarde van anna@rivierland.nl").check()
        click_and_wait(b, b.get_by_role("button", **SAVE))
        assert b.locator("#conflict").count() == 0
        answers = stored(factory, assessment_id)
        assert answers["a1_schaal"].value == 4 and answers["a2_norm"].value == 1.5
    finally:
        context_a.close()
        context_b.close()


def test_an_answered_question_can_be_taken_back(draft, page):
    base, factory, url, assessment_id = draft
    log_in(page, base, "anna@rivierland.nl")
    page.goto(url)
    page.get_by_role("group", name="Ja of nee?").get_by_label("Geen antwoord").check()
    page.check("#q_a1_schaal_unknown")                    # the scale stays on 1: "weet niet" wins
    click_and_wait(page, page.get_by_role("button", **SAVE))
    assert "vervallen" in page.locator(".notice--info").inner_text()
    answers = stored(factory, assessment_id)
    assert answers["a1_ja"].is_open and answers["a1_schaal"] == Answer(unknown=True)
    assert page.locator("#q_a1_ja-2").is_checked() and page.locator("#q_a1_schaal-5").is_checked()


def test_input_shown_again_after_an_error_is_not_lost_by_following_a_link(draft, page):
    base, _factory, url, _assessment_id = draft
    log_in(page, base, "anna@rivierland.nl")
    page.goto(url)
    page.fill("#q_a2_norm", "veel")
    page.fill("#q_a2_tekst", "Mijn lange uitleg")
    click_and_wait(page, page.get_by_role("button", **SAVE))
    assert page.locator(".error-summary").is_visible()
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("link", name="Overzicht: Beoordeling 2026").click()
    page.wait_for_timeout(300)  # give a navigation, if any, the time to start; the assertion is on the dialog
    assert dialogs == ["beforeunload"]
    assert page.url == url and page.input_value("#q_a2_tekst") == "Mijn lange uitleg"


def test_focus_after_a_failed_save_on_an_error_link_and_after_a_successful_save(draft, page):
    base, _factory, url, _assessment_id = draft
    log_in(page, base, "anna@rivierland.nl")
    page.goto(url)
    page.check("#q_a2_keuze_na")                          # without a reason
    page.fill("#q_a2_norm", "veel")
    click_and_wait(page, page.get_by_role("button", **SAVE))
    assert page.evaluate("document.activeElement.id") == "foutmeldingen"
    page.locator(".error-summary a[href='#q_a2_keuze-legend']").click()
    assert page.evaluate("document.activeElement.id") == "q_a2_keuze-legend"
    # only the fields with an error have a red border
    red = "rgb(176, 0, 32)"
    assert page.locator("#q_a2_norm").evaluate("e => getComputedStyle(e).borderTopColor") == red
    for field in ("#q_a2_norm_evidence", "#q_a2_keuze_na_reason", "#q_a2_tekst"):
        assert page.locator(field).evaluate("e => getComputedStyle(e).borderTopColor") != red, field

    page.fill("#q_a2_keuze_na_reason", "Geen taak van ons")
    page.fill("#q_a2_norm", "2")                          # the user was last at this question
    click_and_wait(page, page.get_by_role("button", **SAVE))
    assert page.locator(".error-summary").count() == 0
    assert page.evaluate("document.activeElement.id") == "vraag-q_a2_norm"


def test_on_a_phone_the_save_bar_is_small_and_never_hides_the_focused_field(browser, draft):
    base, _factory, url, _assessment_id = draft
    context, page = new_page(browser, PHONE)
    try:
        log_in(page, base, "anna@rivierland.nl")
        page.goto(url)
        bar = page.locator(".sticky-actions")
        assert bar.bounding_box()["height"] <= 0.12 * PHONE["height"]
        page.locator("#q_a1_ja-0").focus()
        hidden = []
        for _ in range(40):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
                return {id: e.id || e.textContent.trim(), bottom: r.bottom, inBar: !!e.closest('.sticky-actions')}; }""")
            if focused["inBar"]:
                break
            if focused["bottom"] > bar.bounding_box()["y"] + 1:
                hidden.append(focused["id"])
        assert hidden == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_fill_in_page_has_no_serious_accessibility_violations(browser, draft, viewport):
    base, _factory, url, _assessment_id = draft
    context, page = new_page(browser, viewport)
    try:
        page.on("dialog", lambda dialog: dialog.accept())  # leaving the page with the errors shown
        log_in(page, base, "anna@rivierland.nl")
        page.goto(url)
        found = {"fill-in": axe_violations(page)}
        page.check("#q_a2_keuze_na")
        page.fill("#q_a2_norm", "veel")
        click_and_wait(page, page.get_by_role("button", **SAVE))
        found["fill-in with errors"] = axe_violations(page)
        page.goto(url)
        click_and_wait(page, page.get_by_role("button", name="English"))
        page.goto(url)
        found["fill-in in English"] = axe_violations(page)
        click_and_wait(page, page.get_by_role("button", name="Log out"))
        log_in_as_reader(page, base)
        page.goto(url)
        assert page.get_by_role("link", name="https://example.nl/besluit").get_attribute("rel") == "noopener noreferrer"
        found["read-only"] = axe_violations(page)
        assert {name: problems for name, problems in found.items() if problems} == {}
    finally:
        context.close()


def log_in_as_reader(page, base):
    page.goto(f"{base}/inloggen")
    page.locator("input[type=email]").fill("lezer@rivierland.nl")
    page.locator("input[type=password]").fill(PASSWORD)
    click_and_wait(page, page.locator("main form button[type=submit]"))
