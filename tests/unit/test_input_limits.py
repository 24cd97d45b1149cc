"""Bounded work per input: pages, extracted characters and unpacked size are refused while
reading, with a message that names the limit and the setting that changes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimdesk.batch import InputSpec
from claimdesk.ingest import IngestError, read_document, read_pasted_text
from claimdesk.settings import limits
from tests.unit.filemakers import (
    make_docx,
    make_html_article,
    make_many_pages_pdf,
    make_paragraph_bomb_docx,
    make_pdf,
)

ROOT = Path(__file__).resolve().parents[2]


def test_limits_come_from_settings(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_MAX_PAGES", "12")
    monkeypatch.setenv("CLAIMDESK_MAX_TEXT_CHARS", "not a number")
    assert limits().pages == 12
    assert limits().text_chars == 3_000_000


def test_a_pdf_over_the_page_limit_is_refused_before_extraction():
    with pytest.raises(IngestError) as err:
        read_document("report.pdf", make_many_pages_pdf(5_000))
    message = str(err.value)
    assert "5,000 pages" in message and "2,000" in message and "CLAIMDESK_MAX_PAGES" in message


def test_a_pdf_under_the_page_limit_but_over_the_text_limit_is_refused(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_MAX_TEXT_CHARS", "5000")
    with pytest.raises(IngestError) as err:
        read_document("report.pdf", make_many_pages_pdf(400))
    assert "5,000 characters" in str(err.value) and "CLAIMDESK_MAX_TEXT_CHARS" in str(err.value)


def test_a_docx_that_unpacks_to_190_mb_of_paragraphs_is_refused_while_reading():
    data = make_paragraph_bomb_docx(3_100_000)  # 1.1 MB zipped, 190 MB unpacked
    with pytest.raises(IngestError) as err:
        read_document("minutes.docx", data)
    assert "CLAIMDESK_MAX_UNPACKED_BYTES" in str(err.value)


def test_a_docx_under_the_unpacked_limit_with_too_much_text_is_refused(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_MAX_TEXT_CHARS", "100000")
    with pytest.raises(IngestError) as err:
        read_document("minutes.docx", make_paragraph_bomb_docx(20_000))
    assert "100,000 characters" in str(err.value) and "CLAIMDESK_MAX_TEXT_CHARS" in str(err.value)


def test_documents_under_the_limits_still_read():
    assert "levee" in read_document("a.docx", make_paragraph_bomb_docx(1_000)).text
    assert read_document("a.pdf", make_pdf(pages=3)).text
    assert read_document("a.docx", make_docx()).text


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("notes.txt", lambda n: ("The board met. " * (n // 15 + 1)).encode()),
        ("notes.md", lambda n: ("# Notes\n\nThe board met. " * (n // 24 + 1)).encode()),
        (
            "page.html",
            lambda n: make_html_article(["The board met again. " * (n // 21 + 1)]).encode(),
        ),
    ],
)
def test_text_over_the_character_limit_is_refused(monkeypatch, name, make):
    monkeypatch.setenv("CLAIMDESK_MAX_TEXT_CHARS", "20000")
    with pytest.raises(IngestError) as err:
        read_document(name, make(40_000))
    assert "20,000 characters" in str(err.value) and "CLAIMDESK_MAX_TEXT_CHARS" in str(err.value)


def test_pasted_text_over_the_character_limit_is_refused(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_MAX_TEXT_CHARS", "1000")
    with pytest.raises(IngestError, match="CLAIMDESK_MAX_TEXT_CHARS"):
        read_pasted_text("Word " * 500)


def test_a_path_over_the_size_limit_is_never_read(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: 2 GB that takes no disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    with pytest.raises(IngestError, match="size limit"):
        InputSpec("path", str(big)).to_item().load()


def test_the_cli_refuses_a_2_gb_file_in_bounded_memory(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024**3)
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(r.stdout + r.stderr)\n"
    )
    cmd = [sys.executable, "-m", "claimdesk", "ingest", str(big), "--quiet"]
    cmd += ["--db", f"sqlite:///{tmp_path / 'cli.sqlite'}"]
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], capture_output=True, text=True, cwd=ROOT, timeout=300
    ).stdout
    code, peak_kb = map(int, out.split("\n", 1)[0].split())
    assert code == 1 and "size limit" in out and "Traceback" not in out
    assert peak_kb < 1_000_000  # the spaCy model, not the file (it was 2.35 GB)
