"""Runs the real app (`streamlit run dashboard.py`) on a free port, and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from claimdesk import team
from claimdesk.batch import ingest_batch, path_item
from claimdesk.store.repo import Store
from tests.oidc_provider import Provider, run_provider, write_team_secrets

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"


def file_input(page, label: str):
    """The file input of the uploader whose label starts with `label` (the Upload page has
    two: "Articles …" and "Fact-check files …")."""
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=label)
    return uploader.locator('input[type="file"]')


def attach_articles(page, files: str | list[str]) -> None:
    """Puts files in the Articles uploader and waits until the app has taken them all (its
    count of files ready): the upload starts reruns, and a click on Analyse during one was seen
    lost (CI, twice: once with 60 files on a loaded machine)."""
    paths = [files] if isinstance(files, str) else files
    file_input(page, "Articles").set_input_files(paths)
    page.get_by_text(f"{len(paths):,} file(s) ready to analyse").wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


#: Chromium's resolver finds no name but the loopback ones: the test provider's pages link a
#: stylesheet on a CDN, and no test may leave the machine (cheaper than routing every request
#: of the app through Playwright, which tripled page loads).
LOOPBACK_ONLY_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


def sign_in(page, base: str, provider: Provider, email: str, shot: Path | None = None) -> None:
    """Signs in to the app at `base` as `email` the way a person does: the app's Sign in
    button, the provider's login page (a screenshot of it at `shot`), Authorize, and back in
    the app once it has drawn its first screen for that person."""
    page.goto(base)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider.issuer}/oauth2/authorize**")
    page.get_by_placeholder("sub").wait_for()
    if shot is not None:
        page.screenshot(path=shot, full_page=True)
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{base}/**")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{base} did not become healthy in {timeout}s")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CLAIMDESK_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return CHROMIUM


def prepare_app_dir(folder: Path) -> Path:
    """A working folder for an app process: a copy of the app's `.streamlit/config.toml` (what
    `streamlit run` reads from its working folder), so the app runs with its own settings but
    never with a developer's `.streamlit/secrets.toml`."""
    (folder / ".streamlit").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    return folder


def launch_app(
    app_dir: Path, *, port: int | None = None, env: dict[str, str | None] | None = None
) -> tuple[subprocess.Popen, str]:
    """Starts `streamlit run dashboard.py` in `app_dir` on `port` (a free one by default) and
    waits until it is healthy; returns the process and its base URL. `env` is added to this
    process's environment (a value of None removes a variable)."""
    port = port or free_port()
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    log = open(app_dir / f"streamlit-{port}.log", "w")  # noqa: SIM115 - closed with proc
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=app_dir,
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
    except BaseException:
        stop_apps([proc])
        raise
    return proc, base


def stop_apps(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def start_app(tmp_path) -> Iterator[Callable[..., str]]:
    """Starts app processes; returns a function (database_url, extra_env=None) -> base URL.

    Each runs in tmp_path (see prepare_app_dir)."""
    procs: list[subprocess.Popen] = []
    prepare_app_dir(tmp_path)

    def start(database_url: str | None = None, extra_env: dict | None = None) -> str:
        env = {
            "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'e2e.sqlite'}",
            **(extra_env or {}),
        }
        proc, base = launch_app(tmp_path, env=env)
        procs.append(proc)
        return base

    yield start
    stop_apps(procs)


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    """A real OpenID Connect provider on 127.0.0.1 (tests/oidc_provider.py), one per session;
    tests register the accounts they sign in with (`oidc_provider.add_account`)."""
    with run_provider() as provider:
        yield provider


@pytest.fixture(scope="module")
def start_team_app(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Starts team-mode app processes (sign-in through a provider, an allowlist), kept for the
    test module; returns a function

        (provider, database_url, allowlist=(), admins=(), port=None, public_url=None) -> base URL

    Each process runs in a folder of its own holding the secrets (write_team_secrets);
    `public_url` is where browsers reach it (default: the app itself; a proxy's URL when one is
    in front). DATABASE_URL is removed from its environment: the secrets name the database."""
    procs: list[subprocess.Popen] = []

    def start(
        provider: Provider,
        database_url: str,
        allowlist: Iterable[str] = (),
        admins: Iterable[str] = (),
        port: int | None = None,
        public_url: str | None = None,
    ) -> str:
        app_dir = prepare_app_dir(tmp_path_factory.mktemp("team-app"))
        port = port or free_port()
        write_team_secrets(
            app_dir,
            public_url=public_url or f"http://127.0.0.1:{port}",
            provider=provider,
            database_url=database_url,
            allowlist=allowlist,
            admins=admins,
        )
        proc, base = launch_app(app_dir, port=port, env={"DATABASE_URL": None})
        procs.append(proc)
        return base

    yield start
    stop_apps(procs)


@pytest.fixture
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def loopback_browser(chromium_path):
    """Chromium for a test module, reaching only this machine (LOOPBACK_ONLY_ARGS); tests
    open a context of their own in it (own cookies: own sign-in)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=chromium_path, args=["--no-sandbox", *LOOPBACK_ONLY_ARGS]
        )
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = Path(
        os.environ.get(
            "CLAIMDESK_SCREENSHOTS", ROOT / "screenshots" / time.strftime("%Y%m%d-%H%M%S")
        )
    )
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def demo_desk(tmp_path) -> Callable[[str], tuple[str, Store]]:
    """A SQLite desk in tmp_path with a reviewer named and the demo article analysed; returns a
    function (reviewer name) -> (database URL, store)."""

    def make(reviewer: str) -> tuple[str, Store]:
        url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
        store = Store(url)
        team.set_local_display_name(store, reviewer)
        [outcome] = ingest_batch(store, [path_item(DEMO)])
        assert outcome.status == "added", outcome.message
        return url, store

    return make
