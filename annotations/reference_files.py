"""A reference the researcher already has: one BibTeX entry or one CSL-JSON item, as
Zotero, Better BibTeX and most reference managers export them, read into our fields.

`read_reference_file(path)` gives `{field: value}` for the fields the entry holds, each
value checked as `glossator meta --set` checks it (annotations/metadata.py), so
`metadata_changes.apply_reference` can set them all at once. Anything that is not exactly
one readable entry is one GlossatorError line naming the file and what to do.

BibTeX is read with bibtexparser 2: LaTeX is decoded (`{\\"u}` → ü, `{\\'e}` → é, `--` → –),
names are split at `and` (a closing `and others`, BibTeX's "et al.", is left out), and a
name braced whole (`{Northport Harbour Commission}`) stays one organisation. biblatex's
field names (journaltitle, location, date, urldate) and classic BibTeX's (journal,
address, year and month) are both read.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotations.errors import GlossatorError
from annotations.metadata import BOOK, CHAPTER, JOURNAL, NEWSPAPER, REPORT, WEBPAGE, checked_value

MAX_BYTES = 2_000_000
"""Far more than one entry needs; a bigger file is a whole library, not a reference."""

BIBTEX_TYPES = {
    "article": JOURNAL, "book": BOOK, "mvbook": BOOK, "collection": BOOK, "mvcollection": BOOK,
    "proceedings": BOOK, "inbook": CHAPTER, "incollection": CHAPTER, "inproceedings": CHAPTER,
    "conference": CHAPTER, "bookinbook": CHAPTER, "report": REPORT, "techreport": REPORT,
    "thesis": REPORT, "phdthesis": REPORT, "mastersthesis": REPORT, "online": WEBPAGE,
    "www": WEBPAGE, "electronic": WEBPAGE, "misc": WEBPAGE,
}
"""BibTeX and biblatex entry types to ours; any other type is read as a web page. A thesis
is cited like a report, its school as the institution."""
CSL_TYPES = {
    "article-journal": JOURNAL, "article-newspaper": NEWSPAPER, "article-magazine": NEWSPAPER,
    "report": REPORT, "thesis": REPORT, "book": BOOK, "chapter": CHAPTER,
    "paper-conference": CHAPTER, "webpage": WEBPAGE, "post-weblog": WEBPAGE, "post": WEBPAGE,
}
_NEWSPAPER_SUBTYPES = frozenset({"newspaper", "magazine"})
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_DATE_START = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_BABEL = {
    "english": "en", "american": "en-US", "british": "en-GB", "ukenglish": "en-GB",
    "usenglish": "en-US", "australian": "en-AU", "canadian": "en-CA", "newzealand": "en-NZ",
    "german": "de", "ngerman": "de", "austrian": "de-AT", "naustrian": "de-AT",
    "swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr", "spanish": "es",
    "italian": "it", "dutch": "nl", "portuguese": "pt", "brazilian": "pt-BR", "swedish": "sv",
    "danish": "da", "norsk": "nb", "norwegian": "nb", "finnish": "fi", "polish": "pl",
    "czech": "cs", "russian": "ru", "turkish": "tr",
}
"""Language names as BibTeX writes them (babel's, or plain English) to language tags."""


def read_reference_file(path: Path) -> dict[str, Any]:
    """The fields of the one BibTeX entry or CSL-JSON item in `path`, checked."""
    return parse_reference(_read_text(path), str(path))


def parse_reference(text: str, source: str = "the reference") -> dict[str, Any]:
    """The fields of the one BibTeX entry or CSL-JSON item in `text` (`source` names it
    in errors)."""
    stripped = text.strip()
    if not stripped:
        raise GlossatorError(f"{source} is empty; export the article's reference from your "
                             "reference manager as BibTeX or CSL-JSON")
    if stripped[0] in "[{":
        raw = _csl_fields(_one_csl_item(stripped, source))
    elif "@" in stripped:
        raw = _bibtex_fields(_one_bibtex_entry(stripped, source))
    else:
        raise GlossatorError(f"{source} is neither BibTeX nor CSL-JSON; export one reference "
                             "from your reference manager in one of those formats")
    return _checked(raw, source)


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise GlossatorError(f"{path} is too large to be one reference; export only "
                                 "this article's entry")
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossatorError(f"{path} does not exist; give the file your reference manager "
                             "exported") from None
    except IsADirectoryError:
        raise GlossatorError(f"{path} is a folder; give the BibTeX or CSL-JSON file") from None
    except OSError as error:
        raise GlossatorError(f"{path} cannot be read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GlossatorError(f"{path} is not UTF-8 text; export it again as UTF-8") from None


def _checked(raw: dict[str, Any], source: str) -> dict[str, Any]:
    """Each field as `meta --set` would store it; a bad value names the file."""
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        if value in ("", [], None):
            continue
        if key == "citekey" and not _is_citekey(value):
            continue  # an item id that is no citekey (Zotero's are URIs): the article keeps its own
        try:
            fields[key] = value if isinstance(value, list) else checked_value(key, value)
        except GlossatorError as error:
            raise GlossatorError(f"{source}: {error}") from None
    if not fields.get("title"):
        raise GlossatorError(f"{source}: the entry has no title; add one in your reference "
                             "manager and export it again")
    return fields


def _is_citekey(value: str) -> bool:
    try:
        checked_value("citekey", value)
    except GlossatorError:
        return False
    return True


# BibTeX ----------------------------------------------------------------------------------

@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    # bibtexparser logs each broken block to stderr; we say it in one line of our own. It
    # logs on its modules' own loggers ("bibtexparser.splitter"), which a disabled parent
    # does not silence: each is disabled while we parse.
    names = {name for name in list(logging.root.manager.loggerDict)
             if name.startswith("bibtexparser.")} | {"bibtexparser"}
    loggers = [logging.getLogger(name) for name in sorted(names)]
    were = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        yield
    finally:
        for logger, was in zip(loggers, were, strict=True):
            logger.disabled = was


def _one_bibtex_entry(text: str, source: str) -> Any:
    import bibtexparser
    from bibtexparser import middlewares

    with _quiet_bibtexparser():
        library = bibtexparser.parse_string(
            text, append_middleware=[middlewares.SeparateCoAuthors()])
    if library.failed_blocks:
        failed = library.failed_blocks[0]
        raise GlossatorError(f"{source} has broken BibTeX near line {failed.start_line + 1}; "
                             "export the entry again or fix its braces and commas")
    entries = library.entries
    if not entries:
        raise GlossatorError(f"{source} holds no BibTeX entry; export the article's reference "
                             "from your reference manager")
    if len(entries) > 1:
        raise GlossatorError(f"{source} holds {len(entries)} entries; export only this "
                             "article's reference (one entry)")
    return entries[0]


def _latex_text(value: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    return " ".join(LatexNodes2Text().latex_to_text(value).split())


def _bibtex_name(raw: str) -> str:
    """A BibTeX name as we write names: decoded, and braced when it was braced whole."""
    raw = " ".join(raw.split())
    if _wholly_braced(raw):
        return "{" + _latex_text(raw[1:-1]) + "}"
    return _latex_text(raw)


def _is_et_al(name: str) -> bool:
    """BibTeX's "and others": the list goes on, unnamed. It is no author, and an article
    has no way to say "et al." of its own, so it is left out (the styles shorten long
    lists themselves)."""
    return name.strip().lower() == "others"


def _wholly_braced(text: str) -> bool:
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(text) - 1
    return False


def _bibtex_fields(entry: Any) -> dict[str, Any]:
    values = {field.key.lower(): field.value for field in entry.fields}

    def text(*names: str) -> str:
        for name in names:
            value = values.get(name)
            if isinstance(value, str) and value.strip():
                return _latex_text(value)
        return ""

    def names(key: str) -> list[str]:
        value = values.get(key, [])
        return [_bibtex_name(n) for n in (value if isinstance(value, list) else [value])
                if n.strip() and not _is_et_al(n)]

    kind = BIBTEX_TYPES.get(entry.entry_type.lower(), WEBPAGE)
    if kind == JOURNAL and text("entrysubtype").lower() in _NEWSPAPER_SUBTYPES:
        kind = NEWSPAPER
    title = text("title")
    subtitle = text("subtitle")
    fields: dict[str, Any] = {
        "type": kind,
        "title": f"{title}: {subtitle}" if title and subtitle else title,
        "authors": names("author"),
        "editors": names("editor"),
        "site": text("booktitle", "journaltitle", "journal") if kind == CHAPTER
        else text("journaltitle", "journal", "booktitle"),
        "published": _bibtex_date(text("date"), text("year"), text("month"), text("day")),
        "accessed": _bibtex_date(text("urldate"), "", "", ""),
        "volume": text("volume"),
        "pages": text("pages"),
        "publisher": text("publisher", "institution", "school", "organization"),
        "place": text("location", "address"),
        "edition": text("edition"),
        "doi": _verbatim(values.get("doi", "")),
        "url": _verbatim(values.get("url", "")),
        "language": _language(text("langid", "language")),
        "keywords": _split_keywords(text("keywords")),
        "citekey": entry.key if isinstance(entry.key, str) else "",
    }
    # BibTeX's `number` is an article's issue and a report's number; biblatex also has `issue`.
    if kind in (JOURNAL, NEWSPAPER):
        fields["issue"] = text("number", "issue")
    elif kind == REPORT:
        fields["number"] = text("number")
    return fields


def _verbatim(value: Any) -> str:
    """A URL or DOI as written (LaTeX decoding would mangle `_` and `%`), `\\url{}` unwrapped."""
    value = str(value).strip()
    match = re.fullmatch(r"\\url\{(.*)\}", value)
    return (match.group(1) if match else value).strip()


def _bibtex_date(date: str, year: str, month: str, day: str) -> str:
    """YYYY(-MM(-DD)) from biblatex's `date` (a range's start), or from year, month, day."""
    if date:
        match = _DATE_START.match(date)
        return _date_text(*match.groups()) if match else date
    if not year:
        return ""
    month_number = _MONTHS.get(month.lower().rstrip("."), month if month.isdigit() else "")
    return _date_text(year, str(month_number) if month_number else None,
                      day if month_number and day.isdigit() else None)


def _date_text(year: str, month: str | None, day: str | None) -> str:
    if not month:
        return year
    return "-".join([year, f"{int(month):02d}"] + ([f"{int(day):02d}"] if day else []))


def _language(value: str) -> str:
    value = value.strip()
    if value.lower() in _BABEL:
        return _BABEL[value.lower()]
    return value if _LANGUAGE_TAG.match(value) else ""


def _split_keywords(value: str) -> list[str]:
    return [k.strip() for k in re.split(r"[;,]", value) if k.strip()]


# CSL-JSON --------------------------------------------------------------------------------

def _one_csl_item(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError as error:
        line = getattr(error, "lineno", "?")
        raise GlossatorError(f"{source} is not valid JSON (line {line}); export the reference "
                             "again as CSL-JSON") from None
    if isinstance(data, list):
        if not data:
            raise GlossatorError(f"{source} holds no CSL-JSON item; export the article's "
                                 "reference from your reference manager")
        if len(data) > 1:
            raise GlossatorError(f"{source} holds {len(data)} items; export only this "
                                 "article's reference (one item)")
        data = data[0]
    if not isinstance(data, dict) or not ({"type", "title"} & set(data)):
        raise GlossatorError(f"{source} is JSON but not a CSL-JSON item (an object with type "
                             "and title); export the reference as CSL-JSON")
    _check_csl_shape(data, source)
    return data


_CSL_STRINGS = ("type", "title", "container-title", "publisher", "publisher-place", "DOI", "URL",
                "language", "keyword", "citation-key")
_CSL_NUMBERS = ("volume", "issue", "page", "number", "edition")
"""CSL-JSON's number variables may be written as numbers ("volume": 14)."""
_CSL_NAMES = ("author", "editor")
_CSL_DATES = ("issued", "accessed")


def _check_csl_shape(item: dict[str, Any], source: str) -> None:
    """One line naming the first variable whose value is not of CSL-JSON's kind: a title
    of 5 is no title, an author "bob" is no list of names."""
    def wrong(key: str, kind: str) -> GlossatorError:
        shown = json.dumps(item[key], ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        return GlossatorError(f"{source}: the item's {key} is {shown}, not {kind}; export the "
                              "reference again as CSL-JSON")

    for key in _CSL_STRINGS:
        if item.get(key) is not None and not isinstance(item[key], str):
            raise wrong(key, "text")
    for key in _CSL_NUMBERS:
        value = item.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            raise wrong(key, "text or a number")
    for key in _CSL_NAMES:
        value = item.get(key)
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(name, dict) for name in value)):
            raise wrong(key, 'a list of names ({"family": …, "given": …})')
    for key in _CSL_DATES:
        if item.get(key) is not None and not isinstance(item[key], dict):
            raise wrong(key, 'a date ({"date-parts": [[2024, 3, 5]]})')


def _csl_text(item: dict[str, Any], key: str) -> str:
    value = item.get(key, "")
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def _csl_fields(item: dict[str, Any]) -> dict[str, Any]:
    # An item without a type leaves the article's as it is (an unknown one is a web page).
    kind = CSL_TYPES.get(_csl_text(item, "type"), WEBPAGE) if _csl_text(item, "type") else ""
    return {
        "type": kind,
        "title": _csl_text(item, "title"),
        "authors": _csl_names(item.get("author")),
        "editors": _csl_names(item.get("editor")),
        "site": _csl_text(item, "container-title"),
        "published": _csl_date(item.get("issued")),
        "accessed": _csl_date(item.get("accessed")),
        "volume": _csl_text(item, "volume"),
        "issue": _csl_text(item, "issue"),
        "pages": _csl_text(item, "page"),
        "number": _csl_text(item, "number"),
        "publisher": _csl_text(item, "publisher"),
        "place": _csl_text(item, "publisher-place"),
        "edition": _csl_text(item, "edition"),
        "doi": _csl_text(item, "DOI"),
        "url": _csl_text(item, "URL"),
        "language": _language(_csl_text(item, "language")),
        "keywords": _split_keywords(_csl_text(item, "keyword")),
        "citekey": _csl_text(item, "citation-key") or _csl_text(item, "id"),
    }


def _csl_names(names: Any) -> list[str]:
    if not isinstance(names, list):
        return []
    return [name for name in (_csl_name(n) for n in names if isinstance(n, dict)) if name]


def _csl_name(name: dict[str, Any]) -> str:
    """A CSL name as we write names: "van Beethoven, Ludwig", "King, Jr., Martin Luther",
    "{World Health Organization}"."""
    def part(key: str) -> str:
        return " ".join(str(name.get(key, "")).split())

    family = " ".join(p for p in (part("dropping-particle"), part("non-dropping-particle"),
                                  part("family")) if p)
    literal = part("literal") or ("" if part("given") else family)
    if literal:
        return f"{{{literal}}}"
    return ", ".join(p for p in (family, part("suffix"), part("given")) if p)


def _csl_date(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [str(p) for p in parts[0][:3]]
        if numbers[0].lstrip("-").isdigit():
            return _date_text(numbers[0], *(numbers[1:] + [None, None])[:2])
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            match = _DATE_START.match(value[key].strip())
            return _date_text(*match.groups()) if match else value[key].strip()
    return ""
