"""PLACEHOLDER: replaced by toponym recognition and resolution."""
from spacy.tokens import Doc
from claimdesk.model import PlaceMention


def extract_places(doc: Doc) -> list[PlaceMention]:
    return []
