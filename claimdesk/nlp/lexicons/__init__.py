"""Every word list of the extractors, each kept once, in the form it is compared in.

- `cues`: verbs, nouns and adjectives that attribute content to a source (quotes), lemmas;
  extensible by users (CLAIMDESK_CUES).
- `claim_words`: the claim model's feature word lists (lower-case words and lemmas).
- `source_words`: titles, honorifics, source kinds and gendered words (speaker resolution).
- `place_words`: words around place names (prepositions, organisation heads, landmarks).

A test (tests/unit/test_lexicons.py) checks that lists compared with lemmas hold lemmas.
"""
