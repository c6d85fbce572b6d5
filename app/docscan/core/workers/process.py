"""One worker process and the parent's handle on it: start (spawned), wait for Ready, send a request,
receive answers, stop it politely then kill it, and say why it ended."""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass

from .engines import EngineFactory
from .messages import Fatal, Ready, Stop
from .worker_main import worker_main


def cpu_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker loads and how long it lives (sent to the spawned process)."""

    settings: dict  # run_settings: the engine's config, dpi, OCR mode
    models: dict  # the fingerprint its model files must match
    threads: int | None = None  # ONNX Runtime threads
    engine_factory: EngineFactory | None = None  # None: the default store's engine
    password: str | None = None  # for a batch's PDFs
    retries: int = 2  # more tries for a page that comes back with an error (a batch's shards)
    recycle_pages: int = 0  # retire after this many pages (0: never)
    max_rss_mb: float = 0.0  # ... or when grown past this after an answer (0: no limit)


class WorkerExited(Exception):
    """The worker's end of the pipe closed: the process has ended (or is ending)."""


class WorkerProcess:
    """A spawned worker (fork would copy a loaded engine and its threads) and the parent's end of its pipe.
    ``stop_event`` (a spawn-context Event), set by the parent, stops the image in progress at its next step."""

    def __init__(self, spec: WorkerSpec, *, name: str, stop_event=None):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=worker_main, name=name, daemon=True, args=(child, spec, stop_event))
        self.process.start()
        child.close()
        self.last_answer = None  # the last answer taken from the pipe (receive, received)

    @property
    def pid(self) -> int | None:
        return self.process.pid

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    @property
    def exitcode(self) -> int | None:
        return self.process.exitcode

    @property
    def waitables(self) -> tuple:
        """For multiprocessing.connection.wait: readable when an answer comes or the process ends."""
        return self.conn, self.process.sentinel

    def exit_reason(self) -> str:
        """Why the process ended, for a person (waits up to a second for it to be reaped)."""
        self.process.join(1)
        return exit_reason(self.process)

    def wait_ready(self, timeout: float) -> Ready | None:
        """The Ready answer; None when none came within ``timeout`` seconds. Raises the worker's own error
        when its engine could not start (Fatal), WorkerExited when it ended before answering."""
        try:
            if not self.conn.poll(timeout):
                return None
        except (EOFError, OSError):
            raise WorkerExited() from None
        answer = self.receive()
        if isinstance(answer, Fatal):
            raise answer.error.exception()
        return answer

    def send(self, request) -> bool:
        """Send a request; False when the worker has died since (its death shows at the next receive or
        in ``waitables``, where the caller handles it: raised here, a BrokenPipeError once ended the job)."""
        try:
            self.conn.send(request)
        except OSError:
            return False
        return True

    def receive(self):
        """The next answer, waiting for it; WorkerExited when the process has ended."""
        try:
            self.last_answer = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerExited() from None
        return self.last_answer

    def received(self) -> list:
        """The answers already in the pipe, without waiting."""
        answers = []
        try:
            while self.conn.poll():
                answers.append(self.conn.recv())
                self.last_answer = answers[-1]
        except (EOFError, OSError):
            pass
        return answers

    def answer_waiting(self, timeout: float = 0.0) -> bool:
        """An answer (or the end of the pipe) is there to be taken; waits up to ``timeout`` seconds for one."""
        try:
            return self.conn.poll(timeout)
        except (EOFError, OSError):
            return True

    def kill(self) -> None:
        """SIGKILL now, from any thread (a receive waiting on it raises WorkerExited)."""
        if self.process.is_alive():
            self.process.kill()

    def stop(self, grace: float = 5.0) -> None:
        """Ask the worker to stop and give it ``grace`` seconds, then kill it (0: kill at once); the pipe
        is closed after."""
        if grace and self.process.is_alive():
            self.send(Stop())
            self.process.join(grace)
        self.kill()
        self.process.join(5)
        self.conn.close()


def exit_reason(process: multiprocessing.Process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        return f"the worker process was killed ({signal.Signals(-code).name})"
    return f"the worker process stopped (exit code {code})"
