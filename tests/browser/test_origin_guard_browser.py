"""The origin guard every browser test runs under (tests/browser/helpers.py): a page that asks for anything
outside the app's own server is refused, the request never leaves the browser, and the test fails, so a map
tile, a CDN script or a web font the dashboard started to need would fail the browser tests."""

from __future__ import annotations

import pytest

from tests.browser.helpers import new_page, open_app, origin_guard, wait_for_app

pytestmark = pytest.mark.browser

FOREIGN = "http://example.invalid/tile.png"


def test_a_request_outside_the_app_is_refused_and_fails_the_test(browser, app_url):
    with pytest.raises(AssertionError, match="outside the app") as failed:
        with new_page(browser) as page:
            open_app(page, app_url)
            guard = origin_guard(page)
            assert guard.app_origin == app_url and guard.refused == []  # the app itself loaded untouched
            outcome = page.evaluate(f"fetch({FOREIGN!r}).then(() => 'fetched', () => 'refused')")
            assert outcome == "refused"
            assert guard.refused == [FOREIGN]
            wait_for_app(page)  # the next wait fails the test
    assert FOREIGN in str(failed.value)


def test_a_foreign_image_fails_the_test_when_the_page_closes(browser, app_url):
    with pytest.raises(AssertionError, match="outside the app"):
        with new_page(browser) as page:
            open_app(page, app_url)
            page.evaluate(
                f"""() => new Promise(done => {{
                    const image = new Image();
                    image.onload = image.onerror = done;
                    image.src = {FOREIGN!r};
                }})"""
            )
            assert origin_guard(page).refused == [FOREIGN]


def test_the_apps_own_requests_and_inline_data_pass(page, app_url):
    open_app(page, app_url)
    own = page.evaluate(f"fetch({app_url + '/_stcore/health'!r}).then(response => response.text())")
    inline = page.evaluate("fetch('data:text/plain,hello').then(response => response.text())")
    assert (own, inline) == ("ok", "hello")
    assert origin_guard(page).refused == []
