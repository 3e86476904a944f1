"""HTTP for every download: one session factory, polite retries, and verified file transfers.

Publishers throttle and occasionally fail (BLS answers 429 or 503 under load; its servers refuse
clients that do not say who they are). So every request made through ``make_session``:

* has a connect and a read timeout, so a stalled server fails instead of hanging the ETL;
* is retried with exponential backoff on 429 and 5xx and on connection errors, honouring the
  server's ``Retry-After`` when it sends one (the sleep function is injectable: tests never wait);
* identifies the project in its User-Agent with a contact e-mail (argument or ``LMI_CONTACT_EMAIL``).
  Without an e-mail a request to a ``bls.gov`` host is refused here, before it is sent, with a
  message saying how to set one.

``fetch_file`` streams a response to ``<dest>.part`` while hashing it, checks the size against
``Content-Length`` and the SHA-256 against the pin in ``etl/releases.toml``, and only then renames
the file into place, so a cached file is always a complete, verified transfer.
"""

from __future__ import annotations

import email.utils
import hashlib
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests

from etl.errors import DownloadError

CONTACT_ENV = "LMI_CONTACT_EMAIL"
PROJECT_URL = "https://github.com/lmi-dashboard"
PRODUCT = "lmi-dashboard/0.1"
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 120.0
MAX_ATTEMPTS = 5
BACKOFF_S = 2.0  # first wait; doubles on each further attempt
MAX_WAIT_S = 300.0  # never wait longer than this for one retry, whatever Retry-After says
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK_BYTES = 1 << 20
PROGRESS_EVERY_BYTES = 50 << 20

Sleep = Callable[[float], None]
Progress = Callable[[str], None]


class DownloadSession(requests.Session):
    """A ``requests.Session`` with default timeouts, retries and the BLS contact rule built in.

    Subclassing (rather than wrapping) keeps the ordinary ``requests`` API, so ``fetch_file`` and
    tests can use ``session.get`` as usual.
    """

    def __init__(
        self,
        contact_email: str | None,
        timeout: tuple[float, float],
        max_attempts: int,
        backoff_s: float,
        max_wait_s: float,
        sleep: Sleep,
    ) -> None:
        super().__init__()
        self.contact_email = contact_email
        self.timeout = timeout
        self.max_attempts = max(1, max_attempts)
        self.backoff_s = backoff_s
        self.max_wait_s = max_wait_s
        self.sleep = sleep
        self.headers["User-Agent"] = user_agent(contact_email)
        # The pinned checksum is of the file as published, and Content-Length must count its bytes.
        self.headers["Accept-Encoding"] = "identity"

    def request(self, method, url, *args, **kwargs):
        """Send with the default timeout; retry 429, 5xx and connection failures with backoff."""
        require_contact_email(url, self.contact_email)
        kwargs.setdefault("timeout", self.timeout)
        for attempt in range(1, self.max_attempts + 1):
            last = attempt == self.max_attempts
            try:
                response = super().request(method, url, *args, **kwargs)
            except (requests.ConnectionError, requests.Timeout):
                if last:
                    raise
                self.sleep(self.backoff_wait(attempt))
                continue
            if response.status_code not in RETRY_STATUSES or last:
                return response
            wait = self.retry_wait(response, attempt)
            response.close()
            self.sleep(wait)
        raise AssertionError("unreachable: the last attempt always returns or raises")

    def backoff_wait(self, attempt: int) -> float:
        """Exponential backoff: ``backoff_s`` after the first failure, doubling after each next one."""
        return min(self.backoff_s * 2 ** (attempt - 1), self.max_wait_s)

    def retry_wait(self, response: requests.Response, attempt: int) -> float:
        """The server's ``Retry-After`` when it gives one (capped), else exponential backoff."""
        asked = parse_retry_after(response.headers.get("Retry-After"))
        if asked is None:
            return self.backoff_wait(attempt)
        return min(asked, self.max_wait_s)


def make_session(
    contact_email: str | None = None,
    *,
    timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    max_attempts: int = MAX_ATTEMPTS,
    backoff_s: float = BACKOFF_S,
    max_wait_s: float = MAX_WAIT_S,
    sleep: Sleep | None = None,
) -> DownloadSession:
    """The one session every download uses. ``sleep`` defaults to ``time.sleep``; tests pass a recorder."""
    return DownloadSession(
        resolve_contact_email(contact_email),
        timeout,
        max_attempts,
        backoff_s,
        max_wait_s,
        sleep if sleep is not None else time.sleep,
    )


def resolve_contact_email(contact_email: str | None = None) -> str | None:
    """The argument if given, else ``LMI_CONTACT_EMAIL``; blank counts as missing."""
    value = contact_email if contact_email is not None else os.environ.get(CONTACT_ENV, "")
    return value.strip() or None


def user_agent(contact_email: str | None) -> str:
    """Say who is asking: publishers can then contact us instead of blocking the address."""
    contact = f"; contact: {contact_email}" if contact_email else ""
    return f"{PRODUCT} (+{PROJECT_URL}{contact})"


def is_bls_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "bls.gov" or host.endswith(".bls.gov")


def require_contact_email(url: str, contact_email: str | None) -> None:
    """BLS refuses requests without a contact e-mail in the User-Agent; fail before asking."""
    if contact_email or not is_bls_url(url):
        return
    raise DownloadError(
        f"{url}: BLS refuses downloads that do not give a contact e-mail address. Set one with "
        f"`python -m etl download --contact-email you@example.org` or the environment variable "
        f"{CONTACT_ENV}=you@example.org, then run the download again."
    )


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date; None if absent or unreadable."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def fetch_file(
    session: requests.Session, url: str, dest: Path, expected_sha256: str, progress: Progress | None = None
) -> str:
    """Download ``url`` to ``dest`` and return its SHA-256; ``dest`` appears only when verified.

    Raises ``DownloadError`` (naming the URL or file) for a 4xx/5xx answer, a network failure, a
    transfer shorter or longer than ``Content-Length``, or a checksum that differs from the pin.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_suffix(dest.suffix + ".part")
    try:
        with _get(session, url) as response:
            _require_success(response, url)
            expected_size = _content_length(response)
            size, actual = _stream_to(response, partial, url, progress)
        _require_size(url, size, expected_size)
        _require_checksum(dest.name, url, expected_sha256, actual)
        os.replace(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return actual


def _get(session: requests.Session, url: str) -> requests.Response:
    """Start a streamed GET; a network failure that outlived the retries names the URL."""
    try:
        return session.get(url, stream=True)
    except requests.RequestException as exc:
        raise DownloadError(f"{url}: cannot be fetched ({type(exc).__name__}: {exc})") from exc


def _require_success(response: requests.Response, url: str) -> None:
    if response.status_code < 400:
        return
    reason = f"HTTP {response.status_code} {response.reason or ''}".strip()
    if response.status_code in RETRY_STATUSES:
        raise DownloadError(f"{url}: the server still answered {reason} after retrying; try again later")
    raise DownloadError(f"{url}: the server answered {reason}; check the URL pinned in etl/releases.toml")


def _content_length(response: requests.Response) -> int | None:
    value = response.headers.get("Content-Length")
    if value is None or response.headers.get("Content-Encoding", "identity") != "identity":
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _stream_to(response: requests.Response, partial: Path, url: str, progress: Progress | None) -> tuple[int, str]:
    """Write the body to ``partial`` while hashing it; a broken connection is a truncated transfer."""
    digest, size, next_report = hashlib.sha256(), 0, PROGRESS_EVERY_BYTES
    try:
        with open(partial, "wb") as handle:
            for chunk in response.iter_content(chunk_size=CHUNK_BYTES):
                handle.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                if progress and size >= next_report:
                    progress(f"  ... {size / 1e6:,.0f} MB of {partial.stem}")
                    next_report += PROGRESS_EVERY_BYTES
    except (
        requests.ConnectionError,
        requests.Timeout,
        requests.exceptions.ChunkedEncodingError,
        requests.exceptions.ContentDecodingError,
    ) as exc:
        raise DownloadError(
            f"{url}: the transfer broke off after {size:,} bytes ({exc}); the file is truncated, run the download again"
        ) from exc
    return size, digest.hexdigest()


def _require_size(url: str, size: int, expected: int | None) -> None:
    if expected is not None and size != expected:
        raise DownloadError(
            f"{url}: received {size:,} bytes but the server announced {expected:,} "
            "(Content-Length); the transfer is truncated, run the download again"
        )


def _require_checksum(name: str, url: str, expected: str, actual: str) -> None:
    if expected and actual != expected.lower():
        raise DownloadError(
            f"{name} (from {url}): SHA-256 {actual} does not match the pinned {expected}. The publisher "
            "may have replaced the file with a new release; a new release needs a reviewed change to "
            "etl/releases.toml (version and sha256), not a silent reload."
        )
