"""Use-cases the screens and the command line call: the only way down to storage.

The few storage types a screen needs to name (an error to catch, a folder set, what a
journal read returned) are passed up from here, so no screen imports storage itself.
"""

from footcare.storage.errors import StorageError
from footcare.storage.journal import Loaded, MonthStamps
from footcare.storage.paths import Paths

__all__ = ["Loaded", "MonthStamps", "Paths", "StorageError"]
