"""Issue 13's speed target, measured: `python benchmarks/sync_bench.py`.

A sync that merges 1,000 changes per side on the 50,000-mark bench library (1,000
articles, benchmarks/store_bench.py) in ≤ 10 s, not counting the network: the remote is a
bare repository on disk. Two clones of the library (ana's, ben's); each makes 1,000
changes offline, spread over the articles (notes and statuses edited, marks added and
deleted; 50 of them the same mark's status on both sides, so 50 conflicts); ana syncs
(commit and push), then ben's `glossator sync` is timed as a process, start-up included:
it commits ben's 1,000 changes, fetches, merges ana's 1,000 record by record, repairs,
commits the merge and pushes. Median of 3 runs, each from the same state (ben's clone and
the remote copied back before it). The day's snapshot (annotations/backup) is taken before
the changes are made, as the first of a day's 1,000 changes made in glossator takes it;
`glossator backup` alone is timed too, for what a sync that is the day's first write adds.

Baselines, in the same run, on the same two commits: git's own merge (`git merge`, its
text merge, conflict markers and all: what git alone costs), and `git merge` with the
driver installed (`glossator merge-file` once per file changed on both sides, a process
each) timed on 20 of those files and scaled to all of them: why the sync merges in its
own process. Working files go to a temporary folder outside this repository (a synced
library is a repository of its own, never inside another), removed after the run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

import store_bench  # noqa: E402
from common import REPO, Figure, machine, print_figures, run_glossator  # noqa: E402

from annotations.atomic import NONCE_KEY, database_bytes  # noqa: E402
from annotations.model import CLAIM_STATUSES, Annotation  # noqa: E402

WORK = Path(tempfile.gettempdir()) / "glossator-sync-bench"
CHANGES = 1_000
CLASHES = 50
TARGET_SECONDS = 10.0
RUNS = 3
IDENTITY = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(["git", *IDENTITY, *args], cwd=folder, capture_output=True,
                          timeout=600)
    if check and done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.decode()}")
    return done


def glossator(folder: Path, *args: str, author: str) -> tuple[float, str]:
    return run_glossator(folder, *args, env={**os.environ, "GLOSSATOR_AUTHOR": author},
                         timeout=900)


def read_marks(path: Path) -> dict:
    data = json.loads(path.read_bytes())
    data.pop(NONCE_KEY, None)
    return data


def make_changes(folder: Path, seed: int, author: str, clashing: list[tuple[str, str]],
                 status: str) -> None:
    """1,000 changes across the library, written as the store writes (one file per article)."""
    rng = random.Random(seed)
    articles = sorted(p.name for p in (folder / "articles").iterdir())
    planned: dict[str, list[tuple[str, str]]] = {}
    for article, mark_id in clashing:
        planned.setdefault(article, []).append(("clash", mark_id))
    for _ in range(CHANGES - len(clashing)):
        article = rng.choice(articles)
        planned.setdefault(article, []).append((rng.choice(["note", "note", "status", "add",
                                                            "delete"]), ""))
    stamp = f"2026-06-0{1 + seed % 2}T10:00:00Z"
    kept_apart = {mark_id for _article, mark_id in clashing}
    for article, changes in planned.items():
        path = folder / "articles" / article / "annotations.json"
        data = read_marks(path)
        marks = data["annotations"]
        for kind, mark_id in changes:
            # Each side edits and deletes its own half of the marks (by id), so the only
            # clashes are the 50 planned ones.
            keys = [k for k in sorted(marks) if int(k[:8], 16) % 2 == seed % 2
                    and k not in kept_apart]
            if kind == "clash":
                marks[mark_id] = {**marks[mark_id], "status": status, "updated": stamp}
            elif kind == "note":
                key = rng.choice(keys)
                marks[key] = {**marks[key], "note": f"{author} checked this", "updated": stamp}
            elif kind == "status":
                key = rng.choice(keys)
                marks[key] = {**marks[key], "status": rng.choice(CLAIM_STATUSES), "updated": stamp}
            elif kind == "add":
                model = Annotation.from_record(marks[rng.choice(keys)])
                new = Annotation(article=article, kind="question", exact=model.exact,
                                 start=model.start, end=model.end, prefix=model.prefix,
                                 suffix=model.suffix, paragraph=model.paragraph, author=author)
                marks[new.id] = new.to_record()
            else:
                marks.pop(rng.choice(keys))
        path.write_bytes(database_bytes(data))


def clashing_marks(folder: Path) -> list[tuple[str, str]]:
    rng = random.Random(99)
    chosen = []
    for article in rng.sample(sorted(p.name for p in (folder / "articles").iterdir()), CLASHES):
        marks = read_marks(folder / "articles" / article / "annotations.json")["annotations"]
        chosen.append((article, sorted(marks)[0]))
    return chosen


def prepare() -> tuple[Path, Path, Path]:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    ana, ben, remote = WORK / "ana", WORK / "ben", WORK / "remote.git"
    store_bench.build_library(ana)
    git(WORK, "init", "-q", "--bare", str(remote))
    glossator(ana, "sync", "init", str(remote), author="ana")
    glossator(ben, "sync", "clone", str(remote), str(ben), author="ben")
    return ana, ben, remote


def git_merge_alone(ben: Path, ours: str, theirs: str) -> float:
    """git's own merge of the two commits, in a throwaway clone without the driver."""
    scratch = WORK / "git-alone"
    git(WORK, "clone", "-q", "--no-checkout", str(ben), str(scratch))
    git(scratch, "checkout", "-q", "-B", "bench", ours)
    (scratch / ".git" / "info").mkdir(exist_ok=True)
    (scratch / ".git" / "info" / "attributes").write_text("* merge=text\n")
    began = time.perf_counter()
    git(scratch, "merge", "-q", "--no-edit", theirs, check=False)
    return time.perf_counter() - began


def driver_per_file(ben: Path, ours: str, theirs: str) -> tuple[float, int]:
    """`glossator merge-file` as git runs it, on 20 of the files both sides changed; the
    seconds scaled to all of them, and how many there are."""
    base = git(ben, "merge-base", ours, theirs).stdout.decode().strip()
    mine = set(git(ben, "diff", "--name-only", base, ours).stdout.decode().split())
    other = set(git(ben, "diff", "--name-only", base, theirs).stdout.decode().split())
    both = sorted(p for p in mine & other if p.endswith(".json"))
    sample = both[:20]
    scratch = WORK / "driver"
    scratch.mkdir()
    took = 0.0
    for n, path in enumerate(sample):
        files = []
        for rev, side in ((base, "O"), (ours, "A"), (theirs, "B")):
            target = scratch / f"{n}.{side}"
            target.write_bytes(git(ben, "show", f"{rev}:{path}").stdout)
            files.append(str(target))
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reader", "merge-file", *files, path], cwd=REPO,
                       check=True, capture_output=True)
        took += time.perf_counter() - began
    return took / max(1, len(sample)) * len(both), len(both)


def ben_syncs(ben: Path, remote: Path) -> tuple[float, str]:
    """The median of RUNS of ben's sync, each from the state before the first (ben's clone
    and the remote copied back); the last run's report, its merge left in place."""
    kept = WORK / "before-ben"
    for folder in (ben, remote):
        shutil.copytree(folder, kept / folder.name, symlinks=True)
    times, report = [], ""
    for run in range(RUNS):
        if run:
            for folder in (ben, remote):
                shutil.rmtree(folder)
                shutil.copytree(kept / folder.name, folder, symlinks=True)
        subprocess.run(["sync"], check=False)  # the copies on disk, not in the timing
        took, report = glossator(ben, "sync", "--json", author="ben")
        times.append(took)
    shutil.rmtree(kept)
    return sorted(times)[len(times) // 2], report


def main() -> None:
    began = time.perf_counter()
    ana, ben, remote = prepare()
    built = time.perf_counter() - began
    clashing = clashing_marks(ana)
    glossator(ana, "backup", author="ana")
    snapshot, _ = glossator(ben, "backup", author="ben")
    make_changes(ana, 1, "ana", clashing, "disputed")
    make_changes(ben, 2, "ben", clashing, "false")
    ana_sync, _ = glossator(ana, "sync", author="ana")
    ben_sync, report = ben_syncs(ben, remote)
    record = json.loads(report)
    merge = git(ben, "rev-list", "--parents", "-n1", "HEAD").stdout.decode().split()
    ours, theirs = merge[1], merge[2]
    git_alone = git_merge_alone(ben, ours, theirs)
    driver, both = driver_per_file(ben, ours, theirs)
    again, _ = glossator(ana, "sync", author="ana")
    same = git(ana, "rev-parse", "HEAD").stdout == git(ben, "rev-parse", "HEAD").stdout

    print(f"library: {store_bench.ARTICLES} articles, "
          f"{store_bench.ARTICLES * store_bench.MARKS_PER_ARTICLE} marks (built and shared in "
          f"{built:.0f} s); {CHANGES} changes per side, {both} files changed on both sides")
    print(f"ben's sync: {record['commits'][0]['subject']!r}; came in: "
          f"{'; '.join(e['line'] for e in record['incoming'])}; both ends alike: {same}")
    print(machine())
    figures = [
        Figure(f"glossator sync: commit 1,000, merge 1,000, push (median of {RUNS})", ben_sync,
               "s", TARGET_SECONDS,
               f"({ben_sync / git_alone:.1f}× git's own text merge)"),
        Figure("baseline: git merge alone (text merge, markers)", git_alone, "s"),
        Figure(f"git merge with the driver, a process per file ({both})", driver, "s", None,
               "(scaled from 20 files)"),
        Figure("glossator backup: the day's snapshot (ben, before the changes)", snapshot, "s"),
        Figure("glossator sync: commit and push 1,000 (ana, first)", ana_sync, "s"),
        Figure("glossator sync: fast-forward to the merge (ana)", again, "s"),
    ]
    print_figures(figures)
    if record["conflicts"] != CLASHES or not same:
        raise SystemExit(f"expected {CLASHES} conflicts and both ends alike, got "
                         f"{record['conflicts']} and {same}")


if __name__ == "__main__":
    main()
