"""Career transitions in a real browser: pick a metro, search an occupation, see ranked targets with
the similarity-vs-demand chart, look closer at one target, download the ranking; a BLS group figure
shown with whose numbers it is; too strict thresholds relaxed in one click; then a self-assessment
that is refused when empty and answered when rated."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    choose_in_selectbox,
    choose_radio,
    click_and_wait,
    download,
    new_page,
    open_page_in_sidebar,
    press_and_wait,
    rerun_after,
    type_into,
)

pytestmark = pytest.mark.browser


def open_transitions(page: Page, app_url: str) -> None:
    open_page_in_sidebar(page, app_url, "Career transitions")
    expect(page.get_by_role("heading", name="Career transitions")).to_be_visible()


def test_nurse_in_hartford_sees_ranked_moves_gaps_and_downloads(page, app_url, tmp_path):
    outside = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(app_url) or request.url.startswith("data:") else outside.append(request.url)
        ),
    )
    open_transitions(page, app_url)
    choose_in_selectbox(page, "State", "Connecticut")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Hartford-West Hartford-East Hartford, CT")
    type_into(page, "Your current or last occupation", "registerd nurse")

    expect(
        page.get_by_role("heading", name="Where Registered Nurses can lead in Hartford-West Hartford-East Hartford, CT")
    ).to_be_visible()
    expect(page.get_by_text("Source: O*NET").first).to_be_visible()
    charts = page.locator("[data-testid='stPlotlyChart']")
    expect(charts.first.locator("svg.main-svg").first).to_be_visible(timeout=30_000)
    expect(charts.first.locator("svg text.gtitle")).to_have_text("Similarity against local demand")
    expect(page.get_by_text("Chart summary:").first).to_be_visible()

    choose_in_selectbox(page, "Look closer at", "#2 Nurse Practitioners")
    expect(page.get_by_text("Why Nurse Practitioners is similar").first).to_be_visible()
    expect(page.get_by_text("Skills and knowledge to build for Nurse Practitioners").first).to_be_visible()
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Typical entry education (BLS)").first).to_contain_text("Master's degree")

    saved = tmp_path / "ranked.csv"
    download(page, "Download the ranked occupations (CSV)").save_as(saved)
    content = saved.read_text()
    assert "Nurse Practitioners" in content and "Physician Assistants" in content
    assert "Source: O*NET" in content and "BLS OEWS May 2025" in content
    assert outside == []  # everything, charts included, is served by the app itself


def test_self_assessment_refuses_empty_ratings_then_answers(page, app_url):
    open_transitions(page, app_url)
    choose_radio(page, "A self-assessment of my skills")
    click_and_wait(page, page.get_by_role("button", name="Find occupations"))
    expect(page.locator("[data-testid='stAlert']").filter(has_text="All your skill ratings are 0")).to_be_visible()

    for skill, presses in (
        ("Repairing", 6),
        ("Operation and Control", 5),
        ("Reading Comprehension", 3),
        ("Mathematics", 2),
        ("Writing", 2),
    ):
        slider = page.locator("[data-testid='stSlider']").filter(has_text=skill).first.get_by_role("slider")
        slider.focus()
        for _ in range(presses):
            slider.press("ArrowRight")  # inside the form: nothing reruns until it is submitted
    click_and_wait(page, page.get_by_role("button", name="Find occupations"))
    expect(page.get_by_role("heading", name="Where your self-assessment can lead in the United States")).to_be_visible()
    expect(page.get_by_text("You did not enter your pay").first).to_be_visible()


GROUP_LABEL = "BLS group 13-1041 Compliance Officers, shared by 7 occupations"


def test_paralegal_in_hartford_sees_whose_numbers_beside_a_shared_figure(browser, app_url, tmp_path):
    """Compliance Officers' 1,390 jobs in Hartford are BLS's 13-1041 figure, shared by 7 O*NET occupations:
    the ranked table shows the group label in the row, the closer look names it beside the jobs figure,
    and the CSV carries the BLS code and the label."""
    with new_page(browser, width=2200, height=1200) as page:  # every table column in view
        open_transitions(page, app_url)
        choose_in_selectbox(page, "State", "Connecticut")
        choose_in_selectbox(page, "Metro or nonmetropolitan area", "Hartford-West Hartford-East Hartford, CT")
        type_into(page, "Your current or last occupation", "paralegal")
        expect(
            page.get_by_role(
                "heading",
                name="Where Paralegals and Legal Assistants can lead in Hartford-West Hartford-East Hartford, CT",
            )
        ).to_be_visible()

        # the grid is drawn on a canvas; its cells are also in an accessible table (visually hidden)
        ranked = page.locator("[data-testid='stDataFrame']").first
        expect(ranked.get_by_role("columnheader", name="Whose numbers", include_hidden=True)).to_have_count(1)
        officers = ranked.get_by_role("row", include_hidden=True).filter(
            has=page.get_by_role("gridcell", name="Compliance Officers", exact=True, include_hidden=True)
        )
        expect(officers.get_by_role("gridcell", name=GROUP_LABEL, include_hidden=True)).to_have_count(1)
        jobs = re.compile(r"^1,?390$")  # the accessible cell may carry the raw number
        expect(officers.get_by_role("gridcell", name=jobs, include_hidden=True)).to_have_count(1)
        secretaries = ranked.get_by_role("row", include_hidden=True).filter(
            has=page.get_by_role(
                "gridcell", name="Legal Secretaries and Administrative Assistants", exact=True, include_hidden=True
            )
        )
        expect(secretaries.get_by_role("gridcell", name="BLS group", include_hidden=True)).to_have_count(0)

        choose_ranked(page, "Compliance Officers")
        expect(
            page.get_by_text(f"1,390 jobs in Hartford-West Hartford-East Hartford, CT now for {GROUP_LABEL}").first
        ).to_be_visible()
        panel = page.locator("[data-testid='stTable']").first  # the chosen row's figures, one a line
        expect(panel.get_by_role("row").filter(has_text="Whose numbers")).to_contain_text(GROUP_LABEL)

        saved = tmp_path / "ranked.csv"
        download(page, "Download the ranked occupations (CSV)").save_as(saved)
        content = saved.read_text()
        assert "BLS code of the figures [demand_soc_code]" in content and "Whose numbers [demand_basis]" in content
        assert GROUP_LABEL in content and "13-1041" in content
        assert "same BLS figure as Compliance Officers (ranked above)" in content


def choose_ranked(page: Page, title: str) -> None:
    """Pick ``title`` in "Look closer at", whatever its rank ("#5 Compliance Officers")."""
    field = page.locator("[data-testid='stSelectbox']").filter(has_text="Look closer at").first.locator("input")
    field.click()
    field.fill(title)
    option = page.get_by_role("option", name=re.compile(rf"^#\d+ {re.escape(title)}$")).first
    rerun_after(page, option.click)
    expect(field).to_have_value(re.compile(rf"^#\d+ {re.escape(title)}$"))


def test_too_strict_thresholds_offer_the_nearest_relaxation_in_one_click(page, app_url):
    open_transitions(page, app_url)
    type_into(page, "Your current or last occupation", "registered nurse")
    page.get_by_text("Thresholds: which occupations are ranked").click()  # an expander: no rerun
    slider = page.locator("[data-testid='stSlider']").filter(has_text="Lowest similarity").first.get_by_role("slider")
    press_and_wait(page, slider, "End")
    expect(page.get_by_text("the lowest similarity (100) removed 50 of 50").first).to_be_visible()
    button = page.get_by_role("button", name="Relax the lowest similarity from 100 to")
    click_and_wait(page, button)
    expect(page.get_by_role("button", name="Download the ranked occupations (CSV)")).to_be_visible()
    expect(page.get_by_text("No occupation passes every threshold")).to_have_count(0)


def test_a_row_selected_in_the_compact_table_opens_its_panel_and_nothing_scrolls_sideways(page, app_url):
    """The ranked table fits the page (no sideways scrolling at 1280 px); selecting its third row with the
    mouse picks that occupation in "Look closer at" (the keyboard route) and shows its figures."""
    open_transitions(page, app_url)
    choose_in_selectbox(page, "State", "Connecticut")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Hartford-West Hartford-East Hartford, CT")
    type_into(page, "Your current or last occupation", "registered nurse")
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid).to_be_visible()
    scroller = grid.locator(".dvn-scroller").first
    widths = scroller.evaluate("node => [node.scrollWidth, node.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths  # scrollWidth within clientWidth: no sideways scrolling
    stones = page.locator("[data-testid='stDataFrame']").filter(
        has=page.get_by_role("columnheader", name="First step", include_hidden=True)
    )
    widths = stones.locator(".dvn-scroller").first.evaluate("node => [node.scrollWidth, node.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    header_px, row_px = 35, 35
    rerun_after(page, lambda: page.mouse.click(box["x"] + 15, box["y"] + header_px + 2.5 * row_px))
    field = page.locator("[data-testid='stSelectbox']").filter(has_text="Look closer at").first.locator("input")
    expect(field).to_have_value(re.compile(r"^#3 "))
    title = field.input_value().removeprefix("#3 ")
    expect(page.get_by_text(f"Figures for {title} in Hartford-West Hartford-East Hartford, CT").first).to_be_visible()
    # the keyboard route: focus "Look closer at", type, Enter
    field.focus()
    page.keyboard.press("ArrowDown")  # opens the list
    page.keyboard.type("Nurse Practitioners")
    expect(page.get_by_role("option", name=re.compile(r"Nurse Practitioners$")).first).to_be_visible()
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    expect(field).to_have_value(re.compile(r"^#\d+ Nurse Practitioners$"))
    expect(page.get_by_text("Figures for Nurse Practitioners in Hartford").first).to_be_visible()
