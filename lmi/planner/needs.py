"""What each pathway of a plan takes: the skill gaps (O*NET skills and knowledge the target needs at a higher level),
the education step, the typical training (CIP programs linked by the NCES crosswalk, and the registry's own
programs in the region with their recorded cost, funding stream and published outcomes), the expected duration, the
cost, and which funding streams fit (the program registry's vocabulary, ``lmi.records.vocab.FUNDING_STREAMS``).

Cost: a pathway's training cost per worker is the median recorded ``cost_per_participant_usd`` of the registry's
programs that lead to the target (listed for its BLS code, or linked to it by their CIP code) and serve the region
(its metro, its state or the nation); where the registry has none, the cost is not known and the plan says for how
many workers. Nothing is estimated from outside the registry.

Funding (``FUNDING_RULE``): training of trade-affected (TAA-certified) workers is charged to Trade Adjustment
Assistance, which also pays income support while in training; other laid-off workers' training to WIOA Dislocated
Worker. A registry program funded by a state grant or by the employer is listed as fitting too.
"""

from __future__ import annotations

import pandas as pd

from lmi.db import query_df
from lmi.i18n import N_, _
from lmi.records.vocab import FUNDING_STREAMS, label
from lmi.transitions import skill_gaps

GAPS_SHOWN = 3
CIP_SHOWN = 3
PROGRAMS_SHOWN = 3
NATION = "0000000"
ALSO_FITTING = ("state_grant", "employer")  # streams a registry program may be funded by that also fit a layoff
DURATION_WORDS = {
    "none": N_("none"),
    "short": N_("under a year: a certificate, a short course or on-the-job training"),
    "long": N_("one to two years or more for each rung of education (an associate's degree: about two years)"),
}
FUNDING_RULE = N_(
    "Funding: training of trade-affected (TAA-certified) workers is charged to Trade Adjustment Assistance, which "
    "also pays income support (Trade Readjustment Allowances) while they train; other laid-off workers' training "
    "to WIOA Dislocated Worker. Registry programs funded by a state grant or by the employer are listed as fitting "
    "too. Cost per worker: the median recorded cost per participant of the registry's programs for the target in "
    "this region, its state or the nation; not known where the registry has none."
)
NEED_COLUMNS = (
    "skill_gaps",
    "cip_programs",
    "cip_programs_count",
    "registry_programs",
    "registry_programs_count",
    "registry_placement_rate",
    "training_duration",
    "training_cost_per_worker_usd",
    "training_cost_usd",
    "funding_stream",
    "funding_streams_fitting",
)


def primary_stream(trade_affected: bool) -> str:
    return "trade_adjustment_assistance" if trade_affected else "wioa_dislocated_worker"


def with_needs(engine, pathways: pd.DataFrame, layoff, programs: pd.DataFrame | None, area: str) -> pd.DataFrame:
    """``pathways`` with ``NEED_COLUMNS`` added (engine: ``lmi.planner.plan.PlanEngine``)."""
    frame = pathways.copy()
    if not len(frame):
        return frame.assign(**{column: pd.Series(dtype=object) for column in NEED_COLUMNS})
    regions = _regions(engine, area)
    local = _programs_here(programs, regions)
    moves = frame[~frame.same_occupation.astype(bool)]
    prefetch(engine, list(zip(moves.group_code, moves.target_onet_soc_code)))
    rows = [_needs(engine, row, layoff, local) for row in frame.itertuples(index=False)]
    needs = pd.DataFrame(rows, index=frame.index, columns=list(NEED_COLUMNS))
    return pd.concat([frame, needs], axis=1)


def _needs(engine, row, layoff, programs: pd.DataFrame | None) -> dict:
    tier = row.training_tier
    primary = primary_stream(layoff.trade_affected)
    if row.same_occupation:
        return _no_training(primary)
    gaps = _gap_names(engine, row.group_code, row.target_onet_soc_code)
    cips = _cips(engine, row.target_onet_soc_code)
    matched = _matching(engine, programs, row.pool_soc_code, set(cips.cip_code)) if programs is not None else None
    has_programs = matched is not None and len(matched) > 0
    cost = float(matched.cost_per_participant_usd.astype(float).median()) if has_programs else None
    if tier == "none":
        cost = 0.0
    fitting = [primary]
    if has_programs:
        fitting += [s for s in ALSO_FITTING if s in set(matched.funding_stream)]
    placement = None
    if has_programs and "placement_rate" in matched:
        rates = pd.to_numeric(matched.placement_rate, errors="coerce").dropna()
        placement = float(rates.median()) if len(rates) else None
    return {
        "skill_gaps": "; ".join(gaps[:GAPS_SHOWN]),
        "cip_programs": "; ".join(f"{c} {t}" for c, t in zip(cips.cip_code[:CIP_SHOWN], cips.cip_title[:CIP_SHOWN])),
        "cip_programs_count": len(cips),
        "registry_programs": "; ".join(matched.program_name.head(PROGRAMS_SHOWN)) if has_programs else "",
        "registry_programs_count": len(matched) if has_programs else 0,
        "registry_placement_rate": placement,
        "training_duration": _(DURATION_WORDS[tier]),
        "training_cost_per_worker_usd": cost,
        "training_cost_usd": None if cost is None else cost * row.workers_count,
        "funding_stream": "" if tier == "none" else primary,
        "funding_streams_fitting": "; ".join(label(FUNDING_STREAMS, s) for s in fitting) if tier != "none" else "",
    }


def _no_training(primary: str) -> dict:
    return {
        "skill_gaps": "",
        "cip_programs": "",
        "cip_programs_count": 0,
        "registry_programs": "",
        "registry_programs_count": 0,
        "registry_placement_rate": None,
        "training_duration": _(DURATION_WORDS["none"]),
        "training_cost_per_worker_usd": 0.0,
        "training_cost_usd": 0.0,
        "funding_stream": "",
        "funding_streams_fitting": "",
    }


def prefetch(engine, pairs: list[tuple[str, str]]) -> None:
    """Skill gaps of every (origin, target) pair and CIP programs of every target not yet held, in one query each
    (the same rules as ``lmi.transitions.skill_gaps.occupation_gaps`` and ``fields_of_study.programs_for``; a test
    checks they agree), so a plan of many pathways costs two queries, not two per pathway."""
    new_pairs = sorted({p for p in pairs if ("gaps", *p) not in engine.memo})
    if new_pairs:
        found = gaps_for_pairs(engine.con, new_pairs)
        for pair in new_pairs:
            engine.memo[("gaps", *pair)] = found.get(pair, [])
    new_targets = sorted({t for _o, t in pairs if ("cip", t) not in engine.memo})
    if new_targets:
        found = cips_for_targets(engine.con, new_targets)
        empty = pd.DataFrame({"cip_code": pd.Series(dtype=object), "cip_title": pd.Series(dtype=object)})
        for target in new_targets:
            engine.memo[("cip", target)] = found.get(target, empty)


def gaps_for_pairs(con, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Skills and knowledge each target needs at a higher level than its origin, most important gap first."""
    frame = query_df(
        con,
        """
        WITH pairs AS (SELECT unnest($origins) AS origin, unnest($targets) AS target)
        SELECT p.origin, p.target, t.element_name, t.importance * (t.level - c.level) AS priority
        FROM pairs p
        JOIN core_occupation_rating t ON t.onet_soc_code = p.target
        JOIN core_occupation_rating c ON c.onet_soc_code = p.origin AND c.element_id = t.element_id
        WHERE list_contains($domains, t.domain) AND list_contains($domains, c.domain)
          AND NOT t.level_suppress_recommended AND NOT t.level_not_relevant
          AND t.importance >= $importance AND t.level - c.level >= $gap
        ORDER BY p.origin, p.target, priority DESC, t.element_name
    """,
        {
            "origins": [o for o, _t in pairs],
            "targets": [t for _o, t in pairs],
            "domains": list(skill_gaps.GAP_DOMAINS),
            "importance": skill_gaps.MIN_TARGET_IMPORTANCE,
            "gap": skill_gaps.MIN_GAP_LEVELS,
        },
    )
    return {key: [str(n) for n in part.element_name] for key, part in frame.groupby(["origin", "target"], sort=False)}


def cips_for_targets(con, targets: list[str]) -> dict[str, pd.DataFrame]:
    """CIP programs linked to each target's SOC code (else to the BLS code it is counted under)."""
    frame = query_df(
        con,
        """
        WITH codes AS (
            SELECT o.onet_soc_code, o.soc_code, x.oews_soc_code
            FROM core_occupation o LEFT JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
            WHERE list_contains($codes, o.onet_soc_code)),
        own AS (SELECT c.onet_soc_code, cs.cip_code FROM codes c JOIN core_cip_soc cs ON cs.soc_code = c.soc_code),
        grouped AS (SELECT c.onet_soc_code, cs.cip_code FROM codes c JOIN core_cip_soc cs ON cs.soc_code = c.oews_soc_code
                    WHERE c.onet_soc_code NOT IN (SELECT onet_soc_code FROM own))
        SELECT p.onet_soc_code, p.cip_code, k.cip_title
        FROM (SELECT * FROM own UNION SELECT * FROM grouped) p JOIN core_cip k USING (cip_code)
        ORDER BY p.onet_soc_code, p.cip_code
    """,
        {"codes": list(targets)},
    )
    return {
        code: part[["cip_code", "cip_title"]].reset_index(drop=True)
        for code, part in frame.groupby("onet_soc_code", sort=False)
    }


def _gap_names(engine, origin: str, target: str) -> list[str]:
    if ("gaps", origin, target) not in engine.memo:
        prefetch(engine, [(origin, target)])
    return engine.memo[("gaps", origin, target)]


def _cips(engine, target: str) -> pd.DataFrame:
    if ("cip", target) not in engine.memo:
        prefetch(engine, [(target, target)])
    return engine.memo[("cip", target)]


def _regions(engine, area: str) -> set[str]:
    """The region, its state (for a metro or nonmetro area) and the nation: where a program can serve it from."""
    from lmi.areas import state_area_code  # noqa: PLC0415

    regions = {area, NATION}
    state = engine.transitions.area(area).state_fips
    if state:
        try:
            regions.add(state_area_code(engine.con, state))
        except LookupError:
            pass
    return regions


def _programs_here(programs: pd.DataFrame | None, regions: set[str]) -> pd.DataFrame | None:
    if programs is None or not len(programs):
        return None
    return programs[programs.region_area_code.isin(regions)]


def _matching(engine, programs: pd.DataFrame, pool: str, cips: set[str]) -> pd.DataFrame:
    """Programs listed for the target's BLS code (any code that resolves to it) or linked by their CIP code."""
    resolve = engine.resolver.codes.try_resolve

    def leads_there(codes) -> bool:
        for code in codes if isinstance(codes, list | tuple) else []:
            found = resolve(code)
            if found is not None and found.bls_soc_code == pool:
                return True
        return False

    listed = programs.target_soc_codes.map(leads_there)
    by_cip = programs.cip_code.isin(cips) & programs.target_soc_codes.map(lambda c: not c)
    return programs[listed | by_cip].sort_values(["program_name", "program_id"])


def costs_by_stream(pathways: pd.DataFrame) -> pd.DataFrame:
    """Training cost by the funding stream it is charged to, and the workers whose cost is not known."""
    columns = ["funding_stream", "funding_stream_words", "trained_count", "training_cost_usd", "cost_unknown_count"]
    trained = pathways[pathways.training_tier != "none"] if len(pathways) else pathways
    if not len(trained):
        return pd.DataFrame(columns=columns)
    rows = []
    for stream, part in trained.groupby("funding_stream", sort=True):
        known = part[part.training_cost_usd.notna()]
        rows.append(
            {
                "funding_stream": stream,
                "funding_stream_words": label(FUNDING_STREAMS, stream),
                "trained_count": int(part.workers_count.sum()),
                "training_cost_usd": float(known.training_cost_usd.sum()),
                "cost_unknown_count": int(part[part.training_cost_usd.isna()].workers_count.sum()),
            }
        )
    return pd.DataFrame(rows, columns=columns)
