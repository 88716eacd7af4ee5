"""The library as a whole (issue 12, points 3, 4 and 6): views across every article.

    reading.py      every article's marks read straight from its file, once
    summary.py      each article's claims counted by speaker, tag and status, cached by stamp
    matrix.py       who claims what: actors × articles or actors × tags, counts by status
    claims.py       every claim, filtered and ordered (unverified first)
    questions.py    every question, open first, with its answer
    statuses.py     a status set on many claims across articles: one transaction
    similarity.py   how alike two claims' words are
    coverage.py     two articles compared: actors and claims in both, in one only
    coverage_report.py  that comparison as lines and as JSON
    timeline.py     marks over time by article date
    tables.py       the views as Markdown tables
    matrix_data.py  the matrix as CSV and JSON, for scripts
    vault_page.py   the vault's "Who claims what" page, with a Mermaid chart

Pure domain code, as the rest of `annotations`: a script can use any of it headless.
"""
