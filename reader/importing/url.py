"""Web pages: downloaded with a timeout and a size cap, then read like a saved page."""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.request
from datetime import date
from email.message import Message
from urllib.parse import urlsplit

from annotations.errors import SourceError
from reader.importing.article_source import ImportedArticle
from reader.importing.encoding import decode_text
from reader.importing.sources import MAX_SOURCE_BYTES

DEFAULT_TIMEOUT = float(os.environ.get("GLOSSATOR_HTTP_TIMEOUT", "20"))
USER_AGENT = "glossator/0.1 (+https://example.invalid/glossator; reading tool)"
_CHUNK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(source: str) -> bool:
    return "://" in source[:12] or source.lower().startswith(("http:", "https:", "file:", "ftp:"))


def check_url(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise SourceError(
            f"{url} is a {scheme or 'schemeless'} address; glossator downloads http(s) pages "
            "only (for a local file, give its path)"
        )
    if not urlsplit(url).hostname:
        raise SourceError(f"{url} has no host name; check the address")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise SourceError(f"{req.full_url} redirects to {newurl}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str, timeout: float = DEFAULT_TIMEOUT,
             max_bytes: int = MAX_SOURCE_BYTES) -> tuple[bytes, Message, str]:
    """The body, headers and final URL of a page; refuses errors, slowness and excess."""
    check_url(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(_too_big(url, max_bytes))
            chunks, total = [], 0
            while chunk := response.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise SourceError(_too_big(url, max_bytes))
                chunks.append(chunk)
            return b"".join(chunks), response.headers, response.geturl()
    except urllib.error.HTTPError as error:
        raise SourceError(
            f"{url} answered {error.code} {error.reason}; check the address or try later"
        ) from None
    except TimeoutError:
        raise SourceError(
            f"{url} did not answer within {timeout:g} s; try again later, or save the page "
            "and add the file"
        ) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise SourceError(
                f"{url} did not answer within {timeout:g} s; try again later, or save the "
                "page and add the file"
            ) from None
        text = getattr(reason, "strerror", None) or str(reason)
        raise SourceError(f"cannot reach {url}: {text}; check the address and your connection") from None
    except (ConnectionError, OSError) as error:
        raise SourceError(f"cannot download {url}: {error}; try again later") from None


def _too_big(url: str, max_bytes: int) -> str:
    return (
        f"{url} sends more than {max_bytes // 1024 // 1024} MB, over the size limit; "
        "save the article text and add the file"
    )


def import_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> ImportedArticle:
    from reader.importing.html import import_html
    from reader.importing.markdown import import_markdown
    from reader.importing.text import import_text

    data, headers, final_url = download(url, timeout)
    content_type = headers.get_content_type()
    if not data.strip():
        raise SourceError(f"{url} sent an empty page; check the address")
    text = decode_text(data, url, headers.get_content_charset())
    fallback_title = urlsplit(final_url).path.rstrip("/").rsplit("/", 1)[-1] or final_url
    if content_type in _HTML_TYPES or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        article = import_html(text, source=url, where=url, url=final_url)
    elif content_type == "text/markdown" or final_url.lower().endswith((".md", ".markdown")):
        article = import_markdown(text, url, fallback_title)
    elif content_type.startswith("text/"):
        article = import_text(text, url, fallback_title)
    else:
        raise SourceError(
            f"{url} is {content_type}, not an article; glossator reads HTML, Markdown and "
            "plain text pages"
        )
    article.url = article.url or final_url
    article.accessed = date.today().isoformat()
    return article
