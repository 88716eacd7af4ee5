"""`glossator agreement`: how far coders agree, per code, over the characters of articles.

Percentage agreement and Cohen's kappa (NVivo's coding comparison) for each pair of coders;
for three coders or more, the mean of the pairs' agreement and Fleiss' kappa for the
group; Krippendorff's alpha for all of them; the arithmetic is in annotations/agreement/.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotations.errors import GlossatorError
from reader.cli.main import emit, emit_json, library_option, main, open_library


@main.command()
@click.argument("articles", nargs=-1, metavar="[ARTICLE...]")
@click.option("--all", "everything", is_flag=True, help="Every article in the library.")
@click.option("--coders", default="", metavar="A,B",
              help="The coders to compare (mark authors, ',' between); default: everyone who "
                   "marked the chosen articles.")
@click.option("--kind", help="Only this code: claim, actor, question or a codebook tag.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@click.option("--show", is_flag=True,
              help="Open the reader on ARTICLE with two coders' marks side by side, their "
                   "differences highlighted.")
@library_option
@click.pass_context
def agreement(ctx: click.Context, articles: tuple[str, ...], everything: bool, coders: str,
              kind: str | None, as_json: bool, show: bool, library: Path | None) -> None:
    """Agreement between coders per code: percentage agreement, Cohen's kappa, Krippendorff's alpha.

    With three coders or more, `agreement` is the mean of every pair's percentage
    agreement and `kappa` is Fleiss' kappa (`--json` says which in `kappa_method`); each
    pair's own agreement and Cohen's kappa are listed too.
    """
    from annotations.agreement.coding import choose_coders, coders_of, codes_used
    from annotations.agreement.report import ArticleText, compare, report_record
    from annotations.marking import check_kind

    if everything and articles:
        raise GlossatorError("give article ids or --all, not both")
    if not everything and not articles:
        raise GlossatorError("name the articles to compare, or pass --all")
    lib = open_library(ctx)
    if kind:
        check_kind(lib, kind)
    chosen = lib.articles() if everything else _resolve_all(lib, articles)
    if show and len(chosen) != 1:
        raise GlossatorError("--show opens one article; name just one")
    marks = {a.id: lib.annotations(a.id) for a in chosen}
    every_mark = [m for found in marks.values() for m in found]
    wanted = [name.strip() for name in coders.split(",") if name.strip()]
    if coders.strip() and not wanted:
        raise GlossatorError(f"--coders {coders!r} names no coder; give two names or more, e.g. "
                             "--coders ana,ben (or leave it out to compare everyone)")
    picked = choose_coders(coders_of(every_mark), wanted,
                           elsewhere=lambda: coders_of(lib.all_annotations()))
    if show:
        _show(ctx, lib, chosen[0].id, picked)
        return
    codes = [kind] if kind else codes_used(every_mark, picked)
    texts = [ArticleText(a.id, _length(lib, a), marks[a.id]) for a in chosen]
    report = compare(texts, picked, codes)
    if as_json:
        emit_json(report_record(report))
        return
    from reader.cli.agreement_table import report_lines

    for line in report_lines(report):
        emit(line)


def _resolve_all(lib, refs: tuple[str, ...]) -> list:
    seen: dict = {}
    for ref in refs:
        article = lib.resolve(ref)
        seen.setdefault(article.id, article)
    return list(seen.values())


def _length(lib, article) -> int:
    from reader.document.cache import load_document

    return len(load_document(lib, article).text)


def _show(ctx: click.Context, lib, article_id: str, coders: list[str]) -> None:
    if len(coders) != 2:
        raise GlossatorError(f"the side-by-side view shows two coders, and {len(coders)} marked "
                             "this article; pick two with --coders A,B")
    from reader.screens.coders import run_with_coders

    run_with_coders(lib, article_id, (coders[0], coders[1]))
