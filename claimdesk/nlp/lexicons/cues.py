"""Attribution cue lexicon, kept as data so that a user can extend it.

A quote needs an act of saying. Three groups of verb lemmas, because they take their reported
content differently:

- `speech`: verbs of saying and writing whose content is a clause or a direct quote ("X said
  (that) ...", '"...," X added').
- `belief`: verbs of believing, concluding and showing ("officials believe that ...", "polls show
  that ...", "the Post has learned that ..."); attribution corpora count these too, so they are
  cues, but only with a clause for content and a third party holding the belief. Perception
  (see, hear, notice) and wanting are not here: they report no statement.
- `act`: communicative acts whose content is their object or infinitive ("X called for ...",
  "X criticized Y for ...", "X urged Y to ...", "X denied the charge"). Every one is performed by
  saying something; acts that are not (offering, supporting, seeking, wanting, planning,
  refusing, moving) are not cues, even though a PARC-style corpus annotates some of them.
- `light_acts`: acts that are communicative only with a reporting noun for an object ("raised
  concerns", "voiced doubts", "offered advice"); `publishing` acts only with a reporting or
  document noun ("issued a statement", "released a report"): "issued mortgages", "raised $5
  million" and "offers a food menu" are not.

`nouns` are reporting nouns whose complement clause is content ("a report that ...", "the claim
that ..."); `view_nouns` head "in X's view" phrases.

Extend with a JSON file `{"speech": [...], "belief": [...], "act": [...], "nouns": [...]}` named
by the environment variable CLAIMDESK_CUES, or in code with `CueLexicon.extended(...)`.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

SPEECH = """
say tell add note write state explain insist remark comment reply respond answer ask
announce declare report claim assert contend maintain argue acknowledge admit concede confirm
deny warn caution predict promise pledge vow vouch recall recount testify tweet post blog
quip joke boast brag complain lament grumble protest object counter retort rebut stress
emphasize emphasise underline underscore point observe mention suggest hint imply indicate
disclose reveal divulge inform notify advise assure reassure concur agree allege charge accuse
speculate forecast question urge demand plead beg propose recommend repeat reiterate echo
chime shout yell cry scream whisper mutter murmur sing chant email text telegraph publish
describe characterize characterise label dub brand term opine theorize hypothesize posit
continue go_on elaborate clarify specify summarize summarise contest dispute affirm reaffirm
aver avow profess proclaim pronounce swear attest certify verify corroborate restate reassert
signal exclaim blurt gasp sigh snap bark thunder roar bellow holler gush rave rant scoff sneer
jeer taunt tease crow gloat fret gripe whine moan groan confess rejoin inquire enquire query
remind guarantee counsel instruct order command decree rule relate narrate recite quote
broadcast message retweet
"""

# Verbs of speaking that report no content of their own ("X has been speaking at the
# airport"): whoever does them is a person who speaks, for the pronouns that follow.
TALK = """
speak talk brief address lecture preach testify
"""

BELIEF = """
believe think feel know learn find show reveal demonstrate prove indicate suggest discover
determine establish estimate expect hope fear worry doubt suspect assume presume understand
realize realise recognize recognise consider conclude guess imagine trust bet agree
acknowledge calculate suppose accept reckon figure anticipate confirm imply predict project
judge deem infer deduce foresee envision surmise speculate assess wonder muse
"""

ACT = """
call urge warn caution accuse deny criticize criticise blast slam condemn denounce praise
applaud laud hail commend thank blame cite reference mention discuss highlight tout champion
defend endorse reject dismiss threaten vow pledge promise demand press encourage propose
recommend question challenge dispute deride mock ridicule rebuke fault scold chide lambast
lambaste decry deplore bemoan lament welcome congratulate apologize apologise advocate insist
order instruct ask implore beg appeal assail excoriate castigate berate chastise reprimand
upbraid disparage belittle lampoon taunt insult smear malign vilify demonize demonise
compliment salute extol acclaim disavow disown repudiate renounce announce publish tweet
retweet outline detail describe explain invoke quote stress emphasize emphasise repeat
reiterate echo note acknowledge admit concede confirm predict forecast request command label
dub brand term characterize characterise portray liken compare equate recount report reveal
disclose suggest float contest refute rebut counter answer respond reply complain object
protest grumble gripe underline underscore signal tell
"""

LIGHT_ACTS = """
raise voice express make offer air lodge file
"""

PUBLISHING = """
issue release publish send deliver
"""

NOUNS = """
report claim statement assertion announcement warning allegation suggestion belief argument
view contention insistence assurance promise pledge prediction estimate finding conclusion
admission acknowledgment acknowledgement charge accusation complaint testimony remark comment
contention insistence assurance guarantee vow threat forecast projection ruling decision verdict
judgment judgement confession denial rejection criticism concern fear worry hope expectation
suspicion doubt assumption assessment feeling sense impression perception understanding notion
theory hypothesis speculation rumor rumour news word message explanation description
observation recommendation advice request demand plea appeal proposal insinuation implication
declaration proclamation pronouncement announcement disclosure revelation reminder boast
question debate disagreement skepticism scepticism outrage praise condemnation protest attack
apology condolence congratulation sympathy regret objection
"""

# Nouns naming a speech act: the objects that make a light act communicative ("made a claim",
# "raised concerns", "offered condolences"); "made a decision" and "offered a menu" are not.
SPEECH_ACT_NOUNS = """
report claim statement assertion announcement warning allegation suggestion argument
contention assurance promise pledge prediction admission acknowledgment acknowledgement
charge accusation complaint testimony remark comment guarantee vow threat confession denial
criticism concern question doubt objection message explanation recommendation advice request
demand plea appeal proposal declaration proclamation pronouncement disclosure apology
condolence congratulation sympathy praise condemnation
protest point case rebuttal retort reply response answer call assessment analysis view
opinion verdict ruling judgment judgement estimate forecast
"""

# Lemmas: "in the eyes of critics" is read as "eye", "in his words" as "word".
VIEW_NOUNS = """
view opinion estimation word judgment judgement assessment telling account analysis mind eye
"""

# Adjectives whose clausal complement is a held belief: "X is confident that ...".
ADJECTIVES = """
sure certain confident aware unaware worried concerned afraid fearful hopeful
optimistic pessimistic skeptical sceptical doubtful adamant insistent positive clear unclear
"""

# Nouns that name documents: "a report by X" is resolved to X.
DOCUMENT_NOUNS = """
report poll survey study statement release memo letter article story analysis paper review
investigation audit estimate ad video clip book interview post tweet
document record filing transcript email footage recording average tally indictment lawsuit
complaint affidavit
"""


def _words(block: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in block.split())


#: heads of "in X's view" phrases, as lemmas
VIEW_NOUN_LEMMAS = _words(VIEW_NOUNS)


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str] = field(default_factory=lambda: _words(SPEECH))
    belief: frozenset[str] = field(default_factory=lambda: _words(BELIEF))
    talk: frozenset[str] = field(default_factory=lambda: _words(TALK))
    act: frozenset[str] = field(default_factory=lambda: _words(ACT))
    light_acts: frozenset[str] = field(default_factory=lambda: _words(LIGHT_ACTS))
    publishing: frozenset[str] = field(default_factory=lambda: _words(PUBLISHING))
    nouns: frozenset[str] = field(default_factory=lambda: _words(NOUNS))
    speech_act_nouns: frozenset[str] = field(default_factory=lambda: _words(SPEECH_ACT_NOUNS))
    view_nouns: frozenset[str] = VIEW_NOUN_LEMMAS
    adjectives: frozenset[str] = field(default_factory=lambda: _words(ADJECTIVES))
    document_nouns: frozenset[str] = field(default_factory=lambda: _words(DOCUMENT_NOUNS))

    @property
    def clause_verbs(self) -> frozenset[str]:
        """Lemmas whose clausal complement is reported content."""
        return self.speech | self.belief

    def is_cue(self, lemma: str) -> bool:
        return (
            lemma in self.speech
            or lemma in self.belief
            or lemma in self.act
            or lemma in self.light_acts
            or lemma in self.publishing
        )

    def extended(self, **more: list[str] | set[str] | tuple[str, ...]) -> CueLexicon:
        """A copy with more lemmas in the named groups (speech, belief, act, nouns, ...)."""
        changes = {}
        for group, words in more.items():
            current = getattr(self, group)  # AttributeError names a wrong group
            changes[group] = current | frozenset(w.lower() for w in words)
        return replace(self, **changes)


def load_lexicon(path: str | Path | None = None) -> CueLexicon:
    """The default lexicon, extended by a JSON file (argument or CLAIMDESK_CUES) if given."""
    lex = CueLexicon()
    path = path or os.environ.get("CLAIMDESK_CUES")
    if path:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        lex = lex.extended(**{k: v for k, v in data.items() if isinstance(v, list)})
    return lex


@functools.lru_cache(maxsize=1)
def default_lexicon() -> CueLexicon:
    return load_lexicon()
