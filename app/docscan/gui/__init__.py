"""The desktop window (PySide6). Talks to docscan.core; the core never imports anything from here."""
