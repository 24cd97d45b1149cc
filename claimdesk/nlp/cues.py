"""Attribution cue lexicon, kept as data so that a user can extend it.

Three groups of verb lemmas, because they take their reported content differently:

- `speech`: verbs of saying and writing whose content is a clause ("X said (that) ...").
- `belief`: verbs of knowing, believing and showing ("polls show ...", "the Post has learned ...",
  "X argues ..."); attribution corpora count these as attributions too.
- `act`: verbs of communicative acts whose content is their object or infinitive ("X called for
  ...", "X criticized Y for ...", "X urged Y to ..."); they count only with a subject.

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
speculate estimate forecast project conclude surmise guess reckon figure muse wonder
question urge demand plead beg propose recommend repeat reiterate echo chime shout yell cry
scream whisper mutter murmur sing chant write email text tell telegraph publish print
describe characterize label dub brand term opine theorize hypothesize posit acknowledge
continue go_on elaborate clarify specify summarize summarise concur contest dispute
affirm reaffirm aver avow profess proclaim pronounce swear attest certify verify corroborate
restate reassert signal telegraph exclaim blurt gasp sigh snap bark thunder roar bellow holler
gush rave rant scoff sneer jeer taunt tease crow gloat fret gripe whine moan groan lament regret
confess grant allow rejoin retort inquire enquire query wonder remind persuade convince
guarantee assure advise counsel instruct order command decree rule find determine decide
judge deem assess calculate prophesy foresee anticipate envision infer deduce insinuate
intimate relate narrate recite quote broadcast email message retweet
"""

BELIEF = """
believe think feel know learn find show reveal demonstrate prove indicate suggest find
discover determine establish estimate expect hope fear worry doubt suspect assume presume
understand realize realise recognize recognise see consider view regard hear read
conclude guess imagine trust bet sense agree acknowledge calculate measure
suppose wish perceive notice remember forget accept presume reckon figure anticipate
confirm signal imply illustrate reflect document detail record register project predict
"""

ACT = """
call criticize criticise blast slam attack condemn denounce praise applaud laud hail commend
thank blame accuse cite reference mention discuss address raise highlight tout champion
defend support back endorse oppose reject dismiss refuse decline threaten vow pledge promise
want plan intend seek demand urge push press lobby encourage propose recommend offer
question challenge dispute deride mock ridicule slam rebuke fault knock scold chide lambast
lash decry deplore bemoan lament welcome celebrate thank congratulate apologize apologise
advocate insist order instruct direct invite ask implore beg warn caution appeal
rip hammer lambaste lambast pan assail excoriate castigate berate chastise reprimand upbraid
disparage belittle lampoon taunt insult smear malign vilify demonize demonise grill interrogate
confront jab needle tweak swipe skewer roast savage trash bash ridicule scorn
compliment salute extol acclaim honor honour admire embrace rally
resist fight disavow disown repudiate renounce veto block
announce unveil issue publish post tweet retweet air broadcast present introduce
outline detail describe explain discuss mention invoke quote stress emphasize emphasise repeat
reiterate echo note acknowledge admit concede confirm predict forecast request command
regard deem label dub brand term characterize characterise portray depict cast frame
liken compare equate link tie promote tout recount report reveal disclose
suggest float contest deny refute rebut counter answer respond reply react
criticise complain object protest grumble gripe lament bemoan regret mourn
highlight underline underscore spotlight flag signal acknowledge recognize recognise
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
"""

VIEW_NOUNS = """
view opinion estimation words judgment judgement assessment telling account analysis mind eyes
"""

# Adjectives whose clausal complement is a held belief: "X is confident that ...".
ADJECTIVES = """
sure certain confident convinced aware unaware worried concerned afraid fearful hopeful
optimistic pessimistic skeptical sceptical doubtful adamant insistent positive clear unclear
"""

# Nouns that name documents: "a report by X" is resolved to X.
DOCUMENT_NOUNS = """
report poll survey study statement release memo letter article story analysis paper review
investigation audit data figures estimate estimates ad video clip book interview post tweet
"""


def _words(block: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in block.split())


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str] = field(default_factory=lambda: _words(SPEECH))
    belief: frozenset[str] = field(default_factory=lambda: _words(BELIEF))
    act: frozenset[str] = field(default_factory=lambda: _words(ACT))
    nouns: frozenset[str] = field(default_factory=lambda: _words(NOUNS))
    view_nouns: frozenset[str] = field(default_factory=lambda: _words(VIEW_NOUNS))
    adjectives: frozenset[str] = field(default_factory=lambda: _words(ADJECTIVES))
    document_nouns: frozenset[str] = field(default_factory=lambda: _words(DOCUMENT_NOUNS))

    @property
    def clause_verbs(self) -> frozenset[str]:
        """Lemmas whose clausal complement is reported content."""
        return self.speech | self.belief

    def is_cue(self, lemma: str) -> bool:
        return lemma in self.speech or lemma in self.belief or lemma in self.act

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
