"""Files: where they live, and how they are read and written safely."""
