"""Inference backends: what runs a model file. Each is a plugin behind one small interface (``Backend``):
whether it is installed, whether it can use a GPU here and why not, which model formats it reads, and
``load(model_dir, device, threads)``, which gives a ``Model``: one input array in, the model's outputs out.
The pipeline (core/page_ocr.py, core/text_detector.py, core/line_recognizer.py) never asks which backend
it holds; the backend decides what runs a model, never how a page is read.

- **ONNX Runtime** (``inference.onnx``). Sessions are made without ONNX Runtime's CPU memory arena: the
  arena keeps the largest buffers each model ever needed (a page's detection at 1,600 pixels) for the
  life of the process, which was half of `docscan ocr`'s 1.5 GB (ADR 0018).
- **OpenVINO** (``inference.onnx`` as it is, compiled for the CPU or an Intel GPU). It lets the CPU run in
  bfloat16 where the CPU does bfloat16 in hardware (OpenVINO's own default), which halves the time on
  such CPUs; the evaluation set's text was measured the same or better (ADR 0018).
- **Paddle Inference** (the Paddle formats), as PaddleX configures it but without MKL-DNN, which fails on
  the PP-OCRv4 ``.pdmodel`` files ("ConvertPirAttribute2RuntimeAttribute not support").

``BACKENDS`` lists them in the order menus show them; the first is the default.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

import numpy as np


@dataclass
class DeviceStatus:
    usable: bool
    reason: str  # why not, and what to install; or what was found


class Model(Protocol):
    """A loaded model: ``model(batch)`` gives its outputs, in the model's order; ``release()`` gives back
    the memory its runs hold between pages."""

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]: ...

    def release(self) -> None: ...


def _onnx_options(threads: int | None):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # No memory arena: without it a page's buffers are freed after its run (1.1 GB -> 0.56 GB for the
    # engine after ten pages), for no measurable time (ADR 0018).
    options.enable_cpu_mem_arena = False
    # Threads that do not spin after a run: the models run one after another, and a spinning pool takes
    # the cores the next model needs (measured +27% a page with the table models spinning, ADR 0016).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if threads:
        options.intra_op_num_threads = threads
    return options


def onnx_session(path: str | Path, threads: int | None = None, device: str = "cpu"):
    """An ONNX Runtime session for one ``.onnx`` file, configured as every DocScan session is."""
    import onnxruntime

    providers = ["CUDAExecutionProvider", "CPUExecutionProvider"] if device == "gpu" else ["CPUExecutionProvider"]
    return onnxruntime.InferenceSession(str(path), _onnx_options(threads), providers=providers)


class _OnnxRuntimeModel:
    def __init__(self, model_dir: Path, device: str, threads: int | None, exact: bool = False):  # always float32
        self._session = onnx_session(model_dir / "inference.onnx", threads, device)
        self._input = self._session.get_inputs()[0].name

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]:
        return self._session.run(None, {self._input: batch})

    def release(self) -> None:
        pass  # without its arena, ONNX Runtime frees a run's buffers when the run ends


class _OpenVinoModel:
    """An ``inference.onnx`` compiled by OpenVINO for latency (one request at a time, all the cores it is
    given). The shapes stay dynamic: pages and lines come in every size. ``exact``: computed in float32
    even where the CPU would run bfloat16 (the detector: its probability map is cut at a threshold, and
    bfloat16 moves which boxes pass it; measured in ADR 0018)."""

    def __init__(self, model_dir: Path, device: str, threads: int | None, exact: bool = False):
        core = openvino_core()
        config = {"PERFORMANCE_HINT": "LATENCY"}
        if threads and device == "cpu":
            config["INFERENCE_NUM_THREADS"] = threads
        if exact:
            config["INFERENCE_PRECISION_HINT"] = "f32"
        if device == "cpu":
            # no cache of kernels per input shape: lines come in every width, and the cache (5,000 shapes by
            # default) grew by ~25 MB a page; without it a 40-page PDF peaked at 1.33 GB instead of 1.92, in
            # the same time (ADR 0018)
            config["CPU_RUNTIME_CACHE_CAPACITY"] = 0
        compiled = core.compile_model(core.read_model(str(model_dir / "inference.onnx")),
                                      "GPU" if device == "gpu" else "CPU", config)
        self._compiled = compiled
        self._request = compiled.create_infer_request()
        self._outputs = len(compiled.outputs)

    def release(self) -> None:
        # OpenVINO keeps each request's buffers at the largest shape it has run (a page's detection at
        # 1,600 pixels: ~400 MB) until told otherwise
        self._compiled.release_memory()

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]:
        self._request.infer({0: np.ascontiguousarray(batch)})
        # copies: the request's output tensors are overwritten by its next run
        return [self._request.get_output_tensor(i).data.copy() for i in range(self._outputs)]


_OPENVINO_CORE = None


def openvino_core():
    """The one OpenVINO Core of the process (it holds the plugins; creating one costs ~0.1 s)."""
    global _OPENVINO_CORE
    if _OPENVINO_CORE is None:
        # Importing the openvino package imports its model converter (openvino.tools.ovc), and that import
        # sends a usage event to Google Analytics unless the user has opted out (openvino_telemetry): DocScan
        # sends nothing anywhere. A None in sys.modules makes that one import fail, which openvino/__init__
        # expects (it goes on without convert_model, which DocScan never uses: it reads ONNX files as they are).
        sys.modules.setdefault("openvino.tools.ovc", None)
        import openvino

        _OPENVINO_CORE = openvino.Core()
    return _OPENVINO_CORE


class _PaddleModel:
    def __init__(self, model_dir: Path, device: str, threads: int | None, exact: bool = False):  # always float32
        from paddle import inference

        graph = next((model_dir / name for name in ("inference.json", "inference.pdmodel")
                      if (model_dir / name).is_file()), model_dir / "inference.pdmodel")
        config = inference.Config(str(graph), str(model_dir / "inference.pdiparams"))
        if device == "gpu":
            config.enable_use_gpu(100, 0)
        else:
            config.disable_gpu()
            config.set_cpu_math_library_num_threads(threads or os.cpu_count() or 1)
        config.disable_mkldnn()
        config.enable_new_ir(True)
        config.enable_new_executor()
        config.set_optimization_level(3)
        config.enable_memory_optim()
        config.disable_glog_info()
        self._predictor = inference.create_predictor(config)
        self._input = self._predictor.get_input_handle(self._predictor.get_input_names()[0])
        self._outputs = [self._predictor.get_output_handle(name) for name in self._predictor.get_output_names()]

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]:
        self._input.reshape(batch.shape)
        self._input.copy_from_cpu(np.ascontiguousarray(batch))
        self._predictor.run()
        return [output.copy_to_cpu() for output in self._outputs]

    def release(self) -> None:
        pass


def _onnxruntime_gpu() -> DeviceStatus:
    import onnxruntime

    providers = onnxruntime.get_available_providers()
    if "CUDAExecutionProvider" in providers:
        return DeviceStatus(True, "onnxruntime CUDAExecutionProvider")
    return DeviceStatus(False, "this onnxruntime has no CUDA support (providers: "
                               f"{', '.join(providers)}). Install onnxruntime-gpu from PyPI in place of "
                               "onnxruntime, with an NVIDIA driver, CUDA 12 and cuDNN 9.")


def _openvino_gpu() -> DeviceStatus:
    try:
        devices = openvino_core().available_devices
    except Exception as exc:  # a broken driver shows here
        return DeviceStatus(False, f"OpenVINO could not list its devices ({exc})")
    gpus = [d for d in devices if d.startswith("GPU")]
    if gpus:
        name = openvino_core().get_property(gpus[0], "FULL_DEVICE_NAME")
        return DeviceStatus(True, f"OpenVINO GPU: {name}")
    return DeviceStatus(False, "OpenVINO finds no Intel GPU here (devices: "
                               f"{', '.join(devices) or 'none'}). It runs on Intel integrated and Arc GPUs with "
                               "Intel's GPU driver (compute runtime) installed; for NVIDIA GPUs choose onnxruntime.")


PADDLE_CPU_BUILD = ("this PaddlePaddle is the CPU build. Install the GPU build of PaddlePaddle 3.x from "
                    "PaddlePaddle's own package index (see README, 'GPU'); PyPI's paddlepaddle-gpu is an old release.")


def _paddle_distribution() -> str | None:
    import importlib.metadata as metadata

    for name in ("paddlepaddle-gpu", "paddlepaddle"):
        try:
            metadata.version(name)
            return name
        except metadata.PackageNotFoundError:
            continue
    return None


def _paddle_gpu() -> DeviceStatus:
    if _paddle_distribution() == "paddlepaddle":
        # The CPU build, known from its distribution name without importing its 700 MB of libraries.
        return DeviceStatus(False, PADDLE_CPU_BUILD)
    with warnings.catch_warnings():  # paddle warns about ccache at import, which means nothing here
        warnings.simplefilter("ignore")
        import paddle

    if not paddle.device.is_compiled_with_cuda():
        return DeviceStatus(False, PADDLE_CPU_BUILD)
    count = paddle.device.cuda.device_count()
    if count == 0:
        return DeviceStatus(False, "PaddlePaddle has CUDA support but finds no GPU (check the NVIDIA "
                                   "driver and CUDA_VISIBLE_DEVICES)")
    return DeviceStatus(True, f"PaddlePaddle CUDA, {count} GPU(s)")


@dataclass(frozen=True)
class Backend:
    name: str  # as --backend takes it
    label: str  # as people read it
    module: str  # the module it runs through
    package: str  # what pip installs
    formats: tuple[str, ...]  # the model store formats it reads (core/model_store.py)
    load: Callable[..., Model]  # (model folder, device, threads, exact=False) -> Model
    gpu: Callable[[], DeviceStatus]  # whether it can run on a GPU here (called only when installed)
    gpu_kind: str  # which GPUs, in words

    @property
    def reads_onnx(self) -> bool:
        return "onnx" in self.formats

    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None


BACKENDS: dict[str, Backend] = {b.name: b for b in (
    Backend("onnxruntime", "ONNX Runtime", "onnxruntime", "onnxruntime", ("onnx",), _OnnxRuntimeModel,
            _onnxruntime_gpu, "NVIDIA (CUDA)"),
    Backend("openvino", "OpenVINO", "openvino", "openvino", ("onnx",), _OpenVinoModel, _openvino_gpu,
            "Intel"),
    Backend("paddle", "PaddlePaddle", "paddle", "paddlepaddle", ("paddle-json", "paddle-pdmodel"), _PaddleModel,
            _paddle_gpu, "NVIDIA (CUDA)"),
)}


def load_model(backend: str, model_dir: str | Path, device: str = "cpu", threads: int | None = None,
               exact: bool = False) -> Model:
    """The model in ``model_dir`` (a model store folder in one of the backend's formats), loaded. ``exact``:
    in the model's own float32 where the backend would choose a lower precision (OpenVINO)."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")
    return BACKENDS[backend].load(Path(model_dir), device, threads, exact=exact)
