"""The command line: ``docscan`` with no command opens the window; ``docscan ocr|batch|models|doctor|serve``."""

from .commands import main

__all__ = ["main"]
