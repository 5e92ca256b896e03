"""Without the otel extra, tracing is off from import on and calls work as before."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_without_opentelemetry_tracing_is_off_and_calls_work() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["opentelemetry"] = None  # as if the otel extra were not installed
        import anyio, httpx
        from batchjobs import BatchServiceClient, SharedKeyCredentials, _tracing

        async def main():
            def answer(request):
                if request.url.path == "/jobs":
                    return httpx.Response(200, json={"value": [{"id": "j"}]})
                return httpx.Response(200, json={"id": "j", "state": "active"})

            credentials = SharedKeyCredentials("acct", "a2V5")
            transport = httpx.MockTransport(answer)
            async with BatchServiceClient(credentials, "https://acct.batch.azure.com", transport=transport) as client:
                job = await client.job.get("j")
                listed = [j.id async for j in client.job.list()]
                async def no_wait(delay):
                    pass
                state = await client.job.wait_for_state("j", "active", sleep=no_wait)
            return job.id, listed, str(state)

        assert not _tracing.ENABLED
        print(anyio.run(main))
        assert not any(name.startswith("opentelemetry.") for name in sys.modules)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('j', ['j'], 'active')"
