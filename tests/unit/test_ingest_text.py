"""Plain text, Markdown and pasted text: encodings, normalisation, hashing, metadata, errors."""

from __future__ import annotations

import pytest

from claimdesk.ingest import (
    IngestError,
    content_hash,
    normalize_text,
    read_document,
    read_pasted_text,
)

ARTICLE = (
    "Flood waters reach the old town\n"
    "By Jane Doe, Valley Courier\n"
    "\n"
    "The regional governor said on Tuesday that 4,200 residents had been evacuated.\n"
    "Independent hydrologists disputed the figures and warned the dam could fail.\n"
)


def test_utf8_text_with_headline_and_byline():
    art = read_document("flood.txt", ARTICLE.encode("utf-8"))
    assert art.title == "Flood waters reach the old town"
    assert art.author == "Jane Doe"
    assert art.publisher == "Valley Courier"
    assert art.lang == "en"
    assert art.filename == "flood.txt"
    assert art.text.startswith("Flood waters reach the old town\nBy Jane Doe")
    assert art.text.endswith("the dam could fail.")
    assert len(art.content_hash) == 64


def test_first_line_that_is_a_sentence_is_not_a_title():
    text = "The governor said on Tuesday that residents had been evacuated.\nMore rain came."
    assert read_document("a.txt", text.encode()).title is None


def test_single_line_is_not_a_title():
    assert read_pasted_text("Residents were evacuated from the valley on Tuesday").title is None


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]
)
def test_encodings(encoding):
    text = "“Prices rose by 5%,” she said. The café charges €12 – a rise of 20% since March."
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + text).encode(encoding)  # with BOM, as Windows Notepad writes it
    art = read_document("prices.txt", data)
    assert art.text == text


def test_short_cp1252_with_only_smart_punctuation():
    # Too little evidence for statistical detectors (they guess DOS code pages here).
    text = "The minister’s statement “was clear”.\nNo more."
    assert read_document("short.txt", text.encode("cp1252")).text == text


def test_cp1252_without_curly_punctuation_is_read_as_western():
    text = "Die Bürger müssen für die Straße zahlen, sagte der Bürgermeister am Montag."
    art = read_document("strasse.txt", text.encode("cp1252"))
    assert art.text == text
    assert art.lang == "de"


def test_cyrillic_code_page_falls_back_to_charset_detection():
    text = (
        "Министр заявил во вторник, что войска прибыли в регион. "
        "По его словам, эвакуация жителей продолжается уже третьи сутки."
    )
    art = read_document("ru.txt", text.encode("cp1251"))
    assert art.text == text
    assert art.lang == "ru"


def test_normalisation_keeps_paragraphs_and_removes_controls():
    raw = "Title line\r\nFirst\x00 line\x07 here.  \r\n\r\n\r\n\r\nSecond\tpara\u2028end.\x0cNext"
    assert normalize_text(raw) == "Title line\nFirst line here.\n\nSecond\tpara\nend.\nNext"


def test_normalisation_composes_unicode():
    assert normalize_text("Cafe\u0301") == "Café"


def test_content_hash_ignores_line_endings_and_spacing_but_not_case():
    a = read_document("a.txt", ARTICLE.encode())
    b = read_document("b.txt", ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    assert a.content_hash == b.content_hash
    assert content_hash("One  two\n\nthree") == content_hash("One two three")
    assert content_hash("One two") != content_hash("one two")
    assert content_hash("Cafe\u0301") == content_hash("Café")


def test_markdown_markup_is_removed():
    md = (
        "# Flood waters reach the old town\n\n"
        "*By* the river, **4,200 residents** were moved, says the [agency](https://x.test/a).\n"
        "> “We are doing everything we can,” said Maria Keller.\n"
    )
    art = read_document("flood.md", md.encode())
    assert art.title == "Flood waters reach the old town"
    assert "**" not in art.text and "](" not in art.text and "#" not in art.text
    assert "4,200 residents were moved, says the agency." in art.text
    assert "\n“We are doing" in art.text


def test_unknown_extension_text_is_read():
    assert read_document("notes", ARTICLE.encode()).title == "Flood waters reach the old town"


def test_pasted_text_and_given_title():
    art = read_pasted_text(
        "  Troops   crossed the river at dawn, officials said.  ", title=" A  day "
    )
    assert art.title == "A day"
    assert art.filename is None
    assert art.text == "Troops   crossed the river at dawn, officials said."


def test_pasted_text_empty():
    with pytest.raises(IngestError, match="pasted text: it is empty"):
        read_pasted_text(" \n\t ")


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  ", "\ufeff  \n".encode("utf-16")])
def test_empty_files(data):
    with pytest.raises(IngestError) as err:
        read_document("empty.txt", data)
    assert "empty" in str(err.value)
    assert err.value.filename == "empty.txt"


def test_binary_junk_named_txt():
    junk = bytes(range(256)) * 8
    with pytest.raises(IngestError, match="not a text file"):
        read_document("junk.txt", junk)


def test_binary_junk_without_extension():
    with pytest.raises(IngestError, match="binary data"):
        read_document("blob", b"\x00\x01\x02\x03" * 200)


def test_pdf_named_txt_says_what_it_is():
    with pytest.raises(IngestError, match=r"not a text file \(it looks like a PDF document\)"):
        read_document("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")


def test_image_without_extension_needs_ocr():
    with pytest.raises(IngestError, match="OCR"):
        read_document("scan", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)


def test_oversize_states_the_limit_in_mb():
    data = b"word " * (3 * 1024 * 1024 // 5 + 10)
    with pytest.raises(IngestError) as err:
        read_document("big.txt", data, max_bytes=2 * 1024 * 1024)
    message = str(err.value)
    assert "2 MB" in message and "big.txt" in message
    assert message.startswith("Could not read “big.txt”:") and message.endswith(".")


def test_default_limit_comes_from_settings(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_MAX_UPLOAD_BYTES", str(1024 * 1024))
    with pytest.raises(IngestError, match="1 MB"):
        read_document("big.txt", b"a" * (1024 * 1024 + 1))


def test_error_message_is_one_plain_sentence():
    err = IngestError("notes.txt", "it is empty")
    assert str(err) == "Could not read “notes.txt”: it is empty."
    assert (err.filename, err.reason) == ("notes.txt", "it is empty")
    assert "Error" not in str(err) and "Traceback" not in str(err)


def test_filename_is_reduced_to_its_base_name():
    assert read_document("C:\\Users\\me\\flood.txt", ARTICLE.encode()).filename == "flood.txt"
    assert read_document("/tmp/x/flood.md", ARTICLE.encode()).filename == "flood.md"


def test_error_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(IngestError("a.pdf", "it is empty", action="fetch")))
    assert str(err) == "Could not fetch “a.pdf”: it is empty."
