#!/usr/bin/env bash
# Build the one-folder desktop bundle dist/DocScan/ (CPU, ONNX Runtime, no Paddle) with the default
# family's bundled models (PP-OCRv6 tiny and small) and the classifiers inside. Run through `make package`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# The bundle takes the versions the tests ran with: constraints.txt (pip -c), whatever the venv has drifted to.
$PY -m pip install -q -c constraints.txt -e . "pyinstaller==6.22.3"
# The models go in as the verified store holds them, ONNX formats only (the bundle has no Paddle).
rm -rf build/bundle-models && mkdir -p build/bundle-models
$PY - <<'PYEOF'
import shutil
from pathlib import Path
from docscan.core.catalogue import desktop_bundle_models
from docscan.core.model_store import ModelStore
store = ModelStore()
for name in desktop_bundle_models():
    state = store.require(name, ["onnx"])
    shutil.copytree(state.path, Path("build/bundle-models") / name / "onnx")
PYEOF
$PY -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/docscan.spec
echo "bundle: dist/DocScan ($(du -sh dist/DocScan | cut -f1))"
