"""The blocking ``BatchServiceClient``: the async client running on a private event-loop thread."""

from __future__ import annotations

import threading
import warnings
import weakref
from types import TracebackType
from typing import Any

from .._client import BatchServiceClient as AsyncBatchServiceClient
from ._bridge import Bridge
from ._files import FileOperations
from ._jobs import JobOperations
from ._tasks import TaskOperations

__all__ = ["BatchServiceClient"]


class BatchServiceClient:
    """A blocking client for the job, task and file operations; the async client's names and parameters.

    It works where an event loop already runs in the calling thread (Jupyter), because the async
    client lives on its own loop in a background thread. Use ``with BatchServiceClient(...) as
    client:`` or call ``close()``; a client that is garbage-collected without ``close()`` emits a
    ``ResourceWarning`` and stops its thread then. Safe to share between threads, not across a
    fork: in a child process a client made by the parent raises ``ClientClosedError``.

    Args:
        credentials: As for the async client.
        batch_url: The account endpoint.
        **settings: The async client's keyword settings (``transport``, ``retry_policy``,
            ``request_timeout``, ``connect_timeout``, ``read_timeout``, ``max_connections``,
            ``max_response_size``, ``verify``).
    """

    def __init__(self, credentials: object, batch_url: str, **settings: Any) -> None:
        bridge = Bridge()
        try:
            core = bridge.call(_build, credentials, batch_url, settings)
        except BaseException:
            bridge.close()
            raise
        self._bridge = bridge
        self._core = core
        self.batch_url = core.batch_url
        self.job = JobOperations(bridge, core.job)
        self.task = TaskOperations(bridge, core.task)
        self.file = FileOperations(bridge, core.file)
        self._finalizer = weakref.finalize(self, _shutdown, bridge, core, True)

    def close(self) -> None:
        """Close the connection pool and stop the background thread; idempotent.

        Calls still running (in other threads) raise ``ClientClosedError``. In a forked child, a
        client inherited from the parent is only marked closed.
        """
        if self._finalizer.detach() is not None:
            _shutdown(self._bridge, self._core, False)

    @property
    def is_closed(self) -> bool:
        return self._bridge.closed

    def __enter__(self) -> BatchServiceClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"batchjobs.sync.BatchServiceClient(batch_url={self.batch_url!r})"


async def _build(credentials: object, batch_url: str, settings: dict[str, Any]) -> AsyncBatchServiceClient:
    return AsyncBatchServiceClient(credentials, batch_url, **settings)


def _shutdown(bridge: Bridge, core: AsyncBatchServiceClient, forgotten: bool) -> None:
    if bridge.forked:
        # A client inherited through a fork (a process pool, a prefork server): its loop thread is
        # the parent's. Nothing here to stop, to wait for, or to warn about.
        bridge.close()
        return
    try:
        _stop(bridge, core)
    finally:
        if forgotten:  # warn last: with warnings as errors, the thread must be stopped already
            warnings.warn(
                "a sync batchjobs.BatchServiceClient was garbage-collected without close(); "
                "use it in a 'with' block or call close()",
                ResourceWarning,
                stacklevel=2,
            )


def _stop(bridge: Bridge, core: AsyncBatchServiceClient) -> None:
    if threading.get_ident() == bridge.loop_thread_id:
        # Collected on its own loop thread: that thread cannot wait for itself.
        threading.Thread(target=_stop, args=(bridge, core), daemon=True).start()
        return
    bridge.close(final=core.aclose)
