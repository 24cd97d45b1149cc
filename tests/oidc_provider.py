"""A real OpenID Connect provider on 127.0.0.1 for the browser tests, and the app's secrets.

The provider is `oidc-provider-mock` (PyPI, built on Authlib and Flask): a discovery document,
the authorization code flow with a login page where a person types who they are, ID tokens
signed with RS256 and published as a JWKS, a userinfo and an end-session endpoint. It runs on a
thread of the test process, served by werkzeug, on a free port.

`write_team_secrets` writes the `.streamlit/secrets.toml` an app started by a test reads from
its working folder: `[auth]` pointing at the provider, the `[team]` allowlist and admins, and
`[connections.sql]`.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

#: Client credentials the app presents; the provider accepts any client that is not registered.
CLIENT_ID = "claimdesk-tests"
CLIENT_SECRET = "claimdesk-tests-secret"
#: The cookie secret of apps started by the tests (Streamlit signs its auth cookie with it).
COOKIE_SECRET = "claimdesk-e2e-cookie-secret-0123456789abcdef0123456789"


def provider_missing_reason() -> str | None:
    """Why the provider cannot run here, or None when it can."""
    try:
        import oidc_provider_mock  # noqa: F401
    except ImportError:
        return "oidc-provider-mock is not installed (pip install -r requirements-dev.txt)"
    return None


def require_provider() -> None:
    """Skips the calling test when the provider is missing, or fails it under
    CLAIMDESK_REQUIRE_BROWSER=1 (as CI runs: the sign-in tests must never be skipped there)."""
    reason = provider_missing_reason()
    if reason is None:
        return
    if os.environ.get("CLAIMDESK_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass(frozen=True)
class Account:
    """A person the provider knows: what its ID tokens say about them."""

    email: str
    name: str
    email_verified: bool = True

    def claims(self) -> dict[str, object]:
        return {"email": self.email, "name": self.name, "email_verified": self.email_verified}


@dataclass(frozen=True)
class Provider:
    """A running provider: its issuer URL and how to tell it about accounts."""

    issuer: str

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def add_account(self, account: Account) -> None:
        """Registers the ID token claims of `account` (signing in with its e-mail as subject)."""
        request = urllib.request.Request(
            f"{self.issuer}/users/{quote(account.email, safe='')}",
            data=json.dumps(account.claims()).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 204, response.status

    def metadata(self) -> dict:
        with urllib.request.urlopen(self.metadata_url, timeout=5) as response:
            return json.load(response)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def run_provider(
    accounts: Iterable[Account] = (), token_lifetime: timedelta = timedelta(hours=1)
) -> Iterator[Provider]:
    """Starts the provider on a free port of 127.0.0.1 and stops it when the block ends.

    `token_lifetime` is how long its access and ID tokens are valid (the ID token's `exp`)."""
    require_provider()
    import oidc_provider_mock
    import werkzeug.serving

    app = oidc_provider_mock.app(require_nonce=True, access_token_max_age=token_lifetime)
    server = werkzeug.serving.make_server("127.0.0.1", _free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="oidc-provider", daemon=True)
    thread.start()
    provider = Provider(issuer=f"http://127.0.0.1:{server.server_port}")
    try:
        for account in accounts:
            provider.add_account(account)
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def write_team_secrets(
    app_dir: Path,
    *,
    public_url: str,
    provider: Provider,
    database_url: str,
    allowlist: Iterable[str] = (),
    admins: Iterable[str] = (),
    cookie_secret: str = COOKIE_SECRET,
) -> Path:
    """Writes `app_dir/.streamlit/secrets.toml` for a team desk signing in through `provider`.

    `public_url` is where browsers reach the app (the app itself, or a proxy in front of it):
    the provider sends people back to `{public_url}/oauth2callback`. Apps behind one proxy must
    share `cookie_secret`, or one cannot read the sign-in cookie another set."""
    folder = app_dir / ".streamlit"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secrets.toml"
    path.write_text(
        "\n".join(
            [
                "[auth]",
                f"redirect_uri = {json.dumps(public_url.rstrip('/') + '/oauth2callback')}",
                f"cookie_secret = {json.dumps(cookie_secret)}",
                f"client_id = {json.dumps(CLIENT_ID)}",
                f"client_secret = {json.dumps(CLIENT_SECRET)}",
                f"server_metadata_url = {json.dumps(provider.metadata_url)}",
                "",
                "[team]",
                f"allowlist = {_toml_list(allowlist)}",
                f"admins = {_toml_list(admins)}",
                "",
                "[connections.sql]",
                f"url = {json.dumps(database_url)}",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path
