"""The public surface: complete, sorted, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import batchjobs
import batchjobs.errors


def test_all_is_sorted_and_every_name_resolves():
    assert batchjobs.__all__ == sorted(batchjobs.__all__)
    for name in batchjobs.__all__:
        assert getattr(batchjobs, name) is not None
    assert dir(batchjobs) == sorted(batchjobs.__all__)


def test_every_exception_is_exported_from_both_places():
    exceptions = list(batchjobs.errors.__all__)
    assert set(exceptions) <= set(batchjobs.__all__)
    for name in exceptions:
        assert getattr(batchjobs, name) is getattr(batchjobs.errors, name)
        assert issubclass(getattr(batchjobs, name), batchjobs.BatchJobsError)


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="NoSuchThing"):
        batchjobs.NoSuchThing  # noqa: B018


def test_import_loads_only_the_exceptions_until_something_is_used():
    code = (
        "import sys, batchjobs\n"
        "assert 'httpx' not in sys.modules and 'batchjobs.models' not in sys.modules, sorted(sys.modules)\n"
        "client_type = batchjobs.BatchServiceClient\n"
        "assert 'batchjobs._client' in sys.modules and 'batchjobs.models' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
