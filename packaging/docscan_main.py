"""The bundle's executable: the same arguments as `docscan` (DocScan FILE..., DocScan ocr ..., --self-test)."""

import os
import sys

os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")

from docscan.cli import main  # noqa: E402

if __name__ == "__main__":
    # docscan batch and serve --workers start worker processes with "spawn": in a frozen bundle the
    # executable itself is started again, and freeze_support() turns that start into the worker.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
