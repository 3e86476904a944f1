"""Layoff response planner: where a closing plant's displaced workers can go in the region, how many of them the
region's openings can take over a stated horizon, and what it will take (training, cost, funding streams).

- ``inputs``: the layoff (region, affected occupations with head counts, date, horizon, assumptions) and the
  staffing table a user uploads (CSV/XLSX), checked with messages that name the row and column at fault;
- ``allocation``: the deterministic allocation of workers to target occupations that shares each BLS code's
  openings among every affected group (pure Python, no database);
- ``plan``: the plan itself, built on ``lmi.transitions`` (thresholds and ranking) and ``lmi.demand`` (openings);
- ``needs``: what each pathway takes (skill gaps, education step, CIP programs, the registry's programs, cost and
  funding streams);
- ``nearby``: the nearest metro areas that could absorb what the region cannot;
- ``tables``: the plan as tables for the page and the CSV download;
- ``saved``: plans' inputs staff save by name in the records store (migration 9);
- ``staffing``: an industry's usual staffing pattern (BLS OEWS national industry-specific estimates) to prefill the
  affected workers, labelled an estimate.
"""
