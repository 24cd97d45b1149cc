"""Places: every piece of place code in one home.

- `extract`: place names in a parsed document, with the evidence for and against each reading
  (`evidence`, `links`, `teams`, `landmarks`, `datelines`), resolved by `resolve`;
- `gazetteer` and `normalize`: the offline gazetteer and its name keys;
- `admin`: reviewers' corrections of a place, stored as overrides.
"""
