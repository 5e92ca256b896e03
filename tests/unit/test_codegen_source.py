"""Compiled structure functions register their source, so tracebacks through them are readable."""

from __future__ import annotations

import traceback

import pytest

from batchjobs import models
from batchjobs._codegen import compile_structure
from batchjobs._serialization import _field_wire_names, make_converter


@pytest.mark.parametrize("lazy", [False, True])
def test_a_traceback_through_a_compiled_function_shows_its_line(lazy: bool) -> None:
    cls = models.PoolInformation
    structure = compile_structure(cls, make_converter(), _field_wire_names(cls), lazy=lazy)
    with pytest.raises(TypeError) as info:
        structure(["not", "an", "object"])
    frames = traceback.extract_tb(info.tb)
    compiled = [frame for frame in frames if frame.filename.startswith("<batchjobs structure")]
    assert compiled, [frame.filename for frame in frames]
    assert compiled[0].filename == f"<batchjobs structure PoolInformation {'lazy' if lazy else 'eager'}>"
    assert compiled[0].line == "_not(o, 'a JSON object')"
    assert "_not(o, 'a JSON object')" in "".join(traceback.format_tb(info.tb))
