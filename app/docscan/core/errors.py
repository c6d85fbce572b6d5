"""Errors the core raises. Each message is written for the person using DocScan, not for a developer:
it says what went wrong with which file or model, and what to do about it."""


class DocScanError(Exception):
    """Base of every error DocScan reports to a person. ``str(error)`` is the message to show."""


class DocumentError(DocScanError):
    """A file could not be read as an image or PDF (missing, empty, damaged, encrypted, too large...)."""


class TooLarge(DocumentError):
    """The file is over a size limit (pixels, pages): not broken, but more than DocScan takes."""


class TooManyPixels(TooLarge):
    """An image over the pixel limit: it can still be read scaled down (documents.scaled_down_image)."""


class PasswordRequired(DocumentError):
    """The PDF is encrypted and no password, or a wrong one, was given."""


class ModelError(DocScanError):
    """A model DocScan needs is not installed, is incomplete or has been altered."""


class EngineUnavailable(DocScanError):
    """The requested engine, backend or device cannot run here (no GPU, backend not installed...)."""


class Cancelled(DocScanError):
    """The user cancelled the work."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (third-party messages can run to pages)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
