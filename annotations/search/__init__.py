"""Search across the library: an SQLite FTS5 index of every article's text, details and marks.

    from annotations.search.index import SearchIndex
    index = SearchIndex.open(library)
    index.catch_up(text_of)                  # text_of(article) -> (text, places)
    results = index.search('"harbour board" kind:claim status:disputed')
    if results.damaged:                      # a query met damage: caught up = made again
        index.catch_up(text_of)
        results = index.search('"harbour board" kind:claim status:disputed')
    for hit in results.hits:
        print(hit.title, hit.locator, hit.snippet)

query (the language), expression (it as FTS5 MATCH syntax and SQL), schema (the tables),
passages and entries (what an article becomes in the index), freshness and updating
(keeping the index up to date), index (the file), searching (running a query).
"""
