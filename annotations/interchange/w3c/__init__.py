"""W3C Web Annotation (JSON-LD) out and in, and the annotations Hypothesis exports.

    vocabulary   our namespace, the JSON-LD context, kinds ↔ motivations, the IRIs we mint
    exporting    `export --format w3c`: a collection per article, an annotation per mark
    reading      W3C documents (ours or another tool's) → incoming marks
    incoming     what an import read, before it knows its article: `Incoming`, `Batch`
    intake       incoming marks → matched, anchored, de-duplicated, committed per article
    earlier_marks  the article's marks an import meets again: replies joined, edits taken in
    ranges       a RangeSelector of text: where a passage starts and where it ends
    utf16        Hypothesis' UTF-16 positions as code points

Hypothesis' own formats are read by `annotations.interchange.hypothesis`, into the same
`Batch`; `annotations.interchange.importing` reads the file and picks the reader.
"""
