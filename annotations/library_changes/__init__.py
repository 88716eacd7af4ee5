"""Library-wide changes: actors merged, renamed, split or described; tags renamed, moved,
merged, deleted or recoloured, in every article at once.

Each change is a small dataclass naming what it changes (`MergeActors(source, target)`)
with a `plan(library)` that reads the files it touches and works out, in memory, what
they will hold: the counts a person sees before saying yes ("merge 'Min. Trevilla' into
'Ricardo Trevilla': 48 mentions and 12 claims in 19 articles") and the new bytes of each
file. `apply_change` plans again under the library lock (the files may have changed while
the question was on screen), then writes every file in one transaction
(annotations/transaction.py) together with an undo record of what it changed, field by
field (annotations/library_changes/undo.py, reversing.py): undone, it takes back just
that, and the work done since in the same files stays. A kill at any moment leaves the
change either not made or finished by the next command: never half-merged.

One module per operation; `draft.py` is the files being changed, `plan.py` what a change
will do, `undo.py` the undo log, `reversing.py` a change taken back out of a file.
"""
