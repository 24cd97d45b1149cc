"""Direct, indirect and mixed quotes with their cue and speaker mention.

Passes over one parsed Doc, then de-duplication by span overlap:

1. direct: spans between quotation marks (quote_marks.find_quoted_spans), attributed to the
   nearest verb of saying outside the quote in the same sentence frame ("..., Yu said." / "Yu
   said: ..."), to a dash-signed name ('"..." -Commissioner X') or to a "From X:" lead-in. A
   verb after the quote never takes it when it reports a clause of its own ('"...," but he said
   that ...') or, after a quote that ended its sentence, when it is not in the shape of an
   attribution or leads a quote of its own ('"A." She adds, "B."'); split
   quotes around one attribution are merged; a fully quoted sentence right after an attributed
   quote (a floating quote) inherits its speaker; short title-case quoted names are titles;
   a paragraph set as a block after "X said:" is X's.
2. indirect (quote_indirect): clausal complements of verbs of saying and belief, "according to
   X", "in X's view", reporting nouns, and communicative acts.
3. merge: an indirect quote that repeats a direct one is dropped; indirect content that contains
   a quoted fragment becomes `mixed` and never ends inside a quotation; attributions nested in
   other content are dropped.
4. transcripts (claimdesk.nlp.transcript): the talk is the speakers' own, so only what a speaker
   reports a third party to have said is kept; labels of furniture, places and headings never
   speak.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimdesk.model import Quote
from claimdesk.nlp.claim_layout import LEADING_TIMESTAMP
from claimdesk.nlp.lexicons.cues import CueLexicon, default_lexicon
from claimdesk.nlp.quote_candidates import Cand, cue_text
from claimdesk.nlp.quote_index import DocIndex
from claimdesk.nlp.quote_marks import find_quoted_spans
from claimdesk.nlp.quote_speaker import (
    is_first_or_second_person,
    is_plausible_speaker,
    mention_bounds,
    not_speaking,
    quoted_as,
    subject_of,
)
from claimdesk.nlp.token_table import TokenTable
from claimdesk.nlp.transcript import Layout, is_furniture_label, read_layout
from claimdesk.places.datelines import dateline_prefixes

_FRAME_LIMIT = 40
_MIN_WORDS = 4  # fewer quoted words inside a sentence: a fragment, not a quote
_SENT_END = {".", "!", "?"}
_DASHES = {"-", "--", "—", "―", "–"}


def extract_quotes(
    doc: Doc,
    lexicon: CueLexicon | None = None,
    table: TokenTable | None = None,
    layout: Layout | None = None,
) -> list[Quote]:
    """Quotes of a parsed document, in text order (`table`, `layout`: its token table and
    layout, when the caller has read them for other extractors)."""
    from claimdesk.nlp.quote_indirect import find_indirect

    lex = lexicon or default_lexicon()
    idx = DocIndex.build(doc, table)
    direct = _direct_quotes(doc, idx, lex)
    indirect = find_indirect(doc, idx, lex) + _label_quotes(doc, idx)
    direct += _block_quotes(doc, idx, lex)
    cands = _merge(direct, indirect)
    layout = layout if layout is not None else read_layout(idx.text)
    if layout.is_transcript:
        cands = _reported_in_transcript(doc, cands, layout, lex)
    return _to_quotes(doc, idx, cands)


def _reported_in_transcript(
    doc: Doc, cands: list[Cand], layout: Layout, lex: CueLexicon
) -> list[Cand]:
    """In a transcript the talk is the speakers' own: keep only what a speaker reports someone
    else to have said (a third party with a verb of saying, "according to", a quotation), never
    their own first-person statements, their account of what others think or want, the
    reporters' questions to them, or the turn labels themselves."""
    kept: list[Cand] = []
    keep_ids: set[int] = set()
    for c in cands:
        if c.follows is not None:
            ok = id(c.follows) in keep_ids
        else:
            ok = _third_party_report(doc, c, layout, lex)
        if ok:
            keep_ids.add(id(c))
            kept.append(c)
    return kept


def _third_party_report(doc: Doc, c: Cand, layout: Layout, lex: CueLexicon) -> bool:
    at = c.cue.idx if c.cue is not None else c.start
    if layout.turn_at(at) is None and at >= layout.header_end:
        return True  # outside the turns (a preface): ordinary prose
    if c.via == "label" or c.spk is None:
        return False  # the turn itself, or the turn's speaker talking
    holder = doc[c.spk[0] : c.spk[1]].root
    if is_first_or_second_person(holder):
        return False
    if c.via in ("direct", "according"):
        return True
    return c.cue is not None and c.cue.lemma_.lower() in lex.speech


# ----------------------------------------------------------------------------- direct quotes


def _direct_quotes(doc: Doc, idx: DocIndex, lex: CueLexicon) -> list[Cand]:
    text = idx.text
    spans = find_quoted_spans(text)
    cands: list[Cand] = []
    ranges: list[tuple[int, int]] = []
    for k, s in enumerate(spans):
        a, b = idx.token_range(s.start, s.end)
        if a >= b:
            continue
        for i in range(a, b):
            idx.quote_of[i] = k
        ranges.append((a, b))
        cands.append(Cand(s.start, s.end, "direct", pieces=[(s.start, s.end)]))
    for c, (a, b) in zip(cands, ranges, strict=True):
        _attribute_direct(doc, idx, lex, c, a, b)
    _merge_split(doc, idx, cands)
    _floating(doc, idx, cands)
    return cands


def _frame(doc: Doc, idx: DocIndex, a: int, b: int, step: int) -> list[Token]:
    """Tokens outside quotes next to the quote [a, b), up to a sentence end, another quote or a
    paragraph break, nearest first."""
    out: list[Token] = []
    i = b if step > 0 else a - 1
    anchor = b - 1 if step > 0 else a
    while 0 <= i < len(doc) and len(out) < _FRAME_LIMIT:
        t = doc[i]
        if idx.quote_of[i] != -1 or idx.is_break(t) or not idx.same_para(i, anchor):
            break
        if step < 0 and t.text in _SENT_END:
            break
        out.append(t)
        if step > 0 and t.text in _SENT_END:
            break
        i += step
    return out


_ADJECTIVAL = {"amod", "compound", "nmod"}  # "the highly anticipated sequel"


def _cue_in(tokens: list[Token], lex: CueLexicon) -> Token | None:
    """The verb of saying (else of believing, with a subject) among the frame's tokens."""
    verbs = [
        t
        for t in tokens
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in _ADJECTIVAL and not not_speaking(t)
    ]
    for t in verbs:
        if t.lemma_.lower() in lex.speech:
            return t
    for t in verbs:
        if t.lemma_.lower() in lex.clause_verbs and subject_of(t) is not None:
            return t
    return None


def _is_title(doc: Doc, a: int, b: int) -> bool:
    """'"A Most Violent Year"', '"Researching Your Ancestors"': a short quoted name of a work
    or event, every word capitalised but the small ones, with no sentence inside."""
    words = [t for t in doc[a:b] if not t.is_punct and not t.is_space]
    if not words or len(words) > 10 or any(t.text in _SENT_END for t in doc[a:b]):
        return False
    caps = [t for t in words if t.lower_ not in _TITLE_SMALL_WORDS]
    return bool(caps) and all(t.text[:1].isupper() or t.like_num for t in caps)


_TITLE_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "and",
    "or",
    "but",
    "with",
    "by",
    "from",
    "vs",
    "vs.",
    "as",
    "into",
    "is",
    "'s",
    "’s",
}


def _attribute_direct(doc: Doc, idx: DocIndex, lex: CueLexicon, c: Cand, a: int, b: int) -> None:
    right = _frame(doc, idx, a, b, +1)
    left = _frame(doc, idx, a, b, -1)
    c.frame_end = right[-1].i + 1 if right else b
    words = [t for t in right if not t.is_punct and not t.is_space]
    lwords = [t for t in left if not t.is_punct and not t.is_space]
    c.own_sentences = not lwords and not words
    n_words = sum(1 for t in doc[a:b] if not t.is_punct and not t.is_space)
    starts_sentence = not lwords or (left and left[0].text in (":", ","))
    c.fragment = (n_words < _MIN_WORDS or _is_title(doc, a, b)) and not starts_sentence
    if _transcript_label(doc, c, a, b):
        return
    led = _cue_in(left, lex) if left and left[0].text == ":" else None
    verb = led or _cue_in(right, lex)  # 'Ms Brankin said: "..."' wins over what follows
    if verb is not None and verb is not led:  # '"...," papers quote X as saying': X speaks
        verb = next((g for c in verb.children for g in c.children if quoted_as(g)), verb)
    if verb is not None and verb is not led and not _attributes_quote(verb, right, idx, c):
        verb = None
        c.own_sentences = not lwords  # '"A." She added: "B."': A continues the quote before
    verb = verb or _cue_in(left, lex)
    lead = None
    if verb is None and not lwords:
        lead = _lead_in(doc, idx, a)  # 'Caddell continued:' closing the paragraph before
        verb = _cue_in(lead, lex) if lead else None
    if verb is None:
        # any verb with a person-like subject right after the quote ("she quipped")
        for t in right[:6]:
            if t.pos_ == "VERB":
                s = subject_of(t)
                if (
                    s is not None
                    and s.pos_ in ("PROPN", "PRON")
                    and s.lower_ != "it"
                    and idx.quote_of[s.i] == -1
                    and _attributes_quote(t, right, idx, c)
                    and not (_closes_sentence(idx.text, c) and _has_complement(t))
                ):
                    verb = t
                    break
    mixed = verb is not None and lwords and verb.i < a and left[0].text not in (":", ",")
    if verb is not None and mixed and verb.i >= a - 12:
        s = subject_of(verb)
        if s is None or not is_plausible_speaker(s) or is_first_or_second_person(s):
            verb = None  # 'filming the highly anticipated "Star Wars"': no one speaks
    if verb is not None:
        c.cue = verb
        c.cue_text = cue_text(verb)
        if mixed and verb.i >= a - 12:
            # 'X said the plan was "a disaster."': the quote ends a reported clause: mixed
            start = verb.i + 1
            while start < a and doc[start].dep_ in ("npadvmod", "advmod", "mark", "punct"):
                start += 1
            c.start = doc[start].idx
            c.end = max(c.end, _clause_end(doc, verb, a))
            c.pieces = [(c.start, c.end)]
            c.kind = "mixed"
            c.fragment = False
        s = _subject_outside(verb, idx)
        if s is not None and is_plausible_speaker(s):
            c.spk = mention_bounds(s)
        elif verb.i > b:
            c.spk = _name_before_verb(doc, idx, b, verb.i)
        return
    # '"..." -Commissioner X': a dash and a name after the quote (the tokenizer may glue the
    # dash to the closing mark: '”― Ana Ruiz')
    dash = idx.text[c.end :].lstrip()[:1]
    if dash and dash in _DASHES and len(words) <= 6:
        names = [t for t in right if not t.is_punct and not t.is_space]
        if names and names[0].is_title:
            c.cue_text = dash
            c.spk = (names[0].i, names[-1].i + 1)
            return
    # 'From X:' or 'X:' as a lead-in, in the quote's paragraph or closing the one before
    if lead:
        left = lead
    if left and left[0].text == ":":
        ents = [t for t in left if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"]
        if ents:
            last = ents[0]
            c.cue_text = ":"
            c.spk = mention_bounds(last) if last.dep_ != "compound" else (last.i, last.i + 1)


_COMPLEMENTS = {"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd"}


def _has_complement(verb: Token) -> bool:
    """'They struggled to attract ...' after a quote that ended its sentence is narrative; a
    manner of saying stands alone ('"No." She laughed.')."""
    return any(k.dep_ in _COMPLEMENTS for k in verb.children)


def _attributes_quote(verb: Token, right: list[Token], idx: DocIndex, c: Cand) -> bool:
    """A verb after a quote attributes it unless it reports a clause of its own ('"...
    budget." The correspondent told the BBC that ...') or, after a quote that ended its
    sentence, it is not in the shape of an attribution ('"... line." She adds, "..."')."""
    if _reports_own_clause(verb, idx):
        return False
    return not _closes_sentence(idx.text, c) or _attributes_back(verb, right, idx)


def _reports_own_clause(verb: Token, idx: DocIndex) -> bool:
    """The verb after a quote reports a clause of its own, one that starts outside quotes
    ('"...," but he said that the footage "supports ..."'); a quote after the verb that is its
    whole complement ('"A," he said, "B."') is the same speaker going on."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i < verb.i:
            continue
        first = next((t for t in c.subtree if not t.is_punct and not t.is_space), c)
        if first.i > verb.i and idx.quote_of[first.i] == -1 and first.lower_ not in _ADVERBIAL:
            return True
    return False


# conjunctions opening an adverbial clause, which a parser error can hang on the verb of saying
# ('"...," Warren told Stumpf, after he admitted ...'): not a clause the verb reports
_ADVERBIAL = {"after", "before", "when", "while", "because", "since", "until", "once", "as"}


def _closes_sentence(text: str, c: Cand) -> bool:
    """The quotation ends its sentence inside its marks ('... address."', '... ahead?”')."""
    inner = text[c.start : c.end].rstrip(_CLOSING_MARKS + " \n")
    return inner[-1:] in _SENT_END


_CLOSING_MARKS = "\"”’'»"


def _attributes_back(verb: Token, right: list[Token], idx: DocIndex) -> bool:
    """After a quotation that ended its sentence, a verb in the next words attributes it only
    in the shape of an attribution ('"Why?" Smith asked.', '"No." said the mayor'): nothing but
    the verb's own subject before it, and no quotation of its own led in after it ('"A." She
    adds, "B."')."""
    subj = subject_of(verb)
    own = set(range(subj.left_edge.i, subj.right_edge.i + 1)) if subj is not None else set()
    for t in right:
        if t.i >= verb.i:
            break
        if not (t.is_punct or t.is_space or t.i in own or t.head == verb and t.dep_ in _AUX):
            return False
    after = [t for t in right if t.i > verb.i and not t.is_space]
    if after and after[-1].text in (",", ":"):
        nxt = after[-1].i + 1
        while nxt < len(idx.quote_of) and verb.doc[nxt].is_space:
            nxt += 1
        if nxt < len(idx.quote_of) and idx.quote_of[nxt] != -1:
            return False
    return True


_AUX = {"aux", "auxpass", "neg", "advmod"}


def _clause_end(doc: Doc, verb: Token, a: int) -> int:
    """End character of the verb's reported clause holding token `a`: 'X said there remains a
    "significant difference," when it comes to ...' reports the clause to its end."""
    for comp in verb.children:
        if comp.dep_ == "ccomp" and comp.left_edge.i <= a <= comp.right_edge.i:
            last = doc[comp.right_edge.i]
            while last.i > a and last.is_punct and last.text not in "”\"'’":
                last = doc[last.i - 1]
            return last.idx + len(last)
    return -1


def _subject_outside(verb: Token, idx: DocIndex) -> Token | None:
    """The verb's subject outside the quotes: the parser may also hang a word of the quote on
    the verb as a subject ('"... Full panic mode," said Leslie Wimes')."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and idx.quote_of[c.i] == -1 and is_plausible_speaker(c)
    ]
    if subjects:  # two parsed subjects ('made public ― Trump boasted', 'X, the Y Association
        # said'): a person, else a name, else the nearest
        people = [c for c in subjects if c.ent_type_ == "PERSON"]
        named = [c for c in subjects if c.pos_ == "PROPN" or c.ent_type_]
        return min(people or named or subjects, key=lambda c: abs(verb.i - c.i))
    s = subject_of(verb)
    if s is not None and idx.quote_of[s.i] != -1 and verb.dep_ in ("advcl", "xcomp", "conj"):
        s = subject_of(verb.head)  # 'X was elected, declaring "today Brent ..."': X declared
    if (s is None or idx.quote_of[s.i] != -1) and verb.tag_ == "VBG":
        s = _clause_before(verb, idx)
    return s if s is not None and idx.quote_of[s.i] == -1 else None


def _clause_before(verb: Token, idx: DocIndex) -> Token | None:
    """The subject of the attribution a participle follows ('"...," Sanders said, suggesting
    ...'), when the parser hung the participle inside a quotation."""
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start and verb.i - i <= 4 and idx.quote_of[i] == -1:
        t = doc[i]
        if t.pos_ == "VERB":
            own = [c for c in t.children if c.dep_ == "nsubj" and idx.quote_of[c.i] == -1]
            return own[0] if own else None
        i -= 1
    return None


_NAME_PHRASE = {"PROPN", "NOUN", "ADJ"}


def _name_before_verb(doc: Doc, idx: DocIndex, b: int, v: int) -> tuple[int, int] | None:
    """'"...," Flynn, a top Trump surrogate, said': the name opening the attribution after a
    quote, when the parser has not made it the verb's subject."""
    i = b
    while i < v and (doc[i].is_punct or doc[i].is_space):
        i += 1
    j = i
    while j < v and (doc[j].pos_ in _NAME_PHRASE or doc[j].ent_type_) and idx.quote_of[j] == -1:
        j += 1  # 'Tulsa police Chief Chuck Jordan said' (the tagger may take 'Tulsa' for a verb)
    while j > i and doc[j - 1].pos_ not in ("PROPN", "NOUN"):
        j -= 1
    if j == i or j - i > 8 or doc[j - 1].pos_ != "PROPN":
        return None
    if not any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in doc[i:j]):
        return None
    return i, j


def _block_quotes(doc: Doc, idx: DocIndex, lex: CueLexicon) -> list[Cand]:
    """'Moazzam Malik, the British Ambassador, said:' closing a paragraph, and the next
    paragraph without quote marks: that paragraph is the quotation, set as a block."""
    out: list[Cand] = []
    for colon in (t for t in doc if t.text == ":" and idx.quote_of[t.i] == -1):
        nxt = colon.i + 1
        if nxt >= len(doc) or not doc[nxt].is_space or "\n" not in doc[nxt].text:
            continue  # the colon does not close its paragraph
        a = nxt + 1
        if a >= len(doc) or idx.quote_of[a] != -1 or doc[a].is_punct:
            continue  # a quoted paragraph (a lead-in) or a list
        verb = next(
            (
                t
                for t in reversed(doc[colon.sent.start : colon.i])
                if t.pos_ == "VERB" and t.lemma_.lower() in lex.speech
            ),
            None,
        )
        if verb is None or any(c.dep_ == "ccomp" and c.i < colon.i for c in verb.children):
            continue
        s = subject_of(verb)
        if s is None or not is_plausible_speaker(s) or is_first_or_second_person(s):
            continue
        b = a
        while b < len(doc) and not (doc[b].is_space and "\n" in doc[b].text):
            b += 1
        if sum(1 for t in doc[a:b] if t.is_alpha) < 5:
            continue
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        c = Cand(start, end, "direct", cue=verb, cue_text=cue_text(verb), pieces=[(start, end)])
        c.spk = mention_bounds(s)
        c.own_sentences = True
        out.append(c)
    return out


def _lead_in(doc: Doc, idx: DocIndex, a: int) -> list[Token] | None:
    """The paragraph before a quote that opens its own paragraph, nearest token first, when that
    paragraph ends with a colon ('The Times reports:\n\n“...”'); else None."""
    j = a - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].text != ":" or idx.para_of[j] == idx.para_of[a]:
        return None
    out: list[Token] = []
    para = idx.para_of[j]
    while j >= 0 and idx.para_of[j] == para and len(out) < _FRAME_LIMIT:
        if idx.quote_of[j] != -1:
            break
        out.append(doc[j])
        j -= 1
    return out


def _transcript_label(doc: Doc, c: Cand, a: int, b: int) -> bool:
    """'"WALLACE: Let's start ...': a quoted paragraph that opens with a speaker label (a name in
    capitals or a proper name, then a colon) is that speaker's; the content follows the colon."""
    i = a
    while i < b and (doc[i].is_punct and doc[i].text != ":" or doc[i].is_space):
        i += 1
    j = i
    while j < b and j - i < 4 and doc[j].text != ":":
        t = doc[j]
        if not (t.is_upper and t.is_alpha or t.pos_ == "PROPN" and t.is_title):
            return False
        j += 1
    if j == i or j >= b - 1 or doc[j].text != ":" or doc[j].whitespace_ == "":
        return False
    if not any(t.is_upper and len(t) > 1 for t in doc[i:j]) and doc[i].ent_type_ != "PERSON":
        return False
    c.spk = (i, j)
    c.cue = doc[j]
    c.cue_text = ":"
    c.start = doc[j + 1].idx
    c.pieces = [(c.start, c.end)]
    return True


def _merge_split(doc: Doc, idx: DocIndex, cands: list[Cand]) -> None:
    """'"A," Yu said. "B."' is one quote: B continues A when only A's attribution lies between
    them in the paragraph and B has no attribution of its own (or shares A's cue)."""
    k = 1
    while k < len(cands):
        prev, cur = cands[k - 1], cands[k]
        shares = cur.cue == prev.cue or (cur.cue is None and cur.spk is None)
        if prev.cue is not None and shares:
            a = idx.token_at(cur.start)
            gap = doc[prev.frame_end : a]
            adjacent = all(t.is_space and "\n" not in t.text for t in gap)
            if adjacent and prev.cue.idx > prev.start and idx.same_para(prev.frame_end - 1, a):
                prev.end = cur.end
                prev.pieces.extend(cur.pieces)
                prev.frame_end = cur.frame_end
                del cands[k]
                continue
        k += 1


def _floating(doc: Doc, idx: DocIndex, cands: list[Cand]) -> None:
    """A whole-sentence quote right after an attributed quote inherits its speaker."""
    for k in range(1, len(cands)):
        prev, cur = cands[k - 1], cands[k]
        if cur.cue is not None or cur.spk is not None or not cur.own_sentences:
            continue
        anchor = prev.follows or prev
        if anchor.spk is None and anchor.cue is None:
            continue
        a = idx.token_at(prev.end)
        b = idx.token_at(cur.start)
        if idx.para_of[b] - idx.para_of[a] <= 1 and b - a <= 30:
            cur.follows = anchor


def _label_quotes(doc: Doc, idx: DocIndex) -> list[Cand]:
    """'Sanders: Clinton needs to ...' and transcript lines 'WALLACE: Do you ...': a name and a
    colon opening a paragraph (or headline) attribute the rest of it."""
    out: list[Cand] = []
    n = len(doc)
    tt = idx.table
    text, texts, space, punct, para_of = tt.doc_text, tt.text, tt.is_space, tt.is_punct, idx.para_of
    # a label ends at a colon at most five tokens on: only tokens just before one can open it
    colons = [j for j, t in enumerate(texts) if t == ":"]
    starts = sorted({i for c in colons for i in range(max(0, c - 5), c)})
    for i in starts:
        if (i > 0 and para_of[i] == para_of[i - 1] and not space[i - 1]) or (space[i] or punct[i]):
            continue
        j = i
        while j < n and j - i < 5 and texts[j] != ":" and not space[j]:
            j += 1
        if j >= n or texts[j] != ":" or j == i:
            continue
        if not _speaker_label(doc[i:j]):
            continue
        k = j + 1
        while k < n and not idx.is_break(doc[k]) and idx.para_of[k] == idx.para_of[j]:
            k += 1
        words = [t for t in doc[j + 1 : k] if not t.is_punct and not t.is_space]
        if len(words) < 3:
            continue
        start, end = doc[j + 1].idx, doc[k - 1].idx + len(doc[k - 1])
        while start < end and text[start].isspace():
            start += 1
        c = Cand(start, end, "indirect", cue_text=":", spk=(i, j), pieces=[(start, end)])
        c.cue = doc[j]
        c.via = "label"
        out.append(c)
    return out


_SPEAKER_ENTS = ("PERSON", "ORG", "NORP")


def _speaker_label(label: Span) -> bool:
    """A label that can name a speaker: a person, organisation or group ('Sanders:', 'WALLACE:'),
    or a capitalised role; not page furniture ('SOURCE:', 'Correction:'), a place heading a list
    item ('Connecticut:') or a headline phrase ('Stealth Over Health:')."""
    words = [t for t in label if not t.is_punct]
    if not words or is_furniture_label(label.text):
        return False
    if any(t.pos_ in ("VERB", "AUX", "ADP", "PART") and t.lower_ != "of" for t in words):
        return False  # a heading: 'Veto Power Impedes Peace Efforts:', 'Tools to Fight Terror:'
    if any(t.ent_type_ in _SPEAKER_ENTS for t in words):
        return True
    if any(t.ent_type_ for t in words):
        return False  # a place, a date, a title of a work
    return all(t.is_upper for t in words)


# ----------------------------------------------------------------------------- merging


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _merge(direct: list[Cand], indirect: list[Cand]) -> list[Cand]:
    keep_direct = [
        c
        for c in direct
        if (c.cue is not None or c.spk is not None or c.follows) and not c.fragment
    ]
    drop: set[int] = set()
    out: list[Cand] = []
    di = sorted(keep_direct, key=lambda c: c.start)
    for ind in sorted(indirect, key=lambda c: c.start):
        for d in direct:  # content that opens a quotation runs to its close ('According
            # to Limbaugh, "A. B."': the sentence ends inside the quotation)
            if ind.start < d.start < ind.end < d.end:
                ind.end = d.end
                ind.pieces = [(ind.start, ind.end)]
                ind.kind = "mixed"
        ilen = max(1, ind.end - ind.start)
        covered = 0
        inside: list[Cand] = []
        for d in di:  # direct quotes are few; candidates are sorted
            if d.start >= ind.end:
                break
            ov = _overlap(ind.start, ind.end, d.start, d.end)
            if ov:
                covered += ov
                if ov >= 0.6 * (d.end - d.start):
                    inside.append(d)
        if covered >= 0.6 * ilen:
            continue  # the indirect reading of a direct quote
        if inside:
            ind.kind = "mixed"
            for d in inside:
                drop.add(id(d))
        out.append(ind)
    out += [d for d in di if id(d) not in drop]
    # direct fragments (few words, no sentence) are only kept when attributed
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def _to_quotes(doc: Doc, idx: DocIndex, cands: list[Cand]) -> list[Quote]:
    text = idx.text
    quotes: list[Quote] = []
    datelines = dateline_prefixes(text) if cands else []
    for c in cands:  # a live blog's time stamp opening a line is no part of what was said
        stamp = LEADING_TIMESTAMP.match(text[c.start : c.end]) if c.kind != "direct" else None
        if stamp is not None and c.start + stamp.end() < c.end:
            c.start += stamp.end()
        if c.kind != "direct":  # nor is a dateline: "SEOUL - North Korea has sent ..."
            for a, b in datelines:
                if a <= c.start < b:
                    while b < c.end and text[b].isspace():
                        b += 1
                    if b < c.end:
                        c.start = b
    for c in cands:
        q = Quote(start=c.start, end=c.end, text=text[c.start : c.end], kind=c.kind)
        q.cue = c.cue_text
        if c.spk is not None:
            a, b = c.spk
            q.speaker_start = doc[a].idx
            q.speaker_end = doc[b - 1].idx + len(doc[b - 1])
            q.speaker = text[q.speaker_start : q.speaker_end]
        if c.follows is not None:
            q.follows = (c.follows.start, c.follows.end)
        quotes.append(q)
    return quotes
