"""Fixes for faults of citeproc-py 0.11 that make APA, Chicago and MLA output wrong.

Each fault was found by a test in tests/test_citations.py, tests/test_references.py or
tests/test_locators.py that compares our output with the manuals' rules. Upstream-style
fixes live here, applied once, the first time a citation is rendered (citeproc is
imported lazily: start-up stays fast). Faults that are easier to mend in the data we
give citeproc, or in its output text, are fixed in annotations/citation/render.py, each
with a comment naming the fault.

Rendering is not thread-safe (citeproc keeps per-entry state on the style's layout
element, and the substitution record below is module state), so callers hold
`RENDER_LOCK`.
"""

from __future__ import annotations

import re
import threading
from typing import Any

RENDER_LOCK = threading.RLock()

_applied = False
_substituted: list[list[tuple[str, str]]] = []
"""A stack: the variables (element tag, name) rendered inside each `cs:substitute` branch
under way."""
_substituting: list[Any] = []
"""A stack: the `cs:names` element each `cs:substitute` under way stands in for."""

_INITIALS = re.compile(r"^(?:\w\.?)+$")


def apply() -> None:
    """Patch citeproc-py's model once; later calls do nothing."""
    global _applied
    if _applied:
        return
    from citeproc import model

    _patch_disambiguate(model)
    _patch_initialize(model)
    _patch_substitute(model)
    _patch_title_case(model)
    _patch_label(model)
    _patch_label_case(model)
    _patch_is_numeric(model)
    _patch_number_plural(model)
    _patch_chicago_page_ranges(model)
    _memoize_style_lookups(model)
    _applied = True


def _patch_disambiguate(model: Any) -> None:
    """Fault: citeproc-py ignores `<if disambiguate="true">` (a TODO in model.py): a
    condition with no other test passes, so the branch always renders. MLA then puts
    the title in every in-text citation, "(Okafor, “Harbour …,” par. 3)", and Chicago
    and APA add given names or titles meant only for ambiguous cites.

    We cite one work at a time, so a cite is never ambiguous: the test is false.
    """
    original = model.If.render

    def render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if self.get("disambiguate", "false").lower() == "true":
            raise model.ConditionFailed
        return original(self, item, context=context, delimiter=delimiter, **kwargs)

    model.If.render = render


def _patch_initialize(model: Any) -> None:
    """Fault: citeproc-py ignores `initialize="false"` on `cs:name`. Chicago and MLA set
    `initialize-with=". "` on the whole style (so typed initials come out as "J. R.")
    and `initialize="false"` where full given names belong; citeproc-py abbreviates
    every given name anyway: "Okafor, M." for Chicago's and MLA's "Okafor, Maria."

    CSL 1.0.2: with `initialize="false"`, given names stay whole and only initials
    already in them get the `initialize-with` mark ("James T" → "James T.").
    """
    original = model.Name.initialize

    def initialize(self: Any, given: Any, mark: str, context: Any) -> Any:
        if self.get("initialize", "true").lower() != "false":
            return original(self, given, mark, context)
        return " ".join(_mark_initial(word, mark) for word in str(given).split())

    model.Name.initialize = initialize


def _mark_initial(word: str, mark: str) -> str:
    letters = word.replace(".", "")
    if word[:1].isupper() and _INITIALS.match(word) and (len(letters) == 1 or "." in word):
        return mark.join(letters) + mark.rstrip()
    return word


def _patch_substitute(model: Any) -> None:
    """Fault: citeproc-py suppresses a substituted variable for the rest of the entry
    only when `cs:substitute` names it directly (`<text variable="title"/>`), and never a
    name variable. The styles substitute through macros (`<text macro="title"/>`), so the
    variable is printed twice: APA "Winter ferry timetable. (2023, November 5). Winter
    ferry timetable. …", MLA "“Winter Ferry Timetable.” “Winter Ferry Timetable.” …",
    Chicago repeats the newspaper it put in the author's place, and an edited book
    named its editors twice: APA "Ferraro, L., & Whitby, T. (Eds.). (2020). *Coastal
    communities in change* (L. Ferraro & T. Whitby, Eds.)."

    CSL 1.0.2: "Substituted variables are considered empty for the remainder of the
    rendering". We record every variable rendered inside the winning substitute
    branch and repress it, as citeproc-py already does for the direct case.

    Fault: a shorthand `<names variable="editor"/>` inherits the `cs:name` and `cs:label`
    of the names element it substitutes for (CSL 1.0.2, cs:substitute), but citeproc-py
    passes them on only to a direct child of `cs:substitute`. Chicago's editors, inside a
    `cs:choose`, came out "L. Ferraro, T. Whitby. 2020." for "Ferraro, Lucia, and Tom
    Whitby, eds. 2020."
    """
    text_variable = model.Text._variable

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = text_variable(self, item, context)
        if text and _substituted:
            _substituted[-1].append((self.tag, self.get("variable")))
        return text

    model.Text._variable = _variable
    names_process = model.Names.process

    def process(self: Any, item: Any, names_context: Any = None, context: Any = None,
                **kwargs: Any) -> Any:
        if names_context is None and self.name is None and _substituting:
            names_context = _substituting[-1]
        repressed = (self if context is None else context).get_layout().repressed.get(self.tag, ())
        roles = self.get("variable", "").split()
        shown = [role for role in roles if role not in repressed]
        if len(shown) < len(roles):
            self.set("variable", " ".join(shown))  # restored below: the style is shared
            try:
                text = names_process(self, item, names_context=names_context, context=context,
                                     **kwargs)
            finally:
                self.set("variable", " ".join(roles))
        else:
            text = names_process(self, item, names_context=names_context, context=context,
                                 **kwargs)
        if text and _substituted:
            _substituted[-1].extend((self.tag, role) for role in shown if role in item.reference)
        return text

    model.Names.process = process

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text = None
        _substituting.append(self.xpath_search("./parent::cs:names[1]")[0])
        try:
            for child in self.getchildren():
                _substituted.append([])
                try:
                    text = child.render(item, context=context, **kwargs)
                except model.VariableError:
                    continue
                finally:
                    rendered = _substituted.pop()
                if text:
                    self.add_to_repressed_list(child, context)
                    _repress(self if context is None else context, rendered)
                    break
        finally:
            _substituting.pop()
        return text

    model.Substitute.render = render


def _repress(context: Any, variables: list[tuple[str, str]]) -> None:
    layout = context.get_layout()
    for tag, variable in variables:
        repressed = layout.repressed.setdefault(tag, [])
        if variable and variable not in repressed:
            repressed.append(variable)


def _patch_title_case(model: Any) -> None:
    """Fault: citeproc-py's title case lowercases a stop word even when it ends the
    title and leaves the second part of a hyphenated compound lowercase. Chicago
    (CMOS 17, 8.159) and MLA 9 capitalize the last word and both parts of a
    compound: "What It Turned Up", "Long-Term", not "What It Turned up", "Long-term".

    Fault: it looks a word up among the stop words with its punctuation, so "or," is
    none and is capitalized: "Moby-Dick; Or, The Whale". A stop word followed by a comma
    or semicolon stays lowercase, as the "or" of a double title does in Chicago's and
    MLA's title case: "Moby-Dick; or, The Whale".
    """
    original = model.TextCased.case
    stop_words = frozenset(model.TextCased._stop_words)

    def case(self: Any, text: Any, language: Any = None) -> Any:
        result = original(self, text, language)
        if self.get("text-case") != "title" or language != "en" or not isinstance(result, str):
            return result
        words = result.split(" ")
        written = str(text).split()
        if len(written) == len(words):
            words = [written[i] if 0 < i < len(words) - 1
                     and _is_punctuated_stop_word(written[i], stop_words)
                     and not written[i - 1].endswith((":", ".")) else word
                     for i, word in enumerate(words)]
        words = [_capitalize_compound(w, stop_words) for w in words]
        if words and words[-1].islower():
            words[-1] = words[-1][:1].upper() + words[-1][1:]
        return " ".join(words)

    model.TextCased.case = case


def _is_punctuated_stop_word(word: str, stop_words: frozenset[str]) -> bool:
    """"or," "and;": a lower-case stop word with a comma or semicolon after it."""
    bare = word.rstrip(",;")
    return word.islower() and bare != word and bare in stop_words


def _capitalize_compound(word: str, stop_words: frozenset[str]) -> str:
    if "-" not in word or not word[:1].isupper():
        return word
    parts = word.split("-")
    return "-".join(
        p[:1].upper() + p[1:] if p.islower() and p not in stop_words else p for p in parts
    )


def _patch_label(model: Any) -> None:
    """Fault: citeproc-py renders a `cs:label` even when its variable is empty. CSL 1.0.2
    renders a label "only if the selected variable is non-empty"; Chicago's edition
    macro then printed a stray "Edition." in every newspaper entry.
    """
    original = model.Label.process

    def process(self: Any, item: Any, variable: Any = None, plural: Any = None,
                context: Any = None, **kwargs: Any) -> Any:
        if variable is None:
            own = self.get("variable", "")
            empty = (not item.has_locator if own == "locator"
                     else own.replace("-", "_") not in item.reference)
            if empty:
                return None
        return original(self, item, variable=variable, plural=plural, context=context, **kwargs)

    model.Label.process = process


def _patch_label_case(model: Any) -> None:
    """Fault: citeproc-py cases a `cs:label` without a language, and applies
    `text-case="title"` only to English, so a label is never title-cased: APA's editors
    came out "In L. Ferraro & T. Whitby (eds.)," for APA 7's "(Eds.)".

    A label is a term of the style's locale; our three styles are en-US.
    """
    def markup(self: Any, text: Any) -> Any:
        if text:
            return self.wrap(self.format(self.case(self.strip_periods(text), "en")))
        return None

    model.Label.markup = markup


_CSL_NUMERIC = re.compile(r"^[a-z]*\d+[a-z]*(?:\s*[,&\-\u2013]\s*[a-z]*\d+[a-z]*)*$", re.IGNORECASE)


def _patch_is_numeric(model: Any) -> None:
    """Fault: citeproc-py takes only a single number as numeric ("7", "2b"). CSL 1.0.2:
    numbers "may be separated by a comma, hyphen, or ampersand" ("10-12", "10, 12"). A
    report numbered "22-07" then lost its label: APA "(Report 22-07)" for APA 7's
    "(Report No. 22-07)", and an issue "3-4" was not printed as a number.
    """
    def _is_numeric(self: Any, item: Any) -> list[bool]:
        results = []
        for variable in self.get("is-numeric").split():
            value = item.reference.get(variable.replace("-", "_"))
            results.append(value is not None and bool(_CSL_NUMERIC.match(str(value).strip())))
        return results

    model.If._is_numeric = _is_numeric


def _patch_number_plural(model: Any) -> None:
    """Fault (with the fix above): citeproc-py takes any two numbers with something between
    them for a plural, so a report numbered "22-07" was labelled "Report Nos. 22-07". The
    `number` variable names one document (a report, a standard); CSL's plural for ranges
    and lists ("pp. 12–13") is meant for locators and page, volume, issue numbers.
    """
    original = model.Label._is_plural

    def _is_plural(self: Any, item: Any) -> bool:
        if self.get("variable") == "number":
            return False
        return original(self, item)

    model.Label._is_plural = _is_plural


def _patch_chicago_page_ranges(model: Any) -> None:
    """Fault: citeproc-py abbreviates `page-range-format="chicago-16"` by CMOS 15's rule,
    which keeps all digits of a four-digit range where three change ("1496–1504"); CMOS 16
    and 17 (9.61) write "1496–500". The Chicago 17 style asks for chicago-16."""
    from annotations.citation.locators import abbreviated_last

    original = model.FormatNumber._format_last_page

    def _format_last_page(self: Any, first: str, last: str) -> str:
        if self.get_root().get_option("page-range-format") == "chicago-16":
            return abbreviated_last(first, last, "chicago")
        return original(self, first, last)

    model.FormatNumber._format_last_page = _format_last_page


def patch_style(style: str, data: bytes) -> bytes:
    """The CSL file `data`, adjusted where a bundled style departs from its edition.

    The changes are made for web pages and newspaper articles (tests/test_references.py
    holds that journal articles, reports, books and chapters come out as the manual has
    them too) and leave the files on disk as published.
    """
    if style != "chicago":
        return data
    from lxml import etree

    root = etree.fromstring(data)
    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    _chicago_17_web_dates(root, ns)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _chicago_17_web_dates(root: Any, ns: dict[str, str]) -> None:
    """Style fault: the Chicago 17th-edition variant is generated from the 18th-edition
    template and keeps its web-page form "Port of Northport, June 10." CMOS 17's web
    page examples give the site and the date as elements of their own, and the author-date
    reference list repeats the year: "Port of Northport. June 10, 2024."
    """
    for date in root.xpath("//cs:macro[@name='date-issued-month-day']/cs:date", namespaces=ns):
        for part in list(date):
            date.remove(part)
        date.set("form", "text")
    for group in root.xpath("//cs:macro[@name='source-publication-and-date-bib']/cs:group",
                            namespaces=ns):
        group.set("delimiter", ". ")


def _memoize_style_lookups(model: Any) -> None:
    """Not a fault, a cost: citeproc-py finds a macro by an XPath query on every use and
    works out afresh, recursively through macros, whether an element calls a variable;
    on Chicago's 4,000-line style one in-text citation took 50 ms. Both answers depend
    only on the style, so they are kept (the styles are loaded once and kept too).
    """
    macros: dict[tuple[int, str], Any] = {}
    calls: dict[Any, bool] = {}
    get_macro = model.CitationStylesElement.get_macro

    def cached_macro(self: Any, name: str) -> Any:
        root = self.get_root()
        key = (id(root), name)
        if key not in macros:
            macros[key] = (root, get_macro(self, name))  # the root kept alive: ids stay unique
        return macros[key][1]

    model.CitationStylesElement.get_macro = cached_macro
    for cls in (model.Parent, model.Text):
        _memoize_calls_variable(cls, calls)
    _memoize_xpath(model)


def _memoize_xpath(model: Any) -> None:
    """XPath lookups on the style tree (a node's layout, its names parent, an option set
    on an ancestor…) answer the same on every render: the tree is not changed once the
    style is loaded and patched. lxml hands back the same proxy for a node while one is
    alive, and the cache keeps them alive, so the element itself is the key."""
    searches: dict[tuple[Any, str], Any] = {}
    xpath_search = model.CitationStylesElement.xpath_search

    def cached_search(self: Any, expression: str) -> Any:
        key = (self, expression)
        found = searches.get(key)
        if found is None:
            found = searches[key] = xpath_search(self, expression)
        return found

    model.CitationStylesElement.xpath_search = cached_search
    roots: dict[Any, Any] = {}
    get_root = model.CitationStylesElement.get_root

    def cached_root(self: Any) -> Any:
        root = roots.get(self)
        if root is None:
            root = roots[self] = get_root(self)
        return root

    model.CitationStylesElement.get_root = cached_root


def _memoize_calls_variable(cls: Any, calls: dict[Any, bool]) -> None:
    original = cls.calls_variable

    def calls_variable(self: Any) -> bool:
        try:
            return calls[self]
        except KeyError:
            calls[self] = result = original(self)
            return result

    cls.calls_variable = calls_variable
