"""Flags that set national hype against local demand, each with a sentence an official can read aloud.

The rules, applied in this order to a sector or to an occupation in a sector (thresholds are
``FlagThresholds``; the page lets users change every one and shows the values used):

1. **No local estimate / too little local data**: BLS released no employment estimate for the
   occupation in the area (or, for a sector, its released occupations cover less than
   ``min_local_coverage_pct`` of the sector's national jobs). Nothing else is judged.
2. **Local strength**: location quotient at least ``strength_lq_min`` (default 1.25: a quarter more
   concentrated than nationally).
3. **Popular nationally, thin locally**: location quotient below ``thin_lq_below`` (default 0.75) while
   projected national growth 2024-34 is at least ``national_growth_min_pct`` (default: the growth
   BLS projects for all occupations, 3.1%).
4. **Thin locally, not growing fast nationally**: location quotient below ``thin_lq_below`` and
   growth below that threshold: neither hype nor local demand.
5. **Balanced**: everything else (concentration between the two quotient thresholds).

**Hidden local demand** applies to occupations in *no* sector of the sector file: location quotient
at least ``strength_lq_min`` and estimated local annual openings at least ``hidden_openings_per_10k_min``
per 10,000 local jobs (default 5; the median occupation has well under 1). These are strong local
occupations that a training portfolio built around popular sectors would miss.

The location quotient is BLS's published one for an occupation and the like-for-like quotient of
``lmi.sectors.totals`` for a sector. Occupations are the codes BLS publishes (``DemandModel.bls_codes``),
named by the title BLS publishes them under (``soc_title``).

A sector's sentence also says what the verdict rests on: the members that carry most of the
sector's local jobs and openings, and the sector's signature occupations BLS released no local
estimate for ("Balanced" over electricians and plumbers says little about solar installers).
Openings are worded by ``lmi.demand.describe_openings``, the same words as on every other page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from lmi.demand import JOBS_PER_RATE_BASE, describe_openings
from lmi.i18n import N_, _, ngettext
from lmi.sectors.totals import CARRIERS_SHARE_PCT

THIN = "thin_locally"
STRENGTH = "local_strength"
BALANCED = "balanced"
THIN_NOT_GROWING = "thin_not_growing"
NO_ESTIMATE = "no_local_estimate"
TOO_LITTLE_DATA = "too_little_local_data"
HIDDEN = "hidden_local_demand"

FLAG_LABELS = {  # English, marked for the catalog: shown through ``flag_label`` (or ``_(FLAG_LABELS[flag])``)
    THIN: N_("Popular nationally, thin locally"),
    STRENGTH: N_("Local strength"),
    BALANCED: N_("Balanced"),
    THIN_NOT_GROWING: N_("Thin locally, not growing fast nationally"),
    NO_ESTIMATE: N_("No local estimate"),
    TOO_LITTLE_DATA: N_("Too little local data"),
    HIDDEN: N_("Hidden local demand"),
}
FLAG_ORDER = [THIN, STRENGTH, HIDDEN, BALANCED, THIN_NOT_GROWING, NO_ESTIMATE, TOO_LITTLE_DATA]
SECTOR_FLAGS = (THIN, STRENGTH, BALANCED, THIN_NOT_GROWING, TOO_LITTLE_DATA)  # the flags a sector can get


def flag_label(flag: str) -> str:
    """A flag's label in the visitor's language."""
    return _(FLAG_LABELS[flag]) if flag in FLAG_LABELS else str(flag)


class ThresholdError(ValueError):
    """Thresholds that cannot give a meaningful flag (e.g. the thin bound above the strength bound)."""


@dataclass(frozen=True)
class FlagThresholds:
    national_growth_min_pct: float
    thin_lq_below: float = 0.75
    strength_lq_min: float = 1.25
    hidden_openings_per_10k_min: float = 5.0
    min_local_coverage_pct: float = 50.0

    def __post_init__(self) -> None:
        problems = []
        if not 0 < self.thin_lq_below <= self.strength_lq_min:
            problems.append(
                _(
                    "the 'thin' location quotient ({thin}) must be above 0 and not above the "
                    "'strength' quotient ({strength})"
                ).format(thin=self.thin_lq_below, strength=self.strength_lq_min)
            )
        if self.hidden_openings_per_10k_min < 0:
            problems.append(
                _("openings per {jobs_base:,} jobs for hidden demand cannot be negative").format(
                    jobs_base=JOBS_PER_RATE_BASE
                )
            )
        if not 0 <= self.min_local_coverage_pct <= 100:
            problems.append(_("the minimum local coverage is a percentage between 0 and 100"))
        if problems:
            raise ThresholdError("; ".join(problems))

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ThresholdField:
    """How one threshold is offered to users: what it means in words (the rule it sets), and the range
    they may set it in (always within what ``FlagThresholds`` accepts). ``message`` is the English, marked
    for the catalog; ``words`` reads it in the visitor's language."""

    message: str
    minimum: float | None = None
    maximum: float | None = None

    @property
    def words(self) -> str:
        return _(self.message).format(jobs_base=JOBS_PER_RATE_BASE)


THRESHOLD_FIELDS = {
    "national_growth_min_pct": ThresholdField(N_("“Growing nationally”: projected growth 2024–34 at least (%)")),
    "thin_lq_below": ThresholdField(N_("“Thin locally”: location quotient below"), minimum=0.05),
    "strength_lq_min": ThresholdField(N_("“Local strength”: location quotient at least"), minimum=0.05),
    "hidden_openings_per_10k_min": ThresholdField(
        N_("“Hidden demand”: estimated openings per {jobs_base:,} local jobs at least"), minimum=0.0
    ),
    "min_local_coverage_pct": ThresholdField(
        N_("Judge a sector only if local estimates cover at least (% of its jobs)"), minimum=0.0, maximum=100.0
    ),
}


def default_thresholds(all_occupations_growth_pct: float) -> FlagThresholds:
    """Defaults: "growing nationally" means faster than BLS projects for all occupations."""
    return FlagThresholds(national_growth_min_pct=round(float(all_occupations_growth_pct), 1))


def rules_text(t: FlagThresholds) -> dict[str, str]:
    """Each flag's rule with the thresholds in use, for the page's legend and the CSV."""
    return {
        THIN: _(
            "location quotient below {thin:g} and projected national growth 2024–34 of at least {growth:g}%"
        ).format(thin=t.thin_lq_below, growth=t.national_growth_min_pct),
        STRENGTH: _("location quotient of at least {strength:g}").format(strength=t.strength_lq_min),
        BALANCED: _("location quotient from {thin:g} to below {strength:g}").format(
            thin=t.thin_lq_below, strength=t.strength_lq_min
        ),
        THIN_NOT_GROWING: _("location quotient below {thin:g} and projected national growth below {growth:g}%").format(
            thin=t.thin_lq_below, growth=t.national_growth_min_pct
        ),
        NO_ESTIMATE: _("BLS released no local employment estimate for the occupation"),
        TOO_LITTLE_DATA: _(
            "occupations with local estimates cover less than {coverage:g}% of the sector's national jobs"
        ).format(coverage=t.min_local_coverage_pct),
        HIDDEN: _(
            "location quotient of at least {strength:g} and at least {openings:g} estimated openings a year per "
            "{jobs_base:,} local jobs, in no sector of the sector file"
        ).format(strength=t.strength_lq_min, openings=t.hidden_openings_per_10k_min, jobs_base=JOBS_PER_RATE_BASE),
    }


def flag_rules(t: FlagThresholds, flags=tuple(FLAG_LABELS)) -> list[tuple[str, str]]:
    """(label, rule) for each of ``flags`` in that order: the legend under a table (``SECTOR_FLAGS`` under the
    sectors) and the method's list of every flag."""
    rules = rules_text(t)
    return [(flag_label(flag), rules[flag]) for flag in flags]


# ---------------------------------------------------------------- classification


def classify(
    location_quotient: float, growth_pct: float, has_data: bool, t: FlagThresholds, no_data_flag: str = NO_ESTIMATE
) -> str:
    """The flag for one sector or occupation (rules 1-5 of the module docstring)."""
    if not has_data or _missing(location_quotient):
        return no_data_flag
    if location_quotient >= t.strength_lq_min:
        return STRENGTH
    if location_quotient < t.thin_lq_below:
        return THIN if not _missing(growth_pct) and growth_pct >= t.national_growth_min_pct else THIN_NOT_GROWING
    return BALANCED


def flag_occupations(rows: pd.DataFrame, t: FlagThresholds, area_name: str) -> pd.DataFrame:
    """Add ``flag``, ``flag_label`` and ``flag_reason`` to occupation rows (``DemandModel.bls_codes`` columns)."""
    out = rows.copy()
    out["flag"] = [
        classify(lq, g, has, t)
        for lq, g, has in zip(out.location_quotient, out.national_growth_2024_34_pct, out.has_local_estimate)
    ]
    out["flag_label"] = out.flag.map(flag_label)
    out["flag_reason"] = [occupation_reason(row, t, area_name) for row in out.to_dict("records")]
    return out


def flag_sectors(summary: pd.DataFrame, t: FlagThresholds, area_name: str) -> pd.DataFrame:
    """Add ``flag``, ``flag_label`` and ``flag_reason`` to sector totals (``lmi.sectors.totals.summarise``,
    with the carrier columns of ``lmi.sectors.totals.sector_carriers`` where the sentence should name them)."""
    out = summary.copy()
    out["flag"] = [
        classify(lq, g, cov >= t.min_local_coverage_pct, t, TOO_LITTLE_DATA)
        for lq, g, cov in zip(out.location_quotient, out.national_growth_2024_34_pct, out.local_coverage_pct)
    ]
    out["flag_label"] = out.flag.map(flag_label)
    out["flag_reason"] = [sector_reason(row, t, area_name) for row in out.to_dict("records")]
    return out


def hidden_local_demand(
    demand: pd.DataFrame, sector_soc_codes: set[str], t: FlagThresholds, area_name: str
) -> pd.DataFrame:
    """Occupations in no popular sector with strong local demand, most openings first."""
    outside = demand[~demand.soc_code.isin(sector_soc_codes) & demand.has_local_estimate]
    strong = outside[
        (outside.location_quotient >= t.strength_lq_min)
        & (outside.local_openings_per_10k_jobs >= t.hidden_openings_per_10k_min)
    ].copy()
    strong["flag"] = HIDDEN
    strong["flag_label"] = flag_label(HIDDEN)
    strong["flag_reason"] = [hidden_reason(row, area_name) for row in strong.to_dict("records")]
    return strong.sort_values("local_annual_openings_est_count", ascending=False).reset_index(drop=True)


# ---------------------------------------------------------------- sentences


def occupation_reason(row: dict, t: FlagThresholds, area_name: str) -> str:
    name, flag = row["soc_title"], row["flag"]
    if flag == NO_ESTIMATE:
        return _(
            "BLS released no employment estimate for {name} in {area} (it withholds estimates that do "
            "not meet its reliability or confidentiality standards), so local demand cannot be judged from "
            "these data; ask local employers before training for it."
        ).format(name=name, area=area_name)
    size = _size(row["local_employment_count"], row["local_annual_openings_est_count"])
    return _reason(
        row["flag"],
        name,
        _("jobs as {name} are").format(name=name),
        row["location_quotient"],
        row["national_growth_2024_34_pct"],
        size,
        t,
        area_name,
    )


def sector_reason(row: dict, t: FlagThresholds, area_name: str) -> str:
    name, flag = row["sector_name"], row["flag"]
    released, total = int(row["occupations_with_local_estimate_count"]), int(row["occupations_count"])
    if flag == TOO_LITTLE_DATA:
        verdict = _(
            "BLS released local estimates for only {released} of the {total} {name} occupations in "
            "{area}, covering {coverage:.0f}% of the sector's national jobs (at least "
            "{needed:g}% is needed to judge), so this sector is not judged here."
        ).format(
            released=released,
            total=total,
            name=name,
            area=area_name,
            coverage=row["local_coverage_pct"],
            needed=t.min_local_coverage_pct,
        )
        return _with_basis(verdict, row, carriers=False)
    size = _size(row["local_employment_count"], row["local_annual_openings_est_count"])
    if released != total:
        size = _("{size} in the {released} of its {total} occupations with local estimates").format(
            size=size, released=released, total=total
        )
    verdict = _reason(
        flag,
        name,
        _("{name} jobs are").format(name=name),
        row["location_quotient"],
        row["national_growth_2024_34_pct"],
        size,
        t,
        area_name,
    )
    return _with_basis(verdict, row, carriers=True)


def carriers_sentence(row: dict) -> str:
    """ "Carried by Electricians (1,040 jobs), Heating, ... (690 jobs) and Plumbers, Pipefitters, and
    Steamfitters (660 jobs): 75% of its local jobs and 76% of its estimated openings." ("" when no
    member has local jobs). The job counts after each title keep titles with commas apart."""
    titles = list(row.get("carrier_titles") or [])
    if not titles:
        return ""
    counts = list(row.get("carrier_jobs_counts") or [])
    named = [
        ngettext("{title} ({jobs:,} job)", "{title} ({jobs:,} jobs)", int(round(jobs))).format(
            title=title, jobs=int(round(jobs))
        )
        for title, jobs in zip(titles, counts)
    ]
    listed = (
        named[0] if len(named) == 1 else _("{items} and {last}").format(items=", ".join(named[:-1]), last=named[-1])
    )
    jobs, openings = row.get("carriers_jobs_share_pct"), row.get("carriers_openings_share_pct")
    shares = (
        _("{jobs:.0f}% of its local jobs").format(jobs=jobs)
        if _missing(openings)
        else _("{jobs:.0f}% of its local jobs and {openings:.0f}% of its estimated openings").format(
            jobs=jobs, openings=openings
        )
    )
    if jobs >= CARRIERS_SHARE_PCT:
        return _("Carried by {occupations}: {shares}.").format(occupations=listed, shares=shares)
    if len(named) == 1:
        return _("Its jobs are spread out: its largest occupation here, {occupations}, is only {shares}.").format(
            occupations=listed, shares=shares
        )
    return _("Its jobs are spread out: its {count} largest occupations here, {occupations}, are only {shares}.").format(
        count=count_words(len(named)), occupations=listed, shares=shares
    )


def signature_sentence(row: dict) -> str:
    """ "BLS released no local estimate here for Solar Photovoltaic Installers or Wind Turbine Service
    Technicians, the sector's signature occupations." ("" when every signature occupation has one)."""
    missing, count = list(row.get("signature_missing_titles") or []), int(row.get("signature_count") or 0)
    if not missing:
        return ""
    which = join_titles(missing, "or")
    if len(missing) == count:
        if count == 1:
            return _("BLS released no local estimate here for {titles}, the sector's signature occupation.").format(
                titles=which
            )
        return _("BLS released no local estimate here for {titles}, the sector's signature occupations.").format(
            titles=which
        )
    return _("BLS released no local estimate here for {titles}, {count} of its {total} signature occupations.").format(
        titles=which, count=count_words(len(missing)), total=count
    )


def _with_basis(verdict: str, row: dict, carriers: bool) -> str:
    parts = [verdict, carriers_sentence(row) if carriers else "", signature_sentence(row)]
    return " ".join(part for part in parts if part)


def join_titles(titles: list[str], conjunction: str) -> str:
    """ "A, B and C" (``conjunction`` "and" or "or", worded in the visitor's language); with semicolons when a
    title has its own commas ("Electricians; Plumbers, Pipefitters, and Steamfitters; and Roofers"), so each
    title stays whole."""
    if len(titles) <= 1:
        return "".join(titles)
    if len(titles) == 2:
        return _JOINED[conjunction][0]().format(first=titles[0], last=titles[1])
    separator = "; " if any("," in title for title in titles) else ", "
    joined = _JOINED[conjunction][1 if separator == "; " else 0]
    return joined().format(first=separator.join(titles[:-1]), last=titles[-1])


# (joined by a comma or a plain word, joined after a semicolon) for each conjunction
_JOINED = {
    "and": (lambda: _("{first} and {last}"), lambda: _("{first}; and {last}")),
    "or": (lambda: _("{first} or {last}"), lambda: _("{first}; or {last}")),
}
COUNT_WORDS = {1: N_("one"), 2: N_("two"), 3: N_("three"), 4: N_("four"), 5: N_("five")}


def count_words(number: int) -> str:
    """Small counts in words ("three"), in the visitor's language; larger ones as digits."""
    return _(COUNT_WORDS[number]) if number in COUNT_WORDS else str(number)


def hidden_reason(row: dict, area_name: str) -> str:
    name = row["soc_title"]
    size = _size(row["local_employment_count"], row["local_annual_openings_est_count"])
    return _(
        "{name} sit in none of the popular sectors, yet in {area} jobs as {name} are "
        "{lq:.2f} times as concentrated as in the nation: {size} "
        "({rate:.1f} per {jobs_base:,} local jobs); BLS projects them "
        "{growth} nationally from 2024 to 2034."
    ).format(
        name=name,
        area=area_name,
        lq=row["location_quotient"],
        size=size,
        rate=row["local_openings_per_10k_jobs"],
        jobs_base=JOBS_PER_RATE_BASE,
        growth=_growth_words(row["national_growth_2024_34_pct"]),
    )


def _reason(
    flag: str, name: str, jobs_are: str, lq: float, growth: float, size: str, t: FlagThresholds, area_name: str
) -> str:
    """One sentence per flag; ``jobs_are`` is "Healthcare jobs are" or "jobs as Machinists are"."""
    words = {
        "projects": _("BLS projects {name} {growth} nationally from 2024 to 2034").format(
            name=name, growth=_growth_words(growth)
        ),
        "area": area_name,
        "jobs_are": jobs_are,
        "lq": lq,
        "size": size,
        "growth_min": t.national_growth_min_pct,
        "thin": t.thin_lq_below,
        "strength": t.strength_lq_min,
    }
    if flag == THIN:
        return _(
            "{projects} (threshold {growth_min:g}%), but in {area} {jobs_are} only "
            "{lq:.2f} times as concentrated as in the nation (below {thin:g}): {size}."
        ).format(**words)
    if flag == STRENGTH:
        return _(
            "In {area} {jobs_are} {lq:.2f} times as concentrated as in the nation (at least {strength:g}): "
            "{size}. {projects}."
        ).format(**words)
    if flag == THIN_NOT_GROWING:
        return _(
            "In {area} {jobs_are} only {lq:.2f} times as concentrated as in the nation (below "
            "{thin:g}): {size}. {projects}, below the {growth_min:g}% threshold."
        ).format(**words)
    return _(
        "In {area} {jobs_are} about as concentrated as in the nation (location quotient {lq:.2f}, from "
        "{thin:g} to below {strength:g}): {size}. {projects}."
    ).format(**words)


def _size(employment: float, openings: float) -> str:
    """ "740 jobs and estimated openings of about 50 a year" (openings worded by ``describe_openings``)."""
    if _missing(employment):
        return _("no published jobs, so no openings estimate")
    jobs = int(round(employment))
    if _missing(openings):
        return ngettext("{jobs:,} job (openings not estimated)", "{jobs:,} jobs (openings not estimated)", jobs).format(
            jobs=jobs
        )
    return ngettext(
        "{jobs:,} job and estimated openings of {openings}", "{jobs:,} jobs and estimated openings of {openings}", jobs
    ).format(jobs=jobs, openings=describe_openings(openings))


def _growth_words(growth: float) -> str:
    if _missing(growth):
        return _("to change by an unknown amount")
    if growth > 0:
        return _("to grow {pct:.1f}%").format(pct=growth)
    if growth < 0:
        return _("to shrink {pct:.1f}%").format(pct=abs(growth))
    return _("to stay about the same size (0.0%)")


def _missing(value) -> bool:
    try:
        return value is None or pd.isna(value)
    except (TypeError, ValueError):
        return False
