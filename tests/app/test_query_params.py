"""Query parameters a user can type: out-of-range ids are "not found", never a traceback."""

from __future__ import annotations

import pytest

from tests.app import page_support

demo_store = page_support.demo_store

HUGE = [str(2**31), str(10**30), "-1", "1e9"]  # past 32-bit ids, past 64-bit, sign, float


@pytest.mark.parametrize(
    ("screen", "param"),
    [
        ("pages/claims.py", "claim"),
        ("pages/claims.py", "page"),
        ("pages/claims.py", "article"),
        ("pages/claims.py", "source"),
        ("pages/claims.py", "place"),
        ("pages/article.py", "article"),
        ("pages/article.py", "claim"),
        ("pages/map.py", "place"),
        ("pages/map.py", "article"),
        ("pages/sources.py", "source"),
        ("pages/export.py", "article"),
        ("pages/timeline.py", "claim"),
        ("pages/timeline.py", "article"),
        ("pages/timeline.py", "from"),
    ],
)
def test_out_of_range_ids_show_no_traceback(make_app, demo_store, screen, param):
    for value in HUGE:  # one page, one app: a new run per value
        at = make_app(screen)
        at.query_params[param] = value
        at.run()
        assert not at.exception, (value, at.exception)
        assert not any("Traceback" in e.value or "OverflowError" in e.value for e in at.error), (
            value
        )


def test_positive_int_accepts_only_plain_ids():
    from components.params import MAX_ID, positive_int

    assert positive_int("42") == 42
    assert positive_int(str(MAX_ID)) == MAX_ID
    for bad in ("", "0", "-3", str(MAX_ID + 1), "4.0", "1e3", "٣", " 7x", "9" * 400):
        assert positive_int(bad) is None, bad
