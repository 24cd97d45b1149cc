"""Word lists of the claim model's sentence features (claimdesk.nlp.claim_features).

Lower-case words, or lemmas where the name says so, as they are compared. The trained model
(claimdesk/resources/claims_model.json) depends on them: a change here needs a retraining
(scripts/train_claims.py).
"""

from __future__ import annotations

# Lemmas that mark a sentence as attributed, for the claim model's features (adjectives of
# reaction included: "X was thrilled"). Not the quote cue lexicon (claimdesk.nlp.lexicons.cues):
# the model was trained on exactly this set.
ATTRIBUTION_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "report",
        "announce",
        "confirm",
        "state",
        "claim",
        "add",
        "note",
        "warn",
        "estimate",
        "reveal",
        "disclose",
        "testify",
        "insist",
        "argue",
        "acknowledge",
        "admit",
        "deny",
        "allege",
        "assert",
        "declare",
        "explain",
        "write",
        "show",
        "find",
        "indicate",
        "suggest",
    ]
)
CAUSAL_WORDS = frozenset(
    [
        "because",
        "cause",
        "lead",
        "result",
        "due",
        "owing",
        "thanks",
        "consequently",
        "therefore",
        "hence",
        "trigger",
        "fuel",
        "drive",
        "spark",
        "contribute",
        "attribute",
    ]
)
CAUSAL_PHRASES = (
    "due to",
    "as a result",
    "led to",
    "lead to",
    "leads to",
    "because of",
    "result in",
    "resulted in",
    "results in",
    "caused by",
    "thanks to",
)
FUTURE_WORDS = frozenset(["will", "shall", "'ll", "wo"])
PREDICT_LEMMAS = frozenset(["expect", "forecast", "predict", "project", "anticipate"])
HEDGE_WORDS = frozenset(
    [
        "may",
        "might",
        "could",
        "perhaps",
        "maybe",
        "possibly",
        "probably",
        "apparently",
        "seemingly",
        "seem",
        "appear",
        "believe",
        "think",
        "feel",
        "guess",
        "hope",
        "wish",
        "suppose",
        "imagine",
    ]
)
OBLIGATION_WORDS = frozenset(["should", "must", "ought"])
OPINION_WORDS = frozenset(
    [
        "great",
        "wonderful",
        "terrible",
        "horrible",
        "amazing",
        "incredible",
        "beautiful",
        "fantastic",
        "awful",
        "disgraceful",
        "disaster",
        "sad",
        "tremendous",
        "nice",
        "proud",
        "love",
        "hate",
        "honor",
        "thrilled",
        "happy",
        "glad",
        "pleased",
        "delighted",
        "grateful",
        "thank",
        "congratulations",
        "believe",
    ]
)
# Verbs whose clause is someone's view or belief ("critics argue that ...", "police believe
# the fire was ...", "he thinks it will ...").
OPINION_VERBS = frozenset(
    ["argue", "contend", "opine", "reckon", "speculate", "believe", "think", "feel", "suspect"]
)
# Unnamed, collective sources. Not "they": in news it points back to a named antecedent.
GENERIC_SOURCES = frozenset(
    [
        "experts",
        "analysts",
        "observers",
        "critics",
        "commentators",
        "pundits",
        "scholars",
        "some",
        "many",
        "others",
        "people",
        "researchers",
        "insiders",
    ]
)
FIRST_SING = frozenset(["i", "me", "my", "mine", "myself"])
FIRST_PLUR = frozenset(["we", "us", "our", "ours", "ourselves"])
SECOND = frozenset(["you", "your", "yours", "yourself", "yourselves"])
CHANGE_WORDS = frozenset({"record", "increase", "decrease", "doubled", "tripled", "half"})
# Heads of "in X's view" frames that mark a sentence as opinion, as the model was trained: a
# subset of the quote lexicon's view nouns (claimdesk.nlp.lexicons.cues.VIEW_NOUNS), kept apart
# because adding "word", "mind" or "account" here changes the model's features (measured: it
# drops five listed claims on PolNeAR and GeoWebNews) and would need a retraining.
OPINION_FRAME_NOUNS = frozenset(["view", "opinion", "eye", "estimation", "judgment", "judgement"])
