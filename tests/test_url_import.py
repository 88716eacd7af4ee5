"""URL import from a real HTTP server on 127.0.0.1: pages, metadata, and every refusal."""

from __future__ import annotations

import time
from datetime import date

import pytest

from annotations.errors import SourceError
from reader.cli.adding import add_source
from reader.importing import import_source
from reader.importing.sources import MAX_SOURCE_BYTES
from tests.helpers.web import OVER_THE_CAP


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch):
    monkeypatch.setenv("GLOSSATOR_HTTP_TIMEOUT", "1")


def test_a_news_page_is_downloaded_with_its_metadata_and_accessed_date(web_server, library):
    url = f"{web_server.base}/news.html"
    added = add_source(library, url).article
    assert added.title == "Ferry operator blames fuel costs for cancelled winter crossings"
    assert added.authors == ["Ines Calloway"]
    assert added.site == "The Saltmarsh Gazette"
    assert added.published == "2025-11-03"
    assert added.url == "https://saltmarsh-gazette.example/transport/ferry-winter-crossings"
    assert added.accessed == date.today().isoformat()
    assert added.source == url
    body = library.body(added)
    assert "cannot run empty boats" in " ".join(body.split())
    assert "UNIQUECOMMENTMARKER" not in body
    assert add_source(library, url).existed
    assert web_server.requests == ["/news.html", "/news.html"]


def test_a_page_without_metadata_gets_the_final_url_after_a_redirect(web_server):
    article = import_source(f"{web_server.base}/moved")
    assert article.url == f"{web_server.base}/bare.html"
    assert article.accessed == date.today().isoformat()
    assert "311 grey seals" in article.body


def test_the_declared_charset_is_used(web_server):
    article = import_source(f"{web_server.base}/latin1.html")
    assert "réunion du comité" in article.body and "trésorier" in article.body


def test_markdown_and_plain_text_pages(web_server):
    markdown = import_source(f"{web_server.base}/logbooks.md")
    assert (markdown.format, markdown.title, markdown.authors) == (
        "markdown", "Lighthouse keepers' logbooks digitised", ["Petra Solberg"])
    text = import_source(f"{web_server.base}/notes")
    assert (text.format, text.title) == ("text", "Tide table notes")
    assert text.url == f"{web_server.base}/notes"


def test_a_404_is_a_clear_error(web_server):
    with pytest.raises(SourceError, match=r"answered 404 Not Found"):
        import_source(f"{web_server.base}/no-such-page")


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_a_server_too_slow_times_out(web_server, path):
    began = time.monotonic()
    with pytest.raises(SourceError, match=r"did not answer within 1 s"):
        import_source(f"{web_server.base}{path}")
    assert time.monotonic() - began < 5


def test_a_declared_length_over_the_cap_is_refused_before_downloading(web_server):
    assert OVER_THE_CAP > MAX_SOURCE_BYTES
    with pytest.raises(SourceError, match=r"more than 50 MB"):
        import_source(f"{web_server.base}/huge-declared")


def test_a_body_over_the_cap_is_cut_off_while_streaming(web_server, monkeypatch):
    monkeypatch.setenv("GLOSSATOR_HTTP_TIMEOUT", "20")  # 50 MB take a moment, even locally
    with pytest.raises(SourceError, match=r"more than 50 MB"):
        import_source(f"{web_server.base}/huge-streamed")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://files.example/news.html",
                                 "FILE:///tmp/x.html", "gopher://old.example/"])
def test_only_http_and_https_are_downloaded(url):
    with pytest.raises(SourceError, match="http\\(s\\)"):
        import_source(url)


@pytest.mark.parametrize("path", ["/redirect-to-file", "/redirect-to-ftp"])
def test_a_redirect_to_another_scheme_is_refused(web_server, path):
    with pytest.raises(SourceError, match=r"redirects to .*not http\(s\)"):
        import_source(f"{web_server.base}{path}")


def test_a_page_that_is_not_an_article_is_refused(web_server):
    with pytest.raises(SourceError, match="is a PNG image, not text"):
        import_source(f"{web_server.base}/chart.png")
    with pytest.raises(SourceError, match="is application/json, not an article"):
        import_source(f"{web_server.base}/data.json")
    with pytest.raises(SourceError, match="empty page"):
        import_source(f"{web_server.base}/empty")


@pytest.mark.parametrize("url", ["http://", "http://[::1", "http://127.0.0.1:99999/x"])
def test_a_malformed_address_is_a_clear_error(url):
    with pytest.raises(SourceError):
        import_source(url)


def test_a_nonsense_timeout_setting_is_a_clear_error(monkeypatch, web_server):
    monkeypatch.setenv("GLOSSATOR_HTTP_TIMEOUT", "soon")
    with pytest.raises(SourceError, match="GLOSSATOR_HTTP_TIMEOUT"):
        import_source(f"{web_server.base}/notes")
