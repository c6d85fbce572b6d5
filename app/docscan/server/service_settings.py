"""The service's settings, declared once: ``docscan serve``'s flags take their defaults from here, and the
service (http_service.py) runs by them. Kept apart from the service so that the CLI reads them without
importing FastAPI."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.engine import EngineConfig
from ..core.options import RUN_OPTIONS


@dataclass
class ServiceSettings:
    host: str = "127.0.0.1"
    port: int = 8868
    variant: str | None = None  # whose models /predict/ocr_system and /ocr run; None: server (/ocr/v1/accurate's)
    engine: EngineConfig = field(default_factory=EngineConfig)  # family, device, backend, lang... of every endpoint
    token: str | None = None
    allow_urls: bool = False
    allow_origins: tuple[str, ...] = ()  # web pages (origins) whose browsers may call the service
    body_timeout: float = 30.0  # seconds a client may take between two pieces of its request body
    header_timeout: float = 30.0  # seconds a client may take to send a request's headers
    max_upload_mb: float = 50.0
    max_pages: int = 100
    max_megapixels: float = 40.0  # per page, as recognised
    queue_size: int = 8
    workers: int = 1  # engine worker processes per variant; 1: one engine in a thread of the service's process
    request_timeout: float = 600.0
    dpi: float = RUN_OPTIONS["dpi"].shown_default  # PDF pages' render DPI (core.options)
    flatten_photos: bool = RUN_OPTIONS["flatten_photos"].default  # photos of pages flattened (core.options)
    store_root: str | None = None

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1_000_000)  # MB as people count them, as every message says

    def engine_config(self, variant: str, tier: str | None = None) -> EngineConfig:
        return self.engine.with_changes(variant=variant, tier=tier)
