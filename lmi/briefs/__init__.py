"""One-page briefs (PDF) that officials take to a board meeting: a region (optionally with one
occupation in it) and a training program, each with its key figures, one chart, a small table, its
sources and vintage, and "generated example data" wherever such data appears.

Two steps, so the words and figures are tested apart from the drawing:

- ``region`` and ``program`` assemble a ``content.Brief`` from the domain (``lmi.demand`` for local
  demand, ``lmi.programs`` for published outcomes and local fit), in the same words and formats the pages
  use;
- ``render`` draws a ``Brief`` on one US Letter page with fpdf2's core fonts (no system font needed) and
  draws its chart with fpdf2's own lines and rectangles; ``text.pdf_safe`` keeps every string inside what
  those fonts can show.

``links`` is the dashboard's link format (``?area=...&occupation=...&program=...``), printed on each brief
so a reader can open the live view. ``python -m lmi.briefs`` writes briefs for many regions or programs.
"""
