"""One kind of error for every file problem, with a message a person can act on.

The type itself lives in the domain (``footcare.domain.errors``), so the clients can catch
it without importing storage; storage code keeps naming it from here.
"""

from __future__ import annotations

from footcare.domain.errors import StorageError as StorageError

__all__ = ["StorageError"]
