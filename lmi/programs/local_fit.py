"""Local fit of a training program: how much employer demand there is, in the program's region, for the
occupations it trains for, read from the one demand model (``lmi.demand``) at the grain BLS publishes.

Targets. Staff list a program's target occupations in whichever code they have: SOC 2018 (31-1121),
O*NET-SOC (31-1121.00) or the code BLS publishes numbers for (31-1120, 13-1020, 29-2010, an "All
Other" code). The records keep each code as given. A program with none listed is matched to the SOC
codes its CIP code leads to in the NCES CIP 2020 to SOC 2018 crosswalk. Every code is resolved when it
is read (``lmi.demand.codes.CodeResolver``) to the code BLS publishes numbers for, and the figures are
that code's: 31-1121 Home Health Aides shows 31-1120 Home Health and Personal Care Aides, and says so.

One row per BLS code. Targets that lead to the same BLS code (31-1121 and 31-1122.00 both lead to
31-1120) share one figure, so they share one row and that code counts once in the program's totals.
BLS's published codes do not overlap, so the totals add distinct jobs.

Verdicts. Each target, and each program over its targets, gets a plain verdict from the estimated local
annual openings (``lmi.demand.openings``): see ``VERDICT_RULES``.

Reference data stays in the read-only reference database and programs come from the records database,
so this module takes the programs as a frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from lmi.db import query_df
from lmi.demand import DemandModel, describe_openings
from lmi.demand.codes import CodeResolver
from lmi.demand.columns import words as demand_column_words
from lmi.demand.labels import basis_label, missing_words
from lmi.demand.openings import openings_method_words, round_openings
from lmi.i18n import N_, _, ngettext

# The words here are English message ids, given in the current language where frames and texts are made
# (``verdict``, ``column_words``...): local fit is computed per request, never stored.
LISTED = N_("listed by the program")
VIA_CIP = N_("linked to its CIP code (NCES crosswalk)")

HIRING_MIN_OPENINGS = 100  # estimated openings a year (as rounded for display) from which a target is "hiring here"
HIRING, FEW_OPENINGS, NO_OPENINGS_ESTIMATE, NOTHING_RELEASED, NO_BLS_CODE, NO_TARGETS = (
    N_("hiring here"),
    N_("few openings here"),
    N_("jobs here, openings not estimated"),
    N_("BLS released nothing here"),
    N_("no BLS estimates for it"),
    N_("no target occupations"),
)
# A whole paragraph for translators: it names the verdicts and HIRING_MIN_OPENINGS as written above, which
# ``tests/test_records_model.py`` checks.
VERDICT_RULES = N_(
    "Local fit: “hiring here” = about 100 or more estimated openings a year in the program's region; “few "
    "openings here” = fewer than 100 a year (BLS counts jobs here, but few openings are expected); “BLS released "
    "nothing here” = BLS published no employment estimate for the occupation in this region (too few survey "
    "responses or confidential), which is not the same as no jobs; “jobs here, openings not estimated” = BLS "
    "counts jobs here but projects no openings for the code; “no BLS estimates for it” = no code BLS publishes "
    "numbers for covers the occupation. A program's verdict applies the same rule to its openings added up over "
    "its target occupations' BLS codes, each code counted once."
)

READ_AT_BLS_CODES = N_(
    "Target occupations are read at the code BLS publishes numbers for (31-1121 Home Health Aides at the BLS group "
    "31-1120 Home Health and Personal Care Aides), and each BLS code counts once in a program's totals."
)
FIT_SOURCE_KEYS = ("oews", "projections", "onet", "cip_soc")  # ``lmi.provenance`` sources of local-fit figures
PROGRAM_TOTALS_NOTE = N_(
    "Local jobs and openings: in the program's region, over the BLS codes its target occupations lead to, each "
    "counted once."
)
SUMMARY_NOTE = N_(
    "Local jobs and estimated openings: in the program's region, added up over the BLS codes its target "
    "occupations lead to, each counted once, where BLS released a figure; projected growth: national, over the "
    "same codes."
)
NONE_RELEASED_HERE = N_("none released here")  # a program's local jobs when BLS released none of its codes here
NOT_RELEASED, NOT_PROJECTED = N_("not released"), N_("not projected")


def fit_method() -> str:
    """How local fit is worked out, in the current language: targets read at BLS codes, the openings method
    (``lmi.demand.openings``) and the verdict rules."""
    return f"{_(READ_AT_BLS_CODES)} {openings_method_words()} {_(VERDICT_RULES)}"


TARGET_COLUMNS = [
    "program_id",
    "region_area_code",
    "target_basis",
    "listed_codes",
    "soc_code",
    "soc_title",
    "numbers_for",
    "demand_is_shared",
    "demand_basis",
    "local_employment_count",
    "local_employment_missing_words",
    "local_annual_openings_est_count",
    "local_annual_openings_words",
    "openings_basis",
    "fit_verdict",
    "location_quotient",
    "local_annual_wage_median_usd",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
    "national_employment_2024_count",
    "national_employment_2034_count",
]
SUMMARY_COLUMNS = [
    "program_id",
    "region_area_code",
    "target_basis",
    "listed_codes_count",
    "bls_codes",
    "bls_codes_count",
    "bls_codes_with_local_jobs_count",
    "local_employment_count",
    "local_annual_openings_est_count",
    "local_annual_openings_words",
    "national_growth_2024_34_pct",
    "fit_verdict",
    "fit_note",
]
# Page and CSV words of the columns this module adds; the demand columns keep ``lmi.demand.columns``'s words.
FIT_COLUMN_WORDS: dict[str, tuple[str, str]] = {
    "program_id": (N_("Program ID"), N_("The program's identifier in the records")),
    "region_area_code": (N_("Region (OEWS area code)"), N_("The program's labour market")),
    "target_basis": (
        N_("Targets"),
        N_("Whether the program listed its target occupations or they come from its CIP code"),
    ),
    "listed_codes": (
        N_("Listed as"),
        N_("The occupation codes as the program listed them (or as its CIP code links to them)"),
    ),
    "numbers_for": (
        N_("Figures are for"),
        N_(
            'The BLS code and title the numbers are for; "BLS group" when the figure is a group\'s, shared with '
            "other occupations"
        ),
    ),
    "local_annual_openings_words": (
        N_("Est. annual openings here"),
        N_("National openings per job x local jobs, rounded; see the method"),
    ),
    "fit_verdict": (
        N_("Local fit"),
        N_(
            "From estimated openings a year: hiring here (100 or more), few openings here (fewer), BLS released nothing here"
        ),
    ),
    "listed_codes_count": (N_("Target codes listed"), N_("Occupation codes listed (or linked through the CIP code)")),
    "bls_codes": (N_("BLS codes"), N_("The BLS codes the targets lead to, each once")),
    "bls_codes_count": (N_("BLS codes (each counted once)"), N_("Distinct BLS codes the targets lead to")),
    "bls_codes_with_local_jobs_count": (
        N_("BLS codes with local jobs released"),
        N_("Codes BLS released employment for in the program's region"),
    ),
    "fit_note": (N_("Local fit in words"), N_("What the totals add up and what they leave out")),
}
SUMMARY_WORDS = {
    "local_employment_count": (
        N_("Local jobs in target occupations"),
        N_(
            "BLS OEWS May 2025 jobs in the program's region, added up over its target occupations' BLS codes, each "
            "counted once"
        ),
    ),
    "local_annual_openings_est_count": (
        N_("Est. annual openings here (target occupations)"),
        N_("Estimated openings a year added up over the same BLS codes; see the method"),
    ),
    "national_growth_2024_34_pct": (
        N_("Projected growth 2024-34 (nation, target occupations)"),
        N_("BLS Employment Projections; over several codes, growth of their summed employment"),
    ),
}


def column_words(column: str, summary: bool = False) -> tuple[str, str]:
    """(label, tooltip) of a local-fit column in the current language; ``summary`` for the per-program totals."""
    if summary and column in SUMMARY_WORDS:
        label, tooltip = SUMMARY_WORDS[column]
    elif column in FIT_COLUMN_WORDS:
        label, tooltip = FIT_COLUMN_WORDS[column]
    else:
        return demand_column_words(column) or (column, "")
    return _(label), _(tooltip)


def for_download(frame: pd.DataFrame, columns: list[str], summary: bool = False) -> pd.DataFrame:
    """The chosen columns with plain headers that keep the field ("Jobs here [local_employment_count]"),
    as ``lmi.demand.columns.for_download`` does for demand frames."""
    present = [c for c in columns if c in frame.columns]
    return frame[present].rename(columns={c: f"{column_words(c, summary)[0]} [{c}]" for c in present})


def jobs_words(value, missing_words: str = "") -> str:
    """Local jobs as text; a missing figure says why (never a blank that reads as zero): ``missing_words``
    (already in words, or one of the message ids here such as ``NONE_RELEASED_HERE``), else "not released"."""
    return f"{value:,.0f}" if _present(value) else _(missing_words or NOT_RELEASED)


def targets_as_text(targets: pd.DataFrame) -> pd.DataFrame:
    """One program's target rows as the text a person reads: every empty figure says why. "Figures are for"
    starts with the codes the program listed when they differ from the BLS code."""
    return pd.DataFrame(
        {
            "numbers_for": targets.numbers_for.values,
            "local_employment_count": [
                jobs_words(v, w) for v, w in zip(targets.local_employment_count, targets.local_employment_missing_words)
            ],
            "local_annual_openings_words": targets.local_annual_openings_words.values,
            "fit_verdict": targets.fit_verdict.values,
            "location_quotient": [f"{v:.2f}" if _present(v) else _(NOT_RELEASED) for v in targets.location_quotient],
            "local_annual_wage_median_usd": [
                f"${v:,.0f}" if _present(v) else _(NOT_RELEASED) for v in targets.local_annual_wage_median_usd
            ],
            "national_growth_2024_34_pct": [growth_words(v) for v in targets.national_growth_2024_34_pct],
        }
    )


def growth_words(value) -> str:
    return f"{value:+.1f}%" if _present(value) else _(NOT_PROJECTED)


# What the demand model gives for each BLS code (``DemandModel.bls_codes``), carried into the targets.
_MODEL_COLUMNS = [
    "soc_code",
    "is_all_other",
    "onet_occupations_count",
    "local_employment_count",
    "local_employment_missing_reason",
    "local_annual_openings_est_count",
    "openings_basis",
    "location_quotient",
    "local_annual_wage_median_usd",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
    "national_employment_2024_count",
    "national_employment_2034_count",
]


@dataclass(frozen=True)
class ProgramsFit:
    """``targets``: one row per program x BLS code its target occupations lead to (a code no published
    code covers gets its own row); ``summary``: one row per program, each BLS code counted once."""

    targets: pd.DataFrame
    summary: pd.DataFrame

    def of(self, program_id: str) -> tuple[pd.DataFrame, pd.Series | None]:
        """One program's target rows and summary row."""
        rows = self.summary[self.summary.program_id == program_id]
        return (
            self.targets[self.targets.program_id == program_id].reset_index(drop=True),
            rows.iloc[0] if len(rows) else None,
        )


def programs_local_fit(
    ref_con: duckdb.DuckDBPyConnection, model: DemandModel, resolver: CodeResolver, programs: pd.DataFrame
) -> ProgramsFit:
    """Local fit of every program in ``programs`` (program_id, cip_code, target_soc_codes as a list,
    region_area_code): target rows with the demand model's numbers and verdicts, and one summary row each."""
    listed = listed_targets(ref_con, programs)
    targets = with_demand(model, resolved_targets(resolver, listed))
    return ProgramsFit(targets, fit_summary(targets, programs))


# ------------------------------------------------------------------------------------------------ targets


def listed_targets(ref_con: duckdb.DuckDBPyConnection, programs: pd.DataFrame) -> pd.DataFrame:
    """One row per (program, code as listed): the program's own codes, or, when it lists none, the SOC
    codes its CIP code leads to. ``target_basis`` says which."""
    rows, without = [], []
    for p in programs.itertuples():
        codes = _codes(p.target_soc_codes)
        rows += [(p.program_id, p.region_area_code, code, _(LISTED)) for code in codes]
        if not codes:
            without.append(p)
    crosswalk = query_df(
        ref_con,
        "SELECT cip_code, soc_code FROM core_cip_soc WHERE list_contains($cips, cip_code) ORDER BY soc_code",
        {"cips": sorted({p.cip_code for p in without})},
    )
    by_cip = crosswalk.groupby("cip_code").soc_code.apply(list).to_dict() if len(crosswalk) else {}
    via_cip = _(VIA_CIP)
    rows += [(p.program_id, p.region_area_code, code, via_cip) for p in without for code in by_cip.get(p.cip_code, [])]
    return pd.DataFrame(rows, columns=["program_id", "region_area_code", "listed_code", "target_basis"])


def resolved_targets(resolver: CodeResolver, listed: pd.DataFrame) -> pd.DataFrame:
    """Listed codes with the BLS code each is read at (``soc_code``, ``soc_title``; None when no published
    code covers it), gathered into one row per program x BLS code with the codes listed for it."""
    resolved = [resolver.try_resolve(code) for code in listed.listed_code]
    frame = listed.assign(
        soc_code=pd.Series([r.bls_soc_code if r else None for r in resolved], dtype=object, index=listed.index),
        soc_title=pd.Series([r.bls_title if r else None for r in resolved], dtype=object, index=listed.index),
    )
    frame["row_key"] = [
        code if isinstance(code, str) else f"unresolved:{given}"  # unresolved codes keep a row
        for code, given in zip(frame.soc_code, frame.listed_code)
    ]
    rows = []
    for (program_id, _row_key), part in frame.groupby(["program_id", "row_key"], sort=False):
        first = part.iloc[0]
        rows.append(
            {
                "program_id": program_id,
                "region_area_code": first.region_area_code,
                "target_basis": first.target_basis,
                "listed_codes": "; ".join(dict.fromkeys(part.listed_code)),
                "listed_code_list": list(dict.fromkeys(part.listed_code)),
                "soc_code": first.soc_code,
                "soc_title": first.soc_title,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "program_id",
            "region_area_code",
            "target_basis",
            "listed_codes",
            "listed_code_list",
            "soc_code",
            "soc_title",
        ],
    )


def with_demand(model: DemandModel, targets: pd.DataFrame) -> pd.DataFrame:
    """Each target row with its BLS code's numbers in the program's region (``DemandModel.bls_codes``),
    whose numbers they are, the openings in words and the verdict."""
    parts = []
    for area_code, part in targets.groupby("region_area_code", sort=False):
        codes = sorted({c for c in part.soc_code if isinstance(c, str)})
        numbers = model.bls_codes(area_code, codes)[_MODEL_COLUMNS] if codes else pd.DataFrame(columns=_MODEL_COLUMNS)
        parts.append(part.merge(numbers, on="soc_code", how="left"))
    frame = (
        pd.concat(parts, ignore_index=True)
        if parts
        else targets.reindex(columns=[*targets.columns, *_MODEL_COLUMNS[1:]])
    )
    frame["demand_is_shared"] = [
        _is_group_figure(listed, code, count)
        for listed, code, count in zip(frame.listed_code_list, frame.soc_code, frame.onet_occupations_count)
    ]
    frame["demand_basis"] = [
        _basis(code, title, shared, all_other, count)
        for code, title, shared, all_other, count in zip(
            frame.soc_code, frame.soc_title, frame.demand_is_shared, frame.is_all_other, frame.onet_occupations_count
        )
    ]
    frame["numbers_for"] = [
        _numbers_for(listed, code, basis)
        for listed, code, basis in zip(frame.listed_code_list, frame.soc_code, frame.demand_basis)
    ]
    frame["local_employment_missing_words"] = [
        "" if _present(jobs) else (missing_words(reason) if isinstance(code, str) else missing_words("no_bls_code"))
        for jobs, reason, code in zip(
            frame.local_employment_count, frame.local_employment_missing_reason, frame.soc_code
        )
    ]
    frame["local_annual_openings_words"] = [describe_openings(v) for v in frame.local_annual_openings_est_count]
    frame["fit_verdict"] = [
        verdict(isinstance(code, str), jobs, openings)
        for code, jobs, openings in zip(
            frame.soc_code, frame.local_employment_count, frame.local_annual_openings_est_count
        )
    ]
    return frame[TARGET_COLUMNS].reset_index(drop=True)


def verdict(has_bls_code: bool, local_employment_count, local_annual_openings_est_count) -> str:
    """The plain verdict of one target (or of a program's totals), in the current language: see ``VERDICT_RULES``."""
    if not has_bls_code:
        return _(NO_BLS_CODE)
    if not _present(local_employment_count):
        return _(NOTHING_RELEASED)
    if not _present(local_annual_openings_est_count):
        return _(NO_OPENINGS_ESTIMATE)
    return _(HIRING) if round_openings(local_annual_openings_est_count) >= HIRING_MIN_OPENINGS else _(FEW_OPENINGS)


def _is_group_figure(listed_codes: list[str], soc_code, onet_occupations_count) -> bool:
    """True when the BLS figure is not the listed occupation's own: a SOC code inside a BLS group
    (31-1121 in 31-1120), or an O*NET occupation that shares its SOC code's figure with others. Listing
    the published code itself (31-1120) names the figure by its own title, so it is not marked."""
    if not isinstance(soc_code, str):
        return False
    sharing = 0 if not _present(onet_occupations_count) else int(onet_occupations_count)
    return any(code != soc_code and (code[:7] != soc_code or sharing > 1) for code in listed_codes)


def _basis(soc_code, soc_title, shared: bool, all_other, onet_occupations_count) -> str:
    if not isinstance(soc_code, str):
        return ""
    grain = ("all_other" if _present(all_other) and bool(all_other) else "bls_aggregate") if shared else "own"
    return basis_label(soc_code, soc_title, grain, onet_occupations_count)


def _numbers_for(listed_codes: list[str], soc_code, basis: str) -> str:
    """ "31-1121 → BLS group 31-1120 Home Health and Personal Care Aides, shared by 2 occupations";
    "BLS 51-4121 Welders, ..." when the program listed the published code itself."""
    listed = "; ".join(listed_codes)
    if not isinstance(soc_code, str):
        return _("{codes}: no code BLS publishes numbers for covers it").format(codes=listed)
    if listed_codes == [soc_code]:
        return basis
    return f"{listed} → {basis}"


# ------------------------------------------------------------------------------------------------ summary


def fit_summary(targets: pd.DataFrame, programs: pd.DataFrame) -> pd.DataFrame:
    """One row per program: its BLS codes (each once), local jobs and estimated openings added up over
    the codes BLS released here, national growth weighted by 2024 employment, the verdict and a note."""
    rows = [
        _program_summary(p.program_id, p.region_area_code, targets[targets.program_id == p.program_id])
        for p in programs.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    for column in ("local_employment_count", "local_annual_openings_est_count", "national_growth_2024_34_pct"):
        frame[column] = frame[column].astype("float64")
    return frame


def _program_summary(program_id: str, region_area_code: str, part: pd.DataFrame) -> dict:
    codes = part[part.soc_code.map(lambda c: isinstance(c, str))].drop_duplicates("soc_code")
    released = codes[codes.local_employment_count.notna()]
    with_openings = released[released.local_annual_openings_est_count.notna()]
    jobs = float(released.local_employment_count.sum()) if len(released) else np.nan
    openings = float(with_openings.local_annual_openings_est_count.sum()) if len(with_openings) else np.nan
    growth = _national_growth(codes)
    listed_count = sum(len(c.split("; ")) for c in part.listed_codes)
    fit = _(NO_TARGETS) if part.empty else verdict(len(codes) > 0, jobs, openings)
    return {
        "program_id": program_id,
        "region_area_code": region_area_code,
        "target_basis": part.target_basis.iloc[0] if len(part) else "",
        "listed_codes_count": listed_count,
        "bls_codes": "; ".join(codes.soc_code),
        "bls_codes_count": len(codes),
        "bls_codes_with_local_jobs_count": len(released),
        "local_employment_count": jobs,
        "local_annual_openings_est_count": openings,
        "local_annual_openings_words": describe_openings(openings),
        "national_growth_2024_34_pct": growth,
        "fit_verdict": fit,
        "fit_note": _note(
            len(part),
            len(codes),
            len(released),
            jobs,
            openings,
            unresolved=int((~part.soc_code.map(lambda c: isinstance(c, str))).sum()),
        ),
    }


def _national_growth(codes: pd.DataFrame) -> float:
    """BLS's published growth for one code; over several, the growth of their summed 2024 and 2034
    employment (each code weighted by its size), as BLS computes growth of a group."""
    projected = codes[codes.national_employment_2024_count.notna() & codes.national_employment_2034_count.notna()]
    if len(projected) == 1:
        return float(projected.national_growth_2024_34_pct.iloc[0])
    base = projected.national_employment_2024_count.sum()
    return 100 * (projected.national_employment_2034_count.sum() / base - 1) if len(projected) and base else np.nan


def _note(rows: int, codes: int, released: int, jobs: float, openings: float, unresolved: int = 0) -> str:
    """ "19,230 jobs here, est. openings about 3,400 a year, over 1 BLS code."; says when the totals
    leave codes out (BLS released nothing for them here), so they are a floor. In the current language."""
    if rows == 0:
        return _("No target occupation is listed and the CIP code links to none in the NCES crosswalk.")
    if codes == 0:
        return _("No code BLS publishes numbers for covers its target occupations.")
    if released == 0:
        return ngettext(
            "BLS released no employment estimate here for its {n} BLS code.",
            "BLS released no employment estimate here for any of its {n} BLS codes.",
            codes,
        ).format(n=codes)
    parts = [
        ngettext(
            "{jobs} jobs here, est. openings {openings}, over {n} BLS code",
            "{jobs} jobs here, est. openings {openings}, over {n} BLS codes (each counted once)",
            released,
        ).format(jobs=f"{jobs:,.0f}", openings=describe_openings(openings), n=released)
    ]
    if released < codes:
        parts.append(
            _("BLS released nothing here for {missing} of {n} codes, so these totals are a floor").format(
                missing=codes - released, n=codes
            )
        )
    if unresolved:
        parts.append(_("no code BLS publishes numbers for covers {n} of its target occupations").format(n=unresolved))
    return "; ".join(parts) + "."


def _codes(value) -> list[str]:
    """A stored list of target codes (list, array or missing) as a plain list."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return [str(code) for code in value]


def _present(value) -> bool:
    return value is not None and not pd.isna(value)


# ------------------------------------------------------------------------------------------------ names


def area_names(ref_con: duckdb.DuckDBPyConnection, area_codes: list[str]) -> dict[str, str]:
    frame = query_df(
        ref_con,
        "SELECT area_code, area_name FROM core_area WHERE list_contains($codes, area_code)",
        {"codes": sorted(set(area_codes))},
    )
    return dict(zip(frame.area_code, frame.area_name))


def cip_titles(ref_con: duckdb.DuckDBPyConnection, cip_codes: list[str]) -> dict[str, str]:
    frame = query_df(
        ref_con,
        "SELECT cip_code, cip_title FROM core_cip WHERE list_contains($codes, cip_code)",
        {"codes": sorted(set(cip_codes))},
    )
    return dict(zip(frame.cip_code, frame.cip_title))
