"""State long-term occupational projections for all states, as Projections Central publishes them.

Each state's labor market information agency makes ten-year occupational projections; the Projections
Managing Partnership (USDOL/ETA funded) publishes them for every state at projectionscentral.org. The
bulk long-term file is one CSV of every state x occupation; its columns (``STFIPS, AREANAME, CODE,
TITLE, BASEYEAR, BASE, PROJYEAR, PROJ, CHANGE, PERCENTCHANGE, AVGANNUALOPENINGS``) and the other
spellings Projections Central has used are described, with where each was seen, in
``lmi.demand.state_projections`` (the one layout the ETL and the staff import share). The live file's
exact header could not be checked from this offline project, so headers are matched without regard to
case, spaces or underscores; a missing figure column fails the download naming the columns found, and a
missing descriptive column (area name, title, numeric change) is left empty.

Download. The pinned URL (``public.projectionscentral.org/projections/file/longterm/csv``) answers with
a small JSON object whose ``content`` is a short-lived link to the CSV itself (a presigned storage URL);
``resolve_download_url`` follows it, so the cached file, its checksum and the provenance are the CSV's.
A server that answers the pinned URL with the file itself (a mirror) is read directly. The presigned
link is never recorded: it carries a signature and expires within minutes; the pinned URL is recorded.

Period. Every row names its base and projected year; the file must hold the period pinned in
``etl/releases.toml`` (``projection_period``), so a new projection cycle needs a reviewed change of the
pin, not a silent reload. Projections Central files the United States under STFIPS 0; the raw table
keeps every row as published and ``core_state_projection`` keeps the states (``etl/sql/70_*.sql``).

The shipped snapshot carries no state projections (they are not in the project's shared data and this
project never invents figures), so the raw table is optional: ``python -m etl build`` works without it,
and ``python -m etl download`` adds it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import requests

from etl.errors import DownloadError, SchemaDriftError, SourceValueError
from etl.raw_tables import Column, RawTable, conform_frame
from etl.releases import load_releases
from lmi.demand.state_projections import NA_MARKERS, PROJECTIONS_CENTRAL_LAYOUT, match_headers

SOURCE_KEY = "state_projections"
OFFICIAL_FILE = "ltprojections.csv"
_KINDS = {"text": "text", "year": "integer", "count": "double", "signed": "double", "pct": "double"}
LINK_SNIFF_BYTES = 1024
MAX_LINK_BYTES = 64 * 1024

STATE_PROJECTIONS = RawTable(
    "raw_state_projection",
    SOURCE_KEY,
    OFFICIAL_FILE,
    tuple(Column(c.header, c.name, _KINDS[c.kind]) for c in PROJECTIONS_CENTRAL_LAYOUT),
    "Long-term occupational projections of every state (and the United States, STFIPS 0), one row per "
    "state x occupation, as Projections Central publishes them; (NA) = not published by the state.",
    optional=True,
)
STATE_PROJECTIONS_TABLES = (STATE_PROJECTIONS,)


def read_projections_csv(path: Path, expected_period: str | None = None) -> pd.DataFrame:
    """The bulk CSV as the declared raw table; every row must cover ``expected_period`` ("2022-2032")."""
    path = Path(path)
    frame = pd.read_csv(io.StringIO(_text(path)), dtype=str, keep_default_na=False)
    found, _ = match_headers(list(frame.columns))
    missing = [c.header for c in PROJECTIONS_CENTRAL_LAYOUT if c.required and c.name not in found]
    if missing:
        raise SchemaDriftError(
            f"{path.name}: expected column(s) {', '.join(missing)} (or another spelling Projections Central "
            f"has used) are missing (found {', '.join(map(repr, frame.columns)) or 'no columns'}). The "
            "layout changed; update lmi/demand/state_projections.py (PROJECTIONS_CENTRAL_LAYOUT)."
        )
    renamed = pd.DataFrame(index=frame.index)
    for column in PROJECTIONS_CENTRAL_LAYOUT:  # a descriptive column the file lacks (area name, title) stays empty
        renamed[column.header] = frame[found[column.name]] if column.name in found else ""
    renamed["PERCENTCHANGE"] = renamed["PERCENTCHANGE"].str.replace("%", "", regex=False)
    table = conform_frame(renamed, STATE_PROJECTIONS, path.name, first_row=2, null_markers=NA_MARKERS)
    if expected_period:
        _require_period(table, expected_period, path.name)
    return table


def read_downloaded(folder: Path) -> dict[str, pd.DataFrame]:
    """The pinned file in ``folder``, checked against the pinned projection period."""
    period = load_releases()[SOURCE_KEY].setting("projection_period")
    return {STATE_PROJECTIONS.name: read_projections_csv(Path(folder) / OFFICIAL_FILE, period)}


def read_shared(root: Path) -> dict[str, pd.DataFrame]:
    """The project's shared data folder holds no state projections: the shipped snapshot carries none."""
    return {}


def resolve_download_url(session: requests.Session, url: str) -> str:
    """The URL that serves the CSV: the ``content`` link of the JSON the pinned URL answers with, or the
    pinned URL itself when it serves the file (only the first bytes are read to tell which)."""
    try:
        response = session.get(url, stream=True)
    except requests.RequestException as exc:
        raise DownloadError(f"{url}: cannot be fetched ({type(exc).__name__}: {exc})") from exc
    with response:
        if response.status_code >= 400:
            raise DownloadError(
                f"{url}: the server answered HTTP {response.status_code} {response.reason or ''}".strip()
                + "; check the URL pinned in etl/releases.toml"
            )
        chunks = response.iter_content(chunk_size=LINK_SNIFF_BYTES)
        first = next(chunks, b"")
        is_json = "json" in response.headers.get("Content-Type", "").lower() or first.lstrip().startswith(b"{")
        if not is_json:
            return url
        body = first + b"".join(_limited(chunks, MAX_LINK_BYTES, url))
    return _content_link(body, url)


def _limited(chunks, limit: int, url: str):
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise DownloadError(
                f"{url}: answered JSON larger than {limit:,} bytes; expected a small object "
                "with a 'content' link to the CSV"
            )
        yield chunk


def _content_link(body: bytes, url: str) -> str:
    try:
        link = json.loads(body.decode("utf-8")).get("content")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
        raise DownloadError(
            f"{url}: answered something that is neither the CSV nor JSON with a 'content' link ({type(exc).__name__})"
        ) from exc
    if not isinstance(link, str) or not link.startswith(("https://", "http://")):
        raise DownloadError(f"{url}: answered JSON without a 'content' link to the CSV (got {link!r})")
    return link


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # titles with accents in a file saved by a spreadsheet program


def _require_period(table: pd.DataFrame, expected: str, label: str) -> None:
    periods = table.base_year.astype("string") + "-" + table.projected_year.astype("string")
    wrong = periods.isna() | (periods != expected)
    if wrong.any():
        first = int(wrong.to_numpy().nonzero()[0][0])
        found = sorted(set(periods.dropna()) - {expected})
        raise SourceValueError(
            f"{label}: row {first + 2} covers {periods.iloc[first] if pd.notna(periods.iloc[first]) else 'no period'}"
            f", but etl/releases.toml pins projection_period = {expected!r} ({int(wrong.sum())} row(s) differ; "
            f"other periods in the file: {', '.join(found) or 'none'}). A new projection cycle needs a reviewed "
            "change of the pin (version and projection_period), not a silent reload."
        )
