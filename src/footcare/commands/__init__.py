"""Command-line commands that need more than a few lines; none of them imports Textual."""
