"""Every model, enum and ``*Options`` class of the job, task and task-file operations, with the 14.x names."""

from __future__ import annotations

from ._common import *  # noqa: F403
from ._common import __all__ as _common_all
from ._enums import *  # noqa: F403
from ._enums import __all__ as _enums_all
from ._file import *  # noqa: F403
from ._file import __all__ as _file_all
from ._job import *  # noqa: F403
from ._job import __all__ as _job_all
from ._options import *  # noqa: F403
from ._options import __all__ as _options_all
from ._pool import *  # noqa: F403
from ._pool import __all__ as _pool_all
from ._task import *  # noqa: F403
from ._task import __all__ as _task_all
from ._tasks import *  # noqa: F403
from ._tasks import __all__ as _tasks_all

__all__ = sorted(
    [*_common_all, *_enums_all, *_file_all, *_job_all, *_options_all, *_pool_all, *_task_all, *_tasks_all]
)
