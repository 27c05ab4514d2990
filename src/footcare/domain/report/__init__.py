"""The clinician's report: the facts read from the journal and the safety record, and the
two ways they are written out (Markdown, and a printable HTML page with SVG charts)."""
