"""PLACEHOLDER: replaced by check-worthiness scoring."""
from spacy.tokens import Doc
from claimdesk.model import Claim, Quote


def extract_claims(doc: Doc, quotes: list[Quote]) -> list[Claim]:
    return []
