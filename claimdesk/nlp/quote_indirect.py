"""Indirect speech and attributed beliefs from the dependency parse.

A quote needs an act of saying. Patterns (one pass over the tokens):
- a verb of saying with a clausal complement: "X said (that) ...", "..., X said", "X told Y
  that ...", also where the parser missed the clause: parentheticals and insertions ("A, said
  the owners, is B"), as-clauses ("..., as the Times put it"), a closing attribution made a
  conjunct ("A, a source has told Reuters"), "quoted X as saying" (X speaks), a clause hung on
  the addressee ("told a meeting of leaders that ...") or left without a conjunction ("said
  after the vote he would ..."), "made (it) clear that ..."; a second act of saying joined to
  a report whose subject is the speaker again ("said she would veto it and warned ...") is the
  speaker's next quote, not part of the first;
- a belief with a clause held by a third party: "officials believe that ...", "voters expect
  X to win"; never the author's or the reader's ("I think", "you know"), a question ("wonders
  whether"), an extracted wh-clause or a verbless judgement ("considers X a mentor");
- a communicative act with its object or infinitive, to the end of its phrase but not the time
  it was done: "X called for ...", "X urged Y to ..."; not an act on an anaphoric pronoun
  ("disclosed it");
  light acts only with a speech-act noun ("raised concerns"), publishing acts with a document
  ("issued a statement"), documents reporting findings ("polls show X ahead");
- "according to X" over its sentence, "in X's view", a reporting noun with a clause.

Cues that report nothing are skipped (`not_reported`): imperatives, causatives ("let them
know"), negated, modal and conditional reports, questions, and infinitive acts under verbs of
intending, trying, refusing or bidding ("declined to discuss"). Agentless passives count only
with reported content ("is said to", "was accused of"). Attributions whose cue lies inside the
content of another attribution (nested reports) or inside a direct quote are dropped: the outer
attribution carries them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimdesk.nlp.lexicons.cues import CueLexicon
from claimdesk.nlp.quote_candidates import Cand, cue_text
from claimdesk.nlp.quote_index import DocIndex
from claimdesk.nlp.quote_speaker import (
    is_first_or_second_person,
    is_plausible_speaker,
    mention_bounds,
    not_speaking,
    quoted_as,
    subject_of,
)

_ACT_CONTENT = {"dobj", "xcomp", "ccomp", "dative", "oprd", "prep", "attr", "acomp"}
_CLAUSE = {"ccomp"}
_SKIP_EDGE = {"punct", "cc", "prep", "mark"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
# "is expected / estimated / projected to ...": a forecast with no one named, not a report
_FORECASTS = {"expect", "estimate", "project", "anticipate", "forecast", "predict", "calculate"}
# verbs of intending, trying, refusing and bidding: an infinitive act under them has not
# happened ("declined to discuss", "plans to urge", "wants to thank", "asked him to explain")
_UNREALISED = set(
    [
        "decline",
        "refuse",
        "fail",
        "avoid",
        "hesitate",
        "want",
        "wish",
        "plan",
        "intend",
        "hope",
        "seek",
        "try",
        "attempt",
        "expect",
        "need",
        "aim",
        "prepare",
        "agree",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "offer",
        "ask",
        "urge",
        "press",
        "push",
        "encourage",
        "invite",
        "allow",
        "force",
        "require",
        "order",
        "tell",
        "get",
        "persuade",
        "convince",
    ]
)
_CAUSATIVE = {"let", "make", "have", "help", "get"}
_LINKING = {"be", "seem", "appear", "remain", "feel", "sound", "look", "become", "stay", "grow"}
# verbs of saying whose report may contain an "according to" phrase of its own
_SAYING = {"say", "tell", "add", "report", "write", "state", "confirm", "announce", "claim"}
_VERB_OF_SAYING_OBJECT = {"say", "claim", "argue", "insist", "contend", "add", "note"}
# reporting nouns whose topic, not a clause, is the content: "criticism of X", "questions about X"
_TOPIC_NOUNS = {
    "criticism",
    "concern",
    "question",
    "allegation",
    "accusation",
    "complaint",
    "doubt",
    "fear",
    "worry",
    "speculation",
    "debate",
    "disagreement",
    "skepticism",
    "scepticism",
    "outrage",
    "praise",
    "condemnation",
    "warning",
    "claim",
}
_TOPIC_PREPS = {"about", "of", "over", "on", "regarding"}
# passives that report no attribution: "was supposed to", "are seen", "is registered", "been
# charged with" (a legal act), "must be addressed"
_PASSIVE_NOT = {"suppose", "see", "hear", "register", "address", "introduce", "offer", "charge"}


def find_indirect(doc: Doc, idx: DocIndex, lex: CueLexicon) -> list[Cand]:
    cands: list[Cand] = []
    tt = idx.table
    # a cue is a lexicon lemma, "according" or "in": look only at those tokens
    verbs = lex.clause_verbs | lex.act | lex.light_acts | lex.publishing
    lemmas = verbs | lex.adjectives | lex.nouns
    lowers = tt.lower
    maybe = [
        i
        for i, lemma in enumerate(tt.lemma_lower)
        if lemma in lemmas or lowers[i] in ("according", "in") or lemma == "put"
    ]
    for i in maybe:
        lower, lemma, pos, dep = lowers[i], tt.lemma_lower[i], tt.pos[i], tt.dep[i]
        if idx.quote_of[i] != -1:
            continue
        if lemma == "put":  # "..., as the Times put it"
            c = _as_put_it(doc[i])
            if c is not None:
                c.cue, c.via = doc[i], "clause"
                cands.append(c)
            continue
        if not (
            lower == "according"
            or (pos in ("VERB", "AUX") and lemma in verbs)
            or (pos == "ADJ" and lemma in lex.adjectives)
            or (lower == "in" and dep == "prep")
            or (pos == "NOUN" and lemma in lex.nouns)
        ):
            continue  # no cue can start here: skip building the Token
        t = doc[i]
        c = None
        via = ""
        if lower == "according":
            c, via = _according(t), "according"
        elif pos in ("VERB", "AUX"):
            communicative = lemma in lex.speech or lemma in lex.act
            if communicative or lemma in lex.belief:
                c, via = _passive_cue(t, lex), "passive"
            if c is None and communicative:
                c, via = _relative_cue(t), "relative"
            if c is None and lemma in lex.clause_verbs:
                c, via = _clause_cue(t, lex), "clause"
            if c is None and lemma == "make":  # "made (it) clear that ..."
                c, via = _made_clear(t), "clause"
            if c is None and (lemma in lex.act or lemma in lex.light_acts | lex.publishing):
                c, via = _act_cue(t, lex), "act"
            if c is None and lemma in _EVIDENCE:
                c, via = _evidence_cue(t, lex), "act"
        elif pos == "ADJ" and lemma in lex.adjectives:
            c, via = _adjective_cue(t), "adjective"
        elif lower == "in" and dep == "prep":
            c, via = _in_view(t, lex), "view"
        elif pos == "NOUN" and lemma in lex.nouns:
            c, via = _noun_cue(t), "noun"
        if (
            c is not None
            and c.spk is not None
            and any(idx.quote_of[k] != -1 for k in range(*c.spk))
        ):
            c = None  # the "speaker" is a word of a quotation ('declaring "today Brent ..."')
        if c is not None and c.end - c.start > 1:
            c.cue = c.cue or t
            c.via = via
            cands.append(c)
    _split_continued_acts(doc, cands, lex)
    return _drop_nested(cands)


def _span_cand(doc: Doc, a: int, b: int, kind: str = "indirect") -> Cand | None:
    """Content over tokens [a, b), trimmed of edge punctuation and spaces."""
    while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text not in "“\"‘'")):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].text in (",", ";", ":", "—", "-")):
        b -= 1
    if b - a < 2 or (kind == "indirect" and _leads_in(doc, b)):
        return None
    start = doc[a].idx
    end = doc[b - 1].idx + len(doc[b - 1])
    return Cand(start, end, kind, pieces=[(start, end)])


def _speaker(c: Cand, verb: Token, holder: Token | None = None) -> Cand | None:
    """`c` with the cue's holder as its speaker (`holder`, when the caller found it already)."""
    s = holder or subject_of(verb) or _name_before(verb)
    if s is None or not is_plausible_speaker(s) or is_first_or_second_person(s):
        return None  # no holder, or the author / the reader ("I think", "you know")
    c.spk = mention_bounds(s)
    return c


def _name_before(verb: Token) -> Token | None:
    """A name right before a finite cue verb that the parser failed to make its subject ('In a
    meeting with the board Trump said that ...')."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].dep_ in ("aux", "neg", "advmod") and i >= verb.i - 3:
        i -= 1
    if i < 0:
        return None
    t = doc[i]
    if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG") and t.dep_ in ("pobj", "dobj"):
        return t
    return _holder_inside_clause(verb, t)


def _holder_inside_clause(verb: Token, t: Token) -> Token | None:
    """'North Korea has sent 10,000 troops to Russia, South Korea's spy agency said': the
    parser hangs the speaker's phrase on the reported clause (an apposition of 'Russia') and
    leaves the cue without a subject. A noun phrase that follows the clause's comma, ends right
    before the cue and sits inside the cue's complement is the cue's subject."""
    if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in ("appos", "conj", "npadvmod"):
        return None
    first = t.left_edge.i
    if first < 1 or t.doc[first - 1].text != ",":
        return None
    comps = [c for c in verb.lefts if c.dep_ in _CLAUSE]
    if not any(c.left_edge.i < first and c.is_ancestor(t) for c in comps):
        return None
    return t


def _clause_cue(v: Token, lex: CueLexicon) -> Cand | None:
    comps = [c for c in v.children if c.dep_ in _CLAUSE or _misparsed_clause(c)]
    belief = v.lemma_.lower() not in lex.speech
    if not comps and not belief:
        comps = _hidden_clauses(v, lex)
    if belief and (_is_infinitive(v) or any(_is_question_clause(c) for c in comps)):
        return None  # "to determine if ...", "wonders whether ...": no belief is held
    if belief and comps and all(c.pos_ not in ("VERB", "AUX") for c in comps):
        return None  # "considers Kaine her mentor": a verbless small clause, a judgement
    if not_reported(v) or not_speaking(v) or belief and any(_extracted_from(c, v) for c in comps):
        return None

    if not comps:
        if belief:
            return _belief_of_object(v)
        holder = subject_of(v) if _closing_attribution(v) else None
        if holder is not None:  # 'A made a steep climb, a source has told Reuters.'
            c = _span_cand(v.doc, v.sent.start, holder.left_edge.i)
        elif v.dep_ == "parataxis" and v.head != v or _as_clause(v):
            # "This, they say, would be ...", "..., Yu said, ...", "..., as the Times put it"
            c = _clause_without(v, whole=True)
        elif _inserted(v):  # "The motive, police said: obsessive love."
            c = _span_cand(v.doc, v.sent.start, v.sent.end)
        else:
            return _said_without_clause(v)
    else:
        a, b = _clause_extent(v, comps)
        if b <= v.i and _inserted(v):  # 'A is "rich", said Mr Stone, with creative people'
            b = v.sent.end
        holder = subject_of(v)
        if holder is None:
            holder = _name_before(v)
            if holder is not None and a < holder.left_edge.i < b:
                b = holder.left_edge.i  # the speaker's phrase, hung on the clause, is not said
        c = _span_cand(v.doc, a, b)
    if c is None:
        return None
    c.cue_text = cue_text(v)
    return _speaker(c, v, holder)


def _content_prep(p: Token) -> bool:
    """A prepositional phrase that can carry what an act was about: not a path, a place or a
    time ('into the sea', 'after take-off', 'on Monday')."""
    if p.lower_ in _MOTION_PREPS:
        return False
    return not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in p.children)


# acts whose content is only an order, not whom it was given to ("told aides to wait")
_TOPIC_ACTS = {"tell": {"xcomp"}}
_TOPIC_OF = {"for", "about", "of", "on", "against", "over", "that"}
_DEFINITE = {"the", "this", "that", "these", "those"}


# what a document shows: "polls show Clinton with a lead", "the audit found 31 cases"
_EVIDENCE = {"show", "find", "reveal", "indicate", "suggest", "confirm", "put"}


def _evidence_cue(v: Token, lex: CueLexicon) -> Cand | None:
    """A document, poll or record reporting a finding with a nominal object; the document is
    the source (attribution corpora count these, and real-news gold treats documents as
    sources too)."""
    s = subject_of(v)
    if s is None or s.lemma_.lower() not in lex.document_nouns or not_reported(v):
        return None
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
    if obj is None:
        return None
    b = max(c.right_edge.i for c in v.rights if c.dep_ not in ("punct", "cc", "conj")) + 1
    c = _span_cand(v.doc, obj.left_edge.i, b)
    if c is None:
        return None
    c.cue_text = cue_text(v)
    return _speaker(c, v)


def _anaphoric(n: Token) -> bool:
    """'the statement', 'this remark', 'his comments': a noun phrase pointing back to words
    given elsewhere rather than carrying them."""
    kids = list(n.children)
    if any(c.dep_ in ("acl", "relcl") or c.lower_ in _TOPIC_OF for c in kids):
        return False  # "the case for Mrs. Clinton", "their assessment of the war"
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE for c in kids)


def _belief_of_object(v: Token) -> Cand | None:
    """'Voters expect Clinton to win the debate': a belief whose clause is an object and an
    infinitive, held by a third party."""
    obj = next((c for c in v.children if c.dep_ in ("dobj", "nsubj") and c.i > v.i), None)
    inf = next((c for c in v.children if c.dep_ in ("xcomp", "ccomp") and _is_infinitive(c)), None)
    if obj is None or inf is None or inf.i < obj.i:
        return None
    c = _span_cand(v.doc, obj.left_edge.i, inf.right_edge.i + 1)
    if c is None:
        return None
    c.cue_text = cue_text(v)
    return _speaker(c, v)


def _as_put_it(v: Token) -> Cand | None:
    if not _as_clause(v) or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in v.children):
        return None
    c = _clause_without(v, whole=True)
    if c is None:
        return None
    c.cue_text = v.doc[v.i : v.i + 2].text
    return _speaker(c, v)


def _as_clause(v: Token) -> bool:
    """'..., as the New York Times put it', '..., as Smith noted': an attribution in an as-clause
    qualifies the clause it hangs on."""
    return v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)


# what an inserted attribution carries after its verb: when, where and to whom it was said
_INSERT_TAIL = {"npadvmod", "advmod", "prep", "dative", "dobj"}


def _inserted(v: Token) -> bool:
    """An attribution inserted between commas (or a comma and a colon) inside the sentence it
    reports, which the parser did not mark as parenthetical: 'One of the offerings, said the
    owners, is the Pick 6', 'The motive, police said: obsessive love'."""
    subj = subject_of(v)
    if subj is None or not _own_subject(v) or v.dep_ == "relcl" or subj.tag_ in ("WP", "WDT"):
        return False  # '..., who joked of the museum, "..."': a relative clause, not inserted
    a = min(v.i, subj.left_edge.i)
    b = max(v.i, mention_bounds(subj)[1] - 1) + 1
    while b < v.sent.end and v.doc[b].dep_ in _INSERT_TAIL and v.doc[b].head == v:
        b = v.doc[b].right_edge.i + 1  # 'Stumpf explained earlier in the hearing,'
    doc, sent = v.doc, v.sent
    words_before = [t for t in doc[sent.start : a] if not t.is_punct and not t.is_space]
    words_after = [t for t in doc[b + 1 : sent.end] if not t.is_punct and not t.is_space]
    return (
        a > sent.start
        and doc[a - 1].text == ","
        and b < sent.end
        and doc[b].text in (",", ":")
        and len(words_before) >= 2
        and len(words_after) >= 1
    )


def _own_subject(v: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)


def _closing_attribution(v: Token) -> bool:
    """'A made a steep climb, a source has told Reuters.': a verb of saying with its own
    subject closing the sentence after a comma, which the parser made a conjunct of the
    clause it reports."""
    if v.dep_ != "conj" or not _own_subject(v) or v.lemma_.lower() not in _SAYING:
        return False
    subj = subject_of(v)
    if subj is None:
        return False
    before = v.doc[subj.left_edge.i - 1] if subj.left_edge.i > v.sent.start else None
    rest = v.doc[v.i + 1 : v.sent.end]
    short = (
        all(
            t.is_punct or t.dep_ in ("dobj", "dative", "npadvmod", "advmod") or t.head.i != v.i
            for t in rest
        )
        and len(rest) <= 8
    )
    return (
        before is not None and before.text == "," and short and subj.left_edge.i - v.sent.start > 3
    )


def _said_without_clause(v: Token) -> Cand | None:
    """'Pilots said thunderstorms, and requests to climb, were not unusual': the parser made the
    clause's subject an object of the verb of saying; the rest of the sentence after the verb is
    the content when it holds a finite verb of its own."""
    if v.dep_ != "ROOT" or v.lemma_.lower() not in _VERB_OF_SAYING_OBJECT:
        return None
    if not any(c.dep_ == "dobj" and c.i == v.i + 1 and c.pos_ != "PRON" for c in v.children):
        return None
    end = v.sent.end
    rest = v.doc[v.i + 1 : end]
    if not any(t.tag_ in _FINITE and t.i != v.i for t in rest):
        return None
    c = _span_cand(v.doc, v.i + 1, end)
    if c is None:
        return None
    while c.end > c.start and v.doc.text[c.end - 1] in ".!?":
        c.end -= 1
    c.pieces = [(c.start, c.end)]
    c.cue_text = cue_text(v)
    return _speaker(c, v)


def _is_infinitive(v: Token) -> bool:
    return v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _misparsed_clause(c: Token) -> bool:
    """An 'xcomp' with a subject and a "that" of its own is a clausal complement ('told Reuters
    that one of the bodies had been wearing ...')."""
    return (
        c.dep_ == "xcomp"
        and any(g.dep_ == "nsubj" for g in c.children)
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    )


_CLEAR = {"clear", "plain", "known"}


def _made_clear(v: Token) -> Cand | None:
    """'X made (it) clear that ...', 'made it known ...': saying something plainly; the clause
    is the content, hung on the verb or on the adjective."""
    adj = next((c for c in v.rights if c.lower_ in _CLEAR), None)
    if adj is None or not_reported(v):
        return None
    clause = next(
        (
            c
            for c in (*adj.rights, *v.rights)
            if c.dep_ in ("ccomp", "advcl")
            and c.i > adj.i
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    c = _span_cand(v.doc, clause.left_edge.i, clause.right_edge.i + 1)
    if c is None:
        return None
    c.cue_text = v.doc[v.i : adj.i + 1].text
    return _speaker(c, v)


def _hidden_clauses(v: Token, lex: CueLexicon) -> list[Token]:
    """A verb of saying's clause that the parser hung elsewhere: on the addressee as a relative
    clause with a "that" of its own ('told a meeting of leaders that few people understood
    ...'), or as an adverbial clause with a subject and a tense but no conjunction ('said
    after the convention he would not accept ...')."""
    out: list[Token] = []
    for c in v.rights:
        if c.dep_ in ("dobj", "dative"):
            out += [
                r
                for r in c.subtree
                if r.dep_ == "relcl"
                and r.head.lemma_.lower() not in lex.nouns  # 'the idea that ...' is the idea's
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in r.children)
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in r.children)
            ]
        elif c.dep_ == "advcl" and not any(
            g.dep_ == "mark" or g.tag_ in ("WRB", "WDT", "WP") for g in c.children
        ):
            finite = c.tag_ in _FINITE or any(g.tag_ == "MD" for g in c.children)
            if finite and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                out.append(c)
    return out[:1]


def not_reported(v: Token) -> bool:
    """A cue verb that reports nothing happened: a bare base form without a subject or helper
    (an imperative "Note that ...", "let them know ..."), a participle without an auxiliary
    ("a question they want answered"), or an infinitive act under a verb of intending or
    refusing ("declined to discuss", "plans to urge")."""
    helpers = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if v.tag_ == "VB" and not helpers:
        if v.dep_ == "ccomp" and v.head.lemma_.lower() in _CAUSATIVE:
            return True  # "let them know ...", "make them say ..."
        if not any(c.dep_ == "nsubj" for c in v.children):
            return v.dep_ != "conj" or v.head.tag_ != "VB" or not_reported(v.head)
    if any(c.dep_ == "neg" for c in v.children) or any(c.tag_ == "MD" for c in helpers):
        return True  # "hasn't asked", "did not say", "can tell", "would argue": no statement
    if v.sent[-1].text == "?" or len(v.sent) > 1 and v.sent[-2].text == "?":
        return True  # "Did the minister say that ...?": a question reports nothing
    if v.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "whenever") for c in v.children
    ):
        return True  # "if they tell you ...": a hypothetical
    if v.tag_ == "VBN" and not helpers:
        if v.dep_ not in ("conj", "ROOT", "ccomp", "parataxis"):
            return True
        if v.dep_ == "ccomp" and v.head.lemma_.lower() in _UNREALISED | _CAUSATIVE:
            return True  # "a question they want answered"
    if _is_infinitive(v) and any(c.dep_ == "mark" and c.lower_ == "for" for c in v.children):
        return True  # "calling for him to apologise": wanted, not done
    if _is_infinitive(v) and v.dep_ == "xcomp":
        return v.head.lemma_.lower() in _UNREALISED
    return False


def _extracted_from(comp: Token, v: Token) -> bool:
    """'what he thinks victory looks like': a wh-word of the complement stands before the cue,
    so the clause is a question or a relative, not a reported statement."""
    for t in comp.subtree:
        if t.tag_ in ("WP", "WRB", "WDT") and t.i < v.i:
            h = t
            while h.i != comp.i and h.dep_ not in ("relcl", "acl") and h.head.i != h.i:
                h = h.head
            if h.i == comp.i:
                return True
    return False


def _is_question_clause(comp: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in comp.children)


def _passive_cue(v: Token, lex: CueLexicon) -> Cand | None:
    """Passive cues. "X was endorsed by Y": content X, speaker Y. "It was reported that X":
    content X, no speaker. Without an agent, only a reporting passive with content of its own
    counts: "X is said to ...", "X has been accused of Y", "X was called a liar"; "a body was
    found" and "new features were added" report no statement."""
    subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
    if subj is None or v.tag_ != "VBN" or v.lemma_.lower() in _PASSIVE_NOT:
        return None
    doc = v.doc
    agent = next((c for c in v.children if c.dep_ == "agent"), None)
    by_obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
    comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
    if subj.lower_ == "it" and comp is not None:
        c = _span_cand(doc, comp.left_edge.i, comp.right_edge.i + 1)
    elif by_obj is not None:
        if v.lemma_.lower() in lex.belief and v.lemma_.lower() not in lex.speech:
            return None  # "was found by divers", "is seen by many"
        c = _span_cand(doc, subj.left_edge.i, subj.right_edge.i + 1)
    elif _reported_content(v) and v.lemma_.lower() not in _FORECASTS:
        c = _span_cand(doc, subj.left_edge.i, v.right_edge.i + 1)
    else:
        return None
    if c is None:
        return None
    c.cue_text = cue_text(v)
    if by_obj is not None:
        if not is_plausible_speaker(by_obj):
            return None
        c.spk = mention_bounds(by_obj)
    return c


def _reported_content(v: Token) -> bool:
    """An agentless passive carries reported content: an infinitive ("is said to have"), a
    predicate ("was called a liar") or a content preposition ("was accused of lying")."""
    for c in v.children:
        if c.dep_ == "oprd" and c.i > v.i or c.dep_ == "xcomp" and _is_infinitive(c):
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "as") and c.i == v.i + 1:
            return True
    return False


def _relative_cue(v: Token) -> Cand | None:
    """'what she called a “rant”', 'the meddling the congressman said is designed to ...': a cue
    in a relative clause whose antecedent (or wh-word) is what was said; the content is the
    whole noun phrase."""
    if v.dep_ not in ("relcl", "ccomp", "csubj") or v.head == v:
        return None
    wh = next((c for c in v.children if c.tag_ in ("WP", "WDT") and c.i < v.i), None)
    if v.dep_ == "relcl":
        if wh is not None and wh.dep_ in ("nsubj", "nsubjpass"):
            return None  # 'officials who said ...': the antecedent speaks
        if any(c.dep_ in ("dobj", "ccomp") for c in v.children if c.i > v.i) and wh is None:
            return None
        a = v.head.left_edge.i
    elif wh is not None and wh.lower_ == "what" and wh.dep_ in ("dobj", "nsubj"):
        if not any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr") and c.i > v.i for c in v.children):
            return None  # 'what they write': no words of theirs are given
        a = wh.i  # a free relative: 'what the senators said was gerrymandering'
    else:
        return None
    c = _span_cand(v.doc, a, v.right_edge.i + 1)
    if c is None:
        return None
    c.cue_text = cue_text(v)
    return _speaker(c, v)


def _adjective_cue(adj: Token) -> Cand | None:
    """ "X is confident that ...": a clause after an adjective of certainty or feeling held by a
    third party; "it is unclear whether ..." and "make sure ..." name no one who holds it."""
    comp = next((c for c in adj.children if c.dep_ == "ccomp"), None)
    if comp is None and adj.dep_ == "acomp":  # the parser may hang the clause on the copula
        comp = next((c for c in adj.head.rights if c.dep_ == "ccomp" and c.i > adj.i), None)
    if comp is None or comp.i < adj.i or adj.dep_ not in ("acomp", "ROOT", "conj"):
        return None
    head = adj.head if adj.dep_ == "acomp" else adj
    if head.i != adj.i and head.lemma_.lower() not in _LINKING:
        return None  # "to make sure it never happens": an aim, not a held belief
    s = subject_of(head) if head.pos_ in ("AUX", "VERB") else None
    if s is None or s.lower_ == "it":
        return None
    c = _span_cand(adj.doc, comp.left_edge.i, comp.right_edge.i + 1)
    if c is None:
        return None
    c.cue_text = adj.doc[head.i : adj.i + 1].text if head.i < adj.i else adj.text
    return _speaker(c, head)


# prepositions of motion, place and time: what follows them is a path, a place or a time
# ("slammed into the sea", "minutes after take-off"), never what a
# communicative act was about
_MOTION_PREPS = set(
    [
        "into",
        "onto",
        "through",
        "across",
        "toward",
        "towards",
        "from",
        "off",
        "out",
        "up",
        "down",
        "around",
        "along",
        "under",
        "beneath",
        "above",
        "past",
        "near",
        "inside",
        "outside",
        "within",
        "behind",
        "beyond",
        "upon",
        "after",
        "before",
        "during",
        "since",
        "until",
        "till",
        "throughout",
        "amid",
    ]
)


def _act_cue(v: Token, lex: CueLexicon) -> Cand | None:
    lemma = v.lemma_.lower()
    if not_reported(v):
        return None
    if any(quoted_as(g) is not None for c in v.children if c.lower_ == "as" for g in c.children):
        return None  # "quoted X as saying ...": the saying carries the quote
    kids = [
        c
        for c in v.rights
        if c.dep_ in _ACT_CONTENT
        and (c.dep_ != "prep" or _content_prep(c))
        or c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
    ]
    if lemma in _TOPIC_ACTS:
        kids = [c for c in kids if c.lower_ in _TOPIC_ACTS[lemma] or c.dep_ in _TOPIC_ACTS[lemma]]
    if lemma not in lex.act:  # a light act: "raised concerns"; "issued a statement"
        objects = lex.speech_act_nouns
        if lemma in lex.publishing:
            objects = objects | lex.document_nouns
        obj = next((c for c in kids if c.dep_ == "dobj" and c.lemma_.lower() in objects), None)
        if obj is None or _anaphoric(obj):
            return None  # "made the comments Friday": the words were given elsewhere
    elif lemma == "call" and not any(
        c.dep_ in ("oprd", "xcomp", "ccomp", "prep", "advcl") for c in kids
    ):
        return None  # "called for", "called on", "called X a liar"; not "called 911"
    if not kids or _only_pronoun_object(kids) or _request(lemma, kids):
        return None
    a = min(k.left_edge.i for k in kids)
    b = _act_end(v, a, max(k.right_edge.i for k in kids) + 1)
    c = _span_cand(v.doc, a, b)
    if c is None:
        return None
    c.cue_text = cue_text(v)
    return _speaker(c, v)


def _leads_in(doc: Doc, b: int) -> bool:
    """'X suggested in <an article's title> to test:' and a list on the next lines: words that
    end in a colon closing its line (or its sentence) lead in to what is given after it; they
    are not what was said."""
    if b >= len(doc) or doc[b].text != ":":
        return False
    after = b + 1
    return bool(
        after >= len(doc)
        or doc[after].is_sent_start
        or "\n" in doc[b].whitespace_
        or doc[after].is_space
    )


_RECIPIENT_PREPS = {"to", "with"}
#: Verbs of asking: with an addressee and a "for" of what is asked for, they report a request
#: for something, not words that assert anything ("asked air-traffic control for permission").
_ASKING = frozenset({"ask", "beg", "implore"})


def _request(lemma: str, kids: list[Token]) -> bool:
    """'asked X for Y': someone asked someone for something. A question asked ('asked whether
    ...') and an order given ('asked X to ...', read like 'told X to ...') stay."""
    return (
        lemma in _ASKING
        and any(k.dep_ == "dobj" for k in kids)
        and any(k.dep_ == "prep" and k.lower_ == "for" for k in kids)
        and not any(k.dep_ in ("ccomp", "xcomp") for k in kids)
    )


_ANAPHORS = {"it", "them", "this", "that", "these", "those"}


def _only_pronoun_object(kids: list[Token]) -> bool:
    """'disclosed them to the AP', 'denied it': a pronoun object points at words given
    elsewhere, and whom they went to says nothing of them."""
    rest = [
        k
        for k in kids
        if not (k.dep_ == "dobj" and k.lower_ in _ANAPHORS)
        and not (k.dep_ == "prep" and k.lower_ in _RECIPIENT_PREPS)
    ]
    return not rest and any(k.dep_ == "dobj" for k in kids)


# what closes an act's content: another clause, a coordination, punctuation
_ACT_STOP = {"punct", "cc", "conj", "parataxis", "advcl", "relcl", "mark", "dep", "nsubj"}


def _act_end(v: Token, a: int, b: int) -> int:
    """An act's content runs on to the end of the act's phrase, not only to its object: 'cited
    his own endorsements from 88 generals and admirals', 'pointed to reports ... as examples of
    ...'; the clauses and conjuncts after it are not part of what was said."""
    for c in v.rights:
        if c.i < a:
            continue
        if c.dep_ in _ACT_STOP:
            break
        if not _when(c):  # 'on Thursday', 'this week': when it was said, not what
            b = max(b, c.right_edge.i + 1)
    return b


def _when(c: Token) -> bool:
    if c.dep_ == "prep":
        return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)
    return c.dep_ in ("npadvmod", "advmod") and c.ent_type_ in ("DATE", "TIME")


def _clause_extent(v: Token, comps: list[Token]) -> tuple[int, int]:
    """Tokens [a, b) of a cue's reported clause. The parser sometimes splits one clause into
    sibling complements ('X said A has “B” and C was D'), so all complements on the same side
    count; a clause before the cue continues into a conjunct after it ('A, the agency said in a
    report, and B')."""
    right = [c for c in comps if c.i > v.i]
    side = right or comps
    a = min(c.left_edge.i for c in side)
    b = max(c.right_edge.i for c in side) + 1
    if not right:
        conj = [c for c in v.rights if c.dep_ == "conj" and not _has_subject_cue(c)]
        cc = any(c.dep_ == "cc" for c in v.rights)
        if conj and cc and any(g.dep_ in ("nsubj", "nsubjpass") for g in conj[0].children):
            b = max(b, conj[-1].right_edge.i + 1)
    return a, b


def _has_subject_cue(t: Token) -> bool:
    return any(c.dep_ in _CLAUSE for c in t.children)


def _clause_without(phrase: Token, whole: bool = False) -> Cand | None:
    """The clause an attribution phrase modifies, without the phrase when it is at an edge.
    With `whole`, a parenthetical ('A, he said, B') covers its whole sentence, not only the
    clause the parser hung it on."""
    head = phrase.head
    while head.dep_ in ("prep", "pobj", "punct") and head.head != head:
        head = head.head
    if whole:
        while head.head != head and head.dep_ in ("advcl", "prep", "pobj", "punct", "conj"):
            head = head.head
        while head.head != head and head.pos_ not in ("VERB", "AUX"):
            head = head.head  # hung on the subject ('The difference now, he told me, is ...')
    a, b = head.left_edge.i, head.right_edge.i + 1
    pa, pb = phrase.left_edge.i, phrase.right_edge.i + 1
    subj = subject_of(phrase) if phrase.pos_ in ("VERB", "AUX") else None
    if subj is not None and subj.i < phrase.i:
        # the verb and its subject only: the parser may hang words of the reported clause on
        # a parenthetical verb ('One of the offerings, said the owners, is ...')
        pa = min(phrase.i, mention_bounds(subj)[0])
        pb = max(phrase.i, mention_bounds(subj)[1] - 1) + 1
    elif subj is not None:
        pa, pb = phrase.i, max(phrase.i + 1, mention_bounds(subj)[1])
    if pa - a <= 1:  # phrase opens the sentence
        a = pb
    elif b - pb <= 2:  # phrase closes it
        b = pa
    return _span_cand(phrase.doc, a, b)


def _according(t: Token) -> Cand | None:
    to = next((c for c in t.children if c.lower_ == "to"), None)
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None or any(is_first_or_second_person(c) for c in obj.children if c.dep_ == "poss"):
        return None  # "according to our totals": the author's own figures
    c = _around_phrase(t, obj)
    if c is None:
        return None
    c.cue_text = "according to"
    c.spk = mention_bounds(obj)
    return c


def _around_phrase(t: Token, obj: Token) -> Cand | None:
    """The sentence an "according to X" phrase qualifies, without the phrase: what follows it
    (up to the sentence end) when it opens the sentence, else what precedes it. Read from the
    sentence, not the parse, which often hangs the phrase on one clause of several."""
    sent = t.sent
    doc = t.doc
    if any(
        v.lemma_.lower() in _SAYING and v.pos_ == "VERB" and _own_subject(v)
        for v in (*doc[sent.start : t.i], *doc[obj.i : sent.end])
    ):
        # '..., according to radar data, a source has told Reuters', 'It said the site,
        # according to the watchdog, ...': the phrase is part of what was reported
        return None
    opening = all(x.is_punct or x.is_space or x.pos_ == "CCONJ" for x in doc[sent.start : t.i])
    if opening:
        comma = next((x.i for x in doc[obj.i : sent.end] if x.text in (",", "—", "–")), None)
        if comma is None:
            return _clause_without(t)
        return _span_cand(doc, comma + 1, sent.end)
    end = mention_bounds(obj)[1]
    if end < sent.end and doc[end].text == "," and end + 2 < sent.end:
        return _span_cand(doc, sent.start, sent.end)  # 'The plane, according to X, climbed'
    return _span_cand(doc, sent.start, t.i)


def _in_view(t: Token, lex: CueLexicon) -> Cand | None:
    if t.head.pos_ not in ("VERB", "AUX"):
        return None  # "the pain in their eyes", "a fool in his own mind": not a view on a clause
    if t.text[:1].isupper() and not t.is_sent_start:
        return None  # "the song See It In A Boy's Eyes": a title, in title case
    obj = next((c for c in t.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in lex.view_nouns:
        return None
    holder = next((c for c in obj.children if c.dep_ == "poss"), None)
    if holder is None:
        of = next((c for c in obj.children if c.lower_ == "of"), None)
        holder = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if holder is None:
        return None
    c = _clause_without(t)
    if c is None:
        return None
    c.cue_text = t.doc[t.i : obj.i + 1].text
    c.spk = mention_bounds(holder)
    return c


def _noun_cue(n: Token) -> Cand | None:
    clause = next(
        (
            c
            for c in n.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    topic = None
    if clause is None and n.lemma_.lower() in _TOPIC_NOUNS:
        topic = next((c for c in n.rights if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS), None)
        clause = (
            next((g for g in topic.children if g.dep_ in ("pobj", "pcomp")), None)
            if topic
            else None
        )
    if clause is None:
        return None
    holder = None
    for c in n.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON")):
            holder = c
        elif c.dep_ == "prep" and c.lower_ in ("by", "from") or (c.lower_ == "of" and not topic):
            holder = next((g for g in c.children if g.dep_ == "pobj"), holder)
    if holder is None and n.dep_ == "dobj" and n.head.pos_ == "VERB":
        if not_reported(n.head):
            return None  # "declined to answer questions on ...": nothing was said
        holder = subject_of(n.head)  # "X voiced concern that ...", "X made the claim that ..."
    if holder is not None and (holder.i > clause.i or not is_plausible_speaker(holder)):
        return None
    if holder is None and topic is None:
        return None
    cand = _span_cand(n.doc, clause.left_edge.i, clause.right_edge.i + 1)
    if cand is None:
        return None
    cand.cue_text = n.text if topic is None else f"{n.text} {topic.text}"
    if holder is not None:
        cand.spk = mention_bounds(holder)
    return cand


_SELF = {"he", "she", "it", "they", "we", "i"}


def _split_continued_acts(doc: Doc, cands: list[Cand], lex: CueLexicon) -> None:
    """'X said he would order a review and warned against hackers', 'X said she believes A,
    saying that B': a second act of saying joined to a clause whose subject is the speaker
    again is the speaker's own next statement, not part of the first; the first ends before it
    and the second keeps the first's speaker."""
    by_cue = {c.cue.i: c for c in cands if c.cue is not None}
    for outer in cands:
        v = outer.cue
        if v is None or outer.spk is None or outer.via != "clause":
            continue
        for head in (c for c in v.children if c.dep_ == "ccomp" and c.i > v.i):
            subj = subject_of(head)
            if subj is None or not _same_holder(subj, doc[outer.spk[0] : outer.spk[1]].root):
                continue
            for w in head.children:
                inner = by_cue.get(w.i)
                if (
                    inner is None
                    or w.i <= head.i
                    or w.dep_ not in ("conj", "advcl")
                    or _own_subject(w)
                    or w.lemma_.lower() not in lex.speech
                ):
                    continue
                end = w.left_edge.i
                while end > head.i and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
                    end -= 1
                last = doc[end - 1]
                if last.idx + len(last) <= outer.start:
                    continue
                outer.end = min(outer.end, last.idx + len(last))
                outer.pieces = [(outer.start, outer.end)]
                inner.spk = outer.spk


def _same_holder(subj: Token, speaker: Token) -> bool:
    """The reported clause's subject is the speaker again: a personal pronoun, or the same
    word."""
    return subj.lower_ in _SELF or subj.lower_ == speaker.lower_


def _drop_nested(cands: list[Cand]) -> list[Cand]:
    """Drops candidates whose cue lies inside another candidate's content."""
    spans = sorted((c.start, c.end, k) for k, c in enumerate(cands))
    out = []
    for k, c in enumerate(cands):
        pos = c.cue.idx if c.cue is not None else c.start
        nested = False
        for s, e, j in spans:  # few per document, and sorted: stop early
            if s > pos:
                break
            if s <= pos < e and j != k:
                nested = True
                break
        if not nested:
            out.append(c)
    return out
