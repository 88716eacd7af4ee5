"""Web pages: downloaded with a timeout and a size cap, then read like a saved page."""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
import urllib.request
from datetime import date
from email.message import Message
from urllib.parse import urljoin, urlsplit

from annotations.errors import SourceError
from reader.importing.article_source import ImportedArticle
from reader.importing.encoding import decode_markup
from reader.importing.sources import MAX_SOURCE_BYTES

TIMEOUT_ENV = "GLOSSATOR_HTTP_TIMEOUT"
DEFAULT_TIMEOUT = 20.0
USER_AGENT = "glossator/0.1 (+https://example.invalid/glossator; reading tool)"
_CHUNK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def timeout_from_env() -> float:
    """Seconds a download may take: $GLOSSATOR_HTTP_TIMEOUT, read when used, or 20."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise SourceError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds; set it to e.g. 20")
    return seconds


def check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        scheme, host, _port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError as error:  # "http://[::1", "http://host:port"
        raise SourceError(f"{url} is not a valid address ({error}); check it") from None
    if scheme not in ("http", "https"):
        raise SourceError(
            f"{url} is a {scheme or 'schemeless'} address; glossator downloads http(s) pages "
            "only (for a local file, give its path)"
        )
    if not host:
        raise SourceError(f"{url} has no host name; check the address")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    # urllib refuses some schemes itself, but words it as an HTTP error ("answered 302")
    # and would follow ftp:, so every redirect is checked here first.
    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[override]
        location = headers.get("location") or headers.get("uri") or ""
        _refuse_non_http(req.full_url, urljoin(req.full_url, location))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        _refuse_non_http(req.full_url, newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _refuse_non_http(url: str, target: str) -> None:
    if urlsplit(target).scheme.lower() not in ("http", "https"):
        raise SourceError(f"{url} redirects to {target}, which is not http(s); not followed")


def download(url: str, timeout: float | None = None,
             max_bytes: int | None = None) -> tuple[bytes, Message, str]:
    """The body, headers and final URL of a page; refuses errors, slowness and excess.

    `timeout` bounds the whole download, not just each network read: a server that
    trickles a byte a second would otherwise never time out.
    """
    check_url(url)
    timeout = timeout_from_env() if timeout is None else timeout
    max_bytes = MAX_SOURCE_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(_too_big(url, max_bytes))
            chunks, total = [], 0
            while chunk := response.read1(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise SourceError(_too_big(url, max_bytes))
                if time.monotonic() > deadline:
                    raise TimeoutError
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
    except (http.client.HTTPException, ValueError) as error:
        raise SourceError(
            f"{url} sent a broken answer ({error.__class__.__name__}); try again later"
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


def import_url(url: str, timeout: float | None = None) -> ImportedArticle:
    from reader.importing.html import import_html
    from reader.importing.markdown import import_markdown
    from reader.importing.text import import_text

    data, headers, final_url = download(url, timeout)
    content_type = headers.get_content_type()
    if not data.strip():
        raise SourceError(f"{url} sent an empty page; check the address")
    text = decode_markup(data, url, headers.get_content_charset())
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
