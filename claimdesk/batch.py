"""Ingest a batch: read each input, analyse the readable ones in batches, store each whole.

One input that cannot be read, analysed or stored becomes a "failed" outcome with the reason in
words; the rest of the batch goes on. Inputs already stored (same content hash) are reported as
duplicates without being analysed again, which is also how an interrupted batch resumes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.ingest import (
    IngestError,
    fetch_url,
    iter_input_paths,
    read_document,
    read_pasted_text,
    read_path,
)
from claimdesk.model import Analysis, Article
from claimdesk.store.repo import AddOutcome, Store, duplicate_outcome

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

ANALYSED_LANGUAGES = {"en"}
ProgressFn = Callable[[int, int, AddOutcome], None]


@dataclass
class InputItem:
    """One thing to ingest: a name to report and a deferred reader that returns an Article."""

    name: str
    load: Callable[[], Article]


def file_item(name: str, data: bytes) -> InputItem:
    return InputItem(name, lambda: read_document(name, data))


def path_item(path: Path) -> InputItem:
    return InputItem(str(path), lambda: read_path(path))


def url_item(url: str, *, allow_private: bool = True) -> InputItem:
    return InputItem(url, lambda: fetch_url(url, allow_private=allow_private))


def text_item(text: str, title: str | None = None, *, name: str | None = None) -> InputItem:
    """Pasted text; without a title it gets its opening words as one (batch.lead_title)."""
    return InputItem(name or title or "pasted text", lambda: read_pasted_text(text, title=title))


@dataclass(frozen=True)
class InputSpec:
    """A picklable description of one input (an InputItem holds a closure, which is not)."""

    kind: str  # file | path | url | text | missing
    name: str
    data: bytes | None = None
    text: str | None = None
    title: str | None = None  # of pasted text, when the user gave one

    def to_item(self, *, allow_private: bool = True) -> InputItem:
        if self.kind == "file":
            return file_item(self.name, self.data or b"")
        if self.kind == "path":
            return path_item(Path(self.name))
        if self.kind == "url":
            return url_item(self.name, allow_private=allow_private)
        if self.kind == "text":
            return text_item(self.text or "", self.title, name=self.name)
        return InputItem(self.name, _missing(self.name))


def specs_from_args(args: Iterable[str]) -> Iterator[InputSpec]:
    """Files, folders (recursively) and URLs from a command line, as specs."""
    for arg in args:
        if arg.startswith(("http://", "https://")):
            yield InputSpec("url", arg)
        elif not Path(arg).exists():
            yield InputSpec("missing", arg)
        else:
            for p in iter_input_paths([Path(arg)]):
                yield InputSpec("path", str(p))


def _missing(arg: str) -> Callable[[], Article]:
    def fail() -> Article:
        raise IngestError(arg, "no such file or folder")

    return fail


def lead_title(text: str, limit: int = 90) -> str | None:
    """A stand-in title for a text that has none: its opening words, cut at a word boundary."""
    first = " ".join(text.strip().split("\n", 1)[0].split())
    if not first:
        return None
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:—-")
    return cut + "…"


def read_item(item: InputItem) -> Article | AddOutcome:
    """The item's article (titled), or its failed outcome with the reason in words."""
    try:
        article = item.load()
        if not article.title:
            article.title = lead_title(article.text)
        return article
    except IngestError as exc:
        return AddOutcome("failed", item.name, exc.reason)
    except Exception as exc:  # a reader bug must not stop the batch or show a traceback
        log.exception("reading %s failed", item.name)
        return AddOutcome("failed", item.name, f"could not be read ({type(exc).__name__})")


def should_analyse(article: Article) -> bool:
    return (article.lang or "en") in ANALYSED_LANGUAGES


def ingest_batch(
    store: Store,
    items: Iterable[InputItem],
    *,
    analyse: Callable[[list[str]], list[Analysis]] | None = None,
    ingested_by: str | None = None,
    progress: ProgressFn | None = None,
    chunk: int = 16,
) -> list[AddOutcome]:
    """Reads, analyses and stores every item; returns one outcome per item, in input order.

    `analyse` maps texts to analyses (default: the spaCy pipeline in batches); it is called on
    chunks of `chunk` readable, new, English articles.
    """
    if analyse is None:
        analyse = _default_analyse
    items = list(items)
    total = len(items)
    outcomes: list[AddOutcome] = []
    known = store.known_hashes()
    pending: list[tuple[InputItem, Article]] = []

    def report(outcome: AddOutcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), total, outcome)

    def store_chunk(
        batch: list[tuple[InputItem, Article]], results: list[Analysis | Exception]
    ) -> list[AddOutcome]:
        done, it = [], iter(results)
        for item, article in batch:
            result = next(it) if should_analyse(article) else None
            if isinstance(result, Exception):
                reason = f"analysis failed ({type(result).__name__}); nothing stored"
                done.append(AddOutcome("failed", item.name, reason))
            else:
                done.append(_store(store, item, article, result, ingested_by))
        return done

    # Chunk k is stored on a second thread while chunk k+1 is analysed; outcomes are still
    # reported in input order, from this thread.
    in_flight: list[Future] = []

    def settle() -> None:
        while in_flight:
            for outcome in in_flight.pop(0).result():
                report(outcome)

    def flush(writer: ThreadPoolExecutor) -> None:
        if not pending:
            return
        batch = list(pending)
        pending.clear()
        english = [a for _, a in batch if should_analyse(a)]
        results = _analyse_isolating_failures(analyse, english)
        settle()
        in_flight.append(writer.submit(store_chunk, batch, results))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimdesk-store") as writer:
        for item in items:
            got = read_item(item)
            if isinstance(got, AddOutcome):
                flush(writer)
                settle()
                report(got)
                continue
            if got.content_hash in known:
                flush(writer)
                settle()
                dup = store.find_by_hash(got.content_hash)
                report(_duplicate_outcome(item.name, dup))
                continue
            known.add(got.content_hash)
            pending.append((item, got))
            if len(pending) >= chunk:
                flush(writer)
        flush(writer)
        settle()
    return outcomes


def _analyse_isolating_failures(
    analyse: Callable[[list[str]], list[Analysis]], articles: list[Article]
) -> list[Analysis | Exception]:
    """Analyses a chunk at once; if that fails, one by one so only the bad text fails."""
    if not articles:
        return []
    try:
        return list(analyse([a.text for a in articles]))
    except Exception:
        log.exception("batch analysis failed; retrying one by one")
    out: list[Analysis | Exception] = []
    for article in articles:
        try:
            out.append(analyse([article.text])[0])
        except Exception as exc:
            log.exception("analysing %s failed", article.filename)
            out.append(exc)
    return out


def _duplicate_outcome(name: str, existing: tuple[int, str | None] | None) -> AddOutcome:
    if existing is None:  # duplicate of an earlier item in this same batch
        return AddOutcome("duplicate", name, "same content as an earlier file in this batch")
    return duplicate_outcome(name, existing)


def _store(
    store: Store, item: InputItem, article: Article, analysis: Analysis | None, by: str | None
) -> AddOutcome:
    try:
        outcome = store_article(store, item.name, article, analysis, by)
    except Exception as exc:
        log.exception("storing %s failed", item.name)
        return AddOutcome("failed", item.name, f"could not be stored ({type(exc).__name__})")
    if wants_matching(outcome):
        outcome.message += match_known_factchecks(store, outcome)
    return outcome


def store_article(
    store: Store,
    name: str,
    article: Article,
    analysis: Analysis | None,
    by: str | None,
    *,
    also: Callable[[Session, AddOutcome], None] | None = None,
) -> AddOutcome:
    """Stores one read (and, if English, analysed) article; its outcome, with words for an
    article kept unanalysed. Errors are raised (`also`: see Store.add_article)."""
    outcome = store.add_article(article, analysis, ingested_by=by, name=name, also=also)
    if outcome.status == "added" and analysis is None:
        lang = article.lang or "unknown"
        outcome.message = (
            f"added but not analysed: the text is in language '{lang}', and ClaimDesk analyses "
            "English only"
        )
    return outcome


def wants_matching(outcome: AddOutcome) -> bool:
    """Whether a stored outcome's claims are to be matched with the known fact-checks."""
    return outcome.status == "added" and outcome.n_claims > 0


def match_known_factchecks(
    store: Store, outcome: AddOutcome, *, passthrough: tuple[type[BaseException], ...] = ()
) -> str:
    """Suggests the stored fact-checks that match a new article's claims; words for the
    outcome's message (a matcher failure is reported there, and the article stays stored;
    exceptions of the `passthrough` types are raised instead, for the caller to retry)."""
    from claimdesk.factcheck_matching import IndexNotReady, match_article

    try:
        n = match_article(store, int(outcome.article_id or 0))
    except IndexNotReady as exc:
        return f"; not matched with known fact-checks: {exc}"
    except passthrough:
        raise
    except Exception as exc:
        log.exception("matching %s with known fact-checks failed", outcome.name)
        return f"; matching with known fact-checks failed ({type(exc).__name__})"
    return f"; {n:,} known fact-check match{'es' if n != 1 else ''} suggested" if n else ""


def _default_analyse(texts: list[str]) -> list[Analysis]:
    from claimdesk.nlp.pipeline import analyze_texts

    return list(analyze_texts(texts))
