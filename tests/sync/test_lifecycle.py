"""The sync client's life around its loop thread: forks, Ctrl-C in a listing, close() while calls run."""

from __future__ import annotations

import gc
import signal
import subprocess
import sys
import textwrap
import threading
import warnings

import anyio
import anyio.lowlevel
import httpx
import pytest

from batchjobs import ClientClosedError, SharedKeyCredentials
from batchjobs.sync import BatchServiceClient

ACCOUNT = "contosobatch"
KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
BASE_URL = "https://contosobatch.westus.batch.azure.com"


class Service:
    """Jobs in pages of two; a request for ``blocked`` waits until it is cancelled."""

    def __init__(self, blocked: str = "") -> None:
        self.blocked = blocked
        self.entered = threading.Event()
        self.cancelled = threading.Event()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.blocked and self.blocked in str(request.url):
            self.entered.set()
            try:
                await anyio.sleep_forever()
            except anyio.get_cancelled_exc_class():
                # Unwinding takes a few turns of the loop, as closing a real connection does.
                with anyio.CancelScope(shield=True):
                    for _ in range(5):
                        await anyio.lowlevel.checkpoint()
                self.cancelled.set()
                raise
        if request.url.path == "/jobs":
            page = int(request.url.params.get("p", "0"))
            body = {
                "value": [{"id": f"job-{page}-{i}"} for i in range(2)],
                "odata.nextLink": f"{BASE_URL}/jobs?p={page + 1}",
            }
            return httpx.Response(200, json=body)
        return httpx.Response(200, json={"id": request.url.path.rsplit("/", 1)[-1]})


def _client(service: Service) -> BatchServiceClient:
    return BatchServiceClient(
        SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=httpx.MockTransport(service)
    )


# ------------------------------------------------------------------------------------------- fork

FORK_SCRIPT = """
import os, sys
import httpx
from batchjobs import ClientClosedError, SharedKeyCredentials
from batchjobs.sync import BatchServiceClient

def make():
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"id": "job-1"}))
    return BatchServiceClient(SharedKeyCredentials(ACCOUNT, KEY), URL, transport=transport)

used, untouched = make(), make()
assert used.job.get("job-1").id == "job-1"
pid = os.fork()
if pid == 0:
    for name, call in [("get", lambda: used.job.get("job-1")), ("list", lambda: next(iter(used.job.list())))]:
        try:
            call()
        except ClientClosedError as error:
            print(f"child {name}: {error}", flush=True)
    print("child sees closed:", used.is_closed, untouched.is_closed, flush=True)
    used.close()
    sys.exit(0)  # exit runs the finalizers of both clients, the untouched one's too
_, status = os.waitpid(pid, 0)
print("child exit code:", os.waitstatus_to_exitcode(status), flush=True)
print("parent still gets:", used.job.get("job-1").id, flush=True)
used.close()
untouched.close()
"""


def test_a_forked_child_cannot_use_the_parents_client_and_exits_without_waiting_for_it():
    script = f"ACCOUNT, KEY, URL = {ACCOUNT!r}, {KEY!r}, {BASE_URL!r}\n{FORK_SCRIPT}"
    # The timeout only keeps a regression from hanging the suite; the child exits at once.
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("child get: this sync BatchServiceClient was created in process ")
    assert "before a fork" in lines[0]
    assert lines[1].startswith("child list: this sync BatchServiceClient was created in process ")
    assert lines[2:] == ["child sees closed: True True", "child exit code: 0", "parent still gets: job-1"]
    assert result.stderr == ""


def test_the_issue_reproduction_with_the_emulator_client_returns():
    script = textwrap.dedent(
        """
        import os, sys
        from batchjobs.testing import sync_emulator_client as s
        c = s()
        p = os.fork()
        sys.exit(0) if p == 0 else print(os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]))
        c.close()
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, "0\n"), result.stderr


# ------------------------------------------------------------------------------- Ctrl-C in a listing


def test_ctrl_c_while_a_sync_listing_fetches_a_page_raises_keyboard_interrupt():
    service = Service(blocked="p=1")
    with _client(service) as client:
        listing = iter(client.job.list())
        assert [next(listing).id, next(listing).id] == ["job-0-0", "job-0-1"]

        def interrupt() -> None:
            service.entered.wait()
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

        interrupter = threading.Thread(target=interrupt)
        interrupter.start()
        try:
            with pytest.raises(KeyboardInterrupt) as info:
                next(listing)
        finally:
            interrupter.join()
        assert not isinstance(info.value.__context__, RuntimeError)
        assert service.cancelled.is_set()  # the page request was cancelled on the loop
        with pytest.raises(StopIteration):
            next(listing)  # and the listing was closed there, cleanly
        service.blocked = ""
        assert client.job.get("job-9").id == "job-9"


# --------------------------------------------------------------------------- close() while calls run


def test_close_from_another_thread_makes_a_running_call_raise_client_closed():
    service = Service(blocked="job-1")
    client = _client(service)
    raised: list[BaseException] = []

    def call() -> None:
        try:
            client.job.get("job-1")
        except BaseException as exc:
            raised.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    service.entered.wait()
    client.close()
    caller.join()
    assert len(raised) == 1
    assert isinstance(raised[0], ClientClosedError)
    assert isinstance(raised[0], RuntimeError)
    assert "closed while this call ran" in str(raised[0])
    assert service.cancelled.is_set()


def test_a_listing_continued_after_close_raises_client_closed_without_a_warning():
    client = _client(Service())
    listing = iter(client.job.list())
    assert next(listing).id == "job-0-0"
    client.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert next(listing).id == "job-0-1"  # the page already fetched is still there
        with pytest.raises(ClientClosedError, match="closed"):
            next(listing)
        del listing
        gc.collect()
    assert [str(w.message) for w in caught] == []
    with pytest.raises(ClientClosedError):
        client.job.get("job-1")
