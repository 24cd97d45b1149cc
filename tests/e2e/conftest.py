"""Runs the real app (`streamlit run dashboard.py`) on a free port, and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimdesk import team
from claimdesk.batch import ingest_batch, path_item
from claimdesk.store.repo import Store

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"


def file_input(page, label: str):
    """The file input of the uploader whose label starts with `label` (the Upload page has
    two: "Articles …" and "Fact-check files …")."""
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=label)
    return uploader.locator('input[type="file"]')


def attach_articles(page, files: str | list[str]) -> None:
    """Puts files in the Articles uploader and waits until the app has taken them: the upload
    starts a rerun, and a click on Analyse during it was seen lost (CI, once)."""
    paths = [files] if isinstance(files, str) else files
    file_input(page, "Articles").set_input_files(paths)
    page.get_by_text(Path(paths[0]).name).first.wait_for()  # a long list is paged: the first
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


@pytest.fixture
def start_app(tmp_path) -> Iterator[Callable[..., str]]:
    """Starts app processes; returns a function (database_url, port=None) -> base URL.

    Each runs in a temporary folder holding a copy of the app's `.streamlit/config.toml` (what
    `streamlit run` reads from its working folder), so the app runs with its own settings but
    never with a developer's `.streamlit/secrets.toml`."""
    procs: list[subprocess.Popen] = []
    (tmp_path / ".streamlit").mkdir(exist_ok=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", tmp_path / ".streamlit" / "config.toml")

    def start(database_url: str | None = None, extra_env: dict | None = None) -> str:
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'e2e.sqlite'}",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        log = open(tmp_path / f"streamlit-{port}.log", "w")  # noqa: SIM115 - closed with proc
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
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, proc)
        return base

    yield start
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
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
