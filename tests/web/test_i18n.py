"""The English locale: the main pages speak English after POST /taal lang=en, and the catalogue is
complete (nothing untranslated or fuzzy, every message in the code is in it, the .mo matches the .po).

test_auth.test_english_is_available covers the switch itself on the login page and the dashboard; this
covers the pages added since and the catalogue.
"""

from __future__ import annotations

from configparser import ConfigParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from .compare_helpers import signed_off
from .conftest import login

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG = ROOT / "vthscan" / "translations" / "en" / "LC_MESSAGES"


def english(client):
    assert client.post("/taal", data={"lang": "en"}).status_code == 302


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def assert_english(html: str, present: list[str], absent: list[str]) -> None:
    assert 'lang="en"' in html
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


@pytest.fixture
def world(factory):
    od1, od2 = factory.org("OD Noord"), factory.org("OD Zuid")
    coordinator = factory.user(od1, "coordinator")
    return {"a1": signed_off(factory, od1, coordinator=coordinator), "a2": signed_off(factory, od2),
            "coordinator": coordinator, "admin": factory.user(factory.org("Landelijk beheer"), "beheerder")}


def test_login_page_in_english(client):
    english(client)
    assert_english(page(client, "/inloggen"), ["<h1>Log in</h1>", "E-mail address", "Password"],
                   ["<h1>Inloggen</h1>", "Wachtwoord"])


def test_dashboard_in_english(client, world):
    english(client)
    login(client, world["coordinator"])
    assert_english(page(client, "/"), ["<h1>Assessments</h1>", ">Compare<", "Log out"],
                   ["<h1>Beoordelingen</h1>", ">Vergelijken<", "Uitloggen"])


def test_results_page_in_english(client, world):
    english(client)
    login(client, world["coordinator"])
    html = page(client, f"/beoordelingen/{world['a1'].id}/resultaten")
    # The verdict, level names and method texts come from the report code and stay Dutch: check the page's own.
    assert_english(html, ["<h1>Results: ", '"oordeel">Overall result</h2>', '"knock-outs">Knock-out criteria</h2>',
                          '"grafieken">Charts</h2>', '"criteria">Criteria by pillar</h2>',
                          '"verbeterplan">Improvement plan</h2>', '"rekenwijze">Calculation method</h2>',
                          "<dt>Threshold profile</dt>", "Download the report (PDF)",
                          "How do you compare with similar organisations?"],
                   ["<h1>Uitkomsten", '"oordeel">Totaaloordeel<', '"knock-outs">Knock-outcriteria<',
                    '"grafieken">Grafieken<', '"criteria">Criteria per pijler<', '"verbeterplan">Verbeterplan<',
                    '"rekenwijze">Rekenwijze<', "<dt>Normprofiel</dt>", "Download het rapport",
                    "Hoe staat u ervoor"])


def test_compare_page_in_english(client, factory, world):
    municipality = factory.org("Gemeente Aa", kind="gemeente", participant_of="OD Noord")
    with factory.app.app_context():
        from vthscan.extensions import db
        from vthscan.models import Organisation
        from vthscan.services import accounts
        accounts.add_participation(db.session.get(Organisation, world["a2"].organisation_id),
                                   db.session.get(Organisation, municipality.id))
        db.session.commit()
    english(client)
    login(client, factory.user(municipality, "lezer"))
    html = page(client, f"/vergelijken?a={world['a1'].id}&a={world['a2'].id}")
    assert_english(html, ["<h1>Compare organisations</h1>", ">Result</h2>", ">Heat map</h3>", "Overall result",
                          "Largest differences between organisations", "Trend over the years",
                          "selected>environmental service (omgevingsdienst)</option>"],
                   ["Organisaties vergelijken", ">Uitkomst<", ">Heatmap<", "Totaaloordeel",
                    "Grootste verschillen", "Ontwikkeling over de jaren", "selected>omgevingsdienst</option>"])


def test_organisation_kinds_and_roles_in_english(client, factory, world):
    factory.org("Gemeente Aa", kind="gemeente", participant_of="OD Noord")
    english(client)
    login(client, world["admin"])
    assert_english(page(client, "/beheer/organisaties"),
                   ["<td>municipality</td>", "<td>environmental service (omgevingsdienst)</td>",
                    ">consultancy</option>"],
                   ["<td>gemeente</td>", "<td>omgevingsdienst</td>", ">adviesbureau</option>"])
    assert_english(page(client, "/beheer/gebruikers"),
                   ["OD Noord: coordinator", ">administrator</option>", ">reader</option>"],
                   [">beheerder</option>", ">lezer</option>"])


def test_trend_page_in_english(client, world):
    english(client)
    login(client, world["coordinator"])
    html = page(client, f"/vergelijken/organisatie/{world['a1'].organisation_id}")
    assert_english(html, ["<h1>Trend for OD Noord</h1>", ">Scores by period</h2>"],
                   ["Ontwikkeling van", "Scores per periode"])


def test_threshold_profiles_list_in_english(client, world):
    english(client)
    login(client, world["admin"])
    assert_english(page(client, "/beheer/normprofielen"),
                   ["<h1>Threshold profiles</h1>", ">New threshold profile</h2>", "Create a new threshold profile"],
                   ["<h1>Normprofielen</h1>", "Nieuw normprofiel"])


def test_dutch_stays_the_default(client, world):
    login(client, world["coordinator"])
    html = page(client, f"/beoordelingen/{world['a1'].id}/resultaten")
    assert 'lang="nl"' in html and "<h1>Uitkomsten: " in html and ">Verbeterplan</h2>" in html


def read_catalog():
    with open(CATALOG / "messages.po", "rb") as po:
        return read_po(po)


def test_english_catalog_has_no_untranslated_or_fuzzy_entries():
    catalog = read_catalog()
    assert not catalog.fuzzy, "the catalogue header is marked fuzzy"
    untranslated = [m.id for m in catalog if m.id and not (all(m.string) if m.pluralizable else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_every_message_in_the_code_is_in_the_catalog():
    """Run `pybabel extract` + `pybabel update` (see babel.cfg) when this fails."""
    config = ConfigParser()
    config.read(ROOT / "babel.cfg")
    method_map = [(section.split(":", 1)[1].strip(), section.split(":", 1)[0].strip())
                  for section in config.sections()]
    # pybabel's default keywords (N_ marks the domain's labels in wording.py) plus lazy_gettext's _l
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "_l": None, "lazy_gettext": None}
    extracted = {message[2] if isinstance(message[2], str) else message[2][0]
                 for message in extract_from_dir(str(ROOT / "vthscan"), [
                     (pattern.removeprefix("vthscan/"), method) for pattern, method in method_map],
                     keywords=keywords)}
    catalog = read_catalog()
    missing = sorted(msgid for msgid in extracted if msgid and msgid not in catalog)
    assert missing == []


def test_compiled_catalog_matches_the_po_file():
    """Run `pybabel compile -d vthscan/translations` when this fails."""
    def entries(catalog):  # a plural entry's id and strings are a list in the .mo, a tuple in the .po
        return {tuple(m.id) if m.pluralizable else m.id: tuple(m.string) if m.pluralizable else m.string
                for m in catalog if m.id}

    with open(CATALOG / "messages.mo", "rb") as mo:
        compiled = entries(read_mo(mo))
    assert compiled == entries(read_catalog())


def test_every_status_kind_and_role_label_of_the_domain_is_translated(app):
    """The labels are defined once, in Dutch, in domain/wording.py; the web shows their translation."""
    from flask_babel import force_locale

    from vthscan.domain.wording import KIND_LABELS, ORGANISATION_KINDS, ROLE_LABELS, ROLES, STATUS_LABELS
    from vthscan.web.labels import kind_choices, kind_label, role_choices, role_label, status_label

    catalog = read_catalog()
    english = {label: catalog[label].string for labels in (STATUS_LABELS, KIND_LABELS, ROLE_LABELS)
               for label in labels.values()}
    assert all(english.values())
    with app.test_request_context():
        with force_locale("en"):
            assert [status_label(s) for s in STATUS_LABELS] == [english[label] for label in STATUS_LABELS.values()]
            assert [kind_label(k) for k in KIND_LABELS] == [english[label] for label in KIND_LABELS.values()]
            assert [role_label(r) for r in ROLE_LABELS] == [english[label] for label in ROLE_LABELS.values()]
            assert [str(label) for _, label in kind_choices(ORGANISATION_KINDS)] == [english[KIND_LABELS[k]]
                                                                                   for k in ORGANISATION_KINDS]
            assert [str(label) for _, label in role_choices(ROLES)] == [english[ROLE_LABELS[r]] for r in ROLES]
        assert (status_label("ter_review"), kind_label("gemeente"), role_label("lezer")) == (
            "ter review", "gemeente", "lezer")
        assert status_label("onbekend") == "onbekend"
