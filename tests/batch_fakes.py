"""A fake engine for the batch executor's failure handling: what a page does is set by its width in
pixels, so a test can make one page fail, hang or kill its worker process, which the real models never
do on demand. Importable by the spawned worker processes (the tests folder is on their sys.path)."""

from __future__ import annotations

import os
import time

from docscan.core.engine import PageOcr
from docscan.core.results import TextLine

FAILS = 101  # raises, while the file named by $DOCSCAN_FAKE_FAIL_FLAG exists (or always, without one)
HANGS = 102  # never returns
CRASHES = 103  # the process dies as a native crash would take it


class FakeEngine:
    def __init__(self, config):
        self.config = config
        self.models = {"det": "fake-det", "rec": "fake-rec"}

    def check(self) -> dict:
        return {}

    def load(self) -> None:
        pass

    def close(self) -> None:
        pass

    def recognize_image(self, image):
        width = image.width
        flag = os.environ.get("DOCSCAN_FAKE_FAIL_FLAG")
        if width == FAILS and (flag is None or os.path.exists(flag)):
            raise RuntimeError("the fake engine fails on this page")
        if width == HANGS:
            time.sleep(3600)
        if width == CRASHES:
            os._exit(139)
        line = TextLine([(0, 0), (width, 0), (width, 10), (0, 10)], f"width {width}", 0.99)
        return PageOcr([line], 0.0), 0


def fake_engine(config) -> FakeEngine:
    return FakeEngine(config)


def broken_engine(config):
    """An engine whose library fails as it starts (not a DocScanError), with a message of several lines."""
    raise RuntimeError("the fake library found no device\nand a long traceback after it")
