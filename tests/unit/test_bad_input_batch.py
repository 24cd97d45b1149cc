"""A batch holding every kind of broken input: each gets one clear message naming the file and
the reason, the good files still go in, nothing half-stored, exit code 1 from the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from claimdesk.store import queries
from claimdesk.store.repo import Store
from claimdesk.store.schema import ArticleRow, ClaimRow
from tests.unit.filemakers import (
    make_docx,
    make_encrypted_pdf,
    make_html_article,
    make_html_without_body,
    make_pdf,
    make_scanned_pdf,
    make_zip_bomb_docx,
)

ROOT = Path(__file__).resolve().parents[2]
GOOD = (
    "Officials said 3,100 homes lost power on Tuesday, the utility said. "
    "Repairs will cost about $2 million, according to the regional council."
)
GERMAN = (
    "Die Regierung hat am Dienstag angekündigt, dass die Steuern im nächsten Jahr um zwei "
    "Prozent steigen werden. Der Finanzminister sagte, das sei notwendig."
)


# file name -> (bytes, the words its message must hold, or None when it goes in)
@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("broken-batch")
    files: dict[str, tuple[bytes, str | None]] = {
        "good.txt": (GOOD.encode(), None),
        "utf16.txt": (("\ufeff" + GOOD.replace("3,100", "4,200")).encode("utf-16-le"), None),
        "cp1252.txt": (
            "The café’s owner said prices rose 5%: “it is €3 now.”".encode("cp1252"),
            None,
        ),
        "report.pdf": (
            make_pdf(["Grain exports fell by 12 percent in March, the ministry said."]),
            None,
        ),
        "memo.docx": (
            make_docx(["The port handled 2.1 million containers last year, officials said."]),
            None,
        ),
        "page.html": (
            make_html_article(
                [
                    "The city will close 14 schools next year, the mayor told reporters on Friday morning.",
                    "Parents protested outside city hall, according to local media reports.",
                ]
            ).encode(),
            None,
        ),
        "german.txt": (GERMAN.encode(), None),
        "empty.txt": (b"", "empty"),
        "junk.pdf": (bytes(range(256)) * 8, "not a PDF"),
        "junk.docx": (bytes(range(256)) * 8, "not a Word"),
        "junk.html": (bytes(range(256)) * 8, "binary"),
        "junk.txt": (bytes(range(256)) * 8, "binary"),
        "truncated.pdf": (make_pdf()[:700], "damaged"),
        "locked.pdf": (make_encrypted_pdf(), "password"),
        "scanned.pdf": (make_scanned_pdf(), "OCR"),
        "bomb.docx": (make_zip_bomb_docx(), "unpack"),
        "nobody.html": (make_html_without_body().encode(), "no article text"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    with open(folder / "huge.txt", "wb") as fh:  # 100 MB, sparse on disk
        fh.truncate(100 * 1024 * 1024)
    expected = {name: words for name, (_, words) in files.items()}
    expected["huge.txt"] = "MB"
    return folder, expected


def test_cli_reports_every_file_and_stores_the_good_ones(batch, tmp_path):
    folder, expected = batch
    url = f"sqlite:///{tmp_path / 'bad.sqlite'}"
    run = subprocess.run(
        [sys.executable, "-m", "claimdesk", "ingest", str(folder), "--db", url, "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    lines = {
        Path(line.split()[1]).name: line
        for line in run.stdout.splitlines()
        if line[:1].isupper()
        and len(line.split()) > 1
        and line.split()[0] in {"ADDED", "DUPLICATE", "FAILED"}
    }
    for name, words in expected.items():
        line = lines[name]
        if words is None:
            assert line.startswith("ADDED"), line
        else:
            assert line.startswith("FAILED"), line
            assert words.lower() in line.lower(), line
    n_good = sum(w is None for w in expected.values())
    assert f"{n_good} added, 0 duplicate, {len(expected) - n_good} failed" in run.stdout

    store = Store(url)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ArticleRow)) == n_good
    arts = queries.articles_table(store).set_index("filename")
    assert not bool(arts.loc["german.txt", "analysed"]) and arts.loc["german.txt", "lang"] == "de"
    assert "not analysed" in lines["german.txt"]
    with store.read() as s:
        german_id = int(arts.loc["german.txt", "id"])
        assert (
            s.scalar(
                select(func.count()).select_from(ClaimRow).where(ClaimRow.article_id == german_id)
            )
            == 0
        )
    assert bool(arts.loc["good.txt", "analysed"])
    assert (
        "€3" in queries.article_detail(store, int(arts.loc["cp1252.txt", "id"]))["article"]["text"]
    )
