"""HTML pages: trafilatura finds the article (no navigation, ads or comments) and its
metadata; the article is kept as Markdown so its headings, lists and emphasis survive.

trafilatura's metadata is then put right for citations: the site's suffix leaves the
title (titles.py), organisations and non-names among the authors are told apart
(authors.py), and the page's keywords go to `keywords`, split, never into `tags` (tags are
the user's own). The page's head is read once more for what trafilatura does not keep:
`news_keywords`, every site and publisher name it gives, and which authors its JSON-LD
calls an Organization or a Person.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from annotations.errors import SourceError
from reader.importing.article_source import ImportedArticle

_MIN_WORDS = 10
_LANG = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)
KEYWORD_NAMES = ("keywords", "news_keywords", "article:tag", "parsely-tags", "citation_keywords",
                 "dcterms.subject", "shareaholic:keywords")
SITE_NAMES = ("og:site_name", "application-name", "publisher", "dc.publisher", "dcterms.publisher",
              "article:publisher", "twitter:site", "apple-mobile-web-app-title")
AUTHOR_NAMES = ("author", "article:author", "byl", "dc.creator", "dcterms.creator",
                "citation_author", "parsely-author", "sailthru.author")
"""Where a page's head names its authors; read when trafilatura keeps none (it drops
"Ministry of Defence", "Greenpeace")."""
_ORGANISATION_TYPES = re.compile(r"organi[sz]ation|corporation|ngo|newsmedia|agency", re.I)
_COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*", re.I)
_RIGHTS_RESERVED = re.compile(r"[.,]?\s*all rights reserved\.?\s*$", re.I)
_COPYRIGHT_NOTICE = re.compile(
    r"(?:©|&copy;|&#169;)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?"
    r"([A-Z][\w&.'’ -]{1,60}?)\s*(?:[.,|<]|all rights|$)", re.I | re.M)
_HOST_NAME = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.I)
_KEYWORD_SPLIT = re.compile(r"[,;](?![^()]*\))")
_HEAD_LIMIT = 2 * 1024 * 1024
"""The head and the first headline are near the top; a huge page is not read twice."""


def import_html(html: str, source: str, where: str, url: str = "") -> ImportedArticle:
    import trafilatura

    body = trafilatura.extract(
        html,
        url=url or None,
        output_format="markdown",
        include_formatting=True,
        include_links=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=True,
    )
    if not body or len(body.split()) < _MIN_WORDS:
        raise SourceError(
            f"{where} holds no article text glossator can find; open the page's "
            "article (or reader) view, save that, and add it again"
        )
    # No extensive date search: it guesses from any date-like link on the page (an
    # archive link "/2023" became the publication date), and a wrong year in a
    # citation is worse than none.
    meta = trafilatura.extract_metadata(html, default_url=url or None, extensive=False)
    article = ImportedArticle(body=body.strip() + "\n", format="markdown", source=source)
    head = read_head(html)
    if meta is not None:
        article.site = (meta.sitename or meta.hostname or "").strip()
        article.published = (meta.date or "").strip()
        article.url = (meta.url or url or "").strip()
    fill_page_metadata(article, head, meta, url)
    lang = _LANG.search(html[:5000])
    if lang:
        article.language = lang.group(1)
    if not article.url:
        article.url = url
    return article


def fill_page_metadata(article: ImportedArticle, head: PageHead, meta: object, url: str) -> None:
    """Title, authors and keywords from trafilatura's metadata (`meta`, possibly None) and
    the page's head, made right for citations."""
    from reader.importing.authors import clean_authors
    from reader.importing.titles import is_date, split_site_suffix, suffix_site

    host = getattr(meta, "hostname", "") or ""
    if is_date(article.site):
        # trafilatura takes a title's last segment for the site's name, and on "Headline |
        # DW | 19.01.2020" that is the date: no name, and none to match authors with.
        article.site = host
    sites = [article.site, *head.site_names, host, article.url, url]
    sites = [s for s in sites if s]
    title = (getattr(meta, "title", "") or head.title or "").strip()
    article.title, suffix = split_site_suffix(title, sites + head.copyright_names,
                                              headline=head.headline)
    if not suffix and head.title and head.title != title:  # trafilatura's title lost it
        suffix = split_site_suffix(head.title, sites, headline=head.headline)[1]
    if not article.site or _HOST_NAME.fullmatch(article.site):
        # A pasted fragment has no site of its own, and trafilatura falls back on the host
        # name ("theguardian.com"): the name in the title's suffix ("| The Guardian") or the
        # head's is what a citation names. A page without even a host name (a saved file)
        # has its site in the suffix the title lost, if anywhere ("| DW | 19.01.2020").
        article.site = (suffix or next(iter(head.site_names), "") or article.site
                        or suffix_site(head.title, article.title))
        sites = [article.site, *sites]
    raw_authors = [a for a in (getattr(meta, "author", "") or "").split(";") if a.strip()]
    raw_authors = raw_authors or head.authors or [*head.organisations, *head.people]
    article.authors = clean_authors(raw_authors, sites, head.organisations, head.people)
    article.keywords = split_keywords([*head.keywords, *(getattr(meta, "tags", None) or [])])
    article.tags = []


def split_keywords(values: list[str]) -> list[str]:
    """"US,AWARDS,Asia / Pacific,Software (TRBC level 4)" → each keyword once, in order."""
    found: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in _KEYWORD_SPLIT.split(value or ""):
            keyword = " ".join(part.split()).strip("\"'")
            if keyword and keyword.casefold() not in seen:
                seen.add(keyword.casefold())
                found.append(keyword)
    return found


@dataclass
class PageHead:
    title: str = ""
    headline: str = ""
    """The page's first <h1>: a title suffix that is in it belongs to the headline."""
    keywords: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    copyright_names: list[str] = field(default_factory=list)
    """Who a "©" notice names: the site, but on a personal blog also its author, so these
    only tell a title's suffix, never that an author is an organisation."""
    organisations: list[str] = field(default_factory=list)
    """Authors the page's JSON-LD calls an Organization."""
    people: list[str] = field(default_factory=list)
    """Authors the page's JSON-LD calls a Person."""
    authors: list[str] = field(default_factory=list)
    """The head's author <meta> values (AUTHOR_NAMES), as written."""


def read_head(html: str) -> PageHead:
    reader = _HeadReader()
    try:
        reader.feed(html[:_HEAD_LIMIT])
        reader.close()
    except (AssertionError, ValueError):
        pass  # html.parser gives up on some broken markup; what it read so far stands
    head = reader.head
    for block in reader.json_ld:
        read_json_ld(block, head)
    notices = _COPYRIGHT_NOTICE.finditer(html[:_HEAD_LIMIT])
    head.copyright_names += [m.group(1).strip() for m in notices][:3]
    return head


class _HeadReader(HTMLParser):
    """<title>, <meta>, the first <h1> and JSON-LD scripts, with the stdlib parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = PageHead()
        self.json_ld: list[str] = []
        self._in: str = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(values)
        elif tag == "title" and not self.head.title:
            self._start("title")
        elif tag == "h1" and not self.head.headline:
            self._start("h1")
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._start("json")

    def _start(self, what: str) -> None:
        self._in, self._text = what, []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        ends = {"title": "title", "h1": "h1", "script": "json"}
        if not self._in or ends.get(tag) != self._in:
            return
        text = "".join(self._text)
        if self._in == "title":
            self.head.title = " ".join(text.split())
        elif self._in == "h1":
            self.head.headline = " ".join(text.split())
        else:
            self.json_ld.append(text)
        self._in = ""

    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("name") or values.get("property") or values.get("itemprop") or "").lower()
        content = " ".join(values.get("content", "").split())
        if not key or not content:
            return
        if key in KEYWORD_NAMES:
            self.head.keywords.append(content)
        elif key in AUTHOR_NAMES and not content.lower().startswith("http"):
            self.head.authors.append(content)
        elif key in SITE_NAMES and not content.lower().startswith("http"):
            self.head.site_names.append(content.lstrip("@"))
        elif key in ("copyright", "dc.rights", "dcterms.rights"):
            name = _COPYRIGHT.sub("", _RIGHTS_RESERVED.sub("", content)).strip()
            if name:
                self.head.copyright_names.append(name)


def read_json_ld(text: str, head: PageHead) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return
    _walk_json_ld(data, head, depth=0)


def _walk_json_ld(node: object, head: PageHead, depth: int) -> None:
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            _walk_json_ld(item, head, depth + 1)
        return
    if not isinstance(node, dict):
        return
    for key in ("author", "creator"):
        for person in node.get(key) if isinstance(node.get(key), list) else [node.get(key)]:
            if isinstance(person, dict) and isinstance(person.get("name"), str):
                kind = " ".join(_as_list(person.get("@type")))
                target = head.organisations if _ORGANISATION_TYPES.search(kind) else \
                    head.people if "person" in kind.lower() else None
                if target is not None:
                    target.append(person["name"])
    for key in ("publisher", "sourceOrganization", "isPartOf"):
        value = node.get(key)
        for org in value if isinstance(value, list) else [value]:
            if isinstance(org, dict) and isinstance(org.get("name"), str):
                head.site_names.append(org["name"])
    for key in ("@graph", "mainEntity", "itemListElement"):
        if key in node:
            _walk_json_ld(node[key], head, depth + 1)


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
