"""Use-cases the screens and the command line call: the only way down to storage.

Nothing is passed up from storage here: the types a client names live below it (the folder
set in ``footcare.folders``, the file error in ``footcare.domain.errors``) or are the
use-cases' own. Importing this package imports nothing else, so `footcare status --short`,
asked at every shell prompt, pays for none of it.
"""
