"""``python -m batchjobs.emulator``: serve the emulator over HTTP with uvicorn.

Prints one line, the URL it listens on (``http://127.0.0.1:40123``), as soon as it accepts
connections, and stops cleanly (exit status 0) on SIGINT or SIGTERM. Every flag has an
environment-variable twin; a flag given on the command line wins.

=====================  ===================================  ========================================
flag                   environment variable                 meaning
=====================  ===================================  ========================================
``--host``             ``BATCHJOBS_EMULATOR_HOST``          interface to bind (default 127.0.0.1)
``--port``             ``BATCHJOBS_EMULATOR_PORT``          port; 0 (default) picks a free one
``--account-name``     ``BATCHJOBS_EMULATOR_ACCOUNT_NAME``  account to sign for (default devaccount)
``--account-key``      ``BATCHJOBS_EMULATOR_ACCOUNT_KEY``   its Base64 key (default: the dev key)
``--no-auth``          ``BATCHJOBS_EMULATOR_NO_AUTH``       accept unsigned requests
``--allow-tokens``     ``BATCHJOBS_EMULATOR_ALLOW_TOKENS``  accept ``Authorization: Bearer <any>``
``--policy``           ``BATCHJOBS_EMULATOR_POLICY``        instant, reads[:N] (default reads:1),
                                                            clock:SECONDS or held
``--max-lifetime``     ``BATCHJOBS_EMULATOR_MAX_LIFETIME``  stop after this many seconds (0: never)
``--log-level``        ``BATCHJOBS_EMULATOR_LOG_LEVEL``     uvicorn log level (default warning)
``--executor``         ``BATCHJOBS_EMULATOR_EXECUTOR``      simulate (default), subprocess or container
``--slots``            ``BATCHJOBS_EMULATOR_SLOTS``         task slots of the local pool (default 4)
``--task-root``        ``BATCHJOBS_EMULATOR_TASK_ROOT``     where task directories go (default: a
                                                            temporary directory removed at exit)
=====================  ===================================  ========================================

Boolean variables take 1/true/yes/on or 0/false/no/off. An executor that runs command lines
(subprocess, container) refuses a non-loopback ``--host`` and ``--no-auth``; ``--no-auth`` refuses
a non-loopback ``--host``, and a non-loopback host with the public development key gets a warning.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence

from .._auth import is_loopback_host
from ._app import create_app
from ._auth import ACCOUNT_KEY, ACCOUNT_NAME
from ._emulator import Emulator
from ._policy import TransitionPolicy
from ._server import UvicornServer

_PREFIX = "BATCHJOBS_EMULATOR_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(_PREFIX + name, "").strip().lower()
    if value not in _TRUE | _FALSE:
        raise SystemExit(f"{_PREFIX}{name} must be one of 1/true/yes/on or 0/false/no/off, not {value!r}")
    return value in _TRUE


def build_parser(env: Mapping[str, str] | None = None) -> argparse.ArgumentParser:
    """The CLI, with defaults read from ``BATCHJOBS_EMULATOR_*`` variables."""
    env = os.environ if env is None else env

    def default(name: str, fallback: str) -> str:
        return env.get(_PREFIX + name, fallback)

    parser = argparse.ArgumentParser(
        prog="python -m batchjobs.emulator",
        description="Serve a local emulator of the Azure Batch job, task and task-file operations.",
    )
    parser.add_argument("--host", default=default("HOST", "127.0.0.1"), help="interface to bind")
    parser.add_argument("--port", type=int, default=int(default("PORT", "0")), help="port (0: any free)")
    parser.add_argument("--account-name", default=default("ACCOUNT_NAME", ACCOUNT_NAME))
    parser.add_argument("--account-key", default=default("ACCOUNT_KEY", ACCOUNT_KEY))
    parser.add_argument(
        "--no-auth", action="store_true", default=_flag(env, "NO_AUTH"), help="accept unsigned requests"
    )
    parser.add_argument(
        "--allow-tokens",
        action="store_true",
        default=_flag(env, "ALLOW_TOKENS"),
        help="accept 'Authorization: Bearer <anything>' (the token is not checked)",
    )
    parser.add_argument(
        "--policy",
        default=default("POLICY", "reads:1"),
        help="when transitional states settle: instant, reads[:N], clock:SECONDS or held",
    )
    parser.add_argument(
        "--max-lifetime", type=float, default=float(default("MAX_LIFETIME", "0")), help="seconds; 0: never"
    )
    parser.add_argument("--log-level", default=default("LOG_LEVEL", "warning"))
    parser.add_argument(
        "--executor",
        default=default("EXECUTOR", "simulate"),
        choices=["simulate", "subprocess", "container"],
        help="what runs tasks: simulate (nothing runs), subprocess or container (command lines run)",
    )
    parser.add_argument("--slots", type=int, default=int(default("SLOTS", "4")), help="task slots")
    parser.add_argument("--task-root", default=default("TASK_ROOT", "") or None, help="task directories")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.executor != "simulate" and not is_loopback_host(args.host):
        print(
            f"error: --executor {args.executor} runs command lines: bind a loopback --host", file=sys.stderr
        )
        return 2
    if not is_loopback_host(args.host):
        if args.no_auth:
            print(
                "error: --no-auth serves anyone who reaches the port: bind a loopback --host", file=sys.stderr
            )
            return 2
        if args.account_key == ACCOUNT_KEY:
            print(
                f"WARNING: serving on {args.host} with the development account key, which is public: "
                "anyone who reaches the port can use this emulator; pass --account-key",
                file=sys.stderr,
            )
    try:
        policy = TransitionPolicy.parse(args.policy)
        emulator = Emulator(
            policy=policy,
            auth=not args.no_auth,
            allow_tokens=args.allow_tokens,
            account_name=args.account_name,
            account_key=args.account_key,
            executor=args.executor,
            slots=args.slots,
            task_root=args.task_root,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app = create_app(emulator)

    def ready(url: str) -> None:
        print(url, flush=True)

    server = UvicornServer(
        app,
        host=args.host,
        port=args.port,
        on_ready=ready,
        max_lifetime=args.max_lifetime or None,
        handle_signals=True,
        log_level=args.log_level,
    )
    try:
        server.run()
    finally:
        emulator.close()  # no task process outlives the server
    return 0 if server.started else 1


if __name__ == "__main__":
    sys.exit(main())
