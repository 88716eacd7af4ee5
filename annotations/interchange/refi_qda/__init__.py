"""REFI-QDA projects (.qdpx) out and in: the QDA exchange standard NVivo, ATLAS.ti, MAXQDA
and QualCoder read and write (QDA-XML 1.0, namespace `urn:QDA-XML:project:1.0`).

    project.qdpx (a zip)
      project.qde                the project: users, codebook, variables, cases, sources, notes
      sources/<GUID>.txt         each article's text, UTF-8, LF line endings, no BOM

What glossator writes, and where each thing of ours goes:

- an article is a TextSource (`plainTextPath="internal://<GUID>.txt"`, the only way
  QualCoder reads text), its authors, site, published date and address as variable
  values other tools show; its whole record, and its body as stored when the caller
  passes `body_of`, in a Note the source refers to, so an import restores it exactly
  (Markdown, a PDF's pages, an EPUB's chapters; without the body, as a plain-text copy);
- a mark is a PlainTextSelection (code points, end exclusive) with its note as
  Description, a Coding for its kind first and one more for each extra tag; its author is
  its creatingUser, `created`/`updated` its dates, its speaker (or, for an actor mark,
  the actor it mentions) the Case it belongs to; status, answer and anything else the
  standard has no place for go in a Note the selection refers to, only for a mark that has
  any (a claim still unverified, without answer, has none);
- an orphaned mark (its words gone from the article) is no selection, which would code
  the wrong words in other tools, but a Note on its source holding all of it;
- the codebook is the Codes: claim, actor, question and every tag, nested by `/`
  (`actor/government` is "government" inside "actor"), with `#RRGGBB` colours;
- an actor is a Case: its name, description, type and aliases, a SourceRef to every
  article that mentions it and a SelectionRef to every mention of it and claim by it;
- mark authors are the Users.

GUIDs are derived from our ids (guids.py), so exporting twice writes the same project.
The notes' text is readable lines, then one `glossator-data:` line of JSON (kept.py).

    exporting.write_project(path, articles, annotations_of, actors, codebook, text_of,
                            body_of=None)
    importing.import_project(library, path, text_of, article_id=None, default_kind="claim")
"""
