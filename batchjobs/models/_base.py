"""The base of every model: nested objects of a response may wait in wire form until first read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

__all__ = ["Model"]

_pending_of = object.__getattribute__


class Model:
    """Base class of the 72 models; adds one slot and no behaviour to models built in code.

    A model parsed from a response by the client leaves its nested objects and lists unbuilt,
    keeping their already-parsed JSON in ``_bj_pending`` (under the key ``None``: where the model
    sits in the body, for error paths); reading one builds it (once) through ``_bj_materialize``,
    which the serialization layer installs. Python calls ``__getattr__``
    only for an attribute that is not set, so a built attribute costs nothing to read.
    """

    __slots__ = ("_bj_pending",)

    _bj_materialize: ClassVar[Any]

    if not TYPE_CHECKING:  # keep type checkers strict about attribute names

        def __getattr__(self, name: str) -> Any:
            try:
                pending = _pending_of(self, "_bj_pending")
            except AttributeError:
                pending = None
            if pending is None or name not in pending:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
                )
            value = type(self)._bj_materialize(name, pending)
            setattr(self, name, value)
            pending.pop(name, None)
            return value
