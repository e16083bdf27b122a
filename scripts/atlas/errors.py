"""One exception hierarchy; every message is `path:line: what is wrong — how to fix it`."""

from __future__ import annotations

from collections.abc import Iterable

EXIT_STALE = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class AtlasError(Exception):
    """Base class: anything the build reports to the user on purpose."""

    exit_code = EXIT_INTERNAL


class InputError(AtlasError):
    """Bad input that the user can fix; names the file, the line and the fix."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, path: str, line: int | None, message: str, fix: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message} — {self.fix}"


class EditConflict(InputError):
    """A hand edit where the build would overwrite it."""


class InputErrors(AtlasError):
    """Several independent input errors, reported together."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line or 0, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))


def raise_all(errors: list[InputError]) -> None:
    """Raise the collected errors, if any, as one exception."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
