"""The layoff response plan on one page (``lmi.planner``): the layoff, where the workers can go (placed without
training, after short or long training, not absorbable locally: the chart), the largest moves (the table), wage
replacement and training cost by funding stream, and the rules the numbers follow (notes)."""

from __future__ import annotations

import duckdb

from lmi.briefs import links
from lmi.briefs.content import Bar, Brief, BriefFigure, Chart, Table, slug, sources_line, vintage_line
from lmi.i18n import _
from lmi.planner import inputs
from lmi.planner.needs import FUNDING_RULE
from lmi.planner.plan import TIER_RULE, UNCERTAINTY_RULE, Plan, allocation_rule
from lmi.planner.tables import SOURCE_KEYS, plan_rows

MOVES_SHOWN = 8


def plan_file_stem(plan: Plan) -> str:
    return f"layoff-plan-{plan.layoff.area_code}-{slug(plan.area_label)}-{plan.layoff.workers}-workers"


def plan_brief(con: duckdb.DuckDBPyConnection, plan: Plan) -> Brief:
    s = plan.summary
    layoff = plan.layoff
    when = layoff.layoff_date.isoformat() if layoff.layoff_date else _("date not given")
    placed = s["placed_count"]
    figures = (
        BriefFigure(_("Workers laid off"), f"{s['workers_count']:,}", when),
        BriefFigure(
            _("Placed here in {months} months").format(months=layoff.horizon_months),
            f"{placed:,}",
            _("range {low:,}-{high:,}").format(low=s["placed_low_count"], high=s["placed_high_count"]),
        ),
        BriefFigure(_("Not absorbable locally"), f"{s['not_absorbable_count']:,}", _("see nearest areas")),
        BriefFigure(
            _("Wage replacement"),
            "—" if s["wage_replacement_pct"] is None else f"{s['wage_replacement_pct']:.0f}%",
            _("target median / median now"),
        ),
    )
    outcomes = (
        (_("Placed without training"), s["placed_without_training_count"]),
        (_("After short training"), s["short_training_count"]),
        (_("After long training"), s["long_training_count"]),
        (_("Not absorbable locally"), s["not_absorbable_count"]),
    )
    chart = Chart(
        _("Where the {n:,} workers go").format(n=s["workers_count"]),
        tuple(Bar(name, float(value), f"{value:,}") for name, value in outcomes),
        _("Bar chart of workers by outcome: ") + "; ".join(f"{name} {value:,}" for name, value in outcomes),
    )
    rows = plan_rows(plan).sort_values("workers_count", ascending=False, kind="stable").head(MOVES_SHOWN)
    table = Table(
        _("Largest moves"),
        (_("From"), _("Workers"), _("To"), _("Outcome")),
        tuple(
            (
                str(r.group_title),
                f"{int(r.workers_count):,}",
                str(r.target_title) if isinstance(r.target_title, str) else str(r.nearest_areas or "—"),
                str(r.outcome),
            )
            for r in rows.itertuples(index=False)
        ),
        widths=(3, 1, 4, 2),
    )
    costs = "; ".join(
        _("{stream}: ${cost:,.0f} for {n:,} workers").format(
            stream=c.funding_stream_words, cost=c.training_cost_usd, n=c.trained_count
        )
        + (_(" (cost not known for {n:,})").format(n=c.cost_unknown_count) if c.cost_unknown_count else "")
        for c in plan.costs.itertuples(index=False)
    )
    notes = (
        allocation_rule(layoff),
        _(TIER_RULE),
        _(UNCERTAINTY_RULE),
        _("Training cost by funding stream: {costs}.").format(costs=costs or _("no training in this plan")),
        _(FUNDING_RULE),
    )
    return Brief(
        kind="layoff",
        title=_("Layoff response plan: {area}").format(area=plan.area_label),
        subtitle=_("{n:,} workers in {k} occupations · layoff date {when} · horizon {months} months").format(
            n=s["workers_count"], k=len(plan.groups), when=when, months=layoff.horizon_months
        ),
        figures=figures,
        chart=chart,
        table=table,
        notes=notes,
        sources=sources_line(con, SOURCE_KEYS),
        vintage=vintage_line(con, SOURCE_KEYS),
        link=links.link(links.LAYOFF_PATH, **inputs.to_params(layoff)),
        file_stem=plan_file_stem(plan),
    )
