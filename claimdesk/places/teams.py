"""Sports clubs named by their town: "Birmingham have confirmed", "Newry boss Roy McCreadie",
"a home tie with Middlesbrough", "Exeter City". A pin there would put a team on the map.

In a sports story (several words of the sport's vocabulary), a town's name is a club where the
text treats it as one: followed by a club noun ("X manager", "X fans", "the X side"), the
subject or object of a match verb ("X beat Y", "beaten by X", "drew with X"), after "against"
or "v", or with a club suffix ("Exeter City"); a singular town name with a plural
verb ("Newry are", "Birmingham have") is a club too, as British English writes teams. A name shown
to be a club is the club at its other mentions too, except where the text places something in
it ("in Dublin") or names its state ("Paris, Texas"). Countries and states stay: a national
side is named by its country, and that pin is the country's.
"""

from __future__ import annotations

from claimdesk.nlp.token_table import TokenTable

MIN_SPORTS_WORDS = 2  # distinct sports words that make a story a sports story
SPORTS_WORDS = frozenset({
    "match", "matches", "goal", "goals", "striker", "midfielder", "defender", "goalkeeper",
    "keeper", "winger", "league", "cup", "season", "manager", "coach", "squad", "fixture",
    "fixtures", "referee", "penalty", "penalties", "tournament", "championship", "play-off",
    "playoff", "semi-final", "quarter-final", "club", "clubs", "stadium", "kick-off",
    "half-time", "innings", "wicket", "try", "tries", "scrum", "touchdown", "inning",
    "replay", "derby", "premiership", "sided", "unbeaten", "relegation", "promotion",
    "transfer", "loan", "signing", "victory", "defeat", "draw", "win", "football", "soccer",
    "rugby", "cricket", "tennis", "golf", "hockey", "basketball", "baseball", "athletics",
    "olympic", "olympics", "medal", "champions", "semi-finals", "quarter-finals",
})  # fmt: skip
# Nouns after a club's name: "Newry boss", "Birmingham manager", "the Bucharest side".
CLUB_NOUNS = frozenset({
    "manager", "boss", "coach", "striker", "midfielder", "defender", "goalkeeper", "keeper",
    "winger", "captain", "chairman", "fans", "supporters", "side", "squad", "player", "players",
    "skipper", "forward", "full-back", "centre-back", "defence", "defense", "attack",
})  # fmt: skip
# Verbs of a match: their subject and object are sides.
MATCH_VERBS = frozenset({
    "beat", "defeat", "draw", "lose", "face", "host", "play", "meet", "edge", "thrash",
    "hammer", "overcome", "outlast", "sign", "eliminate", "knock", "trail", "concede",
    "outplay", "rout", "down", "stun", "upset", "hold", "sack", "appoint", "relegate", "join",
})  # fmt: skip
# Nouns of a match whose "with X" is a side: "a home tie with X", "a draw with X".
MATCH_NOUNS = frozenset({"tie", "draw", "match", "game", "clash", "fixture", "meeting", "derby"})
# Of those, the ones whose "X game" is a side's (an athletics "Glasgow meeting" is a venue's).
GAME_NOUNS = MATCH_NOUNS - {"meeting", "draw"}
CLUB_SUFFIXES = frozenset({
    "City", "Town", "County", "United", "Rovers", "Athletic", "Wanderers", "Albion", "Rangers",
    "Celtic", "Thistle", "Hotspur", "Villa", "Argyle", "Orient", "Wednesday", "Forest", "FC",
    "AFC", "Academicals", "Alexandra", "Harriers",
})  # fmt: skip
SUFFIX, CONTEXT = "suffix", "context"
PLURAL_VERBS = frozenset({"are", "were", "have", "'ve"})
OPPONENT_MARKS = frozenset({"against", "v", "v.", "vs", "vs.", "versus"})


def sports_story(tt: TokenTable) -> bool:
    """The document uses several words of the vocabulary of sport."""
    return len(SPORTS_WORDS.intersection(tt.lower)) >= MIN_SPORTS_WORDS


def _after(tt: TokenTable, b: int) -> int:
    """The token after a name, past a possessive ("Birmingham's manager")."""
    if b < len(tt.text) and tt.lower[b] in ("'s", "’s"):
        return b + 1
    return b


def club_evidence(tt: TokenTable, a: int, b: int, key: str, sports: bool) -> str:
    """What makes tokens a..b (looked up as `key`) a club's name in this sentence: SUFFIX
    ("Exeter City"), CONTEXT (anything else) or "" (nothing)."""
    n = len(tt.text)
    last = b - 1
    k = _after(tt, b)
    if not sports:
        return ""
    if (
        b < n
        and tt.lower[b] in PLURAL_VERBS
        and tt.tag[last] == "NNP"
        and tt.dep[last] in ("nsubj", "nsubjpass")
        and (a == 0 or tt.text[a - 1] != ",")  # not "Hertford Road, Edmonton are members"
    ):
        return CONTEXT  # "Newry are expected", "Birmingham have confirmed"
    if k < n and (tt.lower[k] in CLUB_NOUNS or tt.lower[k] in GAME_NOUNS):
        return CONTEXT  # "Birmingham manager", "the Barcelona game"
    suffix = tt.text[last] if tt.text[last] in CLUB_SUFFIXES else ""
    if not suffix and b < n and tt.text[b] in CLUB_SUFFIXES:
        suffix = tt.text[b]
    if suffix and suffix.lower() not in key.split():
        return SUFFIX  # "Exeter City" (not "Kansas City", a town's own name)
    prev = a - 1
    if prev >= 0 and tt.lower[prev] in OPPONENT_MARKS:
        return CONTEXT
    head = tt.head[last]
    dep = tt.dep[last]
    if dep in ("nsubj", "dobj", "nsubjpass") and tt.lemma_lower[head] in MATCH_VERBS:
        return CONTEXT
    if dep == "pobj" and head != last:
        prep = head
        gov = tt.head[prep]
        if tt.lower[prep] == "by" and tt.lemma_lower[gov] in MATCH_VERBS:
            return CONTEXT  # "beaten 5-1 by Newry"
        if tt.lower[prep] == "on" and tt.lemma_lower[gov] == "take":
            return CONTEXT  # "will take on Portadown"
        if tt.lower[prep] == "with" and (
            tt.lemma_lower[gov] in MATCH_NOUNS or tt.lemma_lower[gov] in MATCH_VERBS
        ):
            return CONTEXT  # "a home tie with Middlesbrough", "drew with Bolton"
    return ""


def placed_in(tt: TokenTable, a: int, b: int) -> bool:
    """ "in Dublin", "Paris, Texas": the text places something in the town itself."""
    k = a - 1
    while k >= 0 and tt.lower[k] in ("the",):
        k -= 1
    if k >= 0 and tt.lower[k] in ("in", "near", "outside"):
        return True
    return b + 1 < len(tt.text) and tt.text[b] == "," and tt.text[b + 1][:1].isupper()
