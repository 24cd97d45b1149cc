"""iter_input_paths and read_path on a folder tree built in tmp_path."""

from __future__ import annotations

import pytest

from claimdesk.ingest import IngestError, iter_input_paths, read_path
from tests.unit.filemakers import make_docx, make_pdf


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a.txt").write_text("Storm hits coast\n\nThe storm hit the coast on Monday.")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "b.pdf").write_bytes(make_pdf(["A report about the storm damage."]))
    (tmp_path / "sub" / "deeper" / "c.docx").write_bytes(make_docx(["Clean-up begins."]))
    (tmp_path / "sub" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("not an article")
    (tmp_path / "sub" / "~$c.docx").write_bytes(b"lock")
    return tmp_path


def test_folders_are_walked_recursively_skipping_hidden(tree):
    found = [p.relative_to(tree).as_posix() for p in iter_input_paths([tree])]
    assert found == ["a.txt", "sub/b.pdf", "sub/deeper/c.docx"]


def test_files_named_directly_are_yielded_as_given(tree):
    found = list(iter_input_paths([tree / "sub" / "photo.png", str(tree / "a.txt")]))
    assert found == [tree / "sub" / "photo.png", tree / "a.txt"]


def test_missing_path(tree):
    with pytest.raises(IngestError, match="no such file or folder"):
        list(iter_input_paths([tree / "nope"]))


def test_read_path_each_kind(tree):
    articles = [read_path(p) for p in iter_input_paths([tree])]
    assert [a.filename for a in articles] == ["a.txt", "b.pdf", "c.docx"]
    assert articles[0].title == "Storm hits coast"
    assert "storm damage" in articles[1].text
    assert articles[2].text == "Clean-up begins."


def test_read_path_checks_size_before_reading(tree):
    with pytest.raises(IngestError, match="size limit"):
        read_path(tree / "a.txt", max_bytes=10)


def test_read_path_missing(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_path(tmp_path / "gone.txt")
