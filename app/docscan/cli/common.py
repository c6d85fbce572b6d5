"""What every ``docscan`` command shares: exit codes, the parser that reports usage errors, the engine's and
a run's options as flags (read from ``core.engine.ENGINE_OPTIONS`` and ``core.options.RUN_OPTIONS``), and
``report``, which says what went wrong and picks the exit code.

Exit codes: 0 all done; 1 some input failed (the rest is still written); 2 usage; 3 model or engine
unavailable. Never 124 or above (scripts and CI read those as timeouts and signals).
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..core.engine import ENGINE_OPTIONS, EngineConfig
from ..core.errors import EngineUnavailable, ModelError
from ..core.formats import ExportOptions
from ..core.options import RUN_OPTIONS, OptionError, RunOptions
from ..core.options import check as check_option

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_ENGINE = 0, 1, 2, 3


class UsageError(Exception):
    pass


class CliParser(argparse.ArgumentParser):
    """argparse whose errors are UsageErrors, so that one place (``report``) prints them and decides the exit."""

    def error(self, message):  # argparse's own exit is 2 too; keep one place that decides
        self.print_usage(sys.stderr)
        raise UsageError(message)


def report(exc: Exception, prog: str = "docscan") -> int:
    """Say what went wrong on stderr; the exit code its kind means (usage 2, engine 3, input 1)."""
    print(f"{prog}: {exc}", file=sys.stderr)
    if isinstance(exc, UsageError):
        return EXIT_USAGE
    return EXIT_ENGINE if isinstance(exc, (ModelError, EngineUnavailable)) else EXIT_INPUT


def add_engine_options(parser: argparse.ArgumentParser, *, skip: Sequence[str] = ()) -> None:
    """One flag per engine option (core.engine.ENGINE_OPTIONS); ``engine_config(args)`` reads them back."""
    for option in ENGINE_OPTIONS:
        if option.field in skip:
            continue
        if option.kind is bool:
            parser.add_argument(option.flag, dest=option.field, help=option.help,
                                action="store_false" if option.flag_when_off else "store_true")
        else:
            number = option.kind is float
            parser.add_argument(option.flag, dest=option.field, choices=option.choices, default=option.default,
                                help=option.help, type=float if number else None,
                                metavar=("P" if number else "NAME" if not option.choices
                                         else "CODE" if len(option.choices) > 8 else None))


def engine_config(args, **overrides) -> EngineConfig:
    """The EngineConfig the engine flags on ``args`` name; a combination the family lacks is a usage error."""
    values = {o.field: getattr(args, o.field) for o in ENGINE_OPTIONS if hasattr(args, o.field)}
    try:
        return EngineConfig(**{**values, **overrides})
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def add_run_options(parser: argparse.ArgumentParser, fields: Sequence[str], notes: dict[str, str] | None = None) -> None:
    """One flag per run option named in ``fields`` (core.options.RUN_OPTIONS), in that order;
    ``run_options(args)`` reads them back. The flags' defaults are RunOptions' (None for the DPI: the
    pipeline's default, which --help shows). ``notes``: words a command adds to an option's help."""
    for name in fields:
        option = RUN_OPTIONS[name]
        note = (notes or {}).get(name)
        if option.kind is bool:  # on by default: its flag turns it off
            parser.add_argument(option.flag, dest=option.field, action="store_false", default=option.default,
                                help=option.full_help + (f" ({note})" if note else ""))
            continue
        parser.add_argument(option.flag, dest=option.field, default=option.default,
                            help=option.full_help + (f" ({note})" if note else ""),
                            type=None if option.kind is str else option.kind, choices=option.values or None)


def run_options(args) -> RunOptions:
    """The RunOptions the run-option flags on ``args`` give, checked as typed (--pages parsed, --dpi in its
    range); a value that cannot be used is a usage error in the words the CLI has always used."""
    values = {name: getattr(args, name) for name in RUN_OPTIONS if hasattr(args, name)}
    try:
        return RunOptions.given(**values)
    except OptionError as exc:
        raise UsageError(str(exc)) from None


def check_run_option(name: str, value):
    """One run option's value checked as ``run_options`` checks it (the service takes only --dpi)."""
    try:
        return check_option(name, value)
    except OptionError as exc:
        raise UsageError(str(exc)) from None


# formats that write tables alone, one a file: where --table chooses one
ONE_TABLE_FORMATS = ("csv",)


def add_export_options(parser: argparse.ArgumentParser) -> None:
    """The flags that shape an export beyond its format (``export_options(args)`` reads them back): every
    command that writes a format declares them here."""
    parser.add_argument("--table", type=int, default=None, metavar="N",
                        help="with -f csv: write only table N of each output file (from 1, counting its "
                             "tables page by page, through every input that goes into it); without it each "
                             "table goes to a file of its own (OUT-1.csv, OUT-2.csv ... when there are several)")


def export_options(args) -> ExportOptions:
    """The ExportOptions the export flags on ``args`` give; a choice the format has no use for is a usage
    error, not silently ignored."""
    table = getattr(args, "table", None)
    if table is not None:
        if args.format not in ONE_TABLE_FORMATS:
            raise UsageError(f"--table chooses one table of a CSV export (-f csv); -f {args.format} writes every "
                             "table")
        if table < 1:
            raise UsageError("--table counts tables from 1")
    return ExportOptions(table=table)
