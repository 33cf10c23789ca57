"""The fill-in page of a pillar: which page of it, what it shows, and saving it.

A long pillar is shown on pages of whole criteria (`?deel=2`); the side navigation shows per criterion
how many questions are answered and open. Saving merges field by field with what others saved since the
page was loaded (services/answers.save_page); fields both changed come back as conflicts to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..domain.answers import Answer, answer_text
from ..domain.paging import next_open_question, pillar_pages, question_places
from ..domain.questionnaire import Pillar, Questionnaire
from ..services import answers
from ..services.errors import AnswerConflicts, StaleSave
from .answer_form import PillarForm, field_prefix, make_pillar_form
from .ids import whole_number
from .session import signed_in_user


@dataclass
class PillarPage:
    """One page of a pillar of an assessment, as the signed-in user may see it."""

    assessment: object
    access: object
    questionnaire: Questionnaire
    pillars: list[Pillar]
    pillar: Pillar
    pages: list[tuple]
    number: int  # from 1

    @property
    def criteria(self) -> tuple:
        return self.pages[self.number - 1]

    def url(self, pillar_id: str | None = None, number: int = 1) -> str:
        """This or another page; the first page of a pillar has no `deel`."""
        pillar_id = pillar_id or self.pillar.id
        return url_for("assessments.pillar", assessment_id=self.assessment.id, pillar_id=pillar_id,
                       **({"deel": number} if number > 1 else {}))

    @property
    def next_page(self) -> tuple[str, str] | None:
        """(go value, button text) for the page after this one: the next part, or the next pillar."""
        if self.number < len(self.pages):
            return f"{self.pillar.id}/{self.number + 1}", _("deel %(number)d", number=self.number + 1)
        position = self.pillars.index(self.pillar)
        if position + 1 < len(self.pillars):
            following = self.pillars[position + 1]
            return following.id, following.id
        return None


def find_page(assessment, rights, questionnaire: Questionnaire, pillar_id: str, part: str | None) -> PillarPage:
    """The page asked for, or 404 (an unknown pillar, one not for this organisation, no such part)."""
    pillars = questionnaire.pillars_for(assessment.organisation.kind)
    pillar = next((p for p in pillars if p.id == pillar_id), None)
    if pillar is None:
        abort(404)
    pages = pillar_pages(pillar)
    number = 1 if part is None else whole_number(part)
    if number is None or not 1 <= number <= len(pages):
        abort(404)
    return PillarPage(assessment, rights, questionnaire, pillars, pillar, pages, number)


def question_url(assessment, questionnaire: Questionnaire, question_id: str) -> str | None:
    """The page that asks this question, at the question (`...?deel=2#vraag-q_r2_3`); None when the
    assessment's organisation is not asked it. For links to one question from other pages."""
    places = question_places(questionnaire.pillars_for(assessment.organisation.kind))
    place = next((p for p in places if p.question_id == question_id), None)
    if place is None:
        return None
    return url_for("assessments.pillar", assessment_id=assessment.id, pillar_id=place.pillar_id,
                   **({"deel": place.page} if place.page > 1 else {}), _anchor=f"vraag-{field_prefix(question_id)}")


def blank_form(page: PillarPage) -> PillarForm:
    """The form as the stored answers fill it."""
    saved = answers.answers_of(page.assessment)
    return make_pillar_form(page.questionnaire, page.criteria, saved, answers.copied_questions(page.assessment),
                            page.assessment.version)


def show(page: PillarPage, form: PillarForm, status: int = 200, stale: bool = False):
    """The page with this form (409 after a conflict), with the conflicts its form marks to decide."""
    saved = answers.answers_of(page.assessment)
    marked = form.marked_conflicts()
    conflicts = answers.conflict_details(page.assessment, marked, {
        question_id: edit.answer for question_id, edit in form.read_answers()[0].items()}) if marked else []
    questions = [q for c in page.criteria for q in c.questions]
    return render_template(
        "assessments/pillar.html", page=page, assessment=page.assessment, access=page.access,
        questionnaire=page.questionnaire, pillar=page.pillar, pillars=page.pillars, form=form, stale=stale,
        conflicts=conflicts, reentered=request.method == "POST",
        progress=[(criterion, _open_count(criterion, saved)) for criterion in page.pillar.criteria],
        page_of={c.id: number for number, criteria in enumerate(page.pages, start=1) for c in criteria},
        next_open=_next_open_url(page, saved), prefix_of={q.id: field_prefix(q.id) for q in questions},
        shown={q.id: shown_answer(page.questionnaire, q, saved.get(q.id)) for q in questions}), status


def save(page: PillarPage, loaded_version: int):
    """Save the posted page: back to it with its problems or conflicts, or on to where the button leads."""
    form = make_pillar_form(page.questionnaire, page.criteria, {}, answers.copied_questions(page.assessment),
                            loaded_version, formdata=request.form)
    if not form.validate():
        return show(page, form)
    edits, confirmed = form.read_answers()
    try:
        changed = answers.save_page(signed_in_user(), page.assessment, loaded_version, edits, confirmed)
    except AnswerConflicts as found:
        return show(page, make_pillar_form(
            page.questionnaire, page.criteria, found.shown, answers.copied_questions(page.assessment),
            page.assessment.version, loaded=found.stored, conflicts=found.conflicts, confirmed=confirmed), 409)
    except StaleSave:
        return show(page, form, 409, stale=True)
    flash(_("Opgeslagen (%(count)d antwoorden gewijzigd).", count=changed), "success")
    if form.dropped:
        flash(ngettext("Bij %(num)d vraag is het gekozen antwoord vervallen, omdat u 'weet niet' of "
                       "'niet van toepassing' koos.", "Bij %(num)d vragen is het gekozen antwoord vervallen, "
                       "omdat u 'weet niet' of 'niet van toepassing' koos.", len(form.dropped)), "info")
    return redirect(_after_save(page, form))


def _after_save(page: PillarPage, form: PillarForm) -> str:
    """Where the button the user pressed leads: the overview, the next open question, another page or
    pillar ("P2" or "R/2"), or back to the question the user was at on this page."""
    go = request.form.get("go", "")
    overview = url_for("assessments.overview", assessment_id=page.assessment.id)
    if go == "overview":
        return overview
    if go == "open":
        return _next_open_url(page, answers.answers_of(page.assessment)) or overview
    pillar_id, _sep, part = go.partition("/")
    target = next((p for p in page.pillars if p.id == pillar_id), None)
    number = whole_number(part) if part else 1
    if target is not None and number and number <= len(pillar_pages(target)) \
            and (target.id, number) != (page.pillar.id, page.number):
        return page.url(target.id, number)
    known = {field_prefix(q.id) for c in page.criteria for q in c.questions}
    where = form.where.data if form.where.data in known else None
    return page.url(page.pillar.id, page.number) + (f"#vraag-{where}" if where else "")


def _next_open_url(page: PillarPage, saved: dict[str, Answer]) -> str | None:
    place = next_open_question(page.pillars, saved, page.pillar.id, page.number)
    return question_url(page.assessment, page.questionnaire, place.question_id) if place else None


def _open_count(criterion, saved: dict[str, Answer]) -> int:
    return sum(saved.get(question.id, Answer()).is_open for question in criterion.questions)


@dataclass(frozen=True)
class ShownAnswer:
    """A stored answer for reading: its parts on lines of their own, evidence a link when it is a web address."""

    text: str
    na_reason: str
    comment: str
    evidence: str
    evidence_link: str | None


WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


def web_link(text: str) -> str | None:
    """`text` when it is an http(s) address with a host (so never javascript: or the like), else None."""
    if not WEB_ADDRESS.fullmatch(text):
        return None
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def shown_answer(questionnaire: Questionnaire, question, answer: Answer | None) -> ShownAnswer | None:
    if answer is None:
        return None
    return ShownAnswer(text=answer_text(questionnaire, question, answer),
                       na_reason=answer.na_reason or "" if answer.na else "", comment=answer.comment,
                       evidence=answer.evidence, evidence_link=web_link(answer.evidence))
