"""Citations: CSL items from article metadata (csl), rendering with the bundled styles
(render, cslfixes, styles/), citekeys, and the kept renders (cache)."""
