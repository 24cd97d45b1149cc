"""Importing fact-check files, then matching the stored claims against what was new.

Used by the CLI (`python -m claimdesk factchecks import FILE...`) and the Upload page. Each file
is read and stored on its own (one transaction per file): a bad file is reported and the others
go on. Matching runs once, after the last file, over the fact-checks the files added.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimdesk.factcheck_matching import ProgressFn, match_new_factchecks
from claimdesk.factchecks import ImportOutcome, import_factcheck_file, store_factchecks
from claimdesk.ingest.errors import IngestError
from claimdesk.ingest.factcheck_readers import FACTCHECK_EXTENSIONS, read_factcheck_path
from claimdesk.store.repo import Store

log = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """Every file's outcome, and what matching the claims against the new fact-checks did."""

    outcomes: list[ImportOutcome] = field(default_factory=list)
    matched: int = 0
    match_error: str | None = None

    @property
    def failed(self) -> int:
        return sum(o.status == "failed" for o in self.outcomes)

    def summary(self) -> str:
        """ "12 fact-checks added, 3 duplicate, 1 file failed; 5 matches suggested"."""
        added = sum(o.added for o in self.outcomes)
        dup = sum(o.duplicates for o in self.outcomes)
        text = f"{added:,} fact-checks added, {dup:,} duplicate, {self.failed:,} file(s) failed"
        if self.match_error:
            return f"{text}; {self.match_error}"
        return f"{text}; {self.matched:,} claim match(es) suggested"


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders give their fact-check files (by extension), recursively."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in FACTCHECK_EXTENSIONS
            )
        else:
            yield path


def import_files(
    store: Store,
    files: Iterable[tuple[str, bytes]],
    *,
    imported_by: str | None = None,
    match: bool = True,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """Imports (name, bytes) files one transaction each, then matches the new fact-checks."""
    result = ImportResult()
    for name, data in files:
        result.outcomes.append(import_factcheck_file(store, name, data, imported_by=imported_by))
    if match:
        _match(store, result, progress)
    return result


def import_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    imported_by: str | None = None,
    match: bool = True,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """`import_files` for files and folders on disk (a missing file is a failed outcome)."""
    result = ImportResult()
    for path in expand_paths(paths):
        try:
            parsed = read_factcheck_path(path)
        except IngestError as exc:
            result.outcomes.append(ImportOutcome(str(path), "failed", exc.reason))
            continue
        except Exception as exc:  # a reader bug must not stop the other files
            log.exception("reading fact-checks from %s failed", path)
            reason = f"could not be read ({type(exc).__name__})"
            result.outcomes.append(ImportOutcome(str(path), "failed", reason))
            continue
        result.outcomes.append(store_factchecks(store, parsed, imported_by=imported_by))
    if match:
        _match(store, result, progress)
    return result


def _match(store: Store, result: ImportResult, progress: ProgressFn | None) -> None:
    new_ids = [i for o in result.outcomes for i in o.new_ids]
    if not new_ids:
        return
    try:
        result.matched = match_new_factchecks(store, new_ids, progress)
    except Exception as exc:  # the fact-checks stay stored; matching can be run again
        log.exception("matching claims against the new fact-checks failed")
        result.match_error = (
            f"matching the claims against them failed ({type(exc).__name__}); "
            "run `python -m claimdesk factchecks match` to retry"
        )
