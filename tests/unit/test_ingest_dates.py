"""Publication and file dates read from real PDF, Word and HTML files made here, and from a date
line at the top of a text."""

from __future__ import annotations

import datetime as dt
import io

from claimdesk.ingest import read_document, read_pasted_text
from tests.unit.filemakers import (
    make_docx,
    make_html_article,
    make_pdf,
    with_pdf_metadata,
    xmp_packet,
)

D = dt.date


def test_pdf_xmp_publication_date_is_the_stated_date():
    pdf = with_pdf_metadata(
        make_pdf(),
        {"/CreationDate": "D:20210305101500+01'00'"},
        xmp_packet(prism_publicationDate="2021-03-03", xmp_CreateDate="2021-03-02T09:00:00Z"),
    )
    art = read_document("report.pdf", pdf)
    assert art.published_at == D(2021, 3, 3)
    assert art.document_date == D(2021, 3, 2)  # XMP's creation date first


def test_pdf_cover_date_counts_when_there_is_no_publication_date():
    pdf = with_pdf_metadata(make_pdf(), xmp=xmp_packet(prism_coverDate="2020-11-01"))
    assert read_document("magazine.pdf", pdf).published_at == D(2020, 11, 1)


def test_pdf_creation_date_is_the_files_date_not_a_publication_date():
    pdf = with_pdf_metadata(make_pdf(), {"/CreationDate": "D:20210301231500-05'00'"})
    art = read_document("printed.pdf", pdf)
    assert art.published_at is None
    assert art.document_date == D(2021, 3, 1)  # the day where it was made, not in UTC


def test_pdf_made_now_has_todays_file_date():
    art = read_document("fresh.pdf", make_pdf())  # reportlab stamps the time it writes
    assert art.published_at is None
    assert art.document_date is not None
    assert abs((art.document_date - dt.date.today()).days) <= 1


def test_pdf_default_and_broken_dates_are_ignored():
    epoch = with_pdf_metadata(make_pdf(), {"/CreationDate": "D:19800101000000"})
    assert read_document("epoch.pdf", epoch).document_date is None
    future = with_pdf_metadata(make_pdf(), {"/CreationDate": "D:20990101000000"})
    assert read_document("future.pdf", future).document_date is None
    broken = with_pdf_metadata(
        make_pdf(), {"/CreationDate": "not a date"}, xmp_packet(prism_publicationDate="2021-03-03")
    ).replace(b"</x:xmpmeta>", b"</x:xmpmetX>")  # the XMP packet no longer parses
    art = read_document("broken.pdf", broken)
    assert art.text and art.published_at is None and art.document_date is None


def test_docx_core_properties_give_the_files_date():
    import docx

    document = docx.Document(io.BytesIO(make_docx()))
    props = document.core_properties
    props.created = dt.datetime(2021, 2, 20, 9, 0, tzinfo=dt.UTC)
    props.modified = dt.datetime(2021, 3, 2, 18, 30, tzinfo=dt.UTC)
    buf = io.BytesIO()
    document.save(buf)
    art = read_document("release.docx", buf.getvalue())
    assert art.published_at is None  # Word has no publication date of its own
    assert art.document_date == D(2021, 3, 2)  # last saved


def test_docx_from_a_template_carries_the_templates_date():
    # python-docx writes its template's dates (2013-12-23): read as they are, and checked
    # against the text when the article is stored (test_store_dates)
    art = read_document("generated.docx", make_docx())
    assert art.document_date == D(2013, 12, 23)


def test_html_meta_tags_give_the_publication_date():
    page = make_html_article(published="2024-03-14")
    assert read_document("story.html", page.encode()).published_at == D(2024, 3, 14)


def test_html_json_ld_gives_the_publication_date():
    page = make_html_article(published=None).replace(
        "</head>",
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
        '"NewsArticle", "headline": "Thousands evacuated", "datePublished": '
        '"2023-07-09T10:00:00Z"}</script></head>',
    )
    assert read_document("story.html", page.encode()).published_at == D(2023, 7, 9)


def test_a_date_line_at_the_top_of_a_text_is_its_publication_date():
    text = (
        "Council approves flood budget\nPublished March 3, 2021\n\n"
        "The council voted on Monday to spend $4 million on flood defences."
    )
    assert read_document("story.txt", text.encode()).published_at == D(2021, 3, 3)
    assert read_pasted_text(text).published_at == D(2021, 3, 3)
    body_only = "The council voted on March 3, 2021 to spend $4 million on flood defences."
    assert read_pasted_text(body_only).published_at is None


def test_a_stated_date_in_the_future_is_not_a_publication_date():
    text = "Budget\nPublished March 3, 2099\n\nThe council voted to spend $4 million."
    assert read_pasted_text(text).published_at is None
