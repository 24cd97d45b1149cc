"""Reusable UI pieces. They take plain data and return what the user did; no SQL here."""
