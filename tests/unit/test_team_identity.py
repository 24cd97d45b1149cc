"""Reviewer identity: display names normalised, e-mail always shown, long identities stored."""

from __future__ import annotations

import pytest

from claimdesk import review, team
from claimdesk.store import queries


def test_display_name_is_normalised():
    raw = "  Ana\u200b  Lima\u2060\u202e \t\n<ana@evil.example>" + " " * 40 + "\u200d"
    assert team.normalise_display_name(raw) == "Ana Lima <ana@evil.example>"
    assert team.normalise_display_name("Ｊｏｓé\u00a0Ｓｉｌｖａ") == "José Silva"  # NFKC
    assert team.normalise_display_name("x" * 500) == "x" * team.MAX_NAME_CHARS
    assert team.normalise_display_name("\u200b \x00\x1b") == ""


def test_reviewer_label_always_ends_with_the_email():
    assert team.reviewer_label("Ana Lima", "Ana@Desk.Example") == "Ana Lima <ana@desk.example>"
    assert team.reviewer_label("", "ana@desk.example") == "ana@desk.example"
    assert team.reviewer_label("ana@desk.example", "ana@desk.example") == "ana@desk.example"
    assert team.reviewer_label("ANA@desk.example", "ana@desk.example") == "ana@desk.example"
    hidden = "Ana\u200b" + " " * 300 + "<ben@desk.example>"
    label = team.reviewer_label(hidden, "eve@evil.example")
    assert label.endswith("<eve@evil.example>") and "\u200b" not in label
    assert len(label) <= team.MAX_NAME_CHARS + len(" <eve@evil.example>")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Ben Ortiz <ben@desk.example>", "Ben Ortiz <ana@desk.example>"),
        ("ben@desk.example", "ana@desk.example"),
        ("Ben Ortiz (ben@desk.example)", "Ben Ortiz <ana@desk.example>"),
        ("<ben@desk.example> Ben", "Ben <ana@desk.example>"),
        ("Ben > Ortiz <", "Ben Ortiz <ana@desk.example>"),
        ("Ana Lima", "Ana Lima <ana@desk.example>"),
    ],
)
def test_a_display_name_cannot_name_another_address(name, label):
    """Security review (SECURITY.md): the name comes from the member's own provider profile;
    a review must never read as another member's."""
    assert team.reviewer_label(name, "ana@desk.example") == label


def test_unverified_email_is_refused():
    assert team.email_is_verified({"email_verified": True})
    assert team.email_is_verified({})  # providers that never send the claim (Entra ID)
    for no in (False, "false", "False", 0):
        assert not team.email_is_verified({"email_verified": no})


def test_local_name_is_normalised_too(sqlite_store):
    assert team.set_local_display_name(sqlite_store, "Erin\u200b   Analyst\u202e") == "Erin Analyst"
    with pytest.raises(ValueError):
        team.set_local_display_name(sqlite_store, "\u200b\u2060 ")


def test_long_identity_is_stored_whole(store):
    """A name at the cap plus a long e-mail: the review is stored with the label unchanged."""
    from tests.sample_records import make_analysis, make_article

    store.add_article(make_article(), make_analysis())
    claim_id = int(queries.claims_table(store)[0]["id"].iloc[0])
    email = ("a" * 60 + ".") * 4 + "x@" + "d" * 40 + ".example"
    label = team.reviewer_label("N" * 500, email)
    assert len(label) > 300
    review.record_review(store, [claim_id], "verified", label)
    assert review.history(store, claim_id)[0].reviewer == label


def test_a_sign_in_expires_after_the_session_hours(monkeypatch):
    """Security review (SECURITY.md): Streamlit keeps a sign-in for 30 days; the desk asks
    again after CLAIMDESK_SESSION_HOURS (24 by default), counted from the provider sign-in."""
    from claimdesk import settings

    now = 1_800_000_000.0
    assert team.signed_in_at({"iat": now - 10, "auth_time": now - 50}) == now - 50
    assert not team.session_expired({"iat": now - 23.9 * 3600}, now, 24)
    assert team.session_expired({"iat": now - 24.1 * 3600}, now, 24)
    assert team.session_expired({"auth_time": now - 3 * 3600, "iat": now}, now, 2)
    assert not team.session_expired({}, now, 24)  # no time: Streamlit's own limit stands
    assert not team.session_expired({"iat": True}, now, 24)
    monkeypatch.delenv("CLAIMDESK_SESSION_HOURS", raising=False)
    assert settings.session_hours() == 24
    for raw, hours in (("8", 8.0), ("0.5", 0.5), ("-1", 24.0), ("soon", 24.0)):
        monkeypatch.setenv("CLAIMDESK_SESSION_HOURS", raw)
        assert settings.session_hours() == hours
