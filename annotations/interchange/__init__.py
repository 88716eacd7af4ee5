"""Annotations in and out of other tools: W3C Web Annotation (and Hypothesis), REFI-QDA
projects, Obsidian vaults. One module per format; what they share is here: the report
an import gives (report), matching articles by address (urls), placing an imported quote
in an article's text (placing) and writing one article's import all at once (committing).
"""
