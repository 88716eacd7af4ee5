"""`export --format w3c`: every exported annotation passes the W3C Web Annotation test
suite's MUST assertions, and says what the mark says.

The suite (../shared/w3c-annotation-tests) is the W3C's own: `.test` files listing
assertions, each a draft-04 JSON Schema with a few keywords of the suite's test runner
(JSONtest). `run_jsontest` follows the runner's documented semantics (annotation-model
CONTRIBUTING.md, "Assertion Lists" and "Assertion Objects"):

- an entry is a file name (relative to the collection's top when it holds a slash, else
  to the `.test` file's folder), an inline assertion object (an `assertionFile` loads a
  file and its own keys override the file's), a nested list (a group), or a condition
  object whose `assertions` are combined with `compareWith` (`and`, the default, or `or`);
- an assertion is validated against the annotation; it is *as expected* when the result
  is `expectedResult` (`valid`, the default, or `invalid`: then the schema must NOT
  validate);
- when it is not as expected, `onUnexpectedResult` (default `failAndContinue`) says what
  happens: `fail…` is a failure, `pass…` is not (an optional feature not implemented);
  `…AndSkip` skips the rest of its list, `…AndAbort` the rest of the test;
- a failure of an `assertionType` listed in the test's `skipFailures` does not count.

Formats are checked (`uri`, `date-time`) as the suite's browser runner did; jsonschema
checks them only with the optional rfc3987 / rfc3339 packages, so the two checks are
written here from the RFCs' grammars.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from annotations.interchange.w3c import vocabulary as v
from annotations.interchange.w3c.exporting import export_w3c
from annotations.store import Library
from tests.helpers.annotation_files import RichLibrary, rich_library
from tests.helpers.shared_data import SHARED

SUITE = SHARED / "w3c-annotation-tests"
ANNOTATION_MUSTS = SUITE / "annotations" / "annotationMusts.test"
COLLECTION_MUSTS = SUITE / "collections" / "collectionMusts.test"
PAGE_MUSTS = SUITE / "collections" / "pages" / "pageMusts.test"

# -- the suite's runner ------------------------------------------------------------------

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
"""RFC 3986 `URI`: a scheme, then only characters a URI may hold."""
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
"""RFC 3339 `date-time`."""

FORMATS = FormatChecker([])
FORMATS.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.match(value)))
FORMATS.checks("date-time")(lambda value: not isinstance(value, str) or bool(_DATE_TIME.match(value)))


@cache
def registry() -> Registry:
    """Each definitions/*.json under its bare file name, as the schemas' `$ref`s name them."""
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")),
                                                    default_specification=DRAFT4))
                 for path in sorted((SUITE / "definitions").glob("*.json"))]
    return Registry().with_resources(resources)


@dataclass
class Run:
    test: Path
    skip_failures: frozenset[str]
    evaluated: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    aborted: bool = False


def run_jsontest(test: Path, instance: Any) -> Run:
    spec = json.loads(test.read_text(encoding="utf-8"))
    run = Run(test, frozenset(spec.get("skipFailures", [])))
    _run_list(run, spec["assertions"], instance)
    return run


def _run_list(run: Run, entries: list, instance: Any) -> None:
    for entry in entries:
        if run.aborted:
            return
        if isinstance(entry, list):
            _run_list(run, entry, instance)
            continue
        assertion = _assertion(run, entry)
        as_expected = _as_expected(run, assertion, instance)
        action = assertion.get("onUnexpectedResult", "failAndContinue")
        if not as_expected and action.startswith("fail") and \
                assertion.get("assertionType", "must") not in run.skip_failures:
            run.failures.append(f"{assertion.get('id', assertion.get('title'))}: "
                                f"{assertion.get('errorMessage', '')}")
        if not as_expected and action.endswith("AndSkip"):
            return
        if not as_expected and action.endswith("AndAbort"):
            run.aborted = True
            return


def _assertion(run: Run, entry: str | dict) -> dict:
    if isinstance(entry, str):
        return _load(run, entry)
    if "assertionFile" in entry:
        return {**_load(run, entry["assertionFile"]), **entry}
    return entry


def _load(run: Run, name: str) -> dict:
    path = SUITE / name if "/" in name else run.test.parent / name
    return json.loads(path.read_text(encoding="utf-8"))


def _as_expected(run: Run, assertion: dict, instance: Any) -> bool:
    if "assertions" in assertion:  # a condition object
        results = [_as_expected(run, _assertion(run, e), instance) for e in assertion["assertions"]]
        valid = any(results) if assertion.get("compareWith", "and") == "or" else all(results)
    else:
        run.evaluated.append(assertion.get("id", assertion.get("title", "")))
        validator = Draft4Validator(assertion, registry=registry(), format_checker=FORMATS)
        valid = validator.is_valid(instance)
    return valid == (assertion.get("expectedResult", "valid") == "valid")


# -- the export ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> RichLibrary:
    """Built once for the module: outside the per-test isolation, so it sets its own."""
    folder = tmp_path_factory.mktemp("w3c")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            patch.setenv(name, str(folder / name.lower()))
        patch.setenv("GLOSSATOR_AUTHOR", "tester")
        return rich_library(Library.open(folder / "library"), folder / "sources")


@pytest.fixture(scope="module")
def exported(rich: RichLibrary) -> list[dict]:
    library = rich.library
    actors = {a.id: a for a in library.actors()}
    return json.loads(export_w3c(library.articles(), library.annotations, actors))


def items(collections: list[dict]) -> list[dict]:
    return [item for c in collections for item in c["first"]["items"]]


def by_id(collections: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items(collections)}


def test_the_runner_reads_all_54_must_assertions_and_can_fail():
    broken = {"@context": "http://example.org/other.jsonld", "id": "not a uri",
              "type": "Note", "body": {"type": "TextualBody", "value": "x"}, "bodyValue": "y",
              "created": "yesterday", "target": {"source": "https://example.org/",
                                                 "selector": {"type": "TextPositionSelector",
                                                              "start": -1}}}
    run = run_jsontest(ANNOTATION_MUSTS, broken)
    assert len(run.evaluated) == 54
    failed = " ".join(run.failures)
    for assertion in ("3.1-annotationContextValidated", "3.1-annotationIdValidated",
                      "3.1-annotationTypeValidated", "3.2.5-notBodyBodyValue",
                      "3.3.1-annotationCreatedValidated", "4.2-textDataPositionSelectorValid"):
        assert assertion in failed


def test_a_condition_object_and_an_expected_invalid_follow_the_runners_rules(tmp_path):
    has_id = {"type": "object", "required": ["id"]}
    has_context = {"type": "object", "required": ["@context"]}
    test = tmp_path / "rules.test"
    test.write_text(json.dumps({"assertions": [
        {"title": "either", "compareWith": "or", "assertions": [has_id, has_context]},
        {**has_context, "title": "no context", "expectedResult": "invalid"},
        [{**has_context, "title": "gate", "onUnexpectedResult": "failAndSkip"},
         {**has_id, "title": "skipped", "expectedResult": "invalid"}],
        {**has_context, "title": "optional", "onUnexpectedResult": "passAndContinue"},
    ]}))
    run = run_jsontest(test, {"id": "urn:x"})
    assert run.failures == ["gate: "]
    assert "skipped" not in run.evaluated


def test_every_exported_annotation_passes_every_must_assertion(exported):
    assert len(items(exported)) == 15
    for item in items(exported):
        run = run_jsontest(ANNOTATION_MUSTS, item)
        assert len(run.evaluated) == 54
        assert run.failures == [], (item["id"], run.failures)


def test_every_collection_and_its_page_pass_their_must_assertions(exported):
    assert len(exported) == 5  # every article of the library, the one without marks too
    for collection in exported:
        for test in (COLLECTION_MUSTS, PAGE_MUSTS):
            run = run_jsontest(test, collection)
            assert run.evaluated and run.failures == [], (collection["label"], test.name, run.failures)


ANNO_TERMS = frozenset(
    "@context id type motivation created modified creator name body purpose value format target "
    "source selector exact prefix suffix start end label total first last partOf startIndex "
    "items".split())
"""The keys we use that the annotation context (anno.jsonld) defines."""


def test_every_key_is_a_term_of_the_annotation_context_or_ours(exported):
    def keys(node: Any):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                if key != "@context":
                    yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    found = set(keys(exported))
    assert found - ANNO_TERMS == {k for k in found if k.startswith("glossator:")}
    for collection in exported:
        assert collection["@context"] == ["http://www.w3.org/ns/anno.jsonld",
                                          {"glossator": "https://glossator.example.invalid/ns#"}]


def test_selectors_hold_the_marks_words_at_their_code_point_offsets(rich, exported):
    from reader.document.cache import load_document

    found = by_id(exported)
    for mark in rich.marks:
        item = found[f"urn:uuid:{mark.id}"]
        text = load_document(rich.library, rich.library.article(mark.article)).text
        quote, *position = item["target"]["selector"]
        assert quote == {"type": "TextQuoteSelector", "exact": mark.exact,
                         **({"prefix": mark.prefix} if mark.prefix else {}),
                         **({"suffix": mark.suffix} if mark.suffix else {})}
        if mark.orphaned:
            assert position == []
            assert (item[v.START], item[v.END], item[v.ORPHANED]) == (mark.start, mark.end, True)
            continue
        assert position == [{"type": "TextPositionSelector", "start": mark.start, "end": mark.end}]
        assert text[mark.start:mark.end] == mark.exact
        assert text[:mark.start].endswith(mark.prefix) and text[mark.end:].startswith(mark.suffix)


def test_astral_characters_count_one_each(rich, exported):
    [claim] = [m for m in rich.marks if m.exact.startswith("Die Brücke")]
    item = by_id(exported)[f"urn:uuid:{claim.id}"]
    position = item["target"]["selector"][1]
    assert position["end"] - position["start"] == len("Die Brücke kostet 𠀋 12 Millionen Euro.") == 38


def test_kinds_become_motivations_and_tagging_bodies_and_the_note_a_markdown_comment(rich, exported):
    found = by_id(exported)
    motivations = {m.kind: found[f"urn:uuid:{m.id}"]["motivation"] for m in rich.marks}
    assert motivations == {"claim": "assessing", "actor": "identifying", "question": "questioning",
                           "funding/public": "tagging"}
    [claim] = [m for m in rich.marks if m.exact.startswith("the line would carry")]
    assert found[f"urn:uuid:{claim.id}"]["body"] == [
        {"type": "TextualBody", "purpose": "tagging", "value": "claim"},
        {"type": "TextualBody", "purpose": "tagging", "value": "transport"},
        {"type": "TextualBody", "purpose": "tagging", "value": "funding/public"},
        {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown",
         "value": "Check the **forecast** against the 2019 study.\n\n- page 4\n- table 2"}]


def test_speaker_status_answer_author_and_dates_are_kept(rich, exported):
    found = by_id(exported)
    library = rich.library
    [claim] = [m for m in rich.marks if m.exact.startswith("the line would carry")]
    item = found[f"urn:uuid:{claim.id}"]
    speaker = library.actor(claim.speaker)
    assert item[v.SPEAKER] == {"id": f"urn:uuid:{speaker.id}", "type": "Person",
                               "name": "Dana Whitlock", v.ACTOR_TYPE: "person",
                               v.CREATED: speaker.created}
    assert (item[v.KIND], item[v.STATUS]) == ("claim", "disputed")
    assert item["creator"] == {"type": "Person", "name": "tester"}
    assert (item["created"], item["modified"]) == (claim.created, claim.updated)
    [question] = [m for m in rich.marks if m.kind == "question" and m.answer]
    assert found[f"urn:uuid:{question.id}"][v.ANSWER] == "The regional authority, says its budget."
    assert found[f"urn:uuid:{question.id}"][v.STATUS] == "answered"
    [mention] = [m for m in rich.marks if m.exact == "Councillor Dana Whitlock"]
    assert found[f"urn:uuid:{mention.id}"][v.ACTOR_KEY]["id"] == f"urn:uuid:{mention.actor}"


def test_pages_chapters_fuzzy_scores_and_extra_fields_are_kept(rich, exported):
    found = by_id(exported)
    [over] = [m for m in rich.marks if m.exact.startswith("for the channel")]
    assert (found[f"urn:uuid:{over.id}"][v.PAGE], found[f"urn:uuid:{over.id}"][v.PAGE_END]) == ("iv", "11")
    [bread] = [m for m in rich.marks if m.exact == "the price of bread"]
    assert found[f"urn:uuid:{bread.id}"][v.CHAPTER] == "Winter Accounts"
    [fuzzy] = [m for m in rich.marks if m.anchor_score is not None]
    item = found[f"urn:uuid:{fuzzy.id}"]
    assert item[v.FUZZY_SCORE] == 0.912
    assert item[v.ORIGIN] == "suggested"
    assert json.loads(item[v.EXTRA]) == {"reviewed_by": {"name": "Kofi", "when": "2026-01-06"}}
    assert item[v.HISTORY] == [{"glossator:at": "2026-01-05T09:00:00Z",
                                "glossator:quote": "wildly optimistc", "glossator:start": 190,
                                "glossator:end": 206, "glossator:why": "refresh"}]


def test_a_web_article_is_its_address_and_a_local_file_a_urn_of_its_content(rich, exported):
    sources = {c[v.ARTICLE]: {i["target"]["source"] for i in c["first"]["items"]} for c in exported}
    tram, uni = rich.articles["tram"], rich.articles["unicode"]
    assert sources[tram.id] == {"https://valley-courier.example/tram-extension"}
    [urn] = sources[uni.id]
    assert urn == v.content_urn(uni) and re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", urn)
    [local] = [i for i in items(exported) if i["target"]["source"] == urn][:1]
    assert local["target"][v.FILE] == str(rich.sources["unicode"].resolve())


def test_exporting_twice_gives_the_same_file(rich):
    library = rich.library
    actors = {a.id: a for a in library.actors()}
    assert export_w3c(library.articles(), library.annotations, actors) == \
        export_w3c(library.articles(), library.annotations, actors)


def test_one_article_is_one_collection_and_all_of_them_a_list(cli, rich, tmp_path, library_dir):
    # The `cli` fixture's library is another folder: build the rich one there.
    rich_library(Library.open(library_dir), tmp_path / "src")
    tram = next(a for a in Library.open(library_dir).articles() if a.url)
    one = cli("export", tram.id, "--format", "w3c")
    assert one.exit_code == 0, one.stderr
    single = json.loads(one.stdout)
    assert single["type"] == "AnnotationCollection" and single["total"] == 6
    done = cli("export", "--all", "--format", "w3c", "-o", str(tmp_path / "all.jsonld"))
    assert done.exit_code == 0, done.stderr
    every = json.loads((tmp_path / "all.jsonld").read_text(encoding="utf-8"))
    assert [c["type"] for c in every] == ["AnnotationCollection"] * 5
    assert every[0] == single
