"""Extraction: spaCy pipeline plus rule and model based extractors over one Doc."""
