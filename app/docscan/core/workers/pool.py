"""Slots of worker processes, with what every user of several workers needs written once: start workers
up to a size ("grow", also to replace one that died or retired), hand a task to an idle one, hear the
answers, see a worker die or overrun ``page_timeout`` on a page (it is killed), retire one.

The pool decides nothing about the work: the batch (core/batch/local.py) and the service
(server/engine_queue.py) each say what a lost worker means for its task."""

from __future__ import annotations

import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Iterator

from .messages import Idle, PageRow, PageStarted, Ready, Retiring, Stop
from .process import WorkerProcess, WorkerSpec


@dataclass
class Slot:
    worker: WorkerProcess
    number: int  # from 1, in the order started
    ready: bool = False  # its engine is loaded
    name: str = ""  # host:pid, from Ready
    task: Any = None  # the user's: what this worker is doing; None while it is idle
    page: int | None = None  # the page in progress (PageStarted), for page_timeout
    page_started: float = 0.0

    @property
    def pid(self) -> int | None:
        return self.worker.pid


@dataclass(frozen=True)
class Lost:
    """The worker died (``reason``: exit_reason) or was killed for overrunning page_timeout; its slot is gone."""

    reason: str


class WorkerPool:
    def __init__(self, spec: WorkerSpec, *, name: str, page_timeout: float | None = None):
        """``name``: the processes' name, with {number} for the slot's number."""
        self.spec = spec
        self.name = name
        self.page_timeout = page_timeout
        self.slots: list[Slot] = []
        self.started = 0

    @property
    def pids(self) -> list[int]:
        return [slot.pid for slot in list(self.slots) if slot.pid]

    def grow(self, size: int) -> int:
        """Start workers until there are ``size``; how many were started."""
        started = 0
        while len(self.slots) < size:
            self.started += 1
            self.slots.append(Slot(WorkerProcess(self.spec, name=self.name.format(number=self.started)),
                                   self.started))
            started += 1
        return started

    def idle(self) -> list[Slot]:
        """Ready workers without a task."""
        return [slot for slot in list(self.slots) if slot.ready and slot.task is None]

    def assign(self, slot: Slot, task: Any, request) -> None:
        """Give ``slot`` its task and send the request. A worker that died since it was idle is not an
        error here: its death comes from answers() as Lost, with the task still on its slot."""
        slot.task, slot.page = task, None
        slot.worker.send(request)

    def answers(self, timeout: float) -> Iterator[tuple[Slot, Any]]:
        """(slot, answer) for each answer that came within ``timeout`` seconds, in order, then (slot, Lost)
        for each worker that ended or overran page_timeout (removed from the pool). A Retiring worker is
        stopped and removed after its answer; Idle and Retiring free the slot's task."""
        slots = list(self.slots)
        for readable in wait([w for slot in slots for w in slot.worker.waitables], timeout=timeout):
            slot = next((s for s in slots if readable in s.worker.waitables), None)
            if slot is None or slot not in self.slots:
                continue
            for answer in slot.worker.received():
                self._track(slot, answer)
                yield slot, answer
                if slot not in self.slots:  # retired, or the user retired it
                    break
            if slot in self.slots and not slot.worker.alive:
                reason = slot.worker.exit_reason()
                self._remove(slot, grace=0)
                yield slot, Lost(reason)
        if self.page_timeout:
            now = time.monotonic()
            for slot in list(self.slots):
                if slot.page is not None and now - slot.page_started > self.page_timeout:
                    self._remove(slot, grace=0)
                    yield slot, Lost(f"timed out: no result after {self.page_timeout:.0f} s")

    def _track(self, slot: Slot, answer) -> None:
        if isinstance(answer, Ready):
            slot.ready, slot.name = True, answer.worker
        elif isinstance(answer, PageStarted):
            slot.page, slot.page_started = answer.page, time.monotonic()
        elif isinstance(answer, PageRow):
            slot.page = None
        elif isinstance(answer, (Idle, Retiring)):
            slot.task, slot.page = None, None
            if isinstance(answer, Retiring):  # it ends by itself after saying so: no wait for it here (the
                # service's dispatcher would hold every other worker's answers meanwhile)
                self._remove(slot, grace=0)

    def retire(self, slot: Slot) -> None:
        """Stop an idle worker politely and free its slot."""
        self._remove(slot)

    def _remove(self, slot: Slot, grace: float = 5.0) -> None:
        slot.worker.stop(grace)
        if slot in self.slots:
            self.slots.remove(slot)

    def close(self, grace: float = 5.0) -> list[Slot]:
        """Stop every worker (each asked first, then given ``grace`` seconds, then killed); the slots that
        still had a task."""
        slots, self.slots = list(self.slots), []
        for slot in slots:
            if slot.worker.alive:
                slot.worker.send(Stop())
        for slot in slots:
            slot.worker.stop(grace)
        return [slot for slot in slots if slot.task is not None]
