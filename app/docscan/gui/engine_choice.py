"""Whether an engine choice can run here, and if not why, in the window's words, with the way to mend it.

The Settings dialog greys out what cannot run (a tier not installed, PaddlePaddle with models installed
only for ONNX Runtime, a GPU without its libraries) and says why; when the engine fails all the same, the
window says the same words with a button (Recognise → Models…, another engine, the CPU) instead of the
core's message, which is written for the command line ("--backend", "docscan models setup").

It reads the models' manifests (a few small files; no hashing) and asks whether a backend's module is
installed (no import). What the engine itself checks before it loads is ``OcrEngine.check()``: this
predicts its answer, and ``describe_failure`` words a failure this did not predict (a damaged model).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.backends import BACKENDS as INFERENCE_BACKENDS
from ..core.engine import (BACKEND_FORMATS, BACKENDS, ONNX_STEPS, EngineConfig, OcrEngine, backend_installed,
                           paddle2onnx_command)
from ..core.errors import ModelError
from ..core.model_store import CATALOGUE, FAMILIES, ModelStore
from .actions import menu_path
from .i18n import tr

BACKEND_NAMES = {name: backend.label for name, backend in INFERENCE_BACKENDS.items()}  # names: not translated

FIX_MODELS = "models"  # Recognise → Models…
FIX_BACKEND = "backend"  # the other backend (``to``)
FIX_DEVICE = "device"  # the CPU


@dataclass(frozen=True)
class EngineProblem:
    text: str  # what is wrong and what to do, in the window's words
    cause: str  # "missing" (a model), "backend" (not installed), "formats" (not for this backend), "device",
    #             "damaged" (a model), "other"
    fix: str = ""  # FIX_MODELS, FIX_BACKEND, FIX_DEVICE, or "" (nothing the window can do)
    to: str = ""  # the backend or device that would run it (FIX_BACKEND, FIX_DEVICE)


class InstalledFormats:
    """The formats each model is installed in, read once from the store's manifests."""

    def __init__(self, store: ModelStore):
        self.store = store
        self._known: dict[str, set[str]] = {}

    def __call__(self, name: str) -> set[str]:
        if name not in self._known:
            self._known[name] = {s.format for s in self.store.installed(name, check_hashes=False) if s.ok}
        return self._known[name]


def _what(config: EngineConfig, role: str, name: str) -> str:
    """A missing model as a person knows it: the tier, the language's recogniser, or the model's name."""
    family = FAMILIES[config.family]
    tier = family.tier(config.resolved_tier)
    if role in ("det", "rec") and name in (tier.det, tier.rec):
        return config.label
    if role == "rec" and config.lang in family.languages:
        return tr("The {0} recogniser ({1})").format(family.languages[config.lang], name)
    return name


def engine_problem(config: EngineConfig, formats: InstalledFormats,
                   device_status: dict | None = None) -> EngineProblem | None:
    """Why ``config`` cannot run here (None: it can, as far as the manifests and the installed backends
    tell). ``formats``: a model name's installed formats (an InstalledFormats); ``device_status``: backend ->
    DeviceStatus (None: not known yet, the GPU is not checked)."""
    backend = config.backend
    # the models this backend runs (on PaddlePaddle the language's one recogniser reads every line)
    names = OcrEngine(config, formats.store).models
    missing = [(role, name) for role, name in names.items() if not formats(name)]
    if missing:
        what = _what(config, *missing[0])
        return EngineProblem(tr("{0} is not installed. Install it in {1}").format(what, menu_path("models")),
                             "missing", FIX_MODELS)
    other = next((b for b in BACKENDS if b != backend and backend_installed(b)), "onnxruntime")
    if not backend_installed(backend):
        return EngineProblem(tr("{0} is not installed here.").format(BACKEND_NAMES[backend]), "backend", FIX_BACKEND,
                             other)
    wanted = set(BACKEND_FORMATS[backend])
    # the page orientation classifier and the Latin recogniser are run on ONNX Runtime whatever the backend
    lacking = [name for role, name in names.items()
               if not formats(name) & (set(BACKEND_FORMATS["onnxruntime"]) if role in ONNX_STEPS else wanted)]
    if lacking and INFERENCE_BACKENDS[backend].reads_onnx:
        # installed only in Paddle format: converted with paddle2onnx, or run on PaddlePaddle (core's check())
        if all(formats(name) & set(BACKEND_FORMATS["paddle"]) for name in lacking) and (
                paddle2onnx_command() is not None or backend_installed("paddle")):
            lacking = []
    if lacking:
        spec = CATALOGUE.get(lacking[0])
        has = sorted(formats(lacking[0]))
        where = BACKEND_NAMES["onnxruntime"] if has == ["onnx"] else tr("PaddlePaddle (Paddle format)")
        return EngineProblem(tr("{0} cannot run {1} here: its models are installed only for {2}.").format(
            BACKEND_NAMES[backend], config.label if spec and spec.role in ("det", "rec") else lacking[0], where),
            "formats", FIX_BACKEND if backend == "paddle" else FIX_MODELS, other if backend == "paddle" else "")
    if config.device == "gpu" and device_status is not None:
        status = device_status.get(backend)
        if status is not None and not status.usable:
            return EngineProblem(tr("The GPU cannot be used with {0} here: {1}").format(BACKEND_NAMES[backend],
                                                                                        status.reason),
                                 "device", FIX_DEVICE, "cpu")
    return None


def describe_failure(config: EngineConfig, error: Exception, formats: InstalledFormats,
                     device_status: dict | None = None) -> EngineProblem:
    """The window's words for an engine that did not start: what engine_problem predicts, else a damaged
    model (a ModelError it did not predict), else the core's own message."""
    predicted = engine_problem(config, formats, device_status)
    if predicted is not None:
        return predicted
    if isinstance(error, ModelError):
        return EngineProblem(tr("The models of {0} are damaged or incomplete. Install them again in {1}").format(
            config.label, menu_path("models")), "damaged", FIX_MODELS)
    return EngineProblem(str(error), "other")
