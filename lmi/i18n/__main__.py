"""Keep the message catalogs in step with the code.

    python -m lmi.i18n update            # write locales/messages.pot; drop catalog entries no code asks for
    python -m lmi.i18n missing [PATH...] # untranslated messages (of PATHs, or everywhere) as JSON to fill in
    python -m lmi.i18n add FILE.json     # add translations {"English": "Español", "one": ["uno", "varios"]}
    python -m lmi.i18n check             # exit 1 when a message lacks Spanish or a placeholder differs

``add`` and ``update`` take a lock on the catalog, so several translators (or helpers) can add at once."""

from __future__ import annotations

import argparse
import json
import sys

from lmi.i18n.extract import SOURCE_PATHS, extract_messages
from lmi.i18n.maintain import add_translations, catalog_problems, missing_translations, update_catalogs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lmi.i18n", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update")
    missing = commands.add_parser("missing")
    missing.add_argument("paths", nargs="*", default=list(SOURCE_PATHS))
    add = commands.add_parser("add")
    add.add_argument("file")
    commands.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "update":
        print(update_catalogs())
    elif args.command == "missing":
        print(json.dumps(missing_translations(extract_messages(args.paths)), ensure_ascii=False, indent=1))
    elif args.command == "add":
        with open(args.file, encoding="utf-8") as handle:
            print(add_translations(json.load(handle)))
    else:
        problems = catalog_problems()
        print("\n".join(problems) or "every message has English and Spanish")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
