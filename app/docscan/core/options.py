"""A run's options, declared once: what a person chooses about one run over documents (render DPI, whether
to OCR or read a PDF's own text, which pages, the password, pages turned by hand, whether photos of pages
are flattened), as opposed to the
engine's options (``core.engine.ENGINE_OPTIONS``).

``RunOptions`` is the value the pipeline (``document_run.run_document``) takes; ``RUN_OPTIONS`` describes
each field for the front ends: the CLI's flags and --help (``cli.common.add_run_options``), the window's
settings and its Settings dialog, the service and ``docscan.ocr()``. ``RunOptions.given`` checks values as
a person typed them and says what is wrong in the words the CLI and the service have always used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from .documents import DEFAULT_DPI, MAX_DPI, MIN_DPI, PageRanges, parse_page_ranges


@dataclass(frozen=True)
class RunOptions:
    """One run's options; every front end builds one of these (``RUN_OPTIONS`` describes them)."""

    dpi: float | None = None  # PDF pages' render DPI; None: DEFAULT_DPI (an image keeps its own pixels)
    ocr_mode: str = "auto"  # auto, always or never (RUN_OPTIONS["ocr_mode"].choices says what each does)
    pages: PageRanges | Sequence[int] | None = None  # from 1; None: every page
    password: str | None = None  # of an encrypted PDF
    turns: Mapping[int, int] = field(default_factory=dict)  # page index -> degrees clockwise turned by hand
    flatten_photos: bool = True  # a photo of a page found, flattened and straightened (core.page_photo)

    def __post_init__(self):
        check("ocr_mode", self.ocr_mode)

    @property
    def render_dpi(self) -> float:
        """The DPI PDF pages are rendered at (the default when none was given)."""
        return float(self.dpi or DEFAULT_DPI)

    @classmethod
    def given(cls, *, pages: str | PageRanges | Sequence[int] | None = None, dpi: float | None = None,
              **others) -> "RunOptions":
        """Options as a person gave them (command-line flags, a request): page ranges as text ("1-3,7") are
        parsed and the DPI is checked against its range, in that order; OptionError says what is wrong."""
        if isinstance(pages, str):
            pages = parse_pages(pages)
        return cls(pages=pages, dpi=check("dpi", dpi), **others)


class OptionError(ValueError):
    """A value given for a run option that cannot be used. ``str()`` says it as the CLI does ("--dpi must
    be between 50 and 600", "--pages: ..."); ``named(name)`` with another name ("pages: ..." for the service)."""

    def __init__(self, option: "RunOption", problem: str, separator: str = " "):
        self.option, self.problem, self.separator = option, problem, separator
        super().__init__(self.named(option.flag))

    def named(self, name: str) -> str:
        return f"{name}{self.separator}{self.problem}"


@dataclass(frozen=True)
class Choice:
    value: str
    help: str  # what it does, in the words of --help


@dataclass(frozen=True)
class RunOption:
    """One RunOptions field as people set it: its type, default, choices or range, help and the window's
    settings key."""

    field: str
    kind: type  # the type a person's text becomes (argparse's type=)
    help: str
    title: str = ""  # its name in a sentence ("OCR mode")
    choices: tuple[Choice, ...] = ()
    range: tuple[float, float] | None = None  # inclusive
    parse: Callable[[str], Any] | None = None  # text as a person writes it -> the value; ValueError says why not
    none_means: Any = None  # what a default of None stands for (the DPI: DEFAULT_DPI)
    setting: str | None = None  # the window's settings key, for an option the window keeps
    switch: str = ""  # a yes/no option on by default: the flag that turns it off ("--no-flatten")

    @property
    def default(self):
        return RunOptions.__dataclass_fields__[self.field].default

    @property
    def shown_default(self):
        """The default as a person sees it: what None stands for where the default is None."""
        return self.none_means if self.default is None else self.default

    @property
    def flag(self) -> str:
        return self.switch or "--" + self.field.replace("_", "-")

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    @property
    def full_help(self) -> str:
        """The help with each choice's words ("auto: ... (default); always: ...") and the default."""
        if self.kind is bool:
            return self.help
        if self.choices:
            return "; ".join(f"{c.value}: {c.help}" + (" (default)" if c.value == self.default else "")
                             for c in self.choices)
        if self.shown_default is not None:
            return f"{self.help} (default {self.shown_default})"
        return self.help


_OPTIONS = (
    RunOption("pages", str, "pages to recognise in each file, from 1: e.g. 1-3,7", title="pages",
              parse=parse_page_ranges),
    RunOption("dpi", float, "render DPI for PDF pages", title="DPI", range=(MIN_DPI, MAX_DPI), none_means=DEFAULT_DPI,
              setting="render/dpi"),
    RunOption("password", str, "password of encrypted PDFs", title="password"),
    RunOption("ocr_mode", str, "", title="OCR mode", setting="ocr/mode", choices=(
        Choice("auto", "use a PDF page's own text layer where it is good, OCR the rest"),
        Choice("always", "OCR every page"),
        Choice("never", "only read text layers"))),
    RunOption("flatten_photos", bool, "leave photos of pages as they are: by default an image whose page lies "
              "inside the frame is cropped to it, its perspective flattened, its light evened out and its lines "
              "straightened (the file is not changed; scans are left as they are either way)",
              title="flatten photos", setting="photos/flatten", switch="--no-flatten"),
)
RUN_OPTIONS: dict[str, RunOption] = {option.field: option for option in _OPTIONS}
OCR_MODES = RUN_OPTIONS["ocr_mode"].values


def check(name: str, value):
    """``value`` when it is one option ``name`` takes (None always is: the default); else OptionError for
    a value out of its range, ValueError for one not among its choices (a program's mistake: the CLI's
    choices and the window's list offer only these)."""
    option = RUN_OPTIONS[name]
    if value is None:
        return value
    if option.range is not None and not option.range[0] <= value <= option.range[1]:
        raise OptionError(option, f"must be between {option.range[0]} and {option.range[1]}")
    if option.choices and value not in option.values:
        raise ValueError(f"unknown {option.title} {value!r}: choose one of {', '.join(option.values)}")
    return value


def parse_pages(text: str | None) -> PageRanges | None:
    """Page ranges as a person writes them ("1-3,7", "5-"); None for none given (every page)."""
    if not text:
        return None
    option = RUN_OPTIONS["pages"]
    try:
        return option.parse(text)
    except ValueError as exc:
        raise OptionError(option, str(exc), ": ") from None
