"""PLACEHOLDER: replaced by speaker resolution."""
from spacy.tokens import Doc
from claimdesk.model import Quote, Source


def resolve_sources(doc: Doc, quotes: list[Quote]) -> list[Source]:
    return []
