"""Sentences written down before anyone reads them, kept so that each reader gets them in their own language.

An import's summary and problems go into the import log, and the reason of every hidden cell into the published
tables stored after each import. What is stored must not depend on the language of whoever happened to import,
so such a sentence is kept as a ``Message``: its English message id (the key of the message catalogs,
``lmi.i18n``) and the values of its named placeholders. ``text()`` (and ``str()``) gives it in the current
language; ``to_json`` / ``from_json`` store it.

A value is shown as given (a number, a code, a file or program name: data stays as published), unless it is
itself a ``Message`` (translated too) or a tuple of messages (each translated, joined with "; "). Message ids
are marked where they are written (``say(N_("..."), ...)``) so the catalog tools find them.

What is written down for good may need less than what is shown at once: a refused file's problems name the cell
values that are wrong (an SSN typed into a date column), which the uploader sees right then, but the import log
keeps metadata only. ``without_values`` gives such a message with every placeholder value that could come from
the file replaced by ``WITHHELD`` (shown as "…", stored as a marker).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from lmi.i18n import _

LIST_SEPARATOR = "; "
_LITERAL = "{text}"  # the id of a message that is only its value (text from outside, shown as it came)
WITHHELD_TEXT = "…"


class _Withheld:
    """A value left out of a stored message: it reads "…" whatever format its placeholder asks for
    (``{value:,}`` too), so every message id still formats."""

    def __format__(self, spec: str) -> str:
        return WITHHELD_TEXT

    def __str__(self) -> str:
        return WITHHELD_TEXT

    def __repr__(self) -> str:
        return "WITHHELD"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Withheld)

    def __hash__(self) -> int:
        return hash(_Withheld)


WITHHELD = _Withheld()


@dataclass(frozen=True)
class Message:
    """A sentence in no language yet: its English message id and its placeholders' values."""

    id: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self) -> str:
        """The sentence in the current language."""
        template = self.id if self.id == _LITERAL else _(self.id)
        if not self.values:
            return template
        return template.format(**{name: _shown(value) for name, value in self.values})

    def __str__(self) -> str:
        return self.text()

    def to_json(self) -> str:
        return json.dumps(_encode(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, stored: str) -> Message:
        return _decode(json.loads(stored))


def say(message_id: str, **values) -> Message:
    """The message ``message_id`` (marked with ``N_`` where it is written) with its placeholders' values."""
    return Message(message_id, tuple(values.items()))


def say_count(count: int, singular: str, plural: str, **values) -> Message:
    """The singular or the plural message for ``count`` (``n`` in both): English and Spanish both use the
    singular for exactly one, so the choice is made once, when the message is written."""
    return say(singular if count == 1 else plural, n=count, **values)


def literal(text: str) -> Message:
    """Text that comes from outside (an exception of another library, a value typed by staff), shown as it is."""
    return Message(_LITERAL, (("text", text),))


def joined(parts) -> Message:
    """Several messages read as one, separated by "; " (each translated)."""
    return Message(_LITERAL, (("text", tuple(parts)),))


def without_values(message: Message, keep: frozenset[str]) -> Message:
    """``message`` with the value of every placeholder not named in ``keep`` withheld: what may be stored of a
    sentence that quotes a file. Messages inside it are our own words and stay, their values judged the same
    way; text from outside (``literal``) is withheld whole."""
    if message.id == _LITERAL:
        text = dict(message.values).get("text")
        if isinstance(text, tuple) and all(isinstance(part, Message) for part in text):
            return joined(without_values(part, keep) for part in text)
        return Message(_LITERAL, (("text", WITHHELD),))
    return Message(message.id, tuple((name, _judged(value, keep, name in keep)) for name, value in message.values))


def _judged(value, keep: frozenset[str], kept: bool):
    if isinstance(value, Message):
        return without_values(value, keep)
    if isinstance(value, tuple) and (kept or (value and all(isinstance(v, Message) for v in value))):
        return tuple(_judged(v, keep, kept) for v in value)
    return value if kept else WITHHELD


def shown(stored: str | None, fallback: str = "") -> str:
    """A stored message (``to_json``) in the current language; ``fallback`` when none was stored (rows written
    before messages were kept this way hold their English text only)."""
    if not stored:
        return fallback
    try:
        return Message.from_json(stored).text()
    except (ValueError, TypeError, KeyError):
        return fallback or stored


def _shown(value) -> object:
    if isinstance(value, Message):
        return value.text()
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(_shown(v) for v in value)
    return value


def _encode(value):
    if isinstance(value, _Withheld):
        return {"withheld": True}
    if isinstance(value, Message):
        return {"m": value.id, "v": [[name, _encode(v)] for name, v in value.values]}
    if isinstance(value, tuple):
        return {"list": [_encode(v) for v in value]}
    return value


def _decode(value):
    if isinstance(value, dict) and value.get("withheld") is True:
        return WITHHELD
    if isinstance(value, dict) and "m" in value:
        return Message(value["m"], tuple((name, _decode(v)) for name, v in value.get("v", [])))
    if isinstance(value, dict) and "list" in value:
        return tuple(_decode(v) for v in value["list"])
    if isinstance(value, dict | list):
        raise ValueError(f"not a stored message part: {value!r}")
    return value
