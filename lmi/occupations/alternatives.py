"""No dead ends: when the chosen occupation cannot answer the user's question, the specific
occupations people usually mean, each with a one-line reason.

An occupation is a dead end when it is an "All Other" residual (a catch-all for jobs without their
own SOC code: searching "coal miner" finds 47-5049.00 Underground Mining Machine Operators, All
Other), when its figures are such a residual's, when O*NET has not rated its skills and knowledge,
or when BLS publishes no jobs figure for it (at all, or in the chosen area).

Candidates are occupations O*NET has rated, whose title is not an "All Other", in the same SOC
broad group (47-5040 Underground Mining Machine Operators) or minor group (47-5000 Extraction
Workers); when the group has none (military occupations), O*NET's own related occupations. They
are ranked by, in order:

1. how well their titles match: the share of the wanted words found in one of the candidate's
   titles (official, O*NET alternate, short or incumbent-reported). The wanted words are what the
   user searched, or, without a search (a shared link, a code), the occupation's own title less
   "All Other". Words are compared after light stemming (``stem``) so "mining" meets "miner";
2. kinship: same broad group, then same minor group, then O*NET related;
3. local jobs (the demand model's figure for the area; none ranks last).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.db import query_df
from lmi.demand import DemandModel, describe_openings
from lmi.i18n import N_, _, ngettext
from lmi.occupations.profile import OccupationProfile
from lmi.occupations.search import normalize

ALL_OTHER = "all other"
STOP_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "in", "on", "for", "or", "to", "with", "all", "other", "except", "nec"}
)
SUFFIXES = ("ing", "er", "or", "e")
MIN_STEM_CHARS = 3
KINSHIP_ORDER = {"broad": 0, "minor": 1, "related": 2}
KINSHIP_WORDS = {  # English, marked for the catalog: shown translated in ``alternative_reason``
    "broad": N_("same SOC group"),
    "minor": N_("same SOC minor group"),
    "related": N_("O*NET lists it as related"),
}
TITLE_KIND_ORDER = {"title": 0, "alternate": 1, "short": 2, "reported": 3}
DEFAULT_LIMIT = 6


@dataclass(frozen=True)
class AlternativesOffer:
    """Why the occupation is a dead end (``reasons``, empty when it is not) and what to offer instead."""

    reasons: tuple[str, ...]
    alternatives: pd.DataFrame

    @property
    def is_dead_end(self) -> bool:
        return bool(self.reasons)


def is_all_other_title(title: str | None) -> bool:
    return ALL_OTHER in str(title or "").lower()


def dead_end_reasons(profile: OccupationProfile, demand: pd.Series, area_name: str) -> tuple[str, ...]:
    """Plain sentences saying why the occupation cannot answer on its own (none when it can).

    ``demand`` is the occupation's row of ``DemandModel.occupations`` for the area.
    """
    reasons = []
    if is_all_other_title(profile.title):
        reasons.append(
            _(
                "“{title}” is an “All Other” group: a catch-all for jobs that have no SOC "
                "code of their own, not one occupation."
            ).format(title=profile.title)
        )
    elif bool(demand.get("demand_is_all_other")):
        reasons.append(
            _("Its jobs and wage figures are those of the BLS “All Other” group {code} {title}, not its own.").format(
                code=demand.demand_soc_code, title=demand.demand_title
            )
        )
    if not profile.has_ratings:
        reasons.append(_("O*NET has not rated its skills and knowledge."))
    missing = demand.get("local_employment_missing_words")
    if pd.isna(demand.get("local_employment_count")) and missing:
        if demand.get("local_employment_missing_reason") in ("no_bls_code", "not_surveyed"):
            reasons.append(_("No jobs figure: {why}.").format(why=missing))
        else:
            reasons.append(_("No jobs figure ({area}): {why}.").format(area=area_name, why=missing))
    return tuple(reasons)


def offer_alternatives(
    con: duckdb.DuckDBPyConnection,
    model: DemandModel,
    profile: OccupationProfile,
    area_code: str,
    area_name: str,
    searched: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> AlternativesOffer:
    """The reasons the occupation is a dead end and, if it is one, the ranked alternatives."""
    demand = model.occupations(area_code, [profile.onet_soc_code]).iloc[0]
    reasons = dead_end_reasons(profile, demand, area_name)
    if not reasons:
        return AlternativesOffer((), _empty())
    return AlternativesOffer(reasons, rank_alternatives(con, model, profile, area_code, searched, limit))


def rank_alternatives(
    con: duckdb.DuckDBPyConnection,
    model: DemandModel,
    profile: OccupationProfile,
    area_code: str,
    searched: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> pd.DataFrame:
    """Rated, specific occupations near this one, best first, with a one-line ``reason`` each.

    Columns: onet_soc_code, title, kinship ('broad' | 'minor' | 'related'), group_code, group_title,
    matched_title, matched_kind, title_match_share (0-1), the demand model's local_employment_count,
    local_employment_missing_words, local_annual_openings_est_count, demand_soc_code, demand_basis,
    demand_is_shared, and reason.
    """
    titles = candidate_titles(con, profile)
    if titles.empty:
        return _empty()
    wanted, searched_text = wanted_words(searched, profile.title)
    best = best_title_match(titles, wanted)
    demand = model.occupations(area_code, best.onet_soc_code.tolist())
    keep = [
        "onet_soc_code",
        "local_employment_count",
        "local_employment_missing_words",
        "local_annual_openings_est_count",
        "demand_soc_code",
        "demand_basis",
        "demand_is_shared",
    ]
    ranked = best.merge(demand[keep], on="onet_soc_code", how="left")
    ranked["kinship_order"] = ranked.kinship.map(KINSHIP_ORDER)
    ranked["jobs_for_order"] = ranked.local_employment_count.fillna(-1)
    ranked = ranked.sort_values(
        ["title_match_share", "kinship_order", "jobs_for_order", "title"], ascending=[False, True, False, True]
    ).head(limit)
    ranked["reason"] = [alternative_reason(row, searched_text) for row in ranked.to_dict("records")]
    return ranked.drop(columns=["kinship_order", "jobs_for_order"]).reset_index(drop=True)


def candidate_titles(con: duckdb.DuckDBPyConnection, profile: OccupationProfile) -> pd.DataFrame:
    """Every title (official, alternate, short, reported) of each candidate, with its kinship; the
    same broad or minor SOC group first, O*NET's related occupations only when the group has none."""
    groups = soc_groups(con, profile.soc_code)
    frame = query_df(
        con,
        """
        SELECT o.onet_soc_code, o.title,
               CASE WHEN left(o.soc_code, 6) = left($code_soc, 6) THEN 'broad' ELSE 'minor' END AS kinship,
               t.title_text, t.title_kind
        FROM core_occupation o
        LEFT JOIN core_occupation_title t USING (onet_soc_code)
        WHERE o.has_ratings AND NOT contains(lower(o.title), $all_other) AND o.onet_soc_code <> $code
          AND left(o.soc_code, 4) = left($code_soc, 4)
    """,
        {"code_soc": profile.soc_code, "all_other": ALL_OTHER, "code": profile.onet_soc_code},
    )
    if frame.empty:
        frame = query_df(
            con,
            """
            SELECT o.onet_soc_code, o.title, 'related' AS kinship, t.title_text, t.title_kind
            FROM core_related_occupation r
            JOIN core_occupation o ON o.onet_soc_code = r.related_onet_soc_code
            LEFT JOIN core_occupation_title t ON t.onet_soc_code = o.onet_soc_code
            WHERE r.onet_soc_code = $code AND o.has_ratings AND NOT contains(lower(o.title), $all_other)
        """,
            {"code": profile.onet_soc_code, "all_other": ALL_OTHER},
        )
    frame["group_code"] = frame.kinship.map(lambda kin: groups.get(kin, (None, None))[0])
    frame["group_title"] = frame.kinship.map(lambda kin: groups.get(kin, (None, None))[1])
    frame["title_text"] = frame.title_text.fillna(frame.title)
    frame["title_kind"] = frame.title_kind.fillna("title")
    return frame


def soc_groups(con: duckdb.DuckDBPyConnection, soc_code: str) -> dict[str, tuple[str, str | None]]:
    """The SOC 2018 broad group (47-5041 -> 47-5040) and minor group (47-5000; 15-1252 -> 15-1200
    Computer Occupations) of a detailed code, with their titles where OEWS publishes one."""
    rows = query_df(
        con,
        "SELECT soc_code, title, soc_level FROM core_soc_occupation WHERE list_contains($codes, soc_code)",
        {"codes": [f"{soc_code[:6]}0", f"{soc_code[:5]}00", f"{soc_code[:4]}000"]},
    )
    titles = dict(zip(rows.soc_code, rows.title))
    minors = rows[rows.soc_level == "minor"].soc_code.tolist()
    minor = minors[0] if minors else f"{soc_code[:4]}000"
    broad = f"{soc_code[:6]}0"
    return {"broad": (broad, titles.get(broad)), "minor": (minor, titles.get(minor))}


def best_title_match(titles: pd.DataFrame, wanted: frozenset[str]) -> pd.DataFrame:
    """One row per candidate: its title that holds the largest share of the wanted words (an
    official title before an alternate one, a shorter one before a longer one on ties)."""
    scored = titles.copy()
    scored["title_match_share"] = [match_share(wanted, text) for text in scored.title_text]
    scored["kind_order"] = scored.title_kind.map(TITLE_KIND_ORDER).fillna(len(TITLE_KIND_ORDER))
    scored["title_chars"] = scored.title_text.str.len()
    scored = scored.sort_values(
        ["onet_soc_code", "title_match_share", "kind_order", "title_chars"], ascending=[True, False, True, True]
    )
    best = scored.drop_duplicates("onet_soc_code").rename(
        columns={"title_text": "matched_title", "title_kind": "matched_kind"}
    )
    return best.drop(columns=["kind_order", "title_chars"]).reset_index(drop=True)


def wanted_words(searched: str | None, own_title: str) -> tuple[frozenset[str], str | None]:
    """The stems to look for: those of what the user searched when it has words (returned too, for
    the reason line), otherwise those of the occupation's own title less "All Other" (and None)."""
    from_search = stems(searched or "")
    if from_search:
        return from_search, str(searched).strip()
    return stems(own_title), None


def match_share(wanted: frozenset[str], title: str) -> float:
    """Share of the wanted stems found in ``title`` (0 when nothing is wanted)."""
    if not wanted:
        return 0.0
    return len(wanted & stems(title)) / len(wanted)


def stems(text: str) -> frozenset[str]:
    """The meaningful words of a title, stemmed; numbers and words like "and", "all", "other" dropped."""
    return frozenset(
        stem(word)
        for word in normalize(text).split()
        if word not in STOP_WORDS and not any(ch.isdigit() for ch in word)
    )


def stem(word: str) -> str:
    """A light stemmer for job titles: plural "s"/"ies", then one of "-ing", "-er", "-or", "-e", so
    miner, miners, mining and mine all become "min" and driver, drivers and driving "driv"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_CHARS:
            return word[: -len(suffix)]
    return word


def alternative_reason(row: dict, searched_text: str | None) -> str:
    """One line: why this occupation is offered (the title that matched, its group) and its local jobs."""
    parts = []
    if row["title_match_share"] > 0:
        if row["matched_kind"] == "title":
            parts.append(
                _("its title matches “{searched}”").format(searched=searched_text)
                if searched_text
                else _("its title shares words with this one's")
            )
        else:
            parts.append(_("O*NET also calls it “{title}”").format(title=row["matched_title"]))
    kinship = _(KINSHIP_WORDS[row["kinship"]])
    if row["kinship"] != "related":
        title = row.get("group_title")
        kinship = (
            _("{kinship} ({code} {title})").format(kinship=kinship, code=row["group_code"], title=title)
            if isinstance(title, str)
            else _("{kinship} ({code})").format(kinship=kinship, code=row["group_code"])
        )
    parts.append(kinship)
    parts.append(jobs_words(row))
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def jobs_words(row: dict) -> str:
    """Local jobs and openings with whose numbers they are, or why there is no figure."""
    jobs = row.get("local_employment_count")
    if jobs is None or pd.isna(jobs):
        why = row.get("local_employment_missing_words") or _("no figure")
        return _("no jobs figure here: {why}").format(why=why)
    text = ngettext(
        "{jobs:,.0f} job here, openings {openings}", "{jobs:,.0f} jobs here, openings {openings}", int(round(jobs))
    ).format(jobs=jobs, openings=describe_openings(row.get("local_annual_openings_est_count")))
    if row.get("demand_is_shared"):
        text += f" ({row['demand_basis']})"
    return text


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "onet_soc_code",
            "title",
            "kinship",
            "group_code",
            "group_title",
            "matched_title",
            "matched_kind",
            "title_match_share",
            "local_employment_count",
            "local_employment_missing_words",
            "local_annual_openings_est_count",
            "demand_soc_code",
            "demand_basis",
            "demand_is_shared",
            "reason",
        ]
    )
