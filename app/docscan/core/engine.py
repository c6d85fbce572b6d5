"""The OCR engine: the installed models of one PP-OCR family and tier (catalogue.py), run by DocScan's own
pipeline (page_ocr.py) on one of the inference backends (backends.py). The backend chooses what runs the
models, not how a page is read.

``OcrEngine`` checks everything it needs (models installed and intact in the backend's format, the
backend importable, the device usable) before it loads, and fails with a message that names what to
install: there is no silent fallback to another model, backend or device. The pipeline is created on
first use. The pipeline is not safe to call from two threads at once (one inference request per model, as
PaddleOCR's predictors: PaddleOCR issues 8640, 18268, 16238), so calls are serialised by a lock; the GUI
and the server give each engine one worker.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
from dataclasses import dataclass, field, replace

import numpy as np

from .backends import BACKENDS as INFERENCE_BACKENDS, DeviceStatus
from .errors import EngineUnavailable, ModelError, first_line
from .catalogue import language_code
from .model_store import (CATALOGUE, DEFAULT_FAMILY, DEFAULT_LANG, FAMILIES, PAGE_CLASSIFIER, VARIANTS, ModelStore,
                     models_for, tier_for)
from .catalogue import LAYOUT_MODEL, TABLE_MODEL
from .tables import Region, Table, corners_moved, moved_regions, moved_tables
from .pictures import mark_lines_on_pictures
from .results import TextLine
from .layout import reading_order
from .review import DEFAULT_THRESHOLD, mark as mark_for_review

DEVICES = ("cpu", "gpu")
BACKENDS = tuple(INFERENCE_BACKENDS)  # core/backends.py: what runs the models
BACKEND_FORMATS = {name: backend.formats for name, backend in INFERENCE_BACKENDS.items()}
# DocScan's own steps, whose models exist only as ONNX: the page orientation classifier, and the English
# recogniser that lang auto re-reads PP-OCRv4's Latin-script text with; the layout and table structure
# models (tables: core/table_finder.py). They run on ONNX Runtime, and the English recogniser on the
# engine's backend where that reads ONNX (OpenVINO).
ONNX_STEPS = ("page_orientation", "latin_rec", "layout", "table")

# PaddleX probes its model hosts at import unless told not to; DocScan never downloads through it.
os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")


@dataclass(frozen=True)
class EngineConfig:
    """Every engine option, declared once: the CLI, the service, the window's settings and docscan.ocr()
    build one of these (``ENGINE_OPTIONS`` describes them for menus and --help)."""

    variant: str = "mobile"  # the card's words: mobile (the family's default tier) or server (its accurate one)
    device: str = "cpu"
    backend: str = "onnxruntime"
    angle: bool = False  # classify each text line as upright or upside down (PaddleOCR's textline orientation)
    lang: str = DEFAULT_LANG  # a language the family reads: kept as PaddleOCR names it (catalogue.language_code)
    cpu_threads: int | None = None  # None: the backend's default
    rotate: bool = True  # find pages scanned sideways or upside down and turn them before recognition
    det_model: str | None = None  # a catalogue name instead of the variant's detection model
    rec_model: str | None = None  # a catalogue name instead of the language's recogniser
    family: str = DEFAULT_FAMILY  # PP-OCRv6, PP-OCRv5 or PP-OCRv4
    tier: str | None = None  # a tier of the family (tiny, small, medium; mobile, server) instead of the variant's
    tables: bool = True  # find tables (their cells) and titles, figures, captions (core/table_finder.py)
    # a line whose character was read less sure than this is marked for review (core/review.py); 0: none
    review_threshold: float = DEFAULT_THRESHOLD

    def __post_init__(self):
        try:  # the window's settings keep it as text
            threshold = float(self.review_threshold)
        except (TypeError, ValueError):
            raise ValueError(f"review threshold {self.review_threshold!r} is not a number") from None
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"review threshold {threshold:g} is not between 0 (no review) and 1")
        object.__setattr__(self, "review_threshold", threshold)
        for value, allowed, what in ((self.variant, VARIANTS, "variant"), (self.device, DEVICES, "device"),
                                     (self.backend, BACKENDS, "backend"), (self.family, tuple(FAMILIES), "family")):
            if value not in allowed:
                raise ValueError(f"unknown {what} {value!r}: choose one of {', '.join(allowed)}")
        object.__setattr__(self, "lang", language_code(self.lang))  # ko -> korean: one name from here on
        models_for(self.family, self.resolved_tier, self.lang)  # ValueError for a tier or language it lacks
        for name, role in ((self.det_model, "det"), (self.rec_model, "rec")):
            if name is not None and (name not in CATALOGUE or CATALOGUE[name].role != role):
                known = ", ".join(n for n, s in CATALOGUE.items() if s.role == role)
                raise ValueError(f"{name!r} is not a {'detection' if role == 'det' else 'recognition'} model "
                                 f"DocScan knows (known: {known})")

    def with_changes(self, **changes) -> "EngineConfig":
        return replace(self, **changes)

    @property
    def resolved_tier(self) -> str:
        return tier_for(self.family, self.variant, self.tier)

    @property
    def label(self) -> str:
        """The family and tier as menus and status lines show them: "PP-OCRv6 small"."""
        return FAMILIES[self.family].label(self.resolved_tier)

    @property
    def model_names(self) -> dict[str, str]:
        names = models_for(self.family, self.resolved_tier, self.lang)
        if self.det_model:
            names["det"] = self.det_model
        if self.rec_model:
            names["rec"] = self.rec_model
        if not self.angle:
            names.pop("textline_orientation")
        if self.rotate:
            names["page_orientation"] = PAGE_CLASSIFIER
        if self.tables:
            names["layout"] = LAYOUT_MODEL
            names["table"] = TABLE_MODEL
        return names


@dataclass(frozen=True)
class EngineOption:
    """One EngineConfig field as people set it: the CLI's flag and help, the window's setting, the choices.
    The CLI (``cli.add_engine_options``), the service and the window's settings all read ENGINE_OPTIONS."""

    field: str
    help: str
    choices: tuple[str, ...] | None = None
    flag_when_off: bool = False  # a switch that is on by default: the flag turns it off (--no-rotate)

    @property
    def default(self):
        return EngineConfig.__dataclass_fields__[self.field].default

    @property
    def kind(self) -> type:
        return bool if isinstance(self.default, bool) else float if isinstance(self.default, float) else str

    @property
    def flag(self) -> str:
        name = self.field.replace("_", "-")
        return f"--no-{name}" if self.flag_when_off else f"--{name}"


ENGINE_OPTIONS = (
    EngineOption("family", "model family: " + "; ".join(f"{f.name} ({f.released}): tiers {', '.join(f.tier_names)}"
                                                        for f in FAMILIES.values()), tuple(FAMILIES)),
    EngineOption("variant", "the card's model size: mobile (the family's default tier: "
                 + ", ".join(f"{f.name} {f.mobile}" for f in FAMILIES.values()) + ") or server (its accurate tier: "
                 + ", ".join(f"{f.name} {f.server}" for f in FAMILIES.values()) + ")", VARIANTS),
    EngineOption("tier", "a tier of the family instead of the variant's (PP-OCRv6 tiny: the fastest)",
                 tuple(dict.fromkeys(t for f in FAMILIES.values() for t in f.tier_names))),
    EngineOption("device", "where inference runs", DEVICES),
    EngineOption("backend", "inference engine (default onnxruntime: several times faster on CPU)", BACKENDS),
    # No fixed choices: ISO codes and PaddleOCR's names are both taken, and EngineConfig says what is wrong.
    EngineOption("lang", "a language the family reads, as an ISO 639-1 code (fr, de, ja, ko, ru, ar, hi, th, ...) "
                 "or PaddleOCR's name (japan, korean, ...); 'docscan models list' shows what each family reads; "
                 "auto (default): all it reads, for PP-OCRv4 Latin-script text read by its English recogniser"),
    EngineOption("angle", "detect upside-down text lines (text-line orientation classifier)"),
    EngineOption("rotate", "do not look for pages scanned sideways or upside down", flag_when_off=True),
    EngineOption("tables", "do not look for tables, titles and figures (JSON, Markdown, the spreadsheet and Word "
                 "exports then have no tables or headings)", flag_when_off=True),
    EngineOption("review_threshold", "mark a line for review (JSON \"review\": true, with its reasons) when one of "
                 f"its characters was read less sure than this, from 0 (no review) to 1 (default {DEFAULT_THRESHOLD})"),
    EngineOption("det_model", "a detection model from 'docscan models list' instead of the tier's"),
    EngineOption("rec_model", "a recognition model instead of the language's"),
)


# ------------------------------------------------------------------------------------------ backends, GPU


def backend_installed(backend: str) -> bool:
    return INFERENCE_BACKENDS[backend].installed()


def gpu_status(backend: str) -> DeviceStatus:
    """Whether ``backend`` can run on a GPU here, and if not, what is missing. Tests replace this seam."""
    if backend not in INFERENCE_BACKENDS:
        raise ValueError(f"unknown backend {backend!r}")
    chosen = INFERENCE_BACKENDS[backend]
    if not chosen.installed():
        return DeviceStatus(False, f"{chosen.package} is not installed")
    return chosen.gpu()


# ---------------------------------------------------------------------------------------- conversion


def paddle2onnx_command() -> list[str] | None:
    """How to run paddle2onnx here, or None when it is not installed. Tests replace this seam."""
    import shutil

    found = shutil.which("paddle2onnx")
    return [found] if found else None


def convert_to_onnx(store: ModelStore, name: str) -> bool:
    """Convert an installed Paddle-format (inference.json) model to ONNX with paddle2onnx, and install the
    result as the model's onnx format (origin: converted). False when it cannot be done here."""
    import subprocess
    import tempfile
    from pathlib import Path

    command = paddle2onnx_command()
    source = store.inspect(name, "paddle-json")
    if command is None or source is None or not source.ok:
        return False  # paddle2onnx only converts the PaddleX (inference.json) format
    with tempfile.TemporaryDirectory(prefix="docscan-convert-") as tmp:
        target = Path(tmp) / "inference.onnx"
        done = subprocess.run([*command, "--model_dir", str(source.path), "--model_filename", "inference.json",
                               "--params_filename", "inference.pdiparams", "--save_file", str(target)],
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not target.is_file():
            return False
        files = {"inference.onnx": target.read_bytes(),
                 "inference.yml": (source.path / "inference.yml").read_bytes()}
    store.install(name, "onnx", files, {"kind": "converted", "summary": f"converted from paddle-json by paddle2onnx",
                                        "from": source.manifest.get("origin")})
    return True


# ---------------------------------------------------------------------------------------------- engine


LIBRARY_LOGGERS = ("paddlex", "paddleocr", "paddle")


def _verbose() -> bool:
    return bool(os.environ.get("DOCSCAN_VERBOSE"))


class _ErrorsUnlessVerbose(logging.Filter):
    """Lets a library's records through only from ERROR up, unless DOCSCAN_VERBOSE is set. A filter, not
    only a level: importing PaddleX sets its logger's level back to INFO (paddlex.utils.logging.setup_logging),
    so a level set before that import is lost, and PaddleX is imported when the first engine loads."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or _verbose()


_LIBRARY_FILTER = _ErrorsUnlessVerbose()


def quiet_libraries() -> None:
    """PaddleX and PaddleOCR log model creation ("Creating model: ...") and colour-coded warnings
    ("Resized image size ... exceeds max_side_limit") on stderr, and importing paddle warns that ccache is
    missing (it would only matter for compiling paddle's C++ extensions): DocScan reports what matters
    itself, so these show only errors unless DOCSCAN_VERBOSE is set (``docscan -v``). Call it before the
    libraries are imported or after: either way holds."""
    level = logging.INFO if _verbose() else logging.ERROR
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(level)  # their child loggers follow this level
        if _LIBRARY_FILTER not in logger.filters:
            logger.addFilter(_LIBRARY_FILTER)
    if not _verbose():
        warnings.filterwarnings("ignore", message="No ccache found", category=UserWarning)


@dataclass
class PageOcr:
    lines: list[TextLine]
    seconds: float
    tables: list[Table] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)


@dataclass
class OcrEngine:
    config: EngineConfig = field(default_factory=EngineConfig)
    store: ModelStore = field(default_factory=ModelStore)

    def __post_init__(self):
        self._pipeline = None
        self._lock = threading.Lock()
        self.backend = self.config.backend  # the backend actually used (see check())
        self.notice: str | None = None
        self._orientation = None
        self._tables = None  # core.table_finder.TableFinder, when EngineConfig.tables
        self._checked_dirs: dict[str, str] | None = None  # from the last check(); load() reuses them

    @property
    def models(self) -> dict[str, str]:
        """Role -> real name of each model this engine runs."""
        return self.config.model_names

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    @property
    def pipeline(self):
        """The loaded OcrPipeline (core/page_ocr.py); None until load()."""
        return self._pipeline

    def check(self) -> dict[str, str]:
        """Everything the engine needs is here and usable: returns role -> model folder, else raises
        ModelError (with the command that installs what is missing) or EngineUnavailable.

        A model installed only in Paddle format (as the downloaded server models are) cannot run on
        ONNX Runtime: it is converted with paddle2onnx where that is installed, and otherwise the whole
        engine runs on PaddlePaddle, which ``notice`` says (the CLI prints it, the window shows it)."""
        config = self.config
        backend = self._backend_for_models(config.backend)
        if not backend_installed(backend):
            others = ", ".join(name for name in BACKENDS if name != backend)
            raise EngineUnavailable(
                f"The {backend} backend is not installed. Install it (pip install "
                f"{INFERENCE_BACKENDS[backend].package}) or choose another backend (--backend {others}).")
        if config.device == "gpu":
            status = gpu_status(backend)
            if not status.usable:
                raise EngineUnavailable(f"GPU inference with {backend} is not available: "
                                        f"{status.reason} Or run on the CPU (--device cpu).")
        formats = BACKEND_FORMATS[backend]
        dirs = {}
        for role, name in self.config.model_names.items():
            dirs[role] = str(self.store.require(name, ["onnx"] if role in ONNX_STEPS else formats).path)
        self.backend = backend
        self._checked_dirs = dirs
        return dirs

    def _backend_for_models(self, wanted: str) -> str:
        if not INFERENCE_BACKENDS[wanted].reads_onnx:
            return wanted
        paddle_only = []
        for role, name in self.config.model_names.items():
            if role in ONNX_STEPS:
                continue
            formats = {s.format for s in self.store.installed(name, check_hashes=False) if s.ok}
            if formats and "onnx" not in formats:
                if not convert_to_onnx(self.store, name):
                    paddle_only.append(name)
        if paddle_only and backend_installed("paddle"):
            self.notice = (f"{', '.join(paddle_only)} {'is' if len(paddle_only) == 1 else 'are'} installed only in "
                           "Paddle format, so this engine runs on PaddlePaddle instead of "
                           f"{INFERENCE_BACKENDS[wanted].label} (slower on CPU). Install paddle2onnx to have DocScan "
                           "convert it.")
            return "paddle"
        return wanted

    def load(self) -> None:
        """Create the pipeline now (it is otherwise created on the first page)."""
        with self._lock:
            self._load_locked()

    def _load_locked(self) -> None:
        if self._pipeline is not None:
            return
        # check() hashes every model file: a check() just made (the CLI and the service make one to fail
        # early) is not repeated.
        dirs = self._checked_dirs or self.check()
        if self.config.rotate:
            from .orientation import PageOrientation

            self._orientation = PageOrientation(dirs["page_orientation"])
        if self.config.tables:
            from .table_finder import TableFinder

            self._tables = TableFinder(os.path.join(dirs["layout"], "inference.onnx"),
                                       os.path.join(dirs["table"], "inference.onnx"), self.config.cpu_threads)
        names = self.models
        try:
            try:
                self._pipeline = self._create_pipeline(names, dirs)
            except ImportError as exc:
                if "partially initialized module" not in str(exc):
                    raise
                # Seen once, in a fresh clone's first self-test: a module the inference libraries import was
                # still being imported (by another thread, the usual cause) and Python handed over a half-made
                # module. The library is installed; once that import has finished, importing again works.
                time.sleep(0.5)
                self._pipeline = self._create_pipeline(names, dirs)
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise EngineUnavailable(f"The {self.backend} backend cannot be imported ({exc}). "
                                    "Reinstall DocScan.") from exc
        except (ModelError, EngineUnavailable):
            raise
        except Exception as exc:
            raise EngineUnavailable(
                f"The OCR engine could not start with {', '.join(names.values())} on "
                f"{self.backend}/{self.config.device}: {first_line(exc)}") from exc

    def _create_pipeline(self, names: dict[str, str], dirs: dict[str, str]):
        """DocScan's pipeline (core/page_ocr.py, ADR 0007) on the backend check() chose: PaddleX's
        detector, DocScan's own recognition stage."""
        from .page_ocr import OcrPipeline

        quiet_libraries()
        family = FAMILIES[self.config.family]
        return OcrPipeline(
            det_dir=dirs["det"], rec_dir=dirs["rec"],
            detection=family.detection, rec_height=family.rec_height, narrow_tall_lines=family.narrow_tall_lines,
            latin_rec_dir=dirs.get("latin_rec"),
            textline_dir=dirs.get("textline_orientation") if self.config.angle else None,
            device=self.config.device, backend=self.backend, threads=self.config.cpu_threads)

    def recognize(self, image_bgr: np.ndarray) -> PageOcr:
        """Detect and recognise the text lines of one page image (H x W x 3, BGR, uint8)."""
        if image_bgr.ndim != 3 or image_bgr.shape[2] != 3 or image_bgr.dtype != np.uint8:
            raise ValueError("recognize() takes an H x W x 3 uint8 BGR image")
        with self._lock:
            self._load_locked()
            started = time.perf_counter()
            lines = [
                mark_for_review(TextLine([(float(x), float(y)) for x, y in np.asarray(r.polygon).reshape(4, 2)],
                                         r.text, float(r.score)), r.reading, self.config.review_threshold)
                for r in self._pipeline.predict(image_bgr)
                if r.text.strip()
            ]
            tables, regions = self._tables.find(image_bgr, lines) if self._tables is not None else ([], [])
            seconds = time.perf_counter() - started
        mark_lines_on_pictures(image_bgr, lines)
        return PageOcr(reading_order(lines), seconds, tables, regions)

    def recognize_image(self, image) -> tuple[PageOcr, int]:
        """Recognise a page (PIL image as shown), turning it upright first when it was scanned sideways or
        upside down (``EngineConfig.rotate``). Boxes are on the page as shown; returns the turn found
        (degrees clockwise; 0 when upright or unsure)."""
        from .orientation import box_to_shown
        from .documents import RenderedPage

        with self._lock:
            self._load_locked()
            orientation = self._orientation
        degrees = 0
        upright = image
        if orientation is not None:
            upright, degrees = orientation.upright(image)
        page = self.recognize(RenderedPage(upright, None).to_bgr())
        if degrees:
            shown = corners_moved(lambda points: box_to_shown(points, degrees, image.width, image.height))
            page = PageOcr([replace(line, box=box_to_shown(line.box, degrees, image.width, image.height))
                            for line in page.lines], page.seconds, moved_tables(page.tables, shown),
                           moved_regions(page.regions, shown))
        return page, degrees

    def close(self) -> None:
        """Let the models go (their memory goes with them); the next page loads them again."""
        with self._lock:
            self._pipeline = None
            self._orientation = None
            self._tables = None

