"""Errors carried across a worker's pipe: the worker sends the exception's class, by name from a declared
list, and its message; the parent raises the same class with the same message. No error is re-typed by
reading its text."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import (Cancelled, DocScanError, DocumentError, EngineUnavailable, ModelError, PasswordRequired,
                      TooLarge, TooManyPixels, first_line)
from .engines import ModelMismatch

# every class a worker may send, by name; an exception of another class travels as its nearest one here,
# and one that is no DocScanError (a library's) as RuntimeError with the first line of its message
CARRIED: dict[str, type[Exception]] = {cls.__name__: cls for cls in (
    DocScanError, DocumentError, TooLarge, TooManyPixels, PasswordRequired, ModelError, ModelMismatch,
    EngineUnavailable, Cancelled, RuntimeError)}


@dataclass(frozen=True)
class CarriedError:
    kind: str  # a name in CARRIED
    message: str  # str(error): what a person reads

    @classmethod
    def of(cls, error: BaseException) -> "CarriedError":
        for klass in type(error).__mro__:
            if CARRIED.get(klass.__name__) is klass:
                message = str(error) if isinstance(error, DocScanError) else first_line(error)
                return cls(klass.__name__, message)
        return cls("RuntimeError", first_line(error))

    def exception(self) -> Exception:
        """The error to raise in the parent."""
        return CARRIED.get(self.kind, RuntimeError)(self.message)
