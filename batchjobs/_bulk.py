"""Bulk calls: one operation over many jobs with bounded concurrency, and a result per item in input order."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Generic, TypeVar

import anyio
import attrs

__all__ = ["BulkResult", "check_concurrency", "collect", "run_bulk"]

T = TypeVar("T")


@attrs.frozen
class BulkResult(Generic[T]):
    """What happened to one item of a bulk call (``add_many``, ``delete_many``, ...).

    Attributes:
        item: The input item: the ``JobAddParameter`` for ``add_many``, else the job id.
        error: The exception the call raised for this item (after its retries), or ``None``.
    """

    item: T
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        """Whether the call succeeded for this item."""
        return self.error is None


def collect(items: Iterable[T], name: str) -> list[T]:
    """The items as a list, refusing a lone string (whose characters would become job ids)."""
    if isinstance(items, str | bytes):
        raise TypeError(f"{name} must be an iterable of items, not a single {type(items).__name__}")
    return list(items)


def check_concurrency(max_concurrency: int) -> None:
    if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
        raise ValueError(f"max_concurrency must be an int >= 1, got {max_concurrency!r}")


async def run_bulk(
    call: Callable[[T], Awaitable[object]], items: Sequence[T], max_concurrency: int
) -> list[BulkResult[T]]:
    """Call ``call(item)`` for every item, at most ``max_concurrency`` at a time.

    A fixed pool of worker tasks pulls items in order (the same bound as a ``CapacityLimiter``
    without a waiting task per item). An ``Exception`` becomes that item's result; anything else
    (cancellation, KeyboardInterrupt) cancels the other calls in flight and propagates.
    """
    results: list[BulkResult[T] | None] = [None] * len(items)
    queue = iter(enumerate(items))

    async def worker() -> None:
        for index, item in queue:
            try:
                await call(item)
            except Exception as exc:
                results[index] = BulkResult(item, exc)
            else:
                results[index] = BulkResult(item)

    async with anyio.create_task_group() as group:
        for _ in range(min(max_concurrency, len(items))):
            group.start_soon(worker)
    done = [result for result in results if result is not None]
    assert len(done) == len(items)
    return done
