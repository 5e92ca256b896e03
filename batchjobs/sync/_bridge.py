"""The one hand-written piece of the sync facade: a private event-loop thread and calls into it."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import Future
from contextlib import ExitStack
from typing import Any, TypeVar, cast

from anyio.from_thread import BlockingPortal, start_blocking_portal

from .._paging import hand_over
from .._response import Page

__all__ = ["Bridge"]

T = TypeVar("T")
_DONE = object()


class Bridge:
    """Runs coroutines on one event loop in a background thread, for the whole life of a sync client.

    One loop per client, because an ``httpx.AsyncClient`` connection pool belongs to the loop
    that made it. Calls may come from any thread, including one whose own loop is running
    (Jupyter): they block the caller, never the private loop.
    """

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._portal: BlockingPortal = self._stack.enter_context(start_blocking_portal("asyncio"))
        self.loop_thread_id: int = self._portal.call(threading.get_ident)
        self._loop: asyncio.AbstractEventLoop = self._portal.call(asyncio.get_running_loop)
        self._lock = threading.Lock()
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def call(self, fn: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` on the loop and wait for its result in this thread."""
        self._check_open()
        # The portal's loop is asyncio; handing it the coroutine directly costs a third of
        # portal.start_task_soon per call. Cancelling the future cancels the task.
        return _wait(asyncio.run_coroutine_threadsafe(_as_coroutine(fn(*args, **kwargs)), self._loop))

    def iterate(self, fn: Callable[..., AsyncIterator[T]], /, *args: Any, **kwargs: Any) -> Iterator[T]:
        """Iterate an async generator on the loop, one item per round trip, lazily.

        Leaving the loop early (``break``, an exception, or garbage collection of this
        generator) closes the async generator on its own loop.
        """
        self._check_open()
        agen = fn(*args, **kwargs)
        try:
            while True:
                item = _wait(asyncio.run_coroutine_threadsafe(_next_or_done(agen), self._loop))
                if item is _DONE:
                    return
                yield cast(T, item)
                del item  # not kept alive while the next one is fetched
        finally:
            if not self._closed:
                self._portal.call(_aclose, agen)

    def iterate_listing(
        self, fn: Callable[..., AsyncIterator[Any]], raw: bool, /, *args: Any, **kwargs: Any
    ) -> Iterator[Any]:
        """Iterate a list operation one page per round trip; yield its items, or its pages if ``raw``."""
        pages: Iterator[Page[Any]] = self.iterate(fn, *args, raw=True, **kwargs)
        return pages if raw else _items(pages)

    def close(self) -> None:
        """Stop the loop and join its thread; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._stack.close()

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("this sync BatchServiceClient is closed; create a new one")
        if threading.get_ident() == self.loop_thread_id:
            raise RuntimeError("the sync client was called on its own event loop; use the async client there")


def _items(pages: Iterator[Page[T]]) -> Iterator[T]:
    for page in pages:
        items = page.items
        del page  # its response body goes now; each item once the caller drops it
        yield from hand_over(items)


def _wait(future: Future[T]) -> T:
    try:
        while True:
            # A timed wait keeps Ctrl-C responsive where a blocked lock is not interruptible.
            with contextlib.suppress(TimeoutError):
                return future.result(timeout=0.5)
    except BaseException:
        # KeyboardInterrupt (Ctrl-C) lands here while the call still runs: cancel it on its loop.
        future.cancel()
        raise


async def _as_coroutine(awaitable: Awaitable[T]) -> T:
    return await awaitable


async def _next_or_done(agen: AsyncIterator[T]) -> T | object:
    try:
        return await agen.__anext__()
    except StopAsyncIteration:
        return _DONE


async def _aclose(agen: AsyncIterator[Any]) -> None:
    aclose = getattr(agen, "aclose", None)
    if aclose is not None:
        await aclose()
