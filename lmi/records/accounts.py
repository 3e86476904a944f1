"""Named staff accounts: who may import records, checked against a password hash, with a lockout that holds
across browser sessions and app processes because it is counted in the records store itself.

Why here and not in the page: the import log records the signed-in account as "imported by", so the account
must be as durable and as shared as the records; and a lockout kept in one browser session was no lockout (a
reload gave five more guesses). Nothing here imports Streamlit; ``ui/staff.py`` signs in against it and
``python -m lmi.records.accounts`` manages accounts (see ``main``).

Passwords are hashed with scrypt (``hashlib.scrypt``, a standard memory-hard KDF) under a random per-account
salt; the KDF's parameters are stored with the hash (``scrypt$n$r$p$salt$hash``), so they can be raised later
without breaking existing accounts. Hashes are compared in constant time, and an unknown account name costs
the same KDF run as a known one (the response time does not say which names exist).

Every attempt is logged in ``staff_sign_in_log`` (the name as typed, the time, whether it succeeded and why;
never the password). ``MAX_FAILURES`` failed attempts on one name within ``WINDOW_S`` lock that name for
``LOCKOUT_S`` from the last of them, whichever session or process made them; a successful sign-in or
``reset_lockout`` starts the count again. Attempts refused because the name was locked are logged but not
counted, so a lock ends on time.

``SHARED_ACCOUNT_SUFFIX``: the development fallback (one shared password, ``LMI_STAFF_PASSWORD``) is counted
and logged under the one name ``SHARED_KEY`` and records "<typed name> (shared password)", because a typed
name behind a shared password proves nothing about who it is.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import re
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lmi.db import query_rows, transaction
from lmi.records.db import RecordsUnavailable

MAX_FAILURES = 5
WINDOW_S = 15 * 60
LOCKOUT_S = 15 * 60
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024  # a longer "password" is refused before the KDF runs (no CPU spent on a 10 MB guess)
TYPED_NAME_CHARS = 100  # how much of a typed name the log keeps
ACCOUNT_NAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
SHARED_KEY = "(shared password)"  # the log's name for attempts at the shared development password
SHARED_ACCOUNT_SUFFIX = " (shared password)"

# scrypt with n=2**14, r=8, p=1: 16 MiB and ~50 ms per check, the parameters Python's documentation and
# OWASP's password storage guidance give as a minimum for interactive sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_BYTES, SALT_BYTES = 2**14, 8, 1, 32, 16

# Why an attempt failed (the ``reason`` column); "ok" for a success.
OK, WRONG_PASSWORD, UNKNOWN_ACCOUNT, DISABLED, LOCKED, EMPTY = (
    "ok",
    "wrong_password",
    "unknown_account",
    "disabled",
    "locked",
    "empty",
)


class AccountError(ValueError):
    """An account command that cannot be done (bad name, short password, no such account); says why."""


@dataclass(frozen=True)
class SignIn:
    """The outcome of one attempt: ``account`` is who is signed in (None when refused), ``reason`` one of the
    reason constants, ``locked_until`` (naive UTC) when the name is locked."""

    account: str | None
    reason: str
    locked_until: datetime | None = None

    @property
    def succeeded(self) -> bool:
        return self.account is not None


@dataclass(frozen=True)
class AccountInfo:
    account_name: str
    is_disabled: bool
    created_utc: datetime
    last_sign_in_utc: datetime | None
    locked_until_utc: datetime | None


def utc_now() -> datetime:
    """Naive UTC, as every TIMESTAMP in the records store."""
    return datetime.now(UTC).replace(tzinfo=None)


# --- passwords ---------------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64) for ``password`` under a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_BYTES)
    encoded = (base64.b64encode(v).decode("ascii") for v in (salt, digest))
    return "$".join(("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), *encoded))


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (made by ``hash_password``, with whatever parameters it names);
    the comparison takes the same time wherever the hashes differ."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=256 * 1024 * 1024)


_DUMMY_HASH: list[str] = []


def _dummy_hash() -> str:
    """A hash no password is known for: an unknown name is checked against it, so it costs a KDF run too."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password(secrets.token_urlsafe(32)))
    return _DUMMY_HASH[0]


# --- names -------------------------------------------------------------------------------------------------


def typed_key(typed_name: str) -> str:
    """The name an attempt is counted and logged under: as typed, trimmed, lower-cased, at most 100 characters
    (an account name is lower-case, so "Dana" and "dana" are one account and one lockout)."""
    return typed_name.strip().lower()[:TYPED_NAME_CHARS]


def valid_account_name(name: str) -> str:
    """``name`` lower-cased if it can be an account name (letters, digits, ``._@-``, 1-64 characters)."""
    key = name.strip().lower()
    if not ACCOUNT_NAME.fullmatch(key):
        raise AccountError(
            f"{name!r}: an account name is 1-64 characters: letters, digits and . _ @ - (starting with a letter "
            "or digit)"
        )
    return key


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"the password must have at most {MAX_PASSWORD_CHARS} characters")


# --- accounts ----------------------------------------------------------------------------------------------


def add_account(con, name: str, password: str, now: datetime | None = None) -> str:
    """Create an enabled account; returns its (lower-cased) name. Refuses a name that exists."""
    key = valid_account_name(name)
    check_new_password(password)
    if _account_row(con, key) is not None:
        raise AccountError(f"{key}: the account exists (use set-password to change its password)")
    when = now or utc_now()
    with transaction(con) as cursor:
        cursor.execute(
            "INSERT INTO staff_account (account_name, password_hash, is_disabled, created_utc, password_set_utc) "
            "VALUES ($name, $hash, false, $now, $now)",
            {"name": key, "hash": hash_password(password), "now": when},
        )
    return key


def set_password(con, name: str, password: str, now: datetime | None = None) -> None:
    """Replace an account's password (and clear its lockout: an administrator has just vouched for it)."""
    key = _existing(con, name)
    check_new_password(password)
    when = now or utc_now()
    _update(
        con,
        "UPDATE staff_account SET password_hash = $hash, password_set_utc = $now, lockout_reset_utc = $now "
        "WHERE account_name = $name",
        {"name": key, "hash": hash_password(password), "now": when},
    )


def set_disabled(con, name: str, disabled: bool) -> None:
    """Disable (no sign-in, import history kept) or enable an account."""
    key = _existing(con, name)
    _update(con, "UPDATE staff_account SET is_disabled = $d WHERE account_name = $name", {"name": key, "d": disabled})


def reset_lockout(con, name: str, now: datetime | None = None) -> None:
    """Forget the account's failed attempts so far (they stay in the log)."""
    key = _existing(con, name)
    _update(
        con,
        "UPDATE staff_account SET lockout_reset_utc = $now WHERE account_name = $name",
        {"name": key, "now": now or utc_now()},
    )


def list_accounts(con, now: datetime | None = None) -> list[AccountInfo]:
    when = now or utc_now()
    rows = query_rows(
        con,
        """SELECT a.account_name, a.is_disabled, a.created_utc,
                  (SELECT max(l.attempted_utc) FROM staff_sign_in_log l
                    WHERE l.account_name = a.account_name AND l.succeeded)
           FROM staff_account a ORDER BY a.account_name""",
    )
    return [
        AccountInfo(name, disabled, created, last, locked_until(con, name, when))
        for name, disabled, created, last in rows
    ]


def has_accounts(con) -> bool:
    """Whether any enabled account exists (then the shared development password is not accepted)."""
    return bool(query_rows(con, "SELECT count(*) FROM staff_account WHERE NOT is_disabled")[0][0])


def is_enabled(con, name: str) -> bool:
    """Whether ``name`` is an existing, enabled account (a signed-in session ends once its account is disabled)."""
    row = _account_row(con, typed_key(name))
    return row is not None and not row[1]


def _account_row(con, key: str) -> tuple | None:
    rows = query_rows(
        con,
        "SELECT password_hash, is_disabled, lockout_reset_utc FROM staff_account WHERE account_name = $name",
        {"name": key},
    )
    return rows[0] if rows else None


def _existing(con, name: str) -> str:
    key = valid_account_name(name)
    if _account_row(con, key) is None:
        raise AccountError(f"{key}: no such account")
    return key


def _update(con, sql: str, params: dict) -> None:
    with transaction(con) as cursor:
        cursor.execute(sql, params)


# --- signing in --------------------------------------------------------------------------------------------


def locked_until(con, key: str, now: datetime | None = None) -> datetime | None:
    """When the lock on ``key`` (a ``typed_key``) ends, or None if it is not locked now: the last
    ``MAX_FAILURES`` counted failures since the last success or reset all fell within ``WINDOW_S``."""
    when = now or utc_now()
    since = _count_from(con, key)
    rows = query_rows(
        con,
        f"""SELECT attempted_utc FROM staff_sign_in_log
            WHERE account_name = $name AND NOT succeeded AND reason <> $locked
              AND attempted_utc > $since AND attempted_utc > $oldest
            ORDER BY attempted_utc DESC LIMIT {MAX_FAILURES}""",
        {"name": key, "locked": LOCKED, "since": since, "oldest": when - timedelta(seconds=WINDOW_S + LOCKOUT_S)},
    )
    if len(rows) < MAX_FAILURES:
        return None
    newest, oldest = rows[0][0], rows[-1][0]
    if newest - oldest > timedelta(seconds=WINDOW_S):
        return None
    until = newest + timedelta(seconds=LOCKOUT_S)
    return until if until > when else None


def _count_from(con, key: str) -> datetime:
    """Failures before this moment no longer count: the last success on ``key`` or its last lockout reset."""
    [(last_success,)] = query_rows(
        con,
        "SELECT max(attempted_utc) FROM staff_sign_in_log WHERE account_name = $name AND succeeded",
        {"name": key},
    )
    row = _account_row(con, key)
    marks = [m for m in (last_success, row[2] if row else None) if m is not None]
    return max(marks) if marks else datetime(1970, 1, 1)


def sign_in(con, typed_name: str, password: str, now: datetime | None = None) -> SignIn:
    """Check a named account's password, unless the name is locked; log the attempt either way."""
    when = now or utc_now()
    key = typed_key(typed_name)
    if not key or not password:
        return SignIn(None, EMPTY)  # nothing was tried: not logged, not counted
    until = locked_until(con, key, when)
    if until is not None:
        return _logged(con, key, SignIn(None, LOCKED, until), when)
    row = _account_row(con, key)
    matches = len(password) <= MAX_PASSWORD_CHARS and verify_password(password, row[0] if row else _dummy_hash())
    if row is None:
        result = SignIn(None, UNKNOWN_ACCOUNT)
    elif not matches:
        result = SignIn(None, WRONG_PASSWORD)
    elif row[1]:
        result = SignIn(None, DISABLED)
    else:
        result = SignIn(key, OK)
    result = _logged(con, key, result, when)
    if not result.succeeded:
        until = locked_until(con, key, when)
        if until is not None:
            result = SignIn(None, result.reason, until)
    return result


def shared_sign_in(con, typed_name: str, password: str, expected: str, now: datetime | None = None) -> SignIn:
    """The development fallback: one shared password (constant-time compare), counted and logged under
    ``SHARED_KEY``; the account recorded is "<typed name> (shared password)"."""
    when = now or utc_now()
    name = " ".join(typed_name.split())[:TYPED_NAME_CHARS]
    if not name or not password:
        return SignIn(None, EMPTY)
    until = locked_until(con, SHARED_KEY, when)
    if until is not None:
        return _logged(con, SHARED_KEY, SignIn(None, LOCKED, until), when)
    if hmac.compare_digest(password.encode("utf-8"), expected.encode("utf-8")):
        return _logged(con, SHARED_KEY, SignIn(name + SHARED_ACCOUNT_SUFFIX, OK), when)
    _logged(con, SHARED_KEY, SignIn(None, WRONG_PASSWORD), when)
    return SignIn(None, WRONG_PASSWORD, locked_until(con, SHARED_KEY, when))


def _logged(con, key: str, result: SignIn, when: datetime) -> SignIn:
    with transaction(con) as cursor:
        cursor.execute(
            "INSERT INTO staff_sign_in_log (attempted_utc, account_name, succeeded, reason) "
            "VALUES ($when, $name, $ok, $reason)",
            {"when": when, "name": key, "ok": result.succeeded, "reason": result.reason},
        )
    return result


def recent_attempts(con, limit: int = 20) -> list[tuple]:
    """The latest sign-in attempts, newest first: (time, name as typed, succeeded, reason)."""
    return query_rows(
        con,
        "SELECT attempted_utc, account_name, succeeded, reason FROM staff_sign_in_log "
        "ORDER BY attempted_utc DESC, attempt_id DESC LIMIT $limit",
        {"limit": limit},
    )


# --- command line ------------------------------------------------------------------------------------------


def _read_password(args: argparse.Namespace) -> str:
    """From stdin's first line (``--password-stdin``, for scripts) or a prompt asked twice (never an argument:
    command lines are visible to other users of the machine and kept in shell history)."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def _open(args: argparse.Namespace):
    from lmi.records.db import open_records

    return open_records(args.records)


def _print_accounts(con) -> None:
    accounts = list_accounts(con)
    if not accounts:
        print("no staff accounts (uploads use the shared development password, if one is set)")
    for a in accounts:
        state = "disabled" if a.is_disabled else "enabled"
        locked = f", locked until {a.locked_until_utc:%Y-%m-%d %H:%M:%S} UTC" if a.locked_until_utc else ""
        last = f"{a.last_sign_in_utc:%Y-%m-%d %H:%M} UTC" if a.last_sign_in_utc else "never"
        print(f"{a.account_name}\t{state}{locked}\tcreated {a.created_utc:%Y-%m-%d}\tlast sign-in {last}")


def main(argv: list[str] | None = None) -> int:
    """``python -m lmi.records.accounts add|set-password|list|disable|enable|reset-lockout|log``."""
    parser = argparse.ArgumentParser(prog="python -m lmi.records.accounts", description=main.__doc__)
    parser.add_argument(
        "--records",
        default=None,
        help="records file or postgresql:// URL (default LMI_RECORDS_URL, else LMI_RECORDS_DB)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command, text in (("add", "create an account"), ("set-password", "replace an account's password")):
        sub = commands.add_parser(command, help=text)
        sub.add_argument("name")
        sub.add_argument("--password-stdin", action="store_true", help="read the password from stdin's first line")
    commands.add_parser("list", help="accounts, their state and last sign-in")
    for command, text in (
        ("disable", "stop an account from signing in"),
        ("enable", "let a disabled account sign in again"),
        ("reset-lockout", "forget an account's failed attempts"),
    ):
        commands.add_parser(command, help=text).add_argument("name")
    commands.add_parser("log", help="the latest sign-in attempts").add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)
    try:
        con = _open(args)
        try:
            if args.command == "add":
                print(f"added {add_account(con, args.name, _read_password(args))}")
            elif args.command == "set-password":
                set_password(con, args.name, _read_password(args))
                print(f"password changed for {valid_account_name(args.name)}")
            elif args.command in ("disable", "enable"):
                set_disabled(con, args.name, args.command == "disable")
                print(f"{args.command}d {valid_account_name(args.name)}")
            elif args.command == "reset-lockout":
                reset_lockout(con, args.name)
                print(f"lockout reset for {valid_account_name(args.name)}")
            elif args.command == "log":
                for when, name, ok, reason in recent_attempts(con, args.limit):
                    print(f"{when:%Y-%m-%d %H:%M:%S} UTC\t{name}\t{'ok' if ok else 'failed'}\t{reason}")
            else:
                _print_accounts(con)
        finally:
            con.close()
    except (AccountError, RecordsUnavailable) as exc:  # a plain sentence, e.g. the running app holds the file
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
