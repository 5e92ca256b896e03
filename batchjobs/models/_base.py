"""The base of every model: nested objects of a response may wait in wire form until first read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

__all__ = ["Model", "build_field"]

_get_slot = object.__getattribute__


class Model:
    """Base class of the 93 models; adds one slot and no behaviour to models built in code.

    A model parsed from a response by the client leaves its nested objects and lists unbuilt,
    keeping their already-parsed JSON in ``_bj_pending`` (under the key ``None``: where the model
    sits in the body, for error paths); reading one builds it once, through ``_bj_materialize``,
    which the serialization layer installs (a listing also builds them for the items its caller
    keeps: ``_paging.hand_over``). Python calls ``__getattr__`` only for an attribute
    that is not set, so a built attribute costs nothing to read. Two threads reading the same
    unbuilt field at once may both build it; both get equal values and the last one is kept.
    """

    __slots__ = ("_bj_pending",)

    _bj_pending: dict[str | None, Any] | None  # unset on models built in code
    _bj_materialize: ClassVar[Any]

    if not TYPE_CHECKING:  # keep type checkers strict about attribute names

        def __getattr__(self, name: str) -> Any:
            try:
                pending = _get_slot(self, "_bj_pending")
            except AttributeError:
                pending = None
            if pending is None or name not in pending:
                try:  # another thread may have just built it
                    return _get_slot(self, name)
                except AttributeError:
                    raise AttributeError(
                        f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
                    ) from None
            return build_field(self, name, pending)


def build_field(model: Model, name: str, pending: dict[str | None, Any]) -> Any:
    """Build the nested field ``name`` of ``model`` from ``pending``, set it and return it."""
    value = type(model)._bj_materialize(name, pending)
    setattr(model, name, value)
    pending.pop(name, None)
    if all(key is None for key in pending):  # all built; only the location is left
        model._bj_pending = None
    return value
