"""`vthscan score` and `vthscan answers template`: answers files, without a database."""

from __future__ import annotations

import json
import sys

import click

from ..domain.answers import ANSWERS_FORMAT, AnswerSet
from ..domain.questionnaire import ORGANISATION_KINDS, Questionnaire
from ..domain.scoring import Result
from ..domain.wording import format_percentage, format_score
from .common import get_questionnaire, open_catalog, score_answers_file, shorten, table, write_file


@click.command("score")
@click.argument("answers_file", metavar="ANTWOORDEN.json", type=click.Path(dir_okay=False))
@click.option("--thresholds", "profile_ref", metavar="PROFIEL",
              help="Normprofiel: een YAML-bestand of de naam van een profiel in de map.")
@click.option("--json", "as_json", is_flag=True, help="Uitkomst als JSON (scores niet afgerond).")
@click.pass_context
def score_command(ctx, answers_file: str, profile_ref: str | None, as_json: bool) -> None:
    """Bereken scores, niveaus en verbeteracties voor een antwoordenbestand."""
    answer_set, questionnaire, _, result = score_answers_file(ctx, answers_file, profile_ref)
    if as_json:
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
        "completeness": result.completeness,
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
    def label(level: str | None) -> str:
        return questionnaire.level_by_id[level].label if level else "niet beoordeeld"

    best = questionnaire.levels[0].label
    titles = {p.id: p.title for p in questionnaire.pillars} | {c.id: c.title for _, c in questionnaire.criteria}
    lines = [
        f"{answer_set.organisation_name} ({answer_set.organisation_kind}), periode {answer_set.period}",
        f"Vragenlijst: {questionnaire.title} ({questionnaire.id} versie {questionnaire.version})",
        f"Normprofiel: {result.profile_name or 'de drempels van de vragenlijst'}",
        f"Volledigheid: {format_percentage(result.completeness)} "
        f"({result.answered} van {result.total} vragen beantwoord of niet van toepassing)",
        "",
        f"Totaaloordeel: {label(result.level)} (score {format_score(result.score)})"
        + (f", begrensd door knock-out {', '.join(result.capped_by)}" if result.capped_by else ""),
        "",
    ]
    rows = [("", "onderdeel", "score", "niveau", f"tekort tot '{best}'")]
    for pillar in result.pillars:
        capped = f" (knock-out {', '.join(pillar.capped_by)})" if pillar.capped_by else ""
        rows.append((pillar.id, shorten(titles[pillar.id], 48), format_score(pillar.score),
                     label(pillar.level) + capped, format_score(pillar.gap) if pillar.gap else "-"))
        for criterion in pillar.criteria:
            ko = " [KO]" if criterion.knockout else ""
            rows.append(("  " + criterion.id, "  " + shorten(titles[criterion.id], 46) + ko,
                         format_score(criterion.score), label(criterion.level),
                         format_score(criterion.gap) if criterion.gap else "-"))
    lines.append(table(rows))
    lines += ["", "Verbeteracties (belangrijkste eerst):" if result.actions else "Geen verbeteracties nodig."]
    for number, planned in enumerate(result.actions, start=1):
        ko = ", knock-out" if planned.knockout else ""
        action = planned.action
        lines.append(f"{number:>3}. [{planned.criterion}{ko}] {action.text} (prioriteit {action.priority}, "
                     f"inspanning {action.effort}, termijn {action.term})")
    return "\n".join(lines)


@click.group("answers")
def answers_group() -> None:
    """Antwoordenbestanden maken."""


@answers_group.command("template")
@click.argument("questionnaire_id")
@click.option("--version", help="Versie (standaard: de nieuwste).")
@click.option("--kind", type=click.Choice(ORGANISATION_KINDS), default="omgevingsdienst", show_default=True,
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
