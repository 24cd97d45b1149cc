"""How the text relates consecutive place names, from the characters between them.

- parent: "Springfield, Ill.", "Lahaina in Hawaii", "Monroe County in northeast Missouri",
  "Walker County (Ga.)": the second contains the first;
- near: "Edmonton, south of Cairns", "a farm near Hinton", "the Cincinnati suburb of West
  Chester", "London's West End": the one lies close to the other;
- listed: "Montana and Wyoming", "Utah, Colorado, and Idaho": names of one list, which are
  usually places of one kind.
"""

from __future__ import annotations

import re

from claimdesk.places.resolve import Mention

_DIRECTION = (
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central|"
    r"northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|"
    r"south-?western)"
)
PARENT = re.compile(rf"^(?:\s*,\s*|\s+in\s+(?:the\s+)?(?:{_DIRECTION}\s+)?)$", re.IGNORECASE)
NEAR = re.compile(
    r"^,?\s+(?:"
    rf"(?:about\s+|some\s+|just\s+)?(?:[\d.,]+\s*(?:km|kilometres|kilometers|miles|mi)\.?\s+)?"
    rf"{_DIRECTION}\s+of(?:\s+the)?"
    r"|near|outside(?:\s+of)?|just\s+outside"
    r"|an?\s+(?:suburb|town|village|city|district|neighbou?rhood|community)"
    r"\s+(?:of|near|outside)"
    r")\s+$",
    re.IGNORECASE,
)
# "the Cincinnati suburb of West Chester", "London's West End": the second name lies near
# the first
NEAR_BACK = re.compile(
    r"^(?:(?:'s)?\s+(?:suburbs?|neighbou?rhoods?|districts?|outskirts)\s+of|['’]s?)\s+$",
    re.IGNORECASE,
)
LIST_JOINS = re.compile(r"^(?:,?\s+(?:and|or)\s+|\s*/\s*|\s*&\s*)$", re.IGNORECASE)
COMMA = re.compile(r"^\s*,\s*$")


def link_mentions(text: str, mentions: list[Mention]) -> None:
    """Sets parents, children, near and listed on literal mentions (in text order)."""
    run: list[int] = []  # a list of names joined by commas, "and", "or"
    run_has_and = False

    def close_run() -> None:
        if run_has_and and len(run) > 1:
            for k in run:
                mentions[k].listed.extend(o for o in run if o != k)

    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if a.role != "literal" or b.role != "literal":
            close_run()
            run, run_has_and = [], False
            continue
        between = text[a.end : b.start]
        is_paren = between == " (" and text[b.end : b.end + 1] == ")"
        if PARENT.match(between) or is_paren:
            a.parents.append(k + 1)
            b.children.append(k)
        elif NEAR.match(between):
            a.near.append(k + 1)
        elif NEAR_BACK.match(between):
            b.near.append(k)
        joins_list = LIST_JOINS.match(between)
        if joins_list or COMMA.match(between):
            if not run:
                run = [k]
            run.append(k + 1)
            run_has_and = run_has_and or bool(joins_list)
        else:
            close_run()
            run, run_has_and = [], False
    close_run()
