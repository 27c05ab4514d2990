"""Use-cases the screens and the command line call: the only way down to storage."""
