"""Every model, enum and ``*Options`` class of the job, task and task-file operations, with the 14.x names.

Each submodule loads when one of its names is first used (PEP 562): a program that lists tasks
never pays for the pool and job models. ``_index.py`` says where each name lives.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

from ._index import MODULE_OF

if TYPE_CHECKING:
    from ._common import *  # noqa: F403
    from ._enums import *  # noqa: F403
    from ._file import *  # noqa: F403
    from ._job import *  # noqa: F403
    from ._options import *  # noqa: F403
    from ._pool import *  # noqa: F403
    from ._task import *  # noqa: F403
    from ._tasks import *  # noqa: F403

__all__ = sorted(MODULE_OF)  # pyright: ignore[reportUnsupportedDunderAll]

if not TYPE_CHECKING:  # type checkers see the imports above, and no catch-all attribute

    def __getattr__(name: str) -> Any:
        module = MODULE_OF.get(name) or _search(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}", name=name, obj=None)
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value


def _search(name: str) -> str | None:
    """The submodule exporting a name the index lacks: only while ``_index.py`` is being regenerated."""
    if name.startswith("_"):
        return None
    for info in pkgutil.iter_modules(__spec__.submodule_search_locations):
        module = f".{info.name}"
        if module not in {"._base", "._index"} and name in importlib.import_module(module, __name__).__all__:
            return module
    return None


def __dir__() -> list[str]:
    return sorted({*globals(), *MODULE_OF})
