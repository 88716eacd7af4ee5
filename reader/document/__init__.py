"""The document model: an article's text, its blocks, styles and pages, and what is built
on it for reading: the kept copy (cache), wrapping into rows (layout), cursor moves
(navigation) and the index of marks by position (mark_index)."""
