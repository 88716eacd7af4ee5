"""Reader speed and memory, against Textual's Markdown widget on the same document.

    .venv/bin/python benchmarks/tui_bench.py [--markdown-timeout 240] [--skip-markdown]

Prints one line per figure, each with its target; ratios are taken within this run.
A 3 MB Markdown book and a 30 KB article are generated (our own words), added to a
temporary library, and:

- open to first screen, headless at 160×50: glossator vs `Markdown` on the same text;
- the whole `glossator open` process in a real terminal (a tmux pane running it), to
  the first screen, against an empty Textual app started the same way;
- page-down and cursor moves: per-key cost at 3 MB against 30 KB;
- 10,000 marks on the 3 MB article: opening, scrolling, and one new mark's repaint;
- peak memory of a process that opens the 3 MB article.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotations.anchoring import select  # noqa: E402
from annotations.model import Annotation  # noqa: E402
from annotations.store import Library  # noqa: E402
from reader.cli.adding import add_source  # noqa: E402
from reader.document.cache import load_document  # noqa: E402

SIZE = (160, 50)
WORDS = ("harbour council dredging channel ships forecast auditor licence disposal grant "
         "borrowing fishermen quay seagrass trust mayor deputy opposition tonnes cargo jobs "
         "depot estimate report model meeting vote budget referendum design stage").split()


def book(target_bytes: int, seed: int = 7) -> str:
    """Markdown of about `target_bytes`: chapters, paragraphs with emphasis, lists, quotes."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    chapter = 0
    while size < target_bytes:
        if size == 0 or rng.random() < 0.02:
            chapter += 1
            parts.append(f"## Chapter {chapter}: the {rng.choice(WORDS)} question")
        roll = rng.random()
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 140))]
        if rng.random() < 0.3:
            i = rng.randrange(len(words))
            words[i] = f"*{words[i]}*"
        if rng.random() < 0.2:
            i = rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
        sentence = " ".join(words)
        sentence = ". ".join(s.capitalize() for s in sentence.split(" the ")) + "."
        if roll < 0.05:
            parts.append("\n".join(f"- {' '.join(rng.choice(WORDS) for _ in range(8))}"
                                   for _ in range(4)))
        elif roll < 0.08:
            parts.append("> " + sentence)
        else:
            parts.append(sentence)
        size += len(parts[-1]) + 2
    return "\n\n".join(parts) + "\n"


def make_library(folder: Path) -> tuple[Library, str, str, str, str]:
    """A library with the 3 MB book, the 30 KB article, and each of them marked at the same
    density: 10,000 marks on the book, 100 on the article."""
    library = Library.open(folder)
    sources = folder.parent / "sources"
    sources.mkdir(exist_ok=True)
    big_text = book(3_000_000)
    # The 30 KB article is the book's opening: the same mix of paragraphs, lists and
    # emphasis, so the two differ in size only.
    small_text = big_text[: big_text.index("\n\n", 30_000)] + "\n"
    ids = []
    for name, text in (("book.md", big_text), ("article.md", small_text),
                       ("marked.md", big_text + "\nThe marked copy.\n"),
                       ("marked-small.md", small_text + "\nThe marked copy.\n")):
        path = sources / name
        path.write_text(text, encoding="utf-8")
        ids.append(add_source(library, str(path), {"title": name}).article.id)
    add_marks(library, ids[2], 10_000)
    add_marks(library, ids[3], 100)  # the same density of marks on 30 KB
    return library, ids[0], ids[1], ids[2], ids[3]


def add_marks(library: Library, article_id: str, count: int) -> None:
    """`count` marks of 5–70 characters, one in each of `count` equal stretches of the
    text (at a random place in it), so any screenful of either article holds about as many
    marks as any other: the 3 MB and 30 KB figures then differ by size alone."""
    article = library.article(article_id)
    document = load_document(library, article)
    text = document.text
    rng = random.Random(11)
    stretch = (len(text) - 80) / count
    marks = []
    for i in range(count):
        start = int(i * stretch) + rng.randrange(0, max(1, int(stretch) - 70))
        selector = select(text, start, start + rng.randint(5, 70), document.paragraph_starts)
        kind = rng.choice(("claim", "actor", "question"))
        marks.append(Annotation(article=article_id, kind=kind, exact=selector.exact,
                                start=selector.start, end=selector.end, prefix=selector.prefix,
                                suffix=selector.suffix, paragraph=selector.paragraph))
    library.save_annotations(article_id, marks)


async def open_glossator(library: Library, article_id: str) -> tuple[float, float]:
    """Seconds to the first screen (every visible row of the article drawn once), and to
    the first screen with the marks highlighted (they are read by a worker meanwhile)."""
    from reader.app import GlossatorApp
    from reader.widgets.article_view import ArticleView

    started = time.perf_counter()
    seen: dict[str, float] = {}
    original = ArticleView.render_line

    def timed_render_line(view: ArticleView, y: int):
        strip = original(view, y)
        if view.rows is not None and y == view.scrollable_content_region.height - 1:
            seen.setdefault("text", time.perf_counter() - started)
            if len(view.marks):
                seen.setdefault("marks", time.perf_counter() - started)
        return strip

    ArticleView.render_line = timed_render_line  # type: ignore[method-assign]
    try:
        app = GlossatorApp(library, article_id=article_id, keymap={})
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            view = app.screen.view
            view.refresh()
            await pilot.pause()
    finally:
        ArticleView.render_line = original  # type: ignore[method-assign]
    return seen["text"], seen.get("marks", seen["text"])


async def open_markdown_widget(text: str, timeout: float) -> float | None:
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    class MarkdownApp(App):
        def compose(self) -> ComposeResult:
            yield Markdown(text)

    started = time.perf_counter()
    app = MarkdownApp()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await asyncio.wait_for(pilot.pause(), timeout)
            markdown = app.query_one(Markdown)
            while not markdown.children:  # pragma: no cover - depends on speed
                if time.perf_counter() - started > timeout:
                    return None
                await pilot.pause(0.05)
            return time.perf_counter() - started
    except TimeoutError:
        return None


_KEY_ACTIONS = {
    "pagedown": ("page", 1), "pageup": ("page", -1), "j": ("line", 1), "k": ("line", -1), "w": ("word", 1),
    "b": ("word", -1), "l": ("char", 1), "h": ("char", -1), ")": ("sentence", 1),
    "(": ("sentence", -1), "}": ("paragraph", 1), "{": ("paragraph", -1),
}


async def key_costs(library: Library, small: str, big: str,
                    keys: list[str]) -> tuple[float, float, float, float]:
    """Per key, in seconds: the view's own work (the move, then drawing every visible row
    as a frame does) on each article, and the whole round trip through Pilot (key event
    to idle) on each.

    The work is taken with both articles open side by side, a key on one then the same
    key on the other, so both see the same process and the same moment of the machine:
    on this shared machine one process can run a third slower than the next."""
    from reader.app import GlossatorApp

    app = GlossatorApp(library, article_id=small, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.open_beside(big)
        await pilot.pause()
        await app.workers.wait_for_complete()
        columns = app.screen.columns
        assert [c.session.article.id for c in columns] == [small, big]
        views = [column.view for column in columns]
        for view in views:
            while not view.rows.complete:  # the steady state: wrapping has finished
                await pilot.pause(0.05)
            view.go_to(len(view.text) // 2)  # the middle of the document, away from both ends
        await pilot.pause()
        work: list[list[float]] = [[], []]
        for key in keys:
            unit, direction = _KEY_ACTIONS[key]
            for view, times in zip(views, work, strict=True):
                view._row_cache.clear()  # every key draws its rows afresh: a small document
                started = time.perf_counter()  # would otherwise be served from the cache
                view.action_move(unit, direction)
                for y in range(view.scrollable_content_region.height):
                    view.render_line(y)
                times.append(time.perf_counter() - started)
        trips = []
        for view in views:
            view.focus()
            await pilot.pause()
            started = time.perf_counter()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            trips.append((time.perf_counter() - started) / len(keys))
        return statistics.median(work[0]), statistics.median(work[1]), trips[0], trips[1]


async def alternating(library: Library, small: str, big: str, keys: list[str],
                      rounds: int = 5) -> tuple[tuple[float, float], tuple[float, float]]:
    """`key_costs` for the two articles, each round in a fresh process (as a reader opens
    them: in this one, every app measured before would still be on the heap); the median
    of the rounds, as (work, round trip) for the small article and for the big one."""
    rounds_taken = [key_costs_in_process(library.folder, small, big, keys)
                    for _ in range(rounds)]
    small_work, big_work, small_trip, big_trip = (
        statistics.median(r[i] for r in rounds_taken) for i in range(4))
    return (small_work, small_trip), (big_work, big_trip)


def key_costs_in_process(folder: Path, small: str, big: str,
                         keys: list[str]) -> tuple[float, float, float, float]:
    done = subprocess.run([sys.executable, __file__, "--key-costs", str(folder), small, big,
                           ",".join(keys)], capture_output=True, text=True, check=True)
    small_work, big_work, small_trip, big_trip = json.loads(done.stdout.strip().splitlines()[-1])
    return small_work, big_work, small_trip, big_trip


async def print_key_costs(folder: str, small: str, big: str, keys: str) -> None:
    costs = await key_costs(Library.open(Path(folder)), small, big, keys.split(","))
    print(json.dumps(costs))


async def mark_repaint(library: Library, article_id: str) -> float:
    """Seconds from a `c` reaching the view to the end of the frame that draws the mark.

    The save that follows the repaint is not counted: it runs after the frame.
    """
    from reader.app import GlossatorApp
    from reader.widgets.article_view import ArticleView

    stamps: list[float] = []
    original = ArticleView._render_row

    def timed_render_row(view: ArticleView, row: int, width: int):
        strip = original(view, row, width)
        if waiting:
            waiting[0] -= 1  # the whole view is redrawn with the new mark: stamp its end
            if waiting[0] == 0:
                stamps.append(time.perf_counter())
                waiting.clear()
        return strip

    waiting: list[int] = []
    pressed: list[float] = []
    original_mark = ArticleView.action_mark

    def timed_action_mark(view: ArticleView, kind: str) -> None:
        pressed[:] = [time.perf_counter()]  # the key reached the view: the clock starts
        original_mark(view, kind)

    ArticleView._render_row = timed_render_row  # type: ignore[method-assign]
    ArticleView.action_mark = timed_action_mark  # type: ignore[method-assign]
    try:
        app = GlossatorApp(library, article_id=article_id, keymap={})
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            view = app.screen.view
            times = []
            for n in range(5):
                view.go_to(view.text.index(".", 50_000 * (n + 1)) + 2)
                await pilot.pause()
                stamps.clear()
                count = len(view.marks)
                waiting.append(view.scrollable_content_region.height)
                await pilot.press("c")
                await pilot.pause()
                assert len(view.marks) == count + 1 and stamps, "no mark was made"
                times.append(stamps[0] - pressed[0])
            return statistics.median(times)
    finally:
        ArticleView._render_row = original  # type: ignore[method-assign]
        ArticleView.action_mark = original_mark  # type: ignore[method-assign]


HELLO_APP = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("hello from an empty textual app")

Hello().run()
"""


def process_open_in_tmux(library: Path, article_id: str, needle: str) -> float | None:
    """Seconds from starting `glossator open` in a 160×50 tmux pane to the text showing."""
    glossator = Path(sys.executable).parent / "glossator"
    env = f"GLOSSATOR_LIBRARY={library} XDG_STATE_HOME={library.parent / 'state'}"
    return time_in_tmux(f"env {env} {glossator} open {article_id}", needle)


def hello_in_tmux(folder: Path) -> float | None:
    """The floor: the same for a Textual app that shows one line and does nothing else."""
    script = folder / "hello.py"
    script.write_text(HELLO_APP, encoding="utf-8")
    return time_in_tmux(f"{sys.executable} {script}", "hello from an empty textual app")


def shell_echo_in_tmux() -> float | None:
    """What typing a command at a fresh shell prompt adds: bash starting, keys echoed."""
    return time_in_tmux("echo shell-$((20+22))-ready", "shell-42-ready", typed=True)


class TmuxServer:
    """A tmux server kept running through the measurements, as a terminal already open
    is; each measurement is a new pane in it."""

    def __enter__(self) -> TmuxServer | None:
        if shutil.which("tmux") is None:
            return None
        self.name = f"glossator-bench-keep-{os.getpid()}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "sleep 3600"],
                       check=False)
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def time_in_tmux(command: str, needle: str, typed: bool = False) -> float | None:
    """Seconds until `needle` shows in a new 160×50 tmux pane; None if tmux is missing or
    fails three times (its server can stop between sessions).

    The command is the pane's own process, started by tmux as a terminal starts a
    program: the clock does not include a shell starting up. With `typed`, it is typed
    at a fresh shell's prompt instead, to show what that adds."""
    if shutil.which("tmux") is None:
        return None
    for _ in range(3):
        try:
            return _time_in_tmux(command, needle, typed)
        except subprocess.CalledProcessError:
            time.sleep(0.5)
    return None


def _time_in_tmux(command: str, needle: str, typed: bool) -> float | None:
    session = f"glossator-bench-{os.getpid()}"
    size = ["-x", str(SIZE[0]), "-y", str(SIZE[1])]
    started = time.perf_counter()
    if typed:
        subprocess.run(["tmux", "new-session", "-d", "-s", session, *size], check=True)
        subprocess.run(["tmux", "send-keys", "-t", session, command, "Enter"], check=True)
    else:
        subprocess.run(["tmux", "new-session", "-d", "-s", session, *size,
                        command], check=True)
    try:
        while time.perf_counter() - started < 20:
            pane = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                  capture_output=True, text=True).stdout
            if needle in pane:
                return time.perf_counter() - started
            time.sleep(0.005)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def peak_memory_mb(library: Path, article_id: str) -> float:
    """Peak RSS of a fresh process that opens the article headless and scrolls a page."""
    code = f"""
import asyncio, sys
sys.path.insert(0, {str(REPO)!r})
from annotations.store import Library
from reader.app import GlossatorApp
async def main():
    app = GlossatorApp(Library.open({str(library)!r}), article_id={article_id!r}, keymap={{}})
    async with app.run_test(size={SIZE!r}) as pilot:
        await pilot.pause()
        await pilot.press("pagedown", "G")
        await pilot.pause()
asyncio.run(main())
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def report(name: str, value: str, target: str = "") -> None:
    print(f"{name:<58} {value:>16}   {target}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--markdown-timeout", type=float, default=240.0)
    parser.add_argument("--skip-markdown", action="store_true")
    parser.add_argument("--key-costs", nargs=4, metavar=("LIBRARY", "SMALL", "BIG", "KEYS"),
                        help=argparse.SUPPRESS)  # one `key_costs`, for `alternating`
    args = parser.parse_args()
    if args.key_costs:
        await print_key_costs(*args.key_costs)
        return

    work = Path(tempfile.mkdtemp(prefix="glossator-tui-bench-"))
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    try:
        folder = work / "library"
        library, big, small, marked, marked_small = make_library(folder)
        big_text = (work / "sources" / "book.md").read_text(encoding="utf-8")
        print(f"3 MB book: {len(big_text.encode()) / 1e6:.2f} MB; 30 KB article; "
              f"10,000 marks on a copy of the book; terminal {SIZE[0]}x{SIZE[1]}")

        opens = [(await open_glossator(library, big))[0] for _ in range(3)]
        ours = statistics.median(opens)
        report("open 3 MB, first screen, headless (median of 3)", f"{ours:.3f} s",
               "target ≤ 0.35 s")
        if not args.skip_markdown:
            theirs = await open_markdown_widget(big_text, args.markdown_timeout)
            if theirs is None:
                report("  Markdown widget, same document (baseline)",
                       f"> {args.markdown_timeout:.0f} s", "(gave up waiting)")
                report("  ratio Markdown / glossator", f"> {args.markdown_timeout / ours:.0f}x")
            else:
                report("  Markdown widget, same document (baseline)", f"{theirs:.2f} s")
                report("  ratio Markdown / glossator", f"{theirs / ours:.0f}x")

        first_words = " ".join(big_text.split("\n", 1)[0].split()[1:4])
        # As after an install or any earlier run: bytecode compiled, not compiled each time
        # (this matters where PYTHONDONTWRITEBYTECODE is set).
        compileall.compile_dir(REPO / "annotations", quiet=1)
        compileall.compile_dir(REPO / "reader", quiet=1)
        with TmuxServer():
            processes, hellos = [], []
            for _ in range(9):  # alternating, so both see the same machine
                processes.append(process_open_in_tmux(folder, big, first_words))
                hellos.append(hello_in_tmux(work))
            echoes = [shell_echo_in_tmux() for _ in range(5)]
        if None in processes or None in hellos:
            report("`glossator open` in tmux", "n/a", "(tmux missing or no first screen)")
        else:
            process, hello = statistics.median(processes), statistics.median(hellos)
            report("`glossator open` 3 MB, whole process to first screen (tmux, median of 9)",
                   f"{process:.3f} s", "target ≤ 0.8 s")
            report("  baseline: an empty Textual app, the same way", f"{hello:.3f} s",
                   f"glossator adds {process - hello:.3f} s")
            if None not in echoes:
                report("  typing a command at a new shell prompt adds (echo, median of 5)",
                       f"{statistics.median(echoes):.3f} s", "(bash starting; not glossator)")

        # Down twice, up twice: every key shows a new screenful, and the 30 KB article
        # (about four screens) is never at its end, where a key would have nothing to do.
        keys = ["pagedown", "pagedown", "pageup", "pageup"] * 10
        moves = ["j", "w", "l", ")", "}", "k", "b", "h", "(", "{"] * 6
        (small_work, small_trip), (big_work, big_trip) = await alternating(
            library, small, big, keys)
        report("page-down/up, view work per key, 30 KB", f"{small_work * 1000:.2f} ms")
        report("page-down/up, view work per key, 3 MB", f"{big_work * 1000:.2f} ms",
               f"ratio {big_work / small_work:.2f} (target ≤ 1.2)")
        report("page-down/up, key to idle through Pilot, 30 KB / 3 MB",
               f"{small_trip * 1000:.0f} / {big_trip * 1000:.0f} ms",
               f"ratio {big_trip / small_trip:.2f}")
        (small_moves, small_mtrip), (big_moves, big_mtrip) = await alternating(
            library, small, big, moves)
        report("cursor moves, view work per key, 30 KB", f"{small_moves * 1000:.3f} ms")
        report("cursor moves, view work per key, 3 MB", f"{big_moves * 1000:.3f} ms",
               f"ratio {big_moves / small_moves:.2f} (target ≤ 1.2)")
        report("cursor moves, key to idle through Pilot, 30 KB / 3 MB",
               f"{small_mtrip * 1000:.0f} / {big_mtrip * 1000:.0f} ms",
               f"ratio {big_mtrip / small_mtrip:.2f}")

        marked_opens = [await open_glossator(library, marked) for _ in range(3)]
        report("open 3 MB with 10,000 marks, first screen (median of 3)",
               f"{statistics.median(t for t, _ in marked_opens):.3f} s", "target ≤ 0.35 s")
        report("  … and its 10,000 highlights drawn (median of 3)",
               f"{statistics.median(m for _, m in marked_opens):.3f} s")
        (marked_small_pages, _), (marked_pages, _) = await alternating(
            library, marked_small, marked, keys)
        report("page-down/up, view work per key, 30 KB with 100 marks",
               f"{marked_small_pages * 1000:.2f} ms")
        report("page-down/up, view work per key, 3 MB with 10,000 marks",
               f"{marked_pages * 1000:.2f} ms",
               f"ratio {marked_pages / marked_small_pages:.2f} (target ≤ 1.2)")
        repaint = await mark_repaint(library, marked)
        report("new mark to repaint, 10,000 marks (median of 5)", f"{repaint * 1000:.1f} ms",
               "target ≤ 50 ms")

        memory = peak_memory_mb(folder, big)
        report("peak memory, process with the 3 MB article open", f"{memory:.0f} MB",
               "target ≤ 150 MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
