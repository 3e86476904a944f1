"""The project's sector definitions as loaded by the ETL (``core_sector*``, from data/sectors/*.toml):
which sectors exist, exactly which occupations each holds and which of them signal the sector
(``is_signature``), what public documents each list follows, and which version of the file the
database was built from.

Sector members are codes BLS publishes numbers for, and some of those numbers are a group's: an
"All Other" residual (29-1299) or a code O*NET splits into several occupations (31-1120 covers
Home Health Aides and Personal Care Aides). ``group_labels`` says so in words for every such code,
so a member list, a flag table or a CSV row shows that the figure is the group's.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.db import query_df, query_rows
from lmi.demand.labels import grain_words
from lmi.i18n import _, ngettext

GROUP_NAMES_SHOWN = 3  # O*NET titles named in a group label before "and N more"


@dataclass(frozen=True)
class SectorDefinitions:
    """The sector file as the database holds it, read once and shared by every analysis of one database:
    the sectors in the file's order (``list_sectors``), their members (``sector_membership``), the words
    for group figures (``groups``) and the file's version note (``file_note``). What is held is data
    (``group_rows``, ``file_rows``); the words are made in the visitor's language each time they are read,
    so one held copy serves every language."""

    sectors: pd.DataFrame
    membership: pd.DataFrame
    group_rows: pd.DataFrame  # ``group_figures``: what each group label is made from
    file_rows: tuple[tuple[str, str, str], ...]  # (file name, version, SHA-256) of each sector file

    @property
    def groups(self) -> pd.DataFrame:
        """(soc_code, group_label) for every code whose figure is a group's (``group_labels``)."""
        return label_groups(self.group_rows)

    @property
    def file_note(self) -> str:
        """The sector files' version note (``sector_file_note``)."""
        return file_note_words(self.file_rows)

    @property
    def names(self) -> dict[str, str]:
        """Sector key -> name, in the file's order."""
        return dict(zip(self.sectors.sector_key, self.sectors.sector_name))

    def sector(self, sector_key: str) -> pd.Series:
        """One sector's row of ``list_sectors`` (name, description, basis, how the list was made)."""
        return self.sectors.set_index("sector_key").loc[sector_key]


def load_definitions(con: duckdb.DuckDBPyConnection) -> SectorDefinitions:
    return SectorDefinitions(list_sectors(con), sector_membership(con), group_figures(con), sector_files(con))


def list_sectors(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per sector, in the file's order, with its occupation and signature counts."""
    return query_df(
        con,
        """
        SELECT s.sector_key, s.sector_name, s.description, s.basis, s.selection, s.indeed_note, s.file_name,
               s.file_version,
               (SELECT count(*) FROM core_sector_occupation o WHERE o.sector_key = s.sector_key) AS occupations_count,
               (SELECT count(*) FROM core_sector_occupation o WHERE o.sector_key = s.sector_key AND o.is_signature)
                   AS signature_occupations_count
        FROM core_sector s
        ORDER BY s.sector_order
    """,
    )


def sector_membership(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """(sector_key, soc_code, is_signature) for every sector occupation: the join key for every sector analysis."""
    return query_df(
        con, "SELECT sector_key, soc_code, is_signature FROM core_sector_occupation ORDER BY sector_key, soc_code"
    )


def sector_occupations(con: duckdb.DuckDBPyConnection, sector_keys: list[str]) -> pd.DataFrame:
    """The occupations of the given sectors with the titles BLS publishes them under, whether each is a
    signature occupation, and the group label where its figures are a group's, so a user sees exactly
    what is in a sector."""
    members = query_df(
        con,
        """
        SELECT s.sector_key, s.sector_name, o.soc_code, d.soc_title, o.is_signature, o.file_line
        FROM core_sector_occupation o
        JOIN core_sector s USING (sector_key)
        JOIN out_soc_demand d ON d.soc_code = o.soc_code AND d.area_code = $nation
        WHERE list_contains($keys, o.sector_key)
        ORDER BY s.sector_order, o.soc_code
    """,
        {"keys": list(sector_keys), "nation": NATION_CODE},
    )
    return add_group_labels(members, group_labels(con))


def sector_citations(con: duckdb.DuckDBPyConnection, sector_keys: list[str]) -> pd.DataFrame:
    return query_df(
        con,
        """
        SELECT c.sector_key, c.citation_order, c.title, c.publisher, c.url
        FROM core_sector_citation c JOIN core_sector s USING (sector_key)
        WHERE list_contains($keys, c.sector_key)
        ORDER BY s.sector_order, c.citation_order
    """,
        {"keys": list(sector_keys)},
    )


def sector_files(con: duckdb.DuckDBPyConnection) -> tuple[tuple[str, str, str], ...]:
    """(file name, version, SHA-256) of each sector file the database was built from."""
    rows = query_rows(con, "SELECT file_name, version, sha256 FROM meta_sector_file ORDER BY file_name")
    return tuple((str(name), str(version), str(sha)) for name, version, sha in rows)


def sector_file_note(con: duckdb.DuckDBPyConnection) -> str:
    """ "Sector definitions: data/sectors/sectors-v2.toml, version 2 (SHA-256 3286…)." for captions and CSVs."""
    return file_note_words(sector_files(con))


def file_note_words(files: tuple[tuple[str, str, str], ...]) -> str:
    """The version note of ``sector_files`` in the visitor's language ("" when there are none)."""
    parts = [
        _("data/sectors/{file}, version {version} (SHA-256 {sha}…)").format(file=name, version=version, sha=sha[:12])
        for name, version, sha in files
    ]
    if not parts:
        return ""
    return _("Sector definitions: {files} — the project's own lists, each citing its sources.").format(
        files="; ".join(parts)
    )


# ---------------------------------------------------------------- group figures


def group_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """(soc_code, group_label) for every published code whose figure is a group's: an "All Other"
    residual, or a code covering more than one O*NET occupation. Codes with their own figure are absent.

    "Group figure (a BLS group published only as a whole) for 2 O*NET occupations: Home Health Aides;
    Personal Care Aides"."""
    return label_groups(group_figures(con))


def group_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What each group label is made from: soc_code, is_all_other, is_aggregate, is_combined,
    onet_occupations_count and the O*NET titles (``onet_titles``) of every code whose figure is a group's."""
    return query_df(
        con,
        """
        SELECT d.soc_code, d.is_all_other, d.onet_occupations_count,
               bool_or(x.oews_match_method = 'broad_group') AS is_aggregate,
               bool_or(x.oews_match_method = 'residual_in_broad_group') AS is_combined,
               list(o.title ORDER BY x.onet_soc_code) FILTER (WHERE o.title IS NOT NULL) AS onet_titles
        FROM out_soc_demand d
        LEFT JOIN core_onet_soc_crosswalk x ON x.oews_soc_code = d.soc_code
        LEFT JOIN core_occupation o ON o.onet_soc_code = x.onet_soc_code
        WHERE d.area_code = $nation AND (d.is_all_other OR d.onet_occupations_count > 1)
        GROUP BY ALL
        ORDER BY d.soc_code
    """,
        {"nation": NATION_CODE},
    )


def label_groups(rows: pd.DataFrame) -> pd.DataFrame:
    """(soc_code, group_label) from ``group_figures`` rows, in the visitor's language."""
    labels = [
        group_label(*row)
        for row in rows[
            ["is_all_other", "is_aggregate", "is_combined", "onet_occupations_count", "onet_titles"]
        ].itertuples(index=False)
    ]
    return pd.DataFrame({"soc_code": rows.soc_code, "group_label": labels})


def group_label(is_all_other: bool, is_aggregate: bool, is_combined: bool, onet_count, onet_titles) -> str:
    """The words for one group figure, naming (up to three of) the O*NET occupations it covers."""
    grain = (
        "all_other"
        if is_all_other
        else "bls_aggregate"
        if is_aggregate
        else "bls_combined"
        if is_combined
        else "shared_soc"
    )
    titles = [] if onet_titles is None else list(onet_titles)
    count = 0 if pd.isna(onet_count) else int(onet_count)
    if not titles:
        return _("Group figure ({grain})").format(grain=grain_words(grain))
    named = "; ".join(titles[:GROUP_NAMES_SHOWN])
    if len(titles) > GROUP_NAMES_SHOWN:
        named = _("{titles}; and {more} more").format(titles=named, more=len(titles) - GROUP_NAMES_SHOWN)
    return ngettext(
        "Group figure ({grain}) for {count} O*NET occupation: {titles}",
        "Group figure ({grain}) for {count} O*NET occupations: {titles}",
        count,
    ).format(grain=grain_words(grain), count=count, titles=named)


def add_group_labels(frame: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """``group_label`` on each row ("" where the figure is the code's own)."""
    out = frame.drop(columns=["group_label"], errors="ignore").merge(labels, on="soc_code", how="left")
    out["group_label"] = out.group_label.fillna("")
    return out
