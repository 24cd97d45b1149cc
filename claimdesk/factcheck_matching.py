"""Claims matched to known fact-checks: when an article is ingested (its claims against every
stored fact-check) and after an import (every stored claim against the new fact-checks). Pages
only read the matches this stores; nothing is matched on a page rerun.

The matcher's index of all stored fact-checks is kept on disk so that a process start does not
embed thousands of fact-checks again: next to the SQLite file (`factcheck-index-<hash of the
database URL>/`), or for a server database in a local cache folder (`CLAIMDESK_CACHE_DIR`, else
`~/.cache/claimdesk`). Each saved index is a folder named by the fingerprint of the fact-checks
it holds (their ids and keys); a process uses the one that fits the table, else extends the
largest one that is a subset of it (embedding only the missing fact-checks), else builds one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.engine import make_url

from claimdesk.factchecks import LinkHit, suggest_links
from claimdesk.store.repo import Store
from claimdesk.store.schema import ClaimRow, FactCheckRow

if TYPE_CHECKING:
    from claimdesk.matching import FactCheckIndex, FactCheckText

log = logging.getLogger(__name__)

#: Candidates asked of the index per claim, and matches kept per claim (above its threshold).
SEARCH_TOP = 5
KEEP_PER_CLAIM = 3
#: Claims searched (and their suggestions written) per step when every claim is matched.
CLAIM_BATCH = 1_000
#: Saved indexes kept per database (the newest; older ones are removed after a save).
KEPT_INDEXES = 2
IDS_FILE = "factchecks.json"
INDEX_FILE = "index.npz"
#: Fact-checks an article's ingestion may embed into the index before matching (a minute or
#: less); more, and the article is stored unmatched with a message saying how to index them.
INGEST_MAX_NEW = 1_000
ProgressFn = Callable[[int, int], None]


@dataclass
class LoadedIndex:
    """An index in memory with the fact-checks it holds (id -> key) and their fingerprint."""

    fingerprint: str
    keys: dict[int, str]
    index: FactCheckIndex


_LOADED: dict[str, LoadedIndex] = {}
_LOCK = threading.Lock()


# ------------------------------------------------------------------------ where and what
def index_home(url: str) -> Path | None:
    """The folder of a database's saved indexes (None for an in-memory SQLite database)."""
    u = make_url(url)
    key = hashlib.sha256(u.render_as_string(hide_password=True).encode()).hexdigest()[:16]
    if u.get_backend_name() == "sqlite":
        if not u.database or u.database == ":memory:":
            return None
        return Path(u.database).resolve().parent / f"factcheck-index-{key}"
    cache = os.environ.get("CLAIMDESK_CACHE_DIR") or Path.home() / ".cache" / "claimdesk"
    return Path(cache) / f"factcheck-index-{key}"


def stored_keys(store: Store) -> dict[int, str]:
    """Every stored fact-check's id and key (rows are never changed, so these identify them)."""
    with store.read() as s:
        return {int(i): k for i, k in s.execute(select(FactCheckRow.id, FactCheckRow.claim_key))}


def fingerprint(keys: dict[int, str]) -> str:
    digest = hashlib.sha256()
    for i in sorted(keys):
        digest.update(f"{i}:{keys[i]}\n".encode())
    return digest.hexdigest()[:24]


def factcheck_texts(store: Store, ids: Sequence[int] | None = None) -> list[FactCheckText]:
    """What the matcher reads of each fact-check (all of them, or these ids)."""
    from claimdesk.matching import FactCheckText

    stmt = select(FactCheckRow.id, FactCheckRow.claim_reviewed, FactCheckRow.title)
    out: list[FactCheckText] = []
    with store.read() as s:
        if ids is None:
            rows = list(s.execute(stmt.order_by(FactCheckRow.id)))
        else:
            wanted = sorted({int(i) for i in ids})
            rows = []
            for start in range(0, len(wanted), 5_000):
                part = wanted[start : start + 5_000]
                rows.extend(s.execute(stmt.where(FactCheckRow.id.in_(part))))
            rows.sort(key=lambda r: r[0])
        for fid, claim, title in rows:
            out.append(FactCheckText(id=str(fid), claim=claim, title=title or ""))
    return out


# ------------------------------------------------------------------------ the persisted index
class IndexNotReady(RuntimeError):
    """More fact-checks would need embedding than the caller can wait for (`max_new`)."""


def current_index(store: Store, max_new: int | None = None) -> FactCheckIndex | None:
    """The index of every stored fact-check (None when there are none), from memory, from
    disk, extended with the fact-checks it misses, or built; saved when it changed.

    `max_new`: raise IndexNotReady rather than embed more fact-checks than this (an article's
    ingestion must not spend its time budget indexing a large import made with --no-match)."""
    keys = stored_keys(store)
    if not keys:
        return None
    wanted = fingerprint(keys)
    with _LOCK:
        loaded = _LOADED.get(store.url)
        if loaded is not None and loaded.fingerprint == wanted:
            return loaded.index
        home = index_home(store.url)
        base = loaded if loaded is not None and _is_subset(loaded.keys, keys) else None
        if base is None or base.fingerprint != wanted:
            on_disk = _best_saved(home, keys) if home else None
            if on_disk is not None and (base is None or len(on_disk.keys) > len(base.keys)):
                base = on_disk
        missing = len(keys) - (len(base.keys) if base is not None else 0)
        if max_new is not None and missing > max_new:
            raise IndexNotReady(
                f"{missing:,} known fact-checks are not indexed yet; run "
                "`python -m claimdesk factchecks match` (or import them in the app) to index them"
            )
        try:
            fresh = _completed(store, base, keys, wanted)
        except BaseException:
            _LOADED.pop(store.url, None)  # an index extended half-way is not kept
            raise
        if home is not None and (base is None or base.fingerprint != wanted):
            _save(home, fresh)
        _LOADED[store.url] = fresh
        return fresh.index


def _is_subset(have: dict[int, str], keys: dict[int, str]) -> bool:
    return len(have) <= len(keys) and all(keys.get(i) == k for i, k in have.items())


def _completed(
    store: Store, base: LoadedIndex | None, keys: dict[int, str], wanted: str
) -> LoadedIndex:
    from claimdesk.matching import FactCheckIndex

    if base is not None and base.fingerprint == wanted:
        return base
    if base is None:
        index = FactCheckIndex.build(factcheck_texts(store))
    else:
        index = base.index
        index.add(factcheck_texts(store, [i for i in keys if i not in base.keys]))
    return LoadedIndex(wanted, dict(keys), index)


def _saved(home: Path) -> Iterator[tuple[Path, dict[int, str]]]:
    if not home.is_dir():
        return
    for folder in home.iterdir():
        try:
            raw = json.loads((folder / IDS_FILE).read_text(encoding="utf-8"))
            yield folder, {int(i): str(k) for i, k in raw.items()}
        except (OSError, ValueError, AttributeError):
            continue  # half-written or foreign: ignored


def _best_saved(home: Path, keys: dict[int, str]) -> LoadedIndex | None:
    """The saved index that fits `keys` best: all of them, else the largest subset."""
    from claimdesk.matching import FactCheckIndex

    candidates = sorted(
        ((folder, have) for folder, have in _saved(home) if _is_subset(have, keys)),
        key=lambda c: len(c[1]),
        reverse=True,
    )
    for folder, have in candidates:
        try:
            index = FactCheckIndex.load(folder / INDEX_FILE)
        except Exception:  # unreadable (another model version, damaged): removed, next one
            log.warning("removing the unreadable fact-check index in %s", folder, exc_info=True)
            shutil.rmtree(folder, ignore_errors=True)
            continue
        if index.semantic.refitted_saved:  # saved by an older version: keep its refit
            try:
                index.save(folder / INDEX_FILE)
            except OSError:
                log.warning("could not update the fact-check index in %s", folder, exc_info=True)
        return LoadedIndex(fingerprint(have), have, index)
    return None


def _save(home: Path, loaded: LoadedIndex) -> None:
    """Writes the index under a temporary name, then renames it into place (readers never see
    half an index); keeps the newest KEPT_INDEXES. A failure to save only costs speed."""
    target = home / loaded.fingerprint
    try:
        home.mkdir(parents=True, exist_ok=True)
        if target.exists():
            return
        tmp = Path(tempfile.mkdtemp(prefix=".saving-", dir=home))
        loaded.index.save(tmp / INDEX_FILE)
        (tmp / IDS_FILE).write_text(json.dumps({str(i): k for i, k in loaded.keys.items()}))
        try:
            tmp.rename(target)
        except OSError:  # another process saved the same index meanwhile
            shutil.rmtree(tmp, ignore_errors=True)
        saved = sorted(
            (p for p in home.iterdir() if not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in saved[KEPT_INDEXES:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        log.warning("could not save the fact-check index under %s", home, exc_info=True)


def forget_loaded_indexes() -> None:
    """Drops the indexes held in memory (tests; a process that restores a database)."""
    with _LOCK:
        _LOADED.clear()


# ------------------------------------------------------------------------ matching
def find_matches(
    index: FactCheckIndex,
    claims: Sequence[tuple[int, str]],
    only: Collection[int] | None = None,
) -> list[LinkHit]:
    """The fact-checks of `index` above its threshold for each (claim id, text), best first,
    at most KEEP_PER_CLAIM per claim (and only those in `only`, when given)."""
    if not claims:
        return []
    results = index.search([text for _, text in claims], top=SEARCH_TOP)
    hits: list[LinkHit] = []
    for (claim_id, _), found in zip(claims, results, strict=True):
        above = [
            h for h in found if h.score >= index.threshold and (only is None or int(h.id) in only)
        ]
        above.sort(key=lambda h: h.score, reverse=True)
        hits.extend(LinkHit(claim_id, int(h.id), float(h.score)) for h in above[:KEEP_PER_CLAIM])
    return hits


def _claims(store: Store, article_id: int | None = None) -> Iterator[list[tuple[int, str]]]:
    """Claims (id, text) in batches of CLAIM_BATCH, by id: one article's, or all."""
    last = 0
    while True:
        stmt = select(ClaimRow.id, ClaimRow.text).where(ClaimRow.id > last)
        if article_id is not None:
            stmt = stmt.where(ClaimRow.article_id == article_id)
        with store.read() as s:
            rows = [
                (int(i), t) for i, t in s.execute(stmt.order_by(ClaimRow.id).limit(CLAIM_BATCH))
            ]
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _count_claims(store: Store) -> int:
    from sqlalchemy import func

    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(ClaimRow)) or 0)


def match_article(store: Store, article_id: int) -> int:
    """Suggests known fact-checks for a newly stored article's claims; returns how many.
    IndexNotReady when more than INGEST_MAX_NEW fact-checks would need embedding first."""
    index = current_index(store, max_new=INGEST_MAX_NEW)
    if index is None:
        return 0
    added = 0
    for claims in _claims(store, article_id):
        added += suggest_links(store, find_matches(index, claims))
    return added


def match_all_claims(
    store: Store, only: Collection[int] | None = None, progress: ProgressFn | None = None
) -> int:
    """Every stored claim against every stored fact-check (or only the matches to the
    fact-checks in `only`); returns how many matches were suggested. Pairs suggested or decided
    before are left as they are."""
    index = current_index(store)
    if index is None:
        return 0
    total, done, added = _count_claims(store), 0, 0
    for claims in _claims(store):
        added += suggest_links(store, find_matches(index, claims, only))
        done += len(claims)
        if progress:
            progress(done, total)
    return added


def match_new_factchecks(
    store: Store, new_ids: Collection[int], progress: ProgressFn | None = None
) -> int:
    """After an import: every stored claim against the index of all fact-checks (its scores
    are calibrated on a whole collection, not on a few new ones), keeping the matches to the
    new fact-checks. The saved index is brought up to date on the way."""
    if not new_ids:
        return 0
    return match_all_claims(store, {int(i) for i in new_ids}, progress)
