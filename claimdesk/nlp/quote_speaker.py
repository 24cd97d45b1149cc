"""Finding the speaker mention of a cue in the parse: subjects, inverted subjects, relatives."""

from __future__ import annotations

from spacy.tokens import Token

from claimdesk.nlp.lexicons.cues import default_lexicon
from claimdesk.nlp.lexicons.source_words import ANONYMOUS_HEADS, EXPERT_TITLES, OFFICIAL_TITLES

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# dependents that a speaker mention keeps to its right (conjuncts: "the Pentagon and NATO")
_KEEP_RIGHT = {"conj", "cc", "compound", "flat", "nummod", "amod"}
_PREP_OF_COMMON = {"of", "by", "at", "from", "for", "in", "with", "on"}
_INHERIT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp"}
# verbs written before their subject after a quote ('..., said Caddell')
_INVERTING = {"say", "add", "write", "ask", "explain", "note", "continue", "recall", "reply"}
_NOT_SPEAKERS = {"it", "there", "this", "that", "what", "which", "these", "those"}
_NAME_ENTS = ("PERSON", "ORG", "NORP", "GPE")
_HYPHENS = {"-", "‐", "‑"}


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a cue verb, inherited from the governing verb for participles and
    conjuncts ("..., saying that", "stood up and said")."""
    quoted = quoted_as(verb)
    if quoted is not None:
        return quoted
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # a parser error may give a verb two subjects ('co' and 'Stone' in 'co-chairman Mark
        # Stone said'): a name wins, else the one nearest the verb
        named = [c for c in subjects if c.pos_ == "PROPN" or c.ent_type_ in _NAME_ENTS]
        return min(named or subjects, key=lambda c: abs(verb.i - c.i))
    carrier = _participle_carrier(verb)
    if carrier is not None:
        return carrier
    if verb.lemma_.lower() in _INVERTING:  # "said Caddell": the parser makes it an object
        for c in verb.children:
            if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "appos") and _nameish(c):
                return c
    if depth < 3 and verb.dep_ in _INHERIT_DEPS and verb.head != verb:
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.dep_ == "prep":
            head = head.head  # "began by saying ...", "was criticised for saying ..."
        if head.pos_ in ("VERB", "AUX"):
            return subject_of(head, depth + 1)
    return None


_OBJECT_PRONOUNS = {"him", "her", "them"}


def _participle_carrier(verb: Token) -> Token | None:
    """The one a participle of saying describes: the noun it modifies ('a statement announcing
    ...', 'one saying that ...') or a name or object pronoun right before it ('footage of Trump
    saying ...', 'heard her asking ...'), whatever clause the parser hung it on."""
    if verb.tag_ != "VBG":
        return None
    if verb.dep_ == "acl" and verb.head.i < verb.i and _speaking_noun(verb.head):
        return verb.head
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is None or prev.dep_ in ("nsubj", "nsubjpass") or prev.head.i == verb.i:
        return None
    if not (prev.pos_ == "PROPN" and prev.ent_type_ == "PERSON" or prev.lower_ in _OBJECT_PRONOUNS):
        return None
    # seen or heard doing it ('footage of Trump saying', 'heard her asking'); not an addressee
    # ('wrote to Mr McConnell asking for ...': the writer asks)
    head = prev.head
    if head.lower_ == "of" or head.lemma_.lower() in _PERCEIVING:
        return prev
    return None


_PERCEIVING = {"see", "hear", "show", "watch", "film", "record", "catch", "feature", "quote"}


def _speaking_noun(n: Token) -> bool:
    """A noun that can be the one saying something: a person, group or organisation, 'one',
    an unnamed source or office-holder ('an official'), or a document ('a statement')."""
    if n.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    lemma = n.lemma_.lower()
    if n.pos_ in ("NUM", "PRON"):
        return lemma == "one"
    return n.pos_ == "NOUN" and (
        lemma in ANONYMOUS_HEADS
        or lemma in OFFICIAL_TITLES
        or lemma in EXPERT_TITLES
        or lemma in default_lexicon().document_nouns
    )


def not_speaking(t: Token) -> bool:
    """'the search continues': a verb that is one of saying only with a speaker for subject
    ('"...," he continued')."""
    if t.lemma_.lower() not in ("continue", "go"):
        return False
    s = subject_of(t)
    return s is None or s.pos_ not in ("PRON", "PROPN")


def quoted_as(verb: Token) -> Token | None:
    """'Media quoted the agency head as saying ...': the object of the quoting verb speaks."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.head.pos_ == "ADP":
        return None  # (the tagger sometimes takes "quote" for an interjection)
    return next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)


def _nameish(t: Token) -> bool:
    if t.ent_type_ in ("DATE", "TIME"):
        return False  # 'said Monday'
    return t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


_FIRST_SECOND = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "us",
        "our",
        "ourselves",
        "you",
        "your",
        "yourself",
        "yourselves",
    ]
)


def is_first_or_second_person(t: Token) -> bool:
    """'I', 'we', 'you': outside a direct quote the author or the reader, not a source (but
    "the US" is a country)."""
    return t.lower_ in _FIRST_SECOND and (t.pos_ == "PRON" or t.text.islower() or t.text == "I")


def is_plausible_speaker(t: Token) -> bool:
    if not any(ch.isalnum() for ch in t.text) and not any(c.like_num for c in t.children):
        return False  # a dash or a mark the parser made a subject (but "50%" speaks)
    if t.lower_ in _NOT_SPEAKERS and t.dep_ != "nsubj":
        return False
    if t.lower_ in ("there",) or t.dep_ == "expl":
        return False
    return t.pos_ in ("PROPN", "PRON", "NOUN", "NUM", "X") or bool(t.ent_type_)


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range [a, b) of the speaker noun phrase: its left part, conjuncts and (for common
    nouns) "of/by/at" phrases, without appositions and relative clauses."""
    a = head.left_edge.i
    b = head.i + 1
    doc = head.doc
    while a < head.i and (
        doc[a].is_punct or doc[a].is_space or doc[a].like_num and doc[a + 1].pos_ == "DET"
    ):
        a += 1  # never start at punctuation, a quote mark or a time stamp ('14.07 An official')
    for c in head.rights:
        of_phrase = c.dep_ == "prep" and c.lower_ in _PREP_OF_COMMON and head.pos_ != "PROPN"
        if c.dep_ in _KEEP_RIGHT or of_phrase:
            b = max(b, c.right_edge.i + 1)
        elif c.dep_ in ("appos", "relcl", "acl", "punct"):
            break
    while b < len(doc) and doc[b].ent_iob_ == "I" and head.ent_iob_ in ("B", "I"):
        b += 1  # the whole named entity: "the South Korean Ministry of Defense"
    if b == head.i + 1 and standalone_possessive(head):
        b += 1  # "according to Jane's,": the possessive is the name
    a, b = min(a, hyphenated(doc[a])[0]), max(b, hyphenated(doc[b - 1])[1])
    while b - 1 > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return a, b


def standalone_possessive(t: Token) -> bool:
    """A name written as a possessive that owns nothing ("according to Jane's, ...",
    "Sotheby's said"): the name of a firm or a publication, not of the person in it."""
    doc = t.doc
    i = t.i + 1
    if i >= len(doc) or doc[i].lower_ not in ("'s", "’s") or t.whitespace_:
        return False
    return i + 1 == len(doc) or doc[i + 1].is_punct or doc[i + 1].pos_ in ("VERB", "AUX")


def hyphenated(t: Token) -> tuple[int, int]:
    """Token range [a, b) of the hyphenated word around `t` ("co-chairman", "vice-president"):
    the tokenizer splits it, and a speaker mention must never end inside it."""
    doc = t.doc
    a = b = t.i
    while a >= 2 and doc[a - 1].text in _HYPHENS and not doc[a - 2].whitespace_:
        if doc[a - 1].whitespace_ or not doc[a - 2].is_alpha:
            break
        a -= 2
    while b + 2 < len(doc) and doc[b + 1].text in _HYPHENS and not doc[b].whitespace_:
        if doc[b + 1].whitespace_ or not doc[b + 2].is_alpha:
            break
        b += 2
    return a, b + 1


def hyphenated_text(t: Token) -> str:
    a, b = hyphenated(t)
    return t.doc[a:b].text
