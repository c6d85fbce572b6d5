"""The bundle's executable: the same arguments as `docscan` (DocScan FILE..., DocScan ocr ..., --self-test)."""

import os
import sys

os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")

from docscan.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
