"""Operation groups of the client."""

from __future__ import annotations

from ._jobs import JobOperations

__all__ = ["JobOperations"]
