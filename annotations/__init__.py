"""glossator's annotation domain: a library you can use from a script, no TUI needed.

    from annotations.store import Library
    library = Library.open("~/notes/library")
    for article in library.articles():
        print(article.title, len(library.annotations(article.id)))
"""
