"""`vthscan score` and `vthscan answers template`: answers files, without a database."""

from __future__ import annotations

import json
import sys

import click

from ..domain.answers import ANSWERS_FORMAT, Answer, AnswersError, AnswerSet, answer_text
from ..domain.completeness import completeness_text
from ..domain.projection import Projection, ScoreChange, project
from ..domain.questionnaire import Questionnaire, ThresholdProfile
from ..domain.scoring import Result
from ..domain.whatif_file import parse_whatif_file, whatif_questionnaire_problem
from ..domain.wording import ASSESSED_KINDS, format_score, shown_gap
from .common import (
    Failure,
    get_questionnaire,
    open_catalog,
    read_text_file,
    score_answers_file,
    shorten,
    table,
    write_file,
)


@click.command("score")
@click.argument("answers_file", metavar="ANTWOORDEN.json", type=click.Path(dir_okay=False))
@click.option("--thresholds", "profile_ref", metavar="PROFIEL",
              help="Normprofiel: een YAML-bestand of de naam van een profiel in de map.")
@click.option("--json", "as_json", is_flag=True, help="Uitkomst als JSON (scores niet afgerond).")
@click.option("--what-if", "whatif_file", metavar="WIJZIGINGEN.json", type=click.Path(dir_okay=False),
              help="Projectie: de scores als deze antwoorden anders waren (vthscan.whatif/1).")
@click.pass_context
def score_command(ctx, answers_file: str, profile_ref: str | None, as_json: bool, whatif_file: str | None) -> None:
    """Bereken scores, niveaus en verbeteracties voor een antwoordenbestand."""
    answer_set, questionnaire, profile, result = score_answers_file(ctx, answers_file, profile_ref)
    if whatif_file:
        projection = project_whatif_file(whatif_file, answer_set, questionnaire, profile)
        if as_json:
            click.echo(json.dumps(projection_to_data(questionnaire, answer_set, projection),
                                  ensure_ascii=False, indent=2))
        else:
            click.echo(projection_table(questionnaire, answer_set, projection))
    elif as_json:
        click.echo(json.dumps(result_to_data(questionnaire, answer_set, result), ensure_ascii=False, indent=2))
    else:
        click.echo(result_table(questionnaire, answer_set, result))


def result_to_data(questionnaire: Questionnaire, answer_set: AnswerSet, result: Result) -> dict:
    return {
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version,
                          "fingerprint": questionnaire.fingerprint},
        "organisation": {"name": answer_set.organisation_name, "kind": answer_set.organisation_kind},
        "period": answer_set.period,
        "profile": result.profile_name,
        "completeness": result.completeness.fraction,
        "questions": {"answered": result.completeness.answered, "unknown": result.completeness.unknown,
                      "not_applicable": result.completeness.not_applicable, "open": result.completeness.open},
        "overall": {"score": result.score, "level": result.level, "capped_by": result.capped_by},
        "pillars": [{"id": p.id, "score": p.score, "level": p.level, "capped_by": p.capped_by}
                    for p in result.pillars],
        "criteria": [{"id": c.id, "pillar": c.pillar, "score": c.score, "level": c.level, "gap": c.gap,
                      "knockout": c.knockout} for c in result.criteria],
        "actions": [{"criterion": a.criterion, "text": a.action.text, "priority": a.action.priority,
                     "effort": a.action.effort, "term": a.action.term} for a in result.actions],
    }


def result_table(questionnaire: Questionnaire, answer_set: AnswerSet, result: Result) -> str:
    """The result as a readable Dutch text table."""
    label = level_labeller(questionnaire)
    best = questionnaire.levels[0].label
    titles = titles_of(questionnaire)
    lines = [
        f"{answer_set.organisation_name} ({answer_set.organisation_kind}), periode {answer_set.period}",
        f"Vragenlijst: {questionnaire.title} ({questionnaire.id} versie {questionnaire.version})",
        f"Normprofiel: {result.profile_name or 'de drempels van de vragenlijst'}",
        f"Volledigheid: {completeness_text(result.completeness)}",
        "",
        f"Totaaloordeel: {label(result.level)} (score {format_score(result.score)})"
        + (f", begrensd door knock-out {', '.join(result.capped_by)}" if result.capped_by else ""),
        "",
    ]
    def gap(part) -> str:
        shown = shown_gap(part.score, part.thresholds[questionnaire.best_level])
        return "-" if shown is None else format_score(shown)

    rows = [("", "onderdeel", "score", "niveau", f"tekort tot '{best}'")]
    for pillar in result.pillars:
        capped = f" (knock-out {', '.join(pillar.capped_by)})" if pillar.capped_by else ""
        rows.append((pillar.id, shorten(titles[pillar.id], 48), format_score(pillar.score),
                     label(pillar.level) + capped, gap(pillar)))
        for criterion in pillar.criteria:
            ko = " [KO]" if criterion.knockout else ""
            rows.append(("  " + criterion.id, "  " + shorten(titles[criterion.id], 46) + ko,
                         format_score(criterion.score), label(criterion.level), gap(criterion)))
    lines.append(table(rows))
    lines += ["", "Verbeteracties (belangrijkste eerst):" if result.actions else "Geen verbeteracties nodig."]
    for number, planned in enumerate(result.actions, start=1):
        ko = ", knock-out" if planned.knockout else ""
        action = planned.action
        lines.append(f"{number:>3}. [{planned.criterion}{ko}] {action.text} (prioriteit {action.priority}, "
                     f"inspanning {action.effort}, termijn {action.term})")
    return "\n".join(lines)


def level_labeller(questionnaire: Questionnaire):
    """A function that gives a level's label, or 'niet beoordeeld' for no level."""
    def label(level: str | None) -> str:
        return questionnaire.level_by_id[level].label if level else "niet beoordeeld"
    return label


def titles_of(questionnaire: Questionnaire) -> dict[str, str]:
    """The title of every pillar and criterion, by id."""
    return {p.id: p.title for p in questionnaire.pillars} | {c.id: c.title for _, c in questionnaire.criteria}


# --- what-if: a projection of the scores with some answers changed ---------------------------------

def project_whatif_file(path: str, answer_set: AnswerSet, questionnaire: Questionnaire,
                        profile: ThresholdProfile | None) -> Projection:
    """Read a what-if file and project its target answers over the answer set."""
    try:
        whatif = parse_whatif_file(read_text_file(path), path)
    except AnswersError as error:
        raise Failure(f"wat-als-bestand niet in orde:\n{error}") from None
    problem = whatif_questionnaire_problem(whatif, questionnaire)
    if problem:
        raise Failure(f"{path}: {problem}")
    try:
        return project(questionnaire, answer_set.answers, whatif.targets, answer_set.organisation_kind, profile)
    except AnswersError as error:
        raise Failure(f"{path} past niet bij {questionnaire.id} versie {questionnaire.version} "
                      f"(een {answer_set.organisation_kind}):\n{error}") from None


def signed(change: float | None) -> str:
    if change is None:
        return "-"
    text = format_score(abs(change))
    if text == "0":
        return "0"
    return ("+" if change > 0 else "-") + text


def projection_table(questionnaire: Questionnaire, answer_set: AnswerSet, projection: Projection) -> str:
    """Current and projected scores and levels side by side, as a readable Dutch text table."""
    label = level_labeller(questionnaire)
    titles = titles_of(questionnaire)
    current, projected = projection.current, projection.projected

    def said(question_id: str, answer: Answer | None) -> str:
        return shorten(answer_text(questionnaire, questionnaire.questions[question_id][2], answer), 40)

    def verdict(result: Result) -> str:
        capped = f", begrensd door knock-out {', '.join(result.capped_by)}" if result.capped_by else ""
        return f"{label(result.level)} (score {format_score(result.score)}){capped}"

    lines = [
        "PROJECTIE (wat-als): de scores als de antwoorden hieronder anders waren. Niets is opgeslagen;",
        "de antwoorden zelf zijn niet veranderd.",
        f"{answer_set.organisation_name} ({answer_set.organisation_kind}), periode {answer_set.period}",
        f"Vragenlijst: {questionnaire.title} ({questionnaire.id} versie {questionnaire.version})",
        f"Normprofiel: {current.profile_name or 'de drempels van de vragenlijst'}",
        "",
        f"Gewijzigde antwoorden ({len(projection.targets)}):",
    ]
    lines += [f"  {question_id}: {said(question_id, answer_set.answers.get(question_id))} -> {said(question_id, target)}"
              for question_id, target in projection.targets.items()]
    lines += ["", f"Totaaloordeel nu:        {verdict(current)}", f"Totaaloordeel projectie: {verdict(projected)}", ""]

    def row(change: ScoreChange, indent: str, knockout: bool = False) -> tuple[str, ...]:
        title = shorten(titles[change.id], 44 - len(indent)) + (" [KO]" if knockout else "")
        return (indent + change.id, indent + title,
                format_score(change.score_before), label(change.level_before),
                format_score(change.score_after), label(change.level_after), signed(change.score_change))

    rows = [("", "onderdeel", "score nu", "niveau nu", "score projectie", "niveau projectie", "verschil")]
    criteria = {change.id: change for change in projection.criteria}
    for pillar, pillar_result in zip(projection.pillars, current.pillars, strict=True):
        rows.append(row(pillar, ""))
        rows += [row(criteria[criterion.id], "  ", criterion.knockout) for criterion in pillar_result.criteria]
    lines.append(table(rows))
    changed = [f"{change.id} ({label(change.level_before)} -> "
               f"{label(change.level_after)})" for change in projection.level_changes]
    lines += ["", "Niveau verandert in de projectie: " + ", ".join(changed) if changed
              else "De projectie verandert geen enkel niveau."]
    return "\n".join(lines)


def projection_to_data(questionnaire: Questionnaire, answer_set: AnswerSet, projection: Projection) -> dict:
    def compared(change: ScoreChange, **extra) -> dict:
        return {"id": change.id, **extra,
                "current": {"score": change.score_before, "level": change.level_before},
                "projected": {"score": change.score_after, "level": change.level_after},
                "score_change": change.score_change, "level_changed": change.is_level_changed}

    pillar_of = {criterion.id: criterion.pillar for criterion in projection.current.criteria}
    return {
        "label": projection.label,
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version,
                          "fingerprint": questionnaire.fingerprint},
        "organisation": {"name": answer_set.organisation_name, "kind": answer_set.organisation_kind},
        "period": answer_set.period,
        "profile": projection.current.profile_name,
        "changed_answers": {question_id: {"value": target.value, "na": target.na, "na_reason": target.na_reason,
                                          "unknown": target.unknown}
                            for question_id, target in projection.targets.items()},
        "overall": {"current": {"score": projection.overall.score_before, "level": projection.overall.level_before,
                                "capped_by": projection.current.capped_by},
                    "projected": {"score": projection.overall.score_after, "level": projection.overall.level_after,
                                  "capped_by": projection.projected.capped_by},
                    "score_change": projection.overall.score_change,
                    "level_changed": projection.overall.is_level_changed},
        "pillars": [compared(change) for change in projection.pillars],
        "criteria": [compared(change, pillar=pillar_of[change.id]) for change in projection.criteria],
        "level_changes": [change.id for change in projection.level_changes],
    }


@click.group("answers")
def answers_group() -> None:
    """Antwoordenbestanden maken."""


@answers_group.command("template")
@click.argument("questionnaire_id")
@click.option("--version", help="Versie (standaard: de nieuwste).")
@click.option("--kind", type=click.Choice(ASSESSED_KINDS), default="omgevingsdienst", show_default=True,
              help="Soort organisatie: bepaalt welke pijlers erin staan.")
@click.option("--name", "organisation_name", default="", help="Naam van de organisatie.")
@click.option("--period", default="", help="Periode, bijvoorbeeld 2026.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Schrijf naar dit bestand.")
@click.pass_context
def template_command(ctx, questionnaire_id, version, kind, organisation_name, period, output) -> None:
    """Maak een leeg antwoordenbestand om in te vullen."""
    questionnaire = get_questionnaire(open_catalog(ctx), questionnaire_id, version)
    data = {
        "format": ANSWERS_FORMAT,
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "organisation": {"name": organisation_name or "Naam van de organisatie", "kind": kind},
        "period": period or "2026",
        "answers": {
            question.id: {"value": None, "na": False, "na_reason": None, "unknown": False,
                          "comment": "", "evidence": ""}
            for pillar in questionnaire.pillars_for(kind)
            for criterion in pillar.criteria
            for question in criterion.questions
        },
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output:
        write_file(output, text)
        click.echo(f"Antwoordenbestand geschreven: {output} ({len(data['answers'])} vragen)", err=True)
    else:
        sys.stdout.write(text)
