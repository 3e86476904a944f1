"""Generated example postings: files shaped like a state job bank's export, for trying the import, the
tests and the benchmark. **Generated example data**: no row is a real posting and no count made from them is
a real figure; every row says so in its ``source`` column.

How they are made, so that they look like a real region's postings without pretending to be any:

- where and what: each posting picks a (metro area, occupation) cell with probability proportional to that
  cell's employment in the reference database's OEWS estimates, so big occupations in big metros get the most
  postings, as employment (not posting behaviour) would predict;
- titles: an O*NET title of that occupation (official, alternate or short), about a third of them dressed as
  postings are ("- Full Time", "$2,000 Sign-On Bonus", "Sr."), a few with a typo; the same pool of titles for
  every file, as a region's employers reuse their titles;
- employers: "Example Employer 000123", one of ``rows / 50`` names;
- dates: posted on a day of ``months`` months from ``start``, expiring 14 to 60 days later; a share of
  postings are reposted by the same employer 1 to 20 days later (the repost rule should remove them);
- location: as a CBSA code, a county FIPS code, "City, ST" (the metro's first principal city) or a state, in
  that order of frequency; about a third carry an O*NET-SOC or SOC code;
- problems: a small share of rows lack a date, have one that is not a date, or have no or an unknown location,
  so an import has something to report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from lmi.areas import NATION_CODE
from lmi.db import query_df
from lmi.postings.layouts import FIELDS

GENERATED_SOURCE = "generated example data"
EMPLOYER_NAME = "Example Employer {:06d}"
TITLE_NOISE = (
    " - Full Time",
    " - Part Time",
    " - Home Weekly",
    " (Remote)",
    " - Nights",
    " - $2,000 Sign-On Bonus",
    " - Immediate Start",
    " II",
    " - 2nd Shift",
    " - Hiring Now",
)
TITLE_PREFIXES = ("Sr. ", "Senior ", "Lead ", "Entry Level ")
LOCATION_SHARES = {"cbsa": 0.4, "county": 0.3, "city": 0.2, "state": 0.1}
TITLE_POOL_SEED = 2024
PROBLEMS = ("no_posted_date", "posted_date_unreadable", "no_location", "location_unknown")


@dataclass(frozen=True)
class ExampleSpec:
    rows: int
    seed: int = 0
    start: dt.date = dt.date(2025, 1, 1)
    months: int = 12
    repost_share: float = 0.08
    problem_share: float = 0.01
    coded_share: float = 0.33
    noisy_title_share: float = 0.35
    typo_share: float = 0.03
    every_title_once: bool = False  # the first rows use each title of the pool once (a store's first import)


def generate_postings(ref_con: duckdb.DuckDBPyConnection, spec: ExampleSpec) -> pa.Table:
    """A table with the ``standard`` layout's columns (every one text), ``spec.rows`` rows."""
    rng = np.random.default_rng(spec.seed)
    cells = _cells(ref_con)
    titles = title_pool(ref_con, spec)
    cells = cells[cells.soc_code.isin(titles.soc_code.unique())].reset_index(drop=True)
    originals = spec.rows - int(spec.rows * spec.repost_share)
    picked = rng.choice(len(cells), size=originals, p=(cells.weight / cells.weight.sum()).to_numpy())
    title_of = _titles_for(rng, cells.soc_code.to_numpy()[picked], titles)
    if spec.every_title_once:
        picked, title_of = _every_title_first(cells, titles, picked, title_of)
    reposted = rng.integers(0, originals, size=spec.rows - originals)
    rows = np.concatenate([picked, picked[reposted]])
    days = _posted_days(rng, spec, originals, reposted)
    employers = rng.integers(0, max(1, spec.rows // 50), size=originals)
    employers = np.concatenate([employers, employers[reposted]])
    title_of = np.concatenate([title_of, title_of[reposted]])
    kinds = rng.choice(list(LOCATION_SHARES), size=originals, p=list(LOCATION_SHARES.values()))
    kinds = np.concatenate([kinds, kinds[reposted]])
    places = _places(ref_con, cells, rows, kinds, rng)
    columns = {
        "title": _text(titles.title.to_numpy(), title_of),
        "employer": _text(np.array([EMPLOYER_NAME.format(i) for i in range(max(1, spec.rows // 50))]), employers),
        **_dates(spec, days, rng),
        **places,
        "occupation_code": _codes(ref_con, cells.soc_code.to_numpy()[rows], rng, spec.coded_share),
        "source": pa.array(np.full(spec.rows, GENERATED_SOURCE, dtype=object), pa.string()),
    }
    table = pa.table({field: columns[field] for field in FIELDS})
    table = _with_problems(table, rng, spec)
    return table.take(pa.array(rng.permutation(spec.rows)))


def _cells(con) -> pd.DataFrame:
    """Metro area x detailed occupation cells with their OEWS employment (the sampling weights)."""
    return query_df(
        con,
        """
        SELECT e.area_code, e.soc_code, e.employment_count AS weight
        FROM core_oews_estimate e
        JOIN core_area a USING (area_code)
        JOIN core_soc_occupation s USING (soc_code)
        WHERE a.area_kind = 'metro' AND s.soc_level = 'detailed' AND e.employment_count > 0
          AND e.area_code <> $nation
        ORDER BY e.area_code, e.soc_code
        """,
        {"nation": NATION_CODE},
    )


def title_pool(con, spec: ExampleSpec) -> pd.DataFrame:
    """soc_code, title: O*NET titles of each OEWS occupation, some dressed as posting titles. The same pool for
    every file (``TITLE_POOL_SEED``), as a region's employers reuse their titles from one export to the next."""
    rng = np.random.default_rng(TITLE_POOL_SEED)
    base = query_df(
        con,
        """
        SELECT DISTINCT x.oews_soc_code AS soc_code, t.title_text AS title
        FROM core_occupation_title t JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
        WHERE x.oews_soc_code IS NOT NULL AND t.title_kind IN ('title', 'alternate', 'short')
        ORDER BY 1, 2
        """,
    )
    titles = base.title.to_numpy(dtype=object).copy()
    noisy = rng.random(len(titles)) < spec.noisy_title_share
    suffix = rng.integers(0, len(TITLE_NOISE), size=len(titles))
    prefix = rng.random(len(titles)) < 0.25
    for i in np.flatnonzero(noisy):
        titles[i] = (
            (TITLE_PREFIXES[suffix[i] % len(TITLE_PREFIXES)] if prefix[i] else "") + titles[i] + TITLE_NOISE[suffix[i]]
        )
    for i in np.flatnonzero(rng.random(len(titles)) < spec.typo_share):
        text = titles[i]
        if len(text) > 6:
            cut = int(rng.integers(1, len(text) - 1))
            titles[i] = text[:cut] + text[cut + 1 :]
    return pd.DataFrame({"soc_code": base.soc_code, "title": titles})


def _titles_for(rng, socs: np.ndarray, titles: pd.DataFrame) -> np.ndarray:
    """For each posting's occupation, the position of one of its titles (uniformly)."""
    codes, first = np.unique(titles.soc_code.to_numpy(), return_index=True)
    counts = np.diff(np.r_[first, len(titles)])
    where = np.searchsorted(codes, socs)
    return first[where] + (rng.random(len(socs)) * counts[where]).astype(np.int64)


def _every_title_first(cells: pd.DataFrame, titles: pd.DataFrame, picked: np.ndarray, title_of: np.ndarray):
    """Rows 0..n-1 take each pool title whose occupation has a cell, in that occupation's largest cell."""
    largest = cells.groupby("soc_code").weight.idxmax()  # soc_code -> row of ``cells``
    usable = np.flatnonzero(titles.soc_code.isin(largest.index).to_numpy())[: len(picked)]
    picked, title_of = picked.copy(), title_of.copy()
    picked[: len(usable)] = largest.loc[titles.soc_code.to_numpy()[usable]].to_numpy()
    title_of[: len(usable)] = usable
    return picked, title_of


def _posted_days(rng, spec: ExampleSpec, originals: int, reposted: np.ndarray) -> np.ndarray:
    end = _add_months(spec.start, spec.months)
    span = (end - spec.start).days
    first = rng.integers(0, span, size=originals)
    again = np.minimum(first[reposted] + rng.integers(1, 21, size=len(reposted)), span - 1)
    return np.concatenate([first, again])


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _dates(spec: ExampleSpec, days: np.ndarray, rng) -> dict[str, pa.Array]:
    span = int(days.max()) + 61
    labels = np.array([(spec.start + dt.timedelta(days=d)).isoformat() for d in range(span)], dtype=object)
    expiry = days + rng.integers(14, 61, size=len(days))
    return {"posted_date": _text(labels, days), "expiry_date": _text(labels, expiry)}


def _places(con, cells: pd.DataFrame, rows: np.ndarray, kinds: np.ndarray, rng) -> dict[str, pa.Array]:
    """The location columns: each row's metro written the way its ``kind`` says."""
    metros = query_df(
        con,
        """
        SELECT a.area_code, a.cbsa_code, d.cbsa_title, d.state_fips || d.county_fips AS county_fips, s.state_postal
        FROM core_area a
        JOIN raw_cbsa_delineation d USING (cbsa_code)
        JOIN core_state s ON s.state_fips = d.state_fips
        WHERE a.area_kind = 'metro'
        ORDER BY a.area_code, county_fips
        """,
    )
    areas = np.sort(metros.area_code.unique())
    area_of_row = np.searchsorted(areas, cells.area_code.to_numpy()[rows])
    first = metros.drop_duplicates("area_code").set_index("area_code").loc[areas]
    city_names = [
        f"{title.rpartition(', ')[0].split('-')[0].split('/')[0]}, {title.rpartition(', ')[2].split('-')[0]}"
        for title in first.cbsa_title
    ]
    county_start = np.searchsorted(metros.area_code.to_numpy(), areas)
    county_count = np.diff(np.r_[county_start, len(metros)])
    county_pick = county_start[area_of_row] + (rng.random(len(rows)) * county_count[area_of_row]).astype(np.int64)
    states = first.cbsa_title.str.rpartition(", ")[2].str.split("-").str[0].to_numpy(dtype=object)
    return {
        "county_fips": _text(metros.county_fips.to_numpy(dtype=object), np.where(kinds == "county", county_pick, -1)),
        "cbsa_code": _text(first.cbsa_code.to_numpy(dtype=object), np.where(kinds == "cbsa", area_of_row, -1)),
        "city": _text(np.array(city_names, dtype=object), np.where(kinds == "city", area_of_row, -1)),
        "state": _text(states, np.where(kinds == "state", area_of_row, -1)),
    }


def _codes(con, socs: np.ndarray, rng, share: float) -> pa.Array:
    """An O*NET-SOC code (or, for a tenth of them, the SOC code) for ``share`` of the rows."""
    onet = query_df(con, "SELECT soc_code, min(onet_soc_code) AS onet_soc_code FROM core_occupation GROUP BY 1")
    known = dict(zip(onet.soc_code, onet.onet_soc_code))
    labels, where = np.unique(socs, return_inverse=True)
    written = np.array([known.get(code, code) for code in labels], dtype=object)
    plain = labels.astype(object)
    draw = rng.random(len(socs))
    codes = np.where(draw < share * 0.9, where, -1)
    table = np.concatenate([written, plain])
    codes = np.where((draw >= share * 0.9) & (draw < share), where + len(labels), codes)
    return _text(table, codes)


def _text(labels: np.ndarray, positions: np.ndarray) -> pa.Array:
    """Text column from label positions (-1: empty), built as a dictionary array and decoded once."""
    indices = pa.array(np.asarray(positions, dtype=np.int32), mask=np.asarray(positions) < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(labels, pa.string())).cast(pa.string())


def _with_problems(table: pa.Table, rng, spec: ExampleSpec) -> pa.Table:
    """Spoil ``problem_share`` of the rows, each in one of the ways ``PROBLEMS`` names."""
    spoiled = rng.random(table.num_rows) < spec.problem_share
    how = np.array(PROBLEMS, dtype=object)[rng.integers(0, len(PROBLEMS), size=table.num_rows)]
    missing = pa.scalar(None, pa.string())
    posted = pc.if_else(pa.array(spoiled & (how == "no_posted_date")), missing, table["posted_date"])
    posted = pc.if_else(pa.array(spoiled & (how == "posted_date_unreadable")), "next week", posted)
    table = table.set_column(table.schema.get_field_index("posted_date"), "posted_date", posted)
    placeless = pa.array(spoiled & np.isin(how, ["no_location", "location_unknown"]))
    for name in ("county_fips", "cbsa_code", "city", "state"):
        column = pc.if_else(placeless, missing, table[name])
        if name == "cbsa_code":
            column = pc.if_else(pa.array(spoiled & (how == "location_unknown")), "99999", column)
        table = table.set_column(table.schema.get_field_index(name), name, column)
    return table


def write_example(table: pa.Table, path: Path) -> Path:
    """Write ``table`` as Parquet (``.parquet``), CSV (``.csv``) or gzip-compressed CSV (``.csv.gz``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".parquet"):
        pq.write_table(table, path, compression="zstd")
        return path
    compression = "gzip" if path.name.endswith(".gz") else "none"
    con = duckdb.connect()
    try:
        con.register("example", table)
        con.execute(f"COPY example TO '{_sql_text(str(path))}' (HEADER, DELIMITER ',', COMPRESSION '{compression}')")
    finally:
        con.close()
    return path


def _sql_text(value: str) -> str:
    return value.replace("'", "''")
