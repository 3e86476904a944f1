"""The postings store: its own folder (``LMI_POSTINGS_DIR``, default ``var/postings``), apart from the
reference database and the program records, made of plain files that DuckDB and Spark both read.

Layout::

    received/<sha256>.<csv|csv.gz|parquet>  each imported file as received (hard-linked when it can be)
    postings/import_id=000001/*.parquet   the stored rows of each import, one folder per import (the store
                                          grows by adding folders; nothing stored is rewritten): what
                                          counting needs (title, repost key, dates, places, the file's code)
    title_codes/import_id=000001.parquet  the titles first seen in that import, coded once
                                          (``lmi.postings.coding``); later imports reuse them
    aggregates/posted_demand.parquet      the counts by area, occupation and month, remade after imports
    aggregates/posted_demand.json         how they were counted (window, confidence, imports, when)
    imports.jsonl                         the import log: one line per attempt (stored, unchanged, refused)
    .lock                                 held by the one writer at a time
    .staging/                             work folders of an import in progress

All or nothing: an import writes into ``.staging/`` and then renames its folder into ``postings/`` and
appends its log line, in that order, under the lock. Only imports the log lists as stored are read, so a
folder renamed by an import that died before logging is never counted (and the next import removes it).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lmi.db import PROJECT_ROOT

DEFAULT_POSTINGS_DIR = PROJECT_ROOT / "var" / "postings"
LOG_NAME = "imports.jsonl"
AGGREGATE_NAME = "posted_demand"


def postings_dir() -> Path:
    """The store's folder; ``LMI_POSTINGS_DIR`` overrides it (tests, deployments)."""
    return Path(os.environ.get("LMI_POSTINGS_DIR", DEFAULT_POSTINGS_DIR))


class StoreBusyError(RuntimeError):
    """Another import holds the store's lock."""


@dataclass(frozen=True)
class PostingsStore:
    root: Path

    @classmethod
    def default(cls) -> PostingsStore:
        return cls(postings_dir())

    @property
    def log_path(self) -> Path:
        return self.root / LOG_NAME

    @contextmanager
    def writer(self, wait: bool = True) -> Iterator[None]:
        """Hold the store's lock for one writer; ``wait=False`` raises ``StoreBusyError`` instead of waiting."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError as exc:
                raise StoreBusyError(str(self.root)) from exc
            try:
                self._remove_leftovers()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def log_entries(self) -> list[dict]:
        """Every logged import attempt, oldest first."""
        if not self.log_path.exists():
            return []
        with open(self.log_path, encoding="utf-8") as log:
            return [json.loads(line) for line in log if line.strip()]

    def stored_imports(self) -> list[dict]:
        return [entry for entry in self.log_entries() if entry["outcome"] == "imported"]

    def stored_import_with_hash(self, sha256: str) -> dict | None:
        return next((entry for entry in self.stored_imports() if entry["file_sha256"] == sha256), None)

    def next_import_id(self) -> int:
        return max((entry["import_id"] for entry in self.log_entries() if entry.get("import_id")), default=0) + 1

    def append_log(self, entry: dict) -> None:
        """Add one line to the log, flushed to disk before returning (call under ``writer``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
            log.flush()
            os.fsync(log.fileno())

    def partition(self, import_id: int) -> Path:
        return self.root / "postings" / f"import_id={import_id:06d}"

    def title_code_file(self, import_id: int) -> Path:
        return self.root / "title_codes" / f"import_id={import_id:06d}.parquet"

    def keep_received(self, source: Path, sha256: str) -> Path:
        """Keep ``source`` as received under its SHA-256 (a hard link when on the same file system, else a
        copy); the path it is kept at."""
        folder = self.root / "received"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = "".join(source.suffixes[-2:]) if source.name.endswith(".gz") else source.suffix
        target = folder / f"{sha256}{suffix}"
        if not target.exists():
            try:
                os.link(source, target)
            except OSError:
                scratch = target.with_name(target.name + ".tmp")
                shutil.copyfile(source, scratch)
                os.replace(scratch, target)
        return target

    def postings_files(self) -> list[Path]:
        """The Parquet files of every stored import (only those the log lists)."""
        files = []
        for entry in self.stored_imports():
            files.extend(sorted(self.partition(entry["import_id"]).glob("*.parquet")))
        return files

    def title_code_files(self) -> list[Path]:
        paths = (self.title_code_file(entry["import_id"]) for entry in self.stored_imports())
        return [path for path in paths if path.exists()]

    def staging_dir(self) -> Path:
        """A new, empty work folder for one import (removed by ``discard`` or by the next writer)."""
        path = self.root / ".staging" / uuid.uuid4().hex
        path.mkdir(parents=True)
        return path

    @staticmethod
    def discard(path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)

    def aggregate_paths(self) -> tuple[Path, Path]:
        folder = self.root / "aggregates"
        return folder / f"{AGGREGATE_NAME}.parquet", folder / f"{AGGREGATE_NAME}.json"

    def replace_aggregate(self, parquet_file: Path, meta: dict) -> None:
        """Swap in a new aggregate file and its description (each by an atomic rename)."""
        target, meta_path = self.aggregate_paths()
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(parquet_file, target)
        scratch = meta_path.with_suffix(".json.tmp")
        scratch.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
        os.replace(scratch, meta_path)

    def aggregate_meta(self) -> dict | None:
        meta_path = self.aggregate_paths()[1]
        return json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else None

    def _remove_leftovers(self) -> None:
        """Work folders of imports that died, and partitions renamed in but never logged."""
        shutil.rmtree(self.root / ".staging", ignore_errors=True)
        logged = {entry["import_id"] for entry in self.stored_imports()}
        for folder in (self.root / "postings").glob("import_id=*"):
            if int(folder.name.split("=")[1]) not in logged:
                shutil.rmtree(folder, ignore_errors=True)
        for path in (self.root / "title_codes").glob("import_id=*.parquet"):
            if int(path.stem.split("=")[1]) not in logged:
                path.unlink(missing_ok=True)
        kept = {entry["file_sha256"] for entry in self.stored_imports()}
        for path in (self.root / "received").glob("*"):
            if path.name.split(".")[0] not in kept:
                path.unlink(missing_ok=True)


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
