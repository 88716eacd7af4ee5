"""Commands about the library as a whole (issue 12): matrix, claims, set-status,
questions, compare.

Tables go to stdout (or `-o FILE`); articles whose marks cannot be read are named on
stderr, one line each, and the rest is shown: one damaged file must not hide a library.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotations.errors import GlossatorError
from reader.cli.main import emit, library_option, main, open_library, say_warning

_MATRIX_FORMATS = ("md", "csv", "json")

_list_format_option = click.option(
    "--format", "fmt", type=click.Choice(("text", "md", "json")), default="text",
    show_default=True, help="Lines, a Markdown table, or JSON (the annotations shape).")
_output_option = click.option("-o", "--output", type=click.Path(path_type=Path),
                              help="Write to FILE.")


def _put_out(text: str, output: Path | None) -> None:
    """`text` to FILE (whole, or not at all) or to stdout, control characters shown."""
    if output is None:
        emit(text.rstrip("\n"))
        return
    from annotations.atomic import write_atomically

    if output.is_dir():
        raise GlossatorError(f"{output} is a folder; give a file name for the table")
    write_atomically(output, text.encode("utf-8"), durable=False)
    click.echo(f"wrote {output}", err=True)


def _warn(problems: list[str]) -> None:
    for line in problems:
        say_warning(f"{line} (left out)")


@main.command()
@click.option("--by", type=click.Choice(["article", "tag"]), default="article", show_default=True,
              help="Columns: the articles, or the tags (a tag holds the tags under it).")
@click.option("--format", "fmt", type=click.Choice(_MATRIX_FORMATS), default="md",
              show_default=True, help="A Markdown table, long-form CSV (a row per cell), or JSON.")
@_output_option
@library_option
@click.pass_context
def matrix(ctx: click.Context, by: str, fmt: str, output: Path | None,
           library: Path | None) -> None:
    """Who claims what: claims per actor and article (or tag), by status."""
    from annotations.views.matrix import build_matrix

    built = build_matrix(open_library(ctx), by)
    _warn(built.problems)
    if fmt == "md":
        from annotations.views.tables import matrix_markdown as render
    else:
        from annotations.views.matrix_data import matrix_csv, matrix_json

        render = matrix_csv if fmt == "csv" else matrix_json
    _put_out(render(built), output)


def _claim_filter(lib, articles: tuple[str, ...], statuses: tuple[str, ...],
                  speakers: tuple[str, ...], tags: tuple[str, ...], words: str):
    from annotations.errors import NotFoundError
    from annotations.views.claims import ClaimFilter
    from annotations.views.matrix import NO_SPEAKER

    chosen_speakers = set()
    for name in speakers:
        if name.strip().casefold() in ("none", "-"):
            chosen_speakers.add(NO_SPEAKER)
            continue
        actor = lib.find_actor(name)
        if actor is None:
            raise NotFoundError(f"no actor {name!r}; `glossator actors` lists them "
                                "(--actor none: claims that name nobody)")
        chosen_speakers.add(actor.id)
    return ClaimFilter(statuses=frozenset(statuses), speakers=frozenset(chosen_speakers),
                       tags=_known_tags(lib, tags),
                       articles=frozenset(lib.resolve(a).id for a in articles), words=words)


def _known_tags(lib, tags: tuple[str, ...]) -> frozenset[str]:
    """The tags asked for, each one the codebook or a mark has (a parent of one counts):
    a misspelt tag is an error, as an unknown actor is, not an empty list."""
    if not tags:
        return frozenset()
    from annotations.errors import NotFoundError
    from annotations.tallies import read_tallies
    from annotations.views.summary import tag_and_parents

    wanted = [t.strip().strip("/") for t in tags]
    names = {t.name for t in lib.codebook()} | set(read_tallies(lib).tag_marks)
    known = {parent for name in names for parent in tag_and_parents(name)}
    for tag in wanted:
        if tag not in known:
            raise NotFoundError(f"no tag {tag!r} in the codebook or on any mark; "
                                "`glossator codebook` lists them")
    return frozenset(wanted)


@main.command()
@click.argument("articles", nargs=-1, metavar="[ARTICLE...]")
@click.option("--status", "statuses", multiple=True,
              type=click.Choice(["unverified", "supported", "disputed", "false"]),
              help="Only claims with this status; repeat for several.")
@click.option("--actor", "speakers", multiple=True,
              help="Only claims by this actor (name, alias or id; `none`: by nobody); repeat.")
@click.option("--tag", "tags", multiple=True, help="Only claims with this tag or one under it.")
@click.option("--words", default="", help="Only claims whose quote or note holds these words.")
@_list_format_option
@_output_option
@library_option
@click.pass_context
def claims(ctx: click.Context, articles: tuple[str, ...], statuses: tuple[str, ...],
           speakers: tuple[str, ...], tags: tuple[str, ...], words: str, fmt: str,
           output: Path | None, library: Path | None) -> None:
    """Every claim of the library (or of ARTICLEs), unverified first."""
    from annotations.views.claims import filtered, library_claims

    lib = open_library(ctx)
    chosen = _claim_filter(lib, articles, statuses, speakers, tags, words)
    gathered = library_claims(lib)
    _warn(gathered.problems)
    _put_out(_listing(lib, filtered(gathered.rows, chosen), fmt, "claims"), output)


@main.command()
@click.option("--open", "only_open", is_flag=True, help="Only the questions still open.")
@_list_format_option
@_output_option
@library_option
@click.pass_context
def questions(ctx: click.Context, only_open: bool, fmt: str, output: Path | None,
              library: Path | None) -> None:
    """Every question of the library, open first, with the answers."""
    from annotations.views.questions import library_questions

    lib = open_library(ctx)
    gathered = library_questions(lib, only_open)
    _warn(gathered.problems)
    _put_out(_listing(lib, gathered.rows, fmt, "questions"), output)


def _listing(lib, rows: list, fmt: str, what: str) -> str:
    from annotations.views.tables import claims_markdown, marks_json, questions_markdown

    actors = {a.id: a for a in lib.actors()}
    if fmt == "json":
        return marks_json(rows, actors)
    if fmt == "md":
        return claims_markdown(rows, actors) if what == "claims" else questions_markdown(rows)
    if not rows:
        return f"no {what}"
    return "\n".join(_line(article, mark, actors) for article, mark in rows) + "\n"


def _line(article, mark, actors: dict) -> str:
    from annotations.textsafety import excerpt

    speaker = actors.get(mark.speaker)
    tail = f"  — {speaker.name}" if speaker else ""
    if mark.answer.strip():
        tail += f"  → {excerpt(mark.answer, 60)}"
    return (f"{mark.short_id}  {mark.status or '':<10}  {article.id}  "
            f"\"{excerpt(mark.exact, 60)}\"{tail}")


@main.command("set-status")
@click.argument("status")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@library_option
@click.pass_context
def set_status(ctx: click.Context, status: str, ids: tuple[str, ...], library: Path | None) -> None:
    """Set the status of claims (or questions) by id, across articles, all or none.

    STATUS: unverified, supported, disputed or false for claims; open or answered for
    questions. ID: a mark's id or its first digits, as `glossator claims` shows them.
    """
    from annotations.model import CLAIM, QUESTION
    from annotations.views.claims import find_marks
    from annotations.views.reading import Problems, marks_of_kinds
    from annotations.views.statuses import set_statuses

    lib = open_library(ctx)
    problems = Problems()
    rows = list(marks_of_kinds(lib, lib.articles(), frozenset({CLAIM, QUESTION}), problems))
    chosen = find_marks(rows, ids)
    before = set_statuses(lib, {(article.id, mark.id): status for article, mark in chosen},
                          undoable=True)
    unchanged = len(chosen) - len(before)
    articles = len({article_id for article_id, _ in before})
    emit(f"set {len(before)} mark(s) in {articles} article(s) to {status}"
         + (f"; {unchanged} had it already" if unchanged else ""))
    if before.undo_id:
        emit(f"`glossator undo` puts them back (record {before.undo_id})")


@main.command()
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def compare(ctx: click.Context, first: str, second: str, as_json: bool,
            library: Path | None) -> None:
    """Compare two articles' coverage: actors and claims in both, and in one only."""
    from annotations.views.coverage import compare_coverage
    from annotations.views.coverage_report import coverage_lines, coverage_record

    lib = open_library(ctx)
    a, b = lib.resolve(first), lib.resolve(second)
    if a.id == b.id:
        raise GlossatorError("compare needs two different articles")
    actors = {actor.id: actor for actor in lib.actors()}
    result = compare_coverage(a, lib.annotations(a.id), b, lib.annotations(b.id), actors)
    if as_json:
        from reader.cli.main import emit_json

        emit_json(coverage_record(result))
        return
    for line in coverage_lines(result):
        emit(line)
