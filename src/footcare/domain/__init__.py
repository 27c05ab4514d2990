"""The pure core of footcare: no Textual, no file I/O."""
