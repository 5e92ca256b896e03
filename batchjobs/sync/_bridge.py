"""The one hand-written piece of the sync facade: a private event-loop thread and calls into it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import CancelledError, Future
from typing import Any, TypeVar, cast

import anyio
from anyio.from_thread import BlockingPortal

from .._paging import hand_over
from .._response import Page
from ..errors import ClientClosedError

__all__ = ["Bridge"]

T = TypeVar("T")
_DONE = object()

# How many forks lie between the first process and this one. A bridge made in another generation
# belongs to an ancestor: its loop thread did not come along, so waiting for it would never end.
_generation = 0


def _forked() -> None:
    global _generation
    _generation += 1


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_forked)


class Bridge:
    """Runs coroutines on one event loop in a background thread, for the whole life of a sync client.

    One loop per client, because an ``httpx.AsyncClient`` connection pool belongs to the loop
    that made it. Calls may come from any thread, including one whose own loop is running
    (Jupyter): they block the caller, never the private loop.
    """

    def __init__(self) -> None:
        self._generation = _generation
        self._pid = os.getpid()
        self._portal, self._thread = _start_portal()
        self.loop_thread_id: int = self._portal.call(threading.get_ident)
        self._loop: asyncio.AbstractEventLoop = self._portal.call(asyncio.get_running_loop)
        self._lock = threading.Lock()
        self._closed = False
        self._in_flight: set[Future[Any]] = set()

    @property
    def closed(self) -> bool:
        return self._closed or self.forked

    @property
    def forked(self) -> bool:
        """Whether this process is a fork of the one that made the bridge (whose loop thread it lacks)."""
        return self._generation != _generation

    def call(self, fn: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` on the loop and wait for its result in this thread."""
        return self._wait(self._submit(lambda: _as_coroutine(fn(*args, **kwargs))))

    def iterate(self, fn: Callable[..., AsyncIterator[T]], /, *args: Any, **kwargs: Any) -> Iterator[T]:
        """Iterate an async generator on the loop, one item per round trip, lazily.

        Leaving the loop early (``break``, an exception, or garbage collection of this
        generator) closes the async generator on its own loop.
        """
        self._check_open()
        agen = fn(*args, **kwargs)
        cursor = _Cursor()
        try:
            while True:
                item = self._wait(self._submit(lambda: _next_or_done(agen, cursor)))
                if item is _DONE:
                    return
                yield cast(T, item)
                del item  # not kept alive while the next one is fetched
        finally:
            self._finish(agen, cursor)

    def iterate_listing(
        self, fn: Callable[..., AsyncIterator[Any]], raw: bool, /, *args: Any, **kwargs: Any
    ) -> Iterator[Any]:
        """Iterate a list operation one page per round trip; yield its items, or its pages if ``raw``."""
        pages: Iterator[Page[Any]] = self.iterate(fn, *args, raw=True, **kwargs)
        return pages if raw else _items(pages)

    def close(self, final: Callable[[], Awaitable[object]] | None = None) -> None:
        """Cancel the calls still running, run ``final`` on the loop, stop the loop and join its thread.

        Idempotent. In a forked child it only marks the bridge closed: the loop thread is the parent's.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if self.forked:
            return
        for future in list(self._in_flight):
            future.cancel()  # each caller then raises ClientClosedError
        try:
            if final is not None:
                future = asyncio.run_coroutine_threadsafe(_as_coroutine(final()), self._loop)
                self._wait(future)
        finally:
            with contextlib.suppress(RuntimeError):  # the loop has stopped already
                self._portal.call(self._portal.stop)
            self._thread.join()

    def _submit(self, make: Callable[[], Coroutine[Any, Any, T]]) -> Future[T]:
        """Schedule the coroutine ``make()`` on the loop, unless the bridge is closed (then it is never made)."""
        with self._lock:  # so that close() cannot stop the loop between the check and the scheduling
            self._check_open()
            future = asyncio.run_coroutine_threadsafe(make(), self._loop)
            self._in_flight.add(future)
        future.add_done_callback(self._in_flight.discard)
        return future

    def _wait(self, future: Future[T]) -> T:
        try:
            while True:
                # A timed wait keeps Ctrl-C responsive where a blocked lock is not interruptible.
                try:
                    return future.result(timeout=0.5)
                except TimeoutError:
                    if future.done():  # the call itself raised TimeoutError
                        raise
        except CancelledError:
            if self.closed:
                raise ClientClosedError(
                    "the sync BatchServiceClient was closed while this call ran"
                ) from None
            raise
        except BaseException:
            # KeyboardInterrupt (Ctrl-C) lands here while the call still runs: cancel it on its loop.
            future.cancel()
            raise

    def _finish(self, agen: AsyncIterator[Any], cursor: _Cursor) -> None:
        """Close an iteration's async generator on the loop; after close() the loop's shutdown did."""
        with self._lock:
            if self.closed:
                return
            future = asyncio.run_coroutine_threadsafe(_aclose(agen, cursor), self._loop)
        self._wait(future)

    def _check_open(self) -> None:
        if self.forked:
            raise ClientClosedError(
                f"this sync BatchServiceClient was created in process {self._pid}, before a fork; its "
                "event-loop thread stayed there, so create a new client in this process"
            )
        if self._closed:
            raise ClientClosedError("this sync BatchServiceClient is closed; create a new one")
        if threading.get_ident() == self.loop_thread_id:
            raise RuntimeError("the sync client was called on its own event loop; use the async client there")


def _start_portal() -> tuple[BlockingPortal, threading.Thread]:
    """A loop thread running a portal: ``start_blocking_portal`` without its context manager.

    That one is a generator, which the garbage collector closes at exit, in a forked child too,
    where it would wait for ever on the parent's loop thread.
    """
    ready: Future[BlockingPortal] = Future()

    async def serve() -> None:
        async with BlockingPortal() as portal:
            ready.set_result(portal)
            await portal.sleep_until_stopped()

    def run() -> None:
        try:
            anyio.run(serve, backend="asyncio")
        except BaseException as exc:
            if ready.done():
                raise
            ready.set_exception(exc)

    thread = threading.Thread(target=run, name="batchjobs-sync-loop", daemon=True)
    thread.start()
    return ready.result(), thread


class _Cursor:
    """The task fetching an iteration's next item, so the generator is closed only once it is done."""

    __slots__ = ("task",)

    def __init__(self) -> None:
        self.task: asyncio.Task[Any] | None = None


def _items(pages: Iterator[Page[T]]) -> Iterator[T]:
    for page in pages:
        items = page.items
        del page  # its response body goes now; each item once the caller drops it
        yield from hand_over(items)


async def _as_coroutine(awaitable: Awaitable[T]) -> T:
    return await awaitable


async def _next_or_done(agen: AsyncIterator[T], cursor: _Cursor) -> T | object:
    cursor.task = asyncio.current_task()
    try:
        return await agen.__anext__()
    except StopAsyncIteration:
        return _DONE


async def _aclose(agen: AsyncIterator[Any], cursor: _Cursor) -> None:
    task = cursor.task
    if task is not None and not task.done():
        # A Ctrl-C cancelled it a moment ago: closing the generator before it has unwound
        # would fail with "aclose(): asynchronous generator is already running".
        await asyncio.wait([task])
    aclose = getattr(agen, "aclose", None)
    if aclose is not None:
        await aclose()
