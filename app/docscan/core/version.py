"""DocScan's version, read from the installed package's metadata (pyproject.toml's ``version`` is the one
place it is written; the desktop bundle carries the metadata too)."""

from importlib import metadata

try:
    VERSION = metadata.version("docscan")
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    VERSION = "0+unknown"
