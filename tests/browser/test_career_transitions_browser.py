"""Career transitions in a real browser: pick a metro, search an occupation, see ranked targets with
the similarity-vs-demand chart, look closer at one target, download the ranking; then a
self-assessment that is refused when empty and answered when rated."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import choose_in_selectbox, type_into, wait_for_app

pytestmark = pytest.mark.browser


def open_transitions(page: Page, app_url: str) -> None:
    page.goto(app_url)  # use the navigation link (see the sector check test: direct URLs show a dialog first)
    wait_for_app(page)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Career transitions", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Career transitions")).to_be_visible()


def test_nurse_in_hartford_sees_ranked_moves_gaps_and_downloads(page, app_url, tmp_path):
    outside = []
    page.on("request", lambda request: None if request.url.startswith(app_url) or request.url.startswith("data:")
            else outside.append(request.url))
    open_transitions(page, app_url)
    choose_in_selectbox(page, "State", "Connecticut")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Hartford-West Hartford-East Hartford, CT")
    type_into(page, "Your current or last occupation", "registerd nurse")

    expect(page.get_by_role("heading", name="Where Registered Nurses can lead in "
                                           "Hartford-West Hartford-East Hartford, CT")).to_be_visible()
    expect(page.get_by_text("Source: O*NET").first).to_be_visible()
    charts = page.locator("[data-testid='stVegaLiteChart']")
    expect(charts.first.locator("canvas, svg").first).to_be_visible(timeout=30_000)

    choose_in_selectbox(page, "Look closer at", "#2 Nurse Practitioners")
    expect(page.get_by_text("Why Nurse Practitioners is similar").first).to_be_visible()
    expect(page.get_by_text("Skills and knowledge to build for Nurse Practitioners").first).to_be_visible()
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Typical entry education (BLS)").first).to_contain_text("Master's degree")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the ranked occupations (CSV)").click()
    saved = tmp_path / "ranked.csv"
    download.value.save_as(saved)
    content = saved.read_text()
    assert "Nurse Practitioners" in content and "Physician Assistants" in content
    assert "Source: O*NET" in content and "BLS OEWS May 2025" in content
    assert outside == []  # everything, charts included, is served by the app itself


def test_self_assessment_refuses_empty_ratings_then_answers(page, app_url):
    open_transitions(page, app_url)
    page.get_by_text("A self-assessment of my skills").click()
    wait_for_app(page)
    page.get_by_role("button", name="Find occupations").click()
    wait_for_app(page)
    expect(page.locator("[data-testid='stAlert']").filter(has_text="All your skill ratings are 0")).to_be_visible()

    for skill, presses in (("Repairing", 6), ("Operation and Control", 5), ("Reading Comprehension", 3),
                           ("Mathematics", 2), ("Writing", 2)):
        slider = page.locator("[data-testid='stSlider']").filter(has_text=skill).first.get_by_role("slider")
        slider.focus()
        for _ in range(presses):
            slider.press("ArrowRight")
    page.get_by_role("button", name="Find occupations").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Where your self-assessment can lead in the United States")).to_be_visible()
    expect(page.get_by_text("You did not enter your pay").first).to_be_visible()
