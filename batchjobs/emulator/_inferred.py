"""What the emulator does where no source says what the service does: every [INF] fact of
``spec/tasks-api.md`` that the task emulation relies on, in one place, so that each is easy to find
and to change when a live account shows otherwise.
"""

from __future__ import annotations

__all__ = [
    "ADD_RESULT_STATUS",
    "CREATED_WITH_TERMINATEJOB_WAITS_FOR_A_TASK",
    "DEFAULT_RETENTION",
    "ILLEGAL_TASK_STATE",
    "JOB_TERMINATE_LEAVES_ACTIVE_TASKS",
    "RESERVED_TASK_IDS",
    "TASK_ENDED",
    "TASK_FILES_CLEANED_UP",
    "TASK_FILES_UNAVAILABLE",
    "TERMINATED_TASK_RESULT",
]

#: How add_collection results spell their status: the service writes ``Success`` [REC]; the
#: failure spellings were never recorded, so they follow the same capitalisation. [INF]
ADD_RESULT_STATUS = {"success": "Success", "clienterror": "ClientError", "servererror": "ServerError"}

#: The 409 codes and messages for operations a task's state refuses (tasks-api.md §11.2). [INF]
ILLEGAL_TASK_STATE = {
    "completed": ("TaskCompleted", "The specified task is already completed."),
    "not_completed": ("TaskNotCompleted", "The specified task is not completed."),
    "succeeded": ("TaskSucceeded", "The specified task completed successfully and cannot be reactivated."),
}

#: The 409s of the file API for a task with no files (tasks-api.md §9.6): the codes are documented,
#: which one a task that has not started gets and both messages are ours. [INF]
TASK_FILES_UNAVAILABLE = (
    "TaskFilesUnavailable",
    "The files of the specified task are not available: the task has not run yet.",
)
TASK_FILES_CLEANED_UP = (
    "TaskFilesCleanedup",
    "The files of the specified task have been cleaned up: its retention time has passed.",
)

#: Task ids the job's preparation and release tasks use; adding one is refused with this code.
RESERVED_TASK_IDS = {
    "jobpreparation": (
        "TaskIdSameAsJobPreparationTask",
        "The task id is the same as the job preparation task.",
    ),
    "jobrelease": ("TaskIdSameAsJobReleaseTask", "The task id is the same as the job release task."),
}

#: A task ended by terminate (its own, or its job's with ``disable terminate``): completed, failed,
#: with this failure info (documented code, category and wording inferred). [INF]
TASK_ENDED = {"category": "usererror", "code": "TaskEnded", "message": "Task was ended by user request"}
TERMINATED_TASK_RESULT = "failure"

#: Terminating a job stops its running tasks; tasks still active stay active and never run (the
#: 15.x docstring of terminate_job). [SDK docstring; the handling of running tasks is INF]
JOB_TERMINATE_LEAVES_ACTIVE_TASKS = True

#: A job created with onAllTasksComplete=terminatejob and no task yet waits for its first task:
#: the "all tasks complete" check runs when a task completes or when the setting is changed (a
#: PATCH to terminatejob on a job with no unfinished task terminates it: the documented race). [INF]
CREATED_WITH_TERMINATEJOB_WAITS_FOR_A_TASK = True

#: ``constraints.retentionTime`` when the task leaves it out: real traffic shows P7D. [REC]
DEFAULT_RETENTION = "P7D"
