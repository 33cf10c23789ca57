"""Compare organisations side by side, follow one over the periods, and download spreadsheets and PDFs.

Every id in a URL goes through the services' access rules: an assessment or organisation the user may
not see answers 404, on the pages and on every download.
"""

from __future__ import annotations

from datetime import date

from flask import Response, abort, render_template, request, url_for

from ..services import benchmark, comparison, exports, plan_progress, questionnaires
from ..services.trends import trend_for, trend_series
from .ids import whole_number
from .session import members_blueprint, signed_in_user

bp = members_blueprint("compare", __name__)

DOWNLOADS = ("xlsx", "csv", "pdf")






def _ids() -> list[int]:
    """The assessment ids in `a=`; one that is not an id (text, negative, too large) answers 404."""
    ids = [whole_number(value) for value in request.args.getlist("a")]
    if None in ids:
        abort(404)
    return ids


@bp.get("/vergelijken")
def index():
    everything = comparison.candidates(signed_in_user())
    filters = _filters(everything)
    listed = [c for c in everything if c.questionnaire_id == filters["vragenlijst"]
              and c.period == filters["periode"] and c.kind == filters["soort"]]
    ids = _ids()
    view = comparison.compare_chosen(signed_in_user(), ids, request.args.get("profiel") or None) if ids else None
    opened = set(request.args.getlist("open"))
    show_all = request.args.get("alles") == "1"
    return render_template(
        "compare/index.html", filters=filters, listed=listed, view=view, chosen_ids=set(ids),
        profiles=_profiles(view, filters["vragenlijst"]),
        profile_name=request.args.get("profiel", ""), opened=opened, show_all=show_all,
        toggle_urls=_toggle_urls(view, opened) if view and view.comparison else {},
        all_url=url_for(".index", **_args(alles="" if show_all else "1", open=[])),
        export_urls={kind: url_for(".export", kind=kind, **_args(open=[], alles="", vragenlijst="", periode="",
                                                              soort="")) for kind in DOWNLOADS},
        compare_all_url=url_for(".index", vragenlijst=filters["vragenlijst"], periode=filters["periode"],
                                soort=filters["soort"], a=[c.id for c in listed])
        if 1 < len(listed) <= comparison.MAX_COLUMNS else None,
        trend_links=_trend_links(view.columns if view else listed),
        plan_cells=plan_progress.plan_cells(view.columns, date.today()) if view and view.comparison else [])


def _profiles(view, questionnaire_id: str):
    """The profiles to choose from: the comparison's, else those of the questionnaire listed."""
    if view is not None and view.profiles:
        return view.profiles
    questionnaire = questionnaires.catalog().get(questionnaire_id) if questionnaire_id else None
    return comparison.profile_choice(questionnaire, None)[1] if questionnaire else []


def _filters(everything) -> dict[str, str]:
    """The questionnaire, period and kind to list: asked for, else the most recent ones available."""
    questionnaires = sorted({c.questionnaire_id for c in everything})
    chosen_q = request.args.get("vragenlijst") or (questionnaires[0] if questionnaires else "")
    periods = sorted({c.period for c in everything if c.questionnaire_id == chosen_q}, reverse=True)
    chosen_p = request.args.get("periode") or (periods[0] if periods else "")
    kinds = sorted({c.kind for c in everything if c.questionnaire_id == chosen_q and c.period == chosen_p})
    chosen_k = request.args.get("soort") or ("omgevingsdienst" if "omgevingsdienst" in kinds else
                                             kinds[0] if kinds else "")
    return {"vragenlijst": chosen_q, "periode": chosen_p, "soort": chosen_k,
            "questionnaires": questionnaires, "periods": periods, "kinds": kinds}


def _args(**changes) -> dict:
    args = {key: request.args.getlist(key) for key in request.args}
    args.update(changes)
    return {key: value for key, value in args.items() if value not in ("", [], None)}


def _toggle_urls(view, opened: set[str]) -> dict[str, str]:
    return {row.id: url_for(".index", **_args(open=sorted(opened ^ {row.id}))) + f"#pijler-{row.id}"
            for row in view.pillars}


def _trend_links(columns) -> list[tuple[str, str]]:
    seen = {}
    for column in columns:
        seen.setdefault(column.organisation_id, (column.organisation, url_for(
            ".trends", organisation_id=column.organisation_id, vragenlijst=column.questionnaire_id)))
    return sorted(seen.values())


@bp.get("/vergelijken/export.<kind>")
def export(kind: str):
    if kind not in DOWNLOADS:
        abort(404)
    ids = _ids()
    if not ids:
        abort(404)
    return _download(exports.export_comparison(signed_in_user(), ids, request.args.get("profiel") or None, kind))


@bp.get("/vergelijken/organisatie/<int:organisation_id>")
def trends(organisation_id: int):
    view = trend_for(signed_in_user(), organisation_id, request.args.get("vragenlijst") or None,
                     request.args.get("profiel") or None)
    return render_template(
        "compare/trend.html", view=view, profiles=view.profiles,
        profile_name=request.args.get("profiel", ""),
        chart_url=url_for(".trend_chart", organisation_id=organisation_id, vragenlijst=view.questionnaire.id,
                          profiel=request.args.get("profiel", "")),
        benchmark=benchmark.peer_benchmark_for(view.latest_assessment),
        pillar_titles=benchmark.benchmark_titles(view.questionnaire))


@bp.get("/vergelijken/organisatie/<int:organisation_id>/grafiek.png")
def trend_chart(organisation_id: int):
    from ..report.trend_chart import trend_chart as draw  # matplotlib: only when a chart is asked for

    view = trend_for(signed_in_user(), organisation_id, request.args.get("vragenlijst") or None,
                     request.args.get("profiel") or None)
    return Response(draw(*trend_series(view)), mimetype="image/png")


@bp.get("/beoordelingen/<int:assessment_id>/export.xlsx", defaults={"kind": "xlsx"})
@bp.get("/beoordelingen/<int:assessment_id>/export.csv", defaults={"kind": "csv"})
def export_assessment(assessment_id: int, kind: str):
    return _download(exports.export_assessment_sheet(signed_in_user(), assessment_id, kind,
                                                     request.args.get("deel", "antwoorden"),
                                                     request.args.get("profiel") or None))


def _download(download: exports.Download) -> Response:
    return Response(download.content, mimetype=download.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{download.filename}"'})
