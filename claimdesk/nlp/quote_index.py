"""Per-document lookup tables built in one pass over a spaCy Doc.

Sentence and paragraph numbers per token, char-to-token lookup and a token mask of direct
quotes; every extractor step reads these instead of walking the Doc again.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import compress, pairwise

from spacy.tokens import Doc, Token

from claimdesk.nlp.token_table import TokenTable, token_table


@dataclass
class DocIndex:
    doc: Doc
    table: TokenTable
    starts: list[int] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    para_of: list[int] = field(default_factory=list)
    sent_bounds: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    quote_of: list[int] = field(default_factory=list)  # index of the direct quote, or -1

    @classmethod
    def build(cls, doc: Doc, table: TokenTable | None = None) -> DocIndex:
        tt = table if table is not None else token_table(doc)
        text = tt.doc_text
        blank_lines = "\n\n" in text or "\n \n" in text
        idx = cls(doc, tt)
        n = len(doc)
        idx.starts = tt.idx
        sent_of = [0] * n
        for k, sent in enumerate(doc.sents):
            start, end = sent.start, sent.end
            idx.sent_bounds.append((start, end))
            sent_of[start:end] = [k] * (end - start)
        idx.sent_of = sent_of
        # a paragraph starts at a space token holding a blank line (or any line break, in
        # text that never leaves a blank line)
        need = 2 if blank_lines else 1
        texts = tt.text
        breaks = [i for i in compress(range(n), tt.is_space) if texts[i].count("\n") >= need]
        para_of = [0] * n
        for para, (start, end) in enumerate(pairwise([0, *breaks, n])):
            para_of[start:end] = [para] * (end - start)
        idx.para_of = para_of
        idx.quote_of = [-1] * n
        return idx

    def token_at(self, char: int) -> int:
        """Index of the token containing (or starting after) a character offset."""
        k = bisect.bisect_right(self.starts, char) - 1
        return max(0, k)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens [a, b) overlapping the character range."""
        a = self.token_at(start)
        if a < len(self.starts) and self.starts[a] + len(self.doc[a]) <= start:
            a += 1
        b = bisect.bisect_left(self.starts, end)
        return a, max(a, b)

    @property
    def text(self) -> str:
        """The document's text (read once; `Doc.text` rebuilds it on every access)."""
        return self.table.doc_text

    def is_break(self, t: Token) -> bool:
        return t.is_space and "\n" in t.text

    def same_para(self, i: int, j: int) -> bool:
        return self.para_of[i] == self.para_of[j]
