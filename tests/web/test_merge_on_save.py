"""Two people on one pillar page: saving is a three-way merge per field (what the page was loaded with,
what is stored now, what is submitted). Fields one person did not touch keep the other's value; only a
field both changed is a conflict, shown next to that field with a choice; nothing is saved until every
conflict has a choice. The "loaded" values a form carries only decide what counts as changed."""

from __future__ import annotations

import re

import pytest

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment
from vthscan.services.answers import answers_of

from .conftest import login
from .form_helpers import form_data


def stored(app, assessment_id):
    with app.app_context():
        return answers_of(db.session.get(Assessment, assessment_id))


@pytest.fixture
def two(app, factory):
    """A draft with some answers; two invullers (A and B) and a lezer, each logged in on a client of their own."""
    org = factory.org()
    anna = factory.user(org, "invuller", email="anna@example.nl")
    bram = factory.user(org, "invuller", email="bram@example.nl")
    assessment = factory.answer(factory.assessment(org), anna, {
        "a1_ja": Answer(value=False, comment="eerst"), "a1_schaal": Answer(value=1),
        "a2_norm": Answer(value=2, evidence="map 1")})
    lezer = factory.user(org, "lezer")
    clients = {}
    for name, user in (("A", anna), ("B", bram), ("lezer", lezer)):
        clients[name] = app.test_client()
        login(clients[name], user)
    return assessment, clients


def page_url(assessment) -> str:
    return f"/beoordelingen/{assessment.id}/pijler/A"


def opened(client, assessment) -> dict[str, str]:
    response = client.get(page_url(assessment))
    assert response.status_code == 200
    return form_data(response.get_data(as_text=True))


def conflict_block(html: str) -> str:
    """The text of the notice at the top of a conflict page."""
    start = html.index('id="conflict"')
    return re.sub(r"<[^>]+>", "", html[start:html.index("</div>", start)])


def test_the_form_carries_what_it_was_loaded_with(two):
    assessment, clients = two
    data = opened(clients["A"], assessment)
    for question in ("a1_ja", "a1_schaal", "a2_keuze", "a2_norm", "a2_tekst"):
        assert re.fullmatch(r"[0-9a-f]{16}\.[0-9a-f]{16}\.[0-9a-f]{16}", data[f"q_{question}_loaded"]), question


def test_changes_to_different_questions_are_both_kept(app, two):
    assessment, clients = two
    form_a, form_b = opened(clients["A"], assessment), opened(clients["B"], assessment)
    form_a["q_a1_ja"] = "ja"
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    form_b["q_a1_schaal"] = "3"
    form_b["q_a2_norm_comment"] = "van B"
    response = clients["B"].post(page_url(assessment), data=form_b)
    assert response.status_code == 302, response.get_data(as_text=True)
    answers = stored(app, assessment.id)
    assert answers["a1_ja"].value is True          # A's change, untouched by B
    assert answers["a1_schaal"].value == 3         # B's change
    assert answers["a2_norm"] == Answer(value=2, comment="van B", evidence="map 1")


def test_changes_to_different_fields_of_one_question_are_both_kept(app, two):
    assessment, clients = two
    form_a, form_b = opened(clients["A"], assessment), opened(clients["B"], assessment)
    form_a["q_a1_ja_comment"] = "toelichting van A"
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    form_b["q_a1_ja"] = "ja"
    form_b["q_a1_ja_evidence"] = "besluit B"
    assert clients["B"].post(page_url(assessment), data=form_b).status_code == 302
    assert stored(app, assessment.id)["a1_ja"] == Answer(value=True, comment="toelichting van A",
                                                         evidence="besluit B")


def test_the_same_change_by_both_is_no_conflict(app, two):
    assessment, clients = two
    form_a, form_b = opened(clients["A"], assessment), opened(clients["B"], assessment)
    form_a["q_a1_schaal"] = form_b["q_a1_schaal"] = "4"
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    assert clients["B"].post(page_url(assessment), data=form_b).status_code == 302
    assert stored(app, assessment.id)["a1_schaal"].value == 4


def test_a_field_both_changed_is_a_conflict_with_a_choice_next_to_it(app, two):
    assessment, clients = two
    form_a, form_b = opened(clients["A"], assessment), opened(clients["B"], assessment)
    form_a["q_a1_schaal"] = "4"
    form_a["q_a1_schaal_evidence"] = "notulen A"    # only A changes the evidence
    form_a["q_a1_ja_comment"] = "aangevuld door A"  # and a comment B does not touch
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    form_b["q_a1_schaal"] = "2"
    form_b["q_a2_norm"] = "3"                       # no conflict: only B changes this one
    response = clients["B"].post(page_url(assessment), data=form_b)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' not in page  # a conflict is no mistake of the user's
    block = conflict_block(page)
    assert "Hoe ver?" in block and "a1_schaal" not in block
    assert "Ja of nee?" not in block and "Hoeveel fte?" not in block
    # next to the field: who, when, their value, your value and a choice
    box = page[page.index('id="conflict-q_a1_schaal"'):]
    box = box[:box.index("</fieldset>")]
    assert "anna@example.nl" in box and "4 - Geborgd" in box and "2 - Vastgelegd" in box
    assert re.search(r"20\d\d.*\d{1,2}:\d\d", box)      # when
    assert 'name="q_a1_schaal_keep_answer"' in box and 'value="theirs"' in box and 'value="mine"' in box
    # unchanged comments and evidence are never listed as conflicts
    assert "notulen A" not in box and "aangevuld door A" not in box
    assert 'id="conflict-q_a1_ja"' not in page and 'id="conflict-q_a2_norm"' not in page
    # nothing was saved; B's input is still there, A's untouched changes are shown in the form
    assert stored(app, assessment.id)["a2_norm"].value == 2
    resubmit = form_data(page)
    assert resubmit["q_a1_schaal"] == "2" and resubmit["q_a2_norm"] == "3"
    assert resubmit["q_a1_ja_comment"] == "aangevuld door A" and resubmit["q_a1_schaal_evidence"] == "notulen A"


def resolve(client, assessment, choice: str | None):
    """A and B changed a1_schaal; B gets the conflict page and saves it again with `choice`."""
    form_b = opened(client["B"], assessment)
    form_a = opened(client["A"], assessment)
    form_a["q_a1_schaal"] = "4"
    assert client["A"].post(page_url(assessment), data=form_a).status_code == 302
    form_b["q_a1_schaal"] = "2"
    form_b["q_a2_norm"] = "3"
    conflict = client["B"].post(page_url(assessment), data=form_b)
    assert conflict.status_code == 409
    again = form_data(conflict.get_data(as_text=True))
    if choice:
        again["q_a1_schaal_keep_answer"] = choice
    return client["B"].post(page_url(assessment), data=again)


def test_saving_again_without_a_choice_asks_for_one(app, two):
    assessment, clients = two
    response = resolve(clients, assessment, None)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Er is iets niet goed ingevuld" in page and "Kies welke waarde blijft." in page
    assert 'id="conflict-q_a1_schaal"' in page
    assert stored(app, assessment.id)["a1_schaal"].value == 4
    assert stored(app, assessment.id)["a2_norm"].value == 2


def test_choosing_mine_saves_my_value_and_my_other_changes(app, two):
    assessment, clients = two
    assert resolve(clients, assessment, "mine").status_code == 302
    answers = stored(app, assessment.id)
    assert answers["a1_schaal"].value == 2 and answers["a2_norm"].value == 3


def test_choosing_theirs_keeps_their_value_and_saves_my_other_changes(app, two):
    assessment, clients = two
    assert resolve(clients, assessment, "theirs").status_code == 302
    answers = stored(app, assessment.id)
    assert answers["a1_schaal"].value == 4 and answers["a2_norm"].value == 3


def test_choosing_mine_after_a_third_change_is_a_new_conflict(app, two):
    """'Mine' only overwrites the value the user saw on the conflict page, never a later one."""
    assessment, clients = two
    form_b = opened(clients["B"], assessment)
    form_a = opened(clients["A"], assessment)
    form_a["q_a1_schaal"] = "4"
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    form_b["q_a1_schaal"] = "2"
    again = form_data(clients["B"].post(page_url(assessment), data=form_b).get_data(as_text=True))
    form_a = opened(clients["A"], assessment)
    form_a["q_a1_schaal"] = "0"
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    again["q_a1_schaal_keep_answer"] = "mine"
    response = clients["B"].post(page_url(assessment), data=again)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "0 - Niet" in page[page.index('id="conflict-q_a1_schaal"'):]
    assert stored(app, assessment.id)["a1_schaal"].value == 0


def test_a_form_without_loaded_values_never_overwrites_a_change_it_did_not_see(app, two):
    """A page from before this version (or a hand-made post): every field that differs is a conflict."""
    assessment, clients = two
    form_a = opened(clients["A"], assessment)
    form_a["q_a1_ja_comment"] = "van A"
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    response = clients["B"].post(page_url(assessment), data={"version": str(assessment.version), "q_a1_ja": "nee",
                                                            "q_a1_schaal": "1"})
    assert response.status_code == 409
    assert stored(app, assessment.id)["a1_ja"].comment == "van A"


@pytest.mark.parametrize("forged", ["", "x", "0" * 16, "g" * 16 + ".a.b", "." * 2, "a" * 5000])
def test_a_malformed_loaded_value_is_no_error_and_overwrites_nothing(app, two, forged):
    assessment, clients = two
    form_a = opened(clients["A"], assessment)
    form_a["q_a1_ja"] = "ja"
    assert clients["A"].post(page_url(assessment), data=form_a).status_code == 302
    form_b = opened(clients["B"], assessment)
    form_b["version"] = str(assessment.version)  # as loaded before A's change
    form_b["q_a1_ja"] = "nee"
    form_b["q_a1_ja_loaded"] = forged
    response = clients["B"].post(page_url(assessment), data=form_b)
    assert response.status_code == 409
    assert stored(app, assessment.id)["a1_ja"].value is True


def test_a_forged_loaded_value_only_decides_what_counts_as_changed(app, two):
    assessment, clients = two
    form = opened(clients["A"], assessment)
    form["q_a1_ja"] = "ja"
    # a reader cannot save, whatever the form says it was loaded with
    assert clients["lezer"].post(page_url(assessment), data=form).status_code == 403
    # loaded values of another page's question do not bring that question into this save
    form["q_b1_lineair"] = "99"
    form["q_b1_lineair_loaded"] = "0" * 16 + "." + "0" * 16 + "." + "0" * 16
    assert clients["A"].post(page_url(assessment), data=form).status_code == 302
    answers = stored(app, assessment.id)
    assert answers["a1_ja"].value is True and "b1_lineair" not in answers


def test_a_save_that_loses_the_race_for_the_version_keeps_the_input_and_saves_nothing(app, two, monkeypatch):
    """Another save committed between reading the stored answers and raising the version."""
    from vthscan.services import answers
    from vthscan.services.errors import StaleSave

    def raced(assessment, loaded_version, question_ids=()):
        raise StaleSave(assessment)

    assessment, clients = two
    form = opened(clients["B"], assessment)
    monkeypatch.setattr(answers, "bump_version", raced)
    response = clients["B"].post(page_url(assessment), data={**form, "q_a2_norm": "7"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "iemand anders sloeg op hetzelfde moment op" in page and 'value="7"' in page
    assert "data-unsaved-input" in page
    assert form_data(page)["q_a1_ja_loaded"] == form["q_a1_ja_loaded"]  # saving again merges as before
    assert stored(app, assessment.id)["a2_norm"].value == 2
