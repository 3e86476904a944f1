"""Recorded training programs' published figures: WIOA indicators and program measures
(``outcomes``, counted in ``counts``), small-cell suppression (``suppression``), each program's published
tables stored once per import (``published``), wording (``labels``),
the list's filters (``filters``), local fit of a program's target occupations (``local_fit``), the tables
and chart data the program pages show (``tables``), the full WIOA scorecard against the negotiated levels
(``scorecard``, worded by ``scorecard_tables``), return on investment (``roi``) and New Jersey's published ETPL
outcomes beside them (``nj_etpl``). The records themselves live in ``lmi.records``."""
