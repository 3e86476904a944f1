"""The Layoff response page in a real browser, the issue's must-show: 400 team assemblers (51-2092) and 60 machinists
(51-4041) laid off in the St. Louis metro area give a plan whose allocated workers never exceed any target
occupation's estimated local openings for the horizon, and whose numbers add up (placed + training + not
absorbable = 460): on the page's figures and in the downloaded CSV, typed in and opened from a link with a tight
share of openings (so some workers are not absorbable and the nearest areas are listed)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import choose_in_selectbox, download, open_app, open_page_in_sidebar, press_and_wait

pytestmark = pytest.mark.browser

WORKERS_LABEL = "Affected workers: one occupation a line, its code and head count (e.g. 51-2092, 400)"
OUTCOMES = ("Placed without training", "After short training", "After long training", "Not absorbable locally")


def shown_outcomes(page: Page) -> dict[str, int]:
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics).to_have_count(4)
    shown = {}
    for name in OUTCOMES:
        value = metrics.filter(has_text=name).first.locator("[data-testid='stMetricValue']").inner_text()
        shown[name] = int(value.replace(",", ""))
    return shown


def plan_csv(page: Page) -> pd.DataFrame:
    saved = download(page, "Download the plan (CSV)")
    return pd.read_csv(io.BytesIO(open(saved.path(), "rb").read()))


def check_plan(frame: pd.DataFrame, months: int, share: float) -> None:
    """Every worker once; every BLS code's placed workers within its openings over the horizon."""
    assert int(frame["Workers"].sum()) == 460
    placed = frame[frame["Outcome"] != "not absorbable locally"]
    by_code = placed.groupby("BLS code of the openings").agg(
        workers=("Workers", "sum"),
        room=("Openings over the horizon open to these workers", "first"),
        placed_all=("Placed in this BLS code (all groups)", "first"),
        annual=("Estimated openings a year here", "first"),
    )
    assert len(by_code)
    for code, row in by_code.iterrows():
        assert row.workers == row.placed_all, code
        assert row.workers <= row.room <= row.annual * months / 12 * share + 1e-6, code


def test_st_louis_layoff_plan_adds_up_within_openings(page, app_url):
    open_page_in_sidebar(page, app_url, "Layoff response")
    expect(page.get_by_role("heading", name="Layoff response")).to_be_visible()
    choose_in_selectbox(page, "State", "Missouri")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "St. Louis, MO-IL")
    box = page.get_by_label(WORKERS_LABEL, exact=True)
    box.fill("51-2092, 400\n51-4041, 60")
    press_and_wait(page, box, "Control+Enter")
    expect(page.get_by_role("heading", name="The plan")).to_be_visible()
    assert sum(shown_outcomes(page).values()) == 460
    check_plan(plan_csv(page), 12, 0.5)
    brief = download(page, "Download the one-page brief (PDF)")
    assert open(brief.path(), "rb").read(4) == b"%PDF"


def test_a_link_restores_a_tight_plan_with_nearest_areas(page, app_url):
    open_app(page, f"{app_url}/layoff?area=0041180&layoff=51-2092:400,51-4041:60&months=6&share=10&same=0")
    expect(page.get_by_label(WORKERS_LABEL, exact=True)).to_have_value("51-2092, 400\n51-4041, 60")
    shown = shown_outcomes(page)
    assert sum(shown.values()) == 460 and shown["Not absorbable locally"] > 0
    expect(page.get_by_role("heading", name="Not absorbable locally")).to_be_visible()
    frame = plan_csv(page)
    check_plan(frame, 6, 0.1)
    left = frame[frame["Outcome"] == "not absorbable locally"]
    assert int(left["Workers"].sum()) == shown["Not absorbable locally"]
    assert left["Nearest areas that could absorb them"].str.contains("miles").all()
