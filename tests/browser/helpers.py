"""Driving the app from Playwright without racing Streamlit's reruns.

Every widget change sends the server a ``rerun_script`` message; the server runs the page and streams
its elements back, ending with ``script_finished``. Until then the page shows a mix of the old and the
new run, and a widget clicked meanwhile may be redrawn under the pointer. The DOM alone cannot say
when a run is over: the running indicator (``stStatusWidget``) only appears after 500 ms, and the
``data-test-script-state`` attribute still reads "notRunning" between a click and the server's answer.

So each page carries a ``RunTracker`` that reads the app's websocket (Streamlit's own protobuf
messages): a page has settled when the server has finished a run (not one it stopped to rerun) after
the last rerun the page asked for, and the page then shows no running state. Every interaction here
waits for that before the test asserts anything, and fails at once, with the app's own message, if
the page shows an exception, so a broken page is not mistaken for a slow one.

Use these helpers for every navigation and every interaction that changes a widget's value:
``open_app``, ``open_page_in_sidebar``, ``choose_in_selectbox``, ``type_into``, ``choose_radio``,
``click_and_wait``, ``press_and_wait``, ``upload_file``, ``download``; ``wait_for_app`` after
anything else. Typing into a form's fields or opening an expander changes nothing on the server and
needs no wait.

The dashboard must work offline and tell no third party who reads it, so every page is also watched by an
``OriginGuard``: a request to anywhere but the app's own server is refused and fails the test (at the next
wait, and when the page closes).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Download, Locator, Page, Request, Route, WebSocket, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# A 2-CPU machine running the app, Chromium and pytest while another process keeps a CPU busy can be
# slow by a factor of ten: these are limits for a broken page, not expected durations.
SETTLE_TIMEOUT_S = 120  # a run of a page (the first one of a session fills the caches)
RERUN_START_TIMEOUT_S = 30  # between an interaction and the rerun request it causes (sliders debounce)
NO_RERUN_GRACE_S = 1.5  # how long an interaction that may change nothing is given to ask for a rerun
ACTION_TIMEOUT_MS = 60_000  # Playwright's default for clicks, fills and waits on locators
EXPECT_TIMEOUT_MS = 30_000  # expect(...) assertions retry this long (Playwright's default is 5 s)
POLL_MS = 50

APP = "[data-testid='stApp']"
STATUS_WIDGET = "[data-testid='stStatusWidget']"
EXCEPTION = "[data-testid='stException']"
SKELETON = "[data-testid='stSkeleton']"

expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@dataclass
class RunTracker:
    """What the app's websocket says about script runs, in the order the frames passed."""

    seq: int = 0  # one step per rerun request or finished run
    last_request_seq: int = 0
    last_finish_seq: int = 0
    requests: int = 0
    running: bool = False
    page_not_found: int = 0
    sockets: int = 0
    compile_error: str = ""

    def on_sent(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        message = BackMsg()
        message.ParseFromString(payload)
        if message.WhichOneof("type") == "rerun_script":
            self.seq += 1
            self.requests += 1
            self.last_request_seq = self.seq

    def on_received(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.running = True
        elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            # a run stopped for a rerun (a newer request, or st.rerun()) is followed by the next run
            self.seq += 1
            self.last_finish_seq = self.seq
            self.running = False
        elif kind == "page_not_found":
            self.page_not_found += 1
        elif kind == "session_event" and message.session_event.HasField("script_compilation_exception"):
            self.compile_error = message.session_event.script_compilation_exception.message

    @property
    def settled(self) -> bool:
        return self.requests > 0 and self.last_finish_seq > self.last_request_seq and not self.running


def tracker(page: Page) -> RunTracker:
    """The page's run tracker, attached on first use (before the page opens the app's websocket)."""
    existing = getattr(page, "_lmi_run_tracker", None)
    if existing is not None:
        return existing
    runs = RunTracker()

    def on_websocket(socket) -> None:
        if "/_stcore/stream" not in socket.url:
            return
        runs.sockets += 1
        socket.on("framesent", runs.on_sent)
        socket.on("framereceived", runs.on_received)

    page.on("websocket", on_websocket)
    page._lmi_run_tracker = runs
    return runs


LOCAL_SCHEMES = {"data", "blob", "about"}  # content the page holds itself: no request leaves the browser


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL (what the same-origin policy compares)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class OriginGuard:
    """Every request of a browser context, checked against the app's origin: the origin of the first app
    URL ``open_app`` opened (or of the first page the context opened). Anything else is refused (the
    request is aborted, so nothing leaves the machine) and recorded in ``refused``; so is a websocket to
    elsewhere (Playwright cannot route those, so it is only recorded). A test's own ``page.route`` runs
    before the guard and decides for itself."""

    app_origin: str | None = None
    refused: list[str] = field(default_factory=list)

    def allows(self, url: str) -> bool:
        return urlsplit(url).scheme in LOCAL_SCHEMES or origin(url) == self.app_origin

    def expect_app(self, url: str) -> None:
        if self.app_origin is None:
            self.app_origin = origin(url)

    def on_route(self, route: Route, request: Request) -> None:
        if self.app_origin is None and request.is_navigation_request() and request.frame.parent_frame is None:
            self.app_origin = origin(request.url)
        if self.allows(request.url):
            route.fallback()  # to a test's own route, if it has one, else to the network
        else:
            self.refused.append(request.url)
            route.abort("blockedbyclient")

    def on_websocket(self, socket: WebSocket) -> None:
        if not self.allows(socket.url.replace("ws", "http", 1)):
            self.refused.append(socket.url)

    def check(self) -> None:
        """Fail if anything tried to leave the app."""
        if self.refused:
            raise AssertionError(f"the page sent requests outside the app ({self.app_origin}): {self.refused}")


def origin_guard(page: Page) -> OriginGuard:
    """The guard of the page's browser context, attached on first use (before the page opens anything)."""
    context: BrowserContext = page.context
    existing = getattr(context, "_lmi_origin_guard", None)
    if existing is not None:
        return existing
    guard = OriginGuard()
    context.route("**/*", guard.on_route)
    context.on("page", lambda opened: opened.on("websocket", guard.on_websocket))
    page.on("websocket", guard.on_websocket)
    context._lmi_origin_guard = guard
    return guard


def prepare(page: Page) -> Page:
    """Generous timeouts, a run tracker and the origin guard for a new page; returns the page."""
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    origin_guard(page)
    tracker(page)
    return page


@contextmanager
def new_page(browser: Browser, width: int = 1400, height: int = 1000, color_scheme: str = "light") -> Iterator[Page]:
    """A page in a fresh browser context (its own Streamlit session), closed afterwards; the test fails if the
    page sent a request outside the app. Streamlit's theme follows ``color_scheme`` (light or dark)."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme)
    try:
        page = prepare(context.new_page())
        yield page
        origin_guard(page).check()
    finally:
        context.close()


def _wait_until(page: Page, condition: Callable[[], bool], timeout_s: float) -> bool:
    """Poll ``condition`` while Playwright delivers the websocket frames; False on timeout."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(POLL_MS)
    return True


def wait_for_app(page: Page, timeout_s: float = SETTLE_TIMEOUT_S) -> None:
    """Wait until the script run the page last asked for has finished and the page shows it; fail
    with the app's message if the page raised."""
    runs = tracker(page)
    if not _wait_until(page, lambda: runs.requests > 0, timeout_s):  # just after page.goto: not connected yet
        raise AssertionError(f"the page did not ask the app for a run within {timeout_s} s (open it with open_app)")
    if not _wait_until(page, lambda: runs.settled, timeout_s):
        state = "running" if runs.running else "waiting for the server to start the run"
        raise AssertionError(f"the app did not finish its run within {timeout_s} s ({state})")
    if runs.compile_error:
        raise AssertionError(f"the app's script failed to compile: {runs.compile_error}")
    app = page.locator(APP)
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout_s * 1000)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout_s * 1000)
    expect(page.locator(STATUS_WIDGET)).to_have_count(0, timeout=timeout_s * 1000)
    # the last messages are applied by React on the next frames
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # an element whose code is still loading (widgets, tables and charts load on first use) shows a skeleton;
    # on a busy machine the whole sidebar can still be one when the run is over
    expect(page.locator(SKELETON)).to_have_count(0, timeout=timeout_s * 1000)
    _fail_on_exception(page)
    origin_guard(page).check()


def _fail_on_exception(page: Page) -> None:
    shown = page.locator(EXCEPTION)
    if shown.count():
        raise AssertionError(f"the app shows an exception (page broken, not slow):\n{shown.first.inner_text()}")


def rerun_after(page: Page, action: Callable[[], object], *, expect_rerun: bool = True) -> None:
    """Do ``action`` and wait for the rerun it causes. ``expect_rerun=False`` for an action that may
    change nothing (it is given a moment to ask for a rerun)."""
    runs = tracker(page)
    mark = runs.seq
    action()
    asked = _wait_until(
        page, lambda: runs.last_request_seq > mark, RERUN_START_TIMEOUT_S if expect_rerun else NO_RERUN_GRACE_S
    )
    if expect_rerun and not asked:
        raise AssertionError(f"the app was not asked to rerun within {RERUN_START_TIMEOUT_S} s of the action")
    wait_for_app(page)


def open_app(page: Page, url: str) -> None:
    """Open a URL of the app and wait for its first run; a "Page not found" notice fails the test (Streamlit sent
    one to the first deep link after a start while the pages lived in a folder named pages/)."""
    runs = tracker(page)
    mark, not_found = runs.seq, runs.page_not_found
    origin_guard(page).expect_app(url)
    page.goto(url)
    if not _wait_until(page, lambda: runs.last_request_seq > mark, SETTLE_TIMEOUT_S):
        raise AssertionError(f"the page at {url} never asked the app for a run")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stSidebar']")
    assert runs.page_not_found == not_found, f"the app answered {url} with 'Page not found'"
    expect(page.get_by_text("Page not found")).to_have_count(0)


def page_menu_link(page: Page, name: str) -> Locator:
    """The link to a page in the sidebar's page menu (ui/navigation.py), by the page's title."""
    return page.locator("[data-testid='stSidebar']").get_by_role("link", name=name, exact=True)


def open_page_in_sidebar(page: Page, app_url: str, name: str) -> None:
    """Open the app, then a page by its link in the sidebar's page menu (no deep link, so no notice)."""
    open_app(page, app_url)
    rerun_after(page, page_menu_link(page, name).click)


def choose_in_selectbox(page: Page, label: str, option: str) -> None:
    """Open the sidebar or main selectbox with this label and pick ``option`` by typing it."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    field = box.locator("input")
    field.click()
    field.fill(option)
    rerun_after(page, page.get_by_role("option", name=option, exact=True).first.click)
    expect(field).to_have_value(option)


def type_into(page: Page, label: str, text: str) -> None:
    """Type into a text input (outside a form) and submit it with Enter."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    rerun_after(page, lambda: field.press("Enter"))


def press_and_wait(page: Page, target: Locator, key: str) -> None:
    """Press a key on a widget that submits on it (Ctrl+Enter in a text area, End on a slider)."""
    target.focus()
    rerun_after(page, lambda: target.press(key))


def click_and_wait(page: Page, target: Locator) -> None:
    """Click a button, radio option or link that reruns the app."""
    rerun_after(page, target.click)


def choose_radio(page: Page, option: str) -> None:
    """Pick a radio option by its text; choosing the option already chosen asks for no rerun."""
    choice = page.locator("[data-testid='stRadio']").get_by_role("radio", name=option, exact=True)
    if choice.is_checked():
        return
    rerun_after(page, lambda: page.locator("[data-testid='stRadio']").get_by_text(option, exact=True).click())
    expect(choice).to_be_checked()


def upload_file(page: Page, uploader: Locator, name: str, data: bytes, mime_type: str = "text/csv") -> None:
    """Put one file in a file uploader, replacing a file an earlier upload left there."""
    expect(uploader).to_be_visible()
    remove = uploader.locator("[data-testid='stFileUploaderDeleteBtn']")
    if remove.count():  # a file from an earlier upload: clear it so the new one is a new upload
        rerun_after(page, remove.first.click)
        expect(uploader.locator("[data-testid='stFileUploaderFile']")).to_have_count(0)
    dropzone = uploader.locator("[data-testid='stFileUploaderDropzoneInput']")
    rerun_after(page, lambda: dropzone.set_input_files(files=[{"name": name, "mimeType": mime_type, "buffer": data}]))
    expect(uploader).to_contain_text(name)


def download(page: Page, button_name: str) -> Download:
    """Click a download button and return the download (a CSV's click does not rerun the app, a brief's does:
    either is waited for)."""
    with page.expect_download() as started:
        rerun_after(page, page.get_by_role("button", name=button_name).click, expect_rerun=False)
    return started.value
