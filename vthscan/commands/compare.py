"""`vthscan compare`: several answers files side by side, without a database."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..domain.answers import AnswersError
from ..domain.catalog import version_key
from ..domain.comparison import Assessment, Comparison, ComparisonError, compare
from ..domain.wording import format_score
from .common import Failure, get_profile, get_questionnaire, open_catalog, read_answer_set, shorten, table, write_file

FORMATS = {".xlsx", ".csv", ".pdf"}


@click.command("compare")
@click.argument("answers_files", metavar="ANTWOORDEN.json...", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
@click.option("--thresholds", "profile_ref", metavar="PROFIEL",
              help="Normprofiel: een YAML-bestand of de naam van een profiel in de map.")
@click.option("--json", "as_json", is_flag=True, help="Uitkomst als JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Schrijf naar een .xlsx-, .csv- of .pdf-bestand.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Datum in de PDF (JJJJ-MM-DD; standaard vandaag).")
@click.pass_context
def compare_command(ctx, answers_files: tuple[str, ...], profile_ref, as_json: bool, output: str | None, day):
    """Vergelijk de uitkomsten van meerdere antwoordenbestanden naast elkaar."""
    if output and Path(output).suffix.lower() not in FORMATS:
        raise Failure(f"onbekend bestandstype voor {output}: kies .xlsx, .csv of .pdf")
    catalog = open_catalog(ctx)
    assessments = []
    for path in answers_files:
        answer_set = read_answer_set(path)
        questionnaire = get_questionnaire(catalog, answer_set.questionnaire_id, answer_set.questionnaire_version)
        assessments.append(Assessment(answer_set.organisation_name, answer_set.organisation_kind,
                                      answer_set.period, questionnaire, answer_set.answers))
    newest = max((a.questionnaire for a in assessments), key=lambda q: version_key(q.version))
    profile = get_profile(catalog, newest, profile_ref)
    try:
        comparison = compare(assessments, profile)
    except (ComparisonError, AnswersError) as error:
        raise Failure(f"vergelijken lukt niet: {error}") from None

    if output:
        write_file(output, render(comparison, newest, Path(output).suffix.lower(), day.date() if day else None))
        click.echo(f"Vergelijking geschreven: {output}", err=True)
    elif as_json:
        click.echo(json.dumps(comparison_to_data(comparison), ensure_ascii=False, indent=2))
    else:
        click.echo(comparison_table(comparison))


def render(comparison: Comparison, questionnaire, suffix: str, day=None) -> bytes | str:
    """The comparison as a file; the libraries for each format are imported only when asked for."""
    if suffix == ".pdf":
        from ..report.comparison_pdf import build_comparison_pdf

        return build_comparison_pdf(comparison, questionnaire, day)
    from ..report.exports import comparison_sheets, to_csv, to_xlsx

    if suffix == ".xlsx":
        return to_xlsx(comparison_sheets(comparison, questionnaire))
    return to_csv(comparison_sheets(comparison, questionnaire)[0])


def comparison_to_data(comparison: Comparison) -> dict:
    return {
        "questionnaire": {"id": comparison.questionnaire_id, "versions": comparison.versions},
        "version_note": comparison.version_note,
        "profile": comparison.profile_name,
        "organisations": [
            {"name": a.label, "kind": a.kind, "period": a.period, "version": a.questionnaire.version,
             "score": r.score, "level": r.level, "capped_by": r.capped_by}
            for a, r in zip(comparison.columns, comparison.results, strict=True)
        ],
        "rows": [{"id": row.id, "pillar": row.pillar, "is_pillar": row.is_pillar, "title": row.title,
                  "cells": [{"score": c.score, "level": c.level} for c in row.cells]} for row in comparison.rows],
        "common_gaps": [{"criterion": g.criterion, "count": g.count, "organisations": g.labels,
                         "mean_gap": g.mean_gap} for g in comparison.common_gaps],
        "largest_differences": [{"criterion": d.criterion, "spread": d.spread, "highest": d.highest,
                                 "lowest": d.lowest} for d in comparison.largest_differences],
        "left_out": comparison.left_out,
    }


def comparison_table(comparison: Comparison) -> str:
    labels = dict(comparison.levels)

    def cell(score, level) -> str:
        return f"{format_score(score)} {labels[level]}" if score is not None else "-"

    lines = [f"Vergelijking {comparison.questionnaire_id} (versie {', '.join(comparison.versions)}), "
             f"normprofiel: {comparison.profile_name or 'de drempels van de vragenlijst'}"]
    if comparison.version_note:
        lines.append(comparison.version_note)
    rows = [("", "onderdeel") + tuple(f"{a.label} {a.period}" for a in comparison.columns)]
    rows.append(("", "Totaaloordeel") + tuple(cell(r.score, r.level) for r in comparison.results))
    for row in comparison.rows:
        indent = "" if row.is_pillar else "  "
        rows.append((indent + row.id, indent + shorten(row.title, 40)) + tuple(cell(c.score, c.level) for c in row.cells))
    lines += ["", table(rows), "", "Criteria die het vaakst onder de norm blijven:"]
    lines += [f"  {g.criterion} {g.title}: {g.count}× ({', '.join(g.labels)})" for g in comparison.common_gaps]
    lines += ["", "Grootste verschillen:"]
    lines += [f"  {d.criterion} {d.title}: {format_score(d.spread)} punten (hoogste {d.highest}, laagste {d.lowest})"
              for d in comparison.largest_differences]
    return "\n".join(lines)
