"""Any occupation code a user or a file gives, resolved to the code BLS publishes numbers for.

Staff and seat plans name occupations in whichever code they have: an O*NET-SOC code
(``31-1121.00``), a SOC 2018 detailed code (``31-1121``) or the code BLS publishes (``31-1120``,
``13-1020``, ``29-2010``, an "All Other" residual). All of them lead to one published code, found
with the same crosswalk the demand model is built on (``core_onet_soc_crosswalk``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from lmi.db import query_rows
from lmi.i18n import _

ONET_SOC = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
SOC = re.compile(r"^\d{2}-\d{4}$")


class UnknownOccupationCodeError(LookupError):
    """The code is not an O*NET-SOC or SOC code that leads to a code BLS publishes."""


@dataclass(frozen=True)
class ResolvedCode:
    given_code: str
    bls_soc_code: str
    bls_title: str
    how: str  # "published" | "soc_in_group" | "onet_soc"


class CodeResolver:
    """Resolves codes against one reference database (the lookups are read once, about 2,000 rows)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.published = dict(query_rows(con, "SELECT DISTINCT soc_code, soc_title FROM out_soc_demand"))
        rows = query_rows(
            con,
            "SELECT onet_soc_code, soc_code, oews_soc_code FROM core_onet_soc_crosswalk "
            "WHERE oews_soc_code IS NOT NULL",
        )
        self.by_onet = {onet: bls for onet, _soc, bls in rows}
        self.by_soc = {soc: bls for _onet, soc, bls in rows}

    def resolve(self, code: str) -> ResolvedCode:
        """The published code for ``code``; raises ``UnknownOccupationCodeError`` with a plain reason."""
        given = str(code).strip()
        if given in self.published:
            return ResolvedCode(given, given, self.published[given], "published")
        if SOC.match(given) and given in self.by_soc:
            bls = self.by_soc[given]
            return ResolvedCode(given, bls, self.published[bls], "soc_in_group")
        if ONET_SOC.match(given) and given in self.by_onet:
            bls = self.by_onet[given]
            return ResolvedCode(given, bls, self.published[bls], "onet_soc")
        raise UnknownOccupationCodeError(_why_unknown(given))

    def try_resolve(self, code: str) -> ResolvedCode | None:
        try:
            return self.resolve(code)
        except UnknownOccupationCodeError:
            return None


def _why_unknown(code: str) -> str:
    if not (SOC.match(code) or ONET_SOC.match(code)):
        return _("{code} is not an occupation code (expected SOC like 31-1120 or O*NET-SOC like 31-1121.00)").format(
            code=repr(code)
        )
    return _("{code} is not a code BLS publishes numbers for, and no published code covers it").format(code=code)
