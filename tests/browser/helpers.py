"""Helpers for driving Streamlit widgets from Playwright."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit has rendered and finished running the script."""
    page.wait_for_selector("[data-testid='stSidebar']")
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=30_000)


def choose_in_selectbox(page: Page, label: str, option: str) -> None:
    """Open the sidebar or main selectbox with this label and pick ``option`` by typing it."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    wait_for_app(page)


def type_into(page: Page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")
    wait_for_app(page)
