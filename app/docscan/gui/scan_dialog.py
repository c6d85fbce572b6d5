"""File → Scan…: choose the scanner, where the paper is (glass, feeder, both sides), the resolution, colour
or grey, the page size, and where the pages go. Scanners are listed in the background (the dialog opens at
once and fills in); a network scanner can be added by its address. What was chosen last for a scanner is
offered again for it (ScanController keeps it in the settings)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QRadioButton, QVBoxLayout)

from ..core.scanning import COLORS, DEFAULT_SCAN_DPI, PAGE_SIZES, SOURCES, ScannerAbilities, ScannerInfo, ScanSettings
from .i18n import tr

NETWORK_LOOK_SECONDS = 5.0  # how long "Look on the Network" waits for scanners to answer (mDNS)
COMMON_RESOLUTIONS = (150, 200, 300, 400, 600)


def source_words() -> dict[str, str]:
    return {"glass": tr("Glass (flatbed)"), "feeder": tr("Feeder"), "duplex": tr("Feeder, both sides")}


def colour_words() -> dict[str, str]:
    return {"color": tr("Colour"), "gray": tr("Grey")}


def page_size_words() -> dict[str, str]:
    return {"a4": "A4", "letter": tr("Letter"), "legal": tr("Legal"), "max": tr("Whole scan area")}


def network_scanner_id(address: str) -> str | None:
    """``escl:HOST:PORT`` for an address a person typed ("192.168.1.20", "scanner.local:8080",
    "http://host:80/eSCL"); None when it is not an address."""
    text = address.strip()
    text = re.sub(r"^[a-z]+://", "", text, flags=re.IGNORECASE).split("/", 1)[0]
    match = re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]+)(?::(\d{1,5}))?", text)
    if not match or not text:
        return None
    port = int(match.group(2) or 80)
    if not 0 < port < 65536:
        return None
    return f"escl:{match.group(1)}:{port}"


class ScanDialog(QDialog):
    wantScanners = Signal(float)  # look for scanners (seconds to wait on the network; 0: local ones only)
    wantAbilities = Signal(str)  # ask this scanner what it can do

    def __init__(self, remembered: dict[str, dict], last_scanner: str, can_insert: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Scan"))
        self._remembered = remembered  # scanner id -> its last settings (ScanSettings' fields)
        self._last_scanner = last_scanner
        self._abilities: dict[str, ScannerAbilities] = {}

        self.scanner = QComboBox()
        self.scanner.setMinimumWidth(320)
        self.scanner.currentIndexChanged.connect(self._on_scanner_chosen)
        self.refresh = QPushButton(tr("Look on the Network"))
        self.refresh.setToolTip(tr("Also find scanners on the network (takes a few seconds)"))
        self.refresh.clicked.connect(lambda: self._look(NETWORK_LOOK_SECONDS))
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("a network scanner's address, e.g. 192.168.1.20"))
        self.add_address = QPushButton(tr("Add"))
        self.add_address.clicked.connect(self._on_add_address)
        self.address.returnPressed.connect(self._on_add_address)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.source = QComboBox()
        self.resolution = QComboBox()
        self.colour = QComboBox()
        for name in COLORS:
            self.colour.addItem(colour_words()[name], name)
        self.page_size = QComboBox()
        for name in (*PAGE_SIZES, "max"):
            self.page_size.addItem(page_size_words()[name], name)
        self.into_new = QRadioButton(tr("A new document"))
        self.into_current = QRadioButton(tr("The current document, after the page shown"))
        self.into_new.setChecked(True)
        self.into_current.setEnabled(can_insert)

        form = QFormLayout()
        scanner_row = QHBoxLayout()
        scanner_row.addWidget(self.scanner, 1)
        scanner_row.addWidget(self.refresh)
        form.addRow(tr("Scanner:"), scanner_row)
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.add_address)
        form.addRow(tr("By address:"), address_row)
        form.addRow("", self.status)
        form.addRow(tr("Paper in:"), self.source)
        form.addRow(tr("Resolution:"), self.resolution)
        form.addRow(tr("Colour:"), self.colour)
        form.addRow(tr("Page size:"), self.page_size)
        into = QVBoxLayout()
        into.addWidget(self.into_new)
        into.addWidget(self.into_current)
        form.addRow(tr("Put the pages into:"), into)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.scan_button = self.buttons.addButton(tr("Scan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.scan_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._fill_settings(None)
        self._update_scan_button()

    # ------------------------------------------------------------------------------- what the worker says

    def start(self) -> None:
        """Look for scanners (called once the controller has connected the dialog to its worker)."""
        self._look(0.0)

    def _look(self, network_timeout: float) -> None:
        self._say(tr("Looking for scanners on the network…") if network_timeout else
                            tr("Looking for scanners…"))
        self.refresh.setEnabled(False)
        self.wantScanners.emit(network_timeout)

    def set_scanners(self, found: list[ScannerInfo], problem: str) -> None:
        self.refresh.setEnabled(True)
        current = self.scanner_id() or self._last_scanner
        known = {self.scanner.itemData(i) for i in range(self.scanner.count())}
        self.scanner.blockSignals(True)
        for info in found:
            if info.id not in known:
                self.scanner.addItem(f"{info.name}  ({info.id})" if info.name != info.id else info.id, info.id)
        self.scanner.blockSignals(False)
        if self.scanner.count() == 0:
            self._say(problem or no_scanner_text())
        else:
            self._say(problem)
            index = max(0, self.scanner.findData(current))
            if index != self.scanner.currentIndex():
                self.scanner.setCurrentIndex(index)
            else:
                self._on_scanner_chosen(index)
        self._update_scan_button()

    def set_abilities(self, scanner_id: str, abilities: ScannerAbilities | None, problem: str) -> None:
        if abilities is not None:
            self._abilities[scanner_id] = abilities
        if scanner_id != self.scanner_id():
            return
        self._say(problem)
        self._fill_settings(abilities)
        self._update_scan_button()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.adjustSize()  # a wrapped message of several lines gets its room

    # -------------------------------------------------------------------------------------------- choices

    def scanner_id(self) -> str:
        return self.scanner.currentData() or ""

    def settings(self) -> ScanSettings:
        return ScanSettings(source=self.source.currentData() or "glass",
                            dpi=int(self.resolution.currentData() or DEFAULT_SCAN_DPI),
                            color=self.colour.currentData() or "color",
                            page_size=self.page_size.currentData() or "a4")

    def into_current_document(self) -> bool:
        return self.into_current.isChecked() and self.into_current.isEnabled()

    def _on_add_address(self) -> None:
        scanner_id = network_scanner_id(self.address.text())
        if scanner_id is None:
            self._say(tr("“{0}” is not a network address (a name such as scanner.local or a number "
                                   "such as 192.168.1.20, with :port if it is not 80).").format(self.address.text()))
            return
        index = self.scanner.findData(scanner_id)
        if index < 0:
            self.scanner.addItem(tr("{0} (network)").format(scanner_id), scanner_id)
            index = self.scanner.count() - 1
        self.address.clear()
        self.scanner.setCurrentIndex(index)
        self._update_scan_button()

    def _on_scanner_chosen(self, index: int) -> None:
        scanner_id = self.scanner_id()
        if not scanner_id:
            return
        if scanner_id in self._abilities:
            self.set_abilities(scanner_id, self._abilities[scanner_id], "")
        else:
            self._say(tr("Asking the scanner what it can do…"))
            self.wantAbilities.emit(scanner_id)

    def _fill_settings(self, abilities: ScannerAbilities | None) -> None:
        """The choices the scanner offers (all of them until it has said), set to what was used last on it."""
        last = self._remembered.get(self.scanner_id(), {})
        sources = abilities.sources if abilities and abilities.sources else SOURCES
        resolutions = (abilities.resolutions if abilities and abilities.resolutions else COMMON_RESOLUTIONS)
        resolutions = sorted({r for r in resolutions if 75 <= r <= 1200} or set(COMMON_RESOLUTIONS))
        colours = abilities.colors if abilities and abilities.colors else COLORS
        self.source.clear()
        for name in sources:
            self.source.addItem(source_words().get(name, name), name)
        self.resolution.clear()
        for dpi in resolutions:
            self.resolution.addItem(tr("{0} dpi").format(dpi), dpi)
        for i in range(self.colour.count()):
            self.colour.model().item(i).setEnabled(self.colour.itemData(i) in colours)
        _choose(self.source, last.get("source"), sources[0] if sources else None)
        wanted_dpi = int(last.get("dpi") or DEFAULT_SCAN_DPI)
        nearest = min(resolutions, key=lambda r: abs(r - wanted_dpi))
        _choose(self.resolution, nearest, None)
        _choose(self.colour, last.get("color"), "color" if "color" in colours else (colours[0] if colours else None))
        _choose(self.page_size, last.get("page_size"), "a4")

    def _update_scan_button(self) -> None:
        self.scan_button.setEnabled(bool(self.scanner_id()))


def _choose(combo: QComboBox, wanted, fallback) -> None:
    index = combo.findData(wanted) if wanted is not None else -1
    if index < 0 and fallback is not None:
        index = combo.findData(fallback)
    if index >= 0:
        combo.setCurrentIndex(index)


def no_scanner_text() -> str:
    return tr("No scanner was found. Check that it is switched on and connected (a USB cable, or the same network "
              "as this computer) and that its driver is installed (on Linux: SANE, with sane-airscan for "
              "network scanners). A network scanner can also be added by its address (By address, above).")
