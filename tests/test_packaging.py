"""Desktop integration files and the self-test (the bundle itself is built by `make package`)."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys

from conftest import REPO


def test_desktop_file_opens_pdfs_and_images():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(REPO / "resources" / "docscan.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].endswith("%F") and desktop["Icon"] == "docscan"
    assert {"application/pdf", "image/png", "image/jpeg", "image/tiff"} <= set(desktop["MimeType"].strip(";").split(";"))


def test_install_script_registers_the_launcher_for_the_user(tmp_path):
    bundle = tmp_path / "DocScan"
    bundle.mkdir()
    (bundle / "DocScan").write_text("#!/bin/sh\n")
    (bundle / "DocScan").chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    subprocess.run([str(REPO / "packaging" / "install-desktop.sh"), str(bundle)], check=True, env=env,
                   capture_output=True, timeout=60)
    desktop = (tmp_path / "share" / "applications" / "docscan.desktop").read_text()
    assert f'Exec="{bundle}/DocScan" %F' in desktop
    assert (tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "docscan.svg").exists()
    subprocess.run([str(REPO / "packaging" / "install-desktop.sh"), "--uninstall"], check=True, env=env,
                   capture_output=True, timeout=60)
    assert not (tmp_path / "share" / "applications" / "docscan.desktop").exists()


def test_self_test_reads_the_sample_and_passes(session_home):
    env = {**os.environ, "DOCSCAN_HOME": str(session_home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "docscan", "--self-test"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "DocScan Sample Letter" in done.stdout and "文档扫描示例页面" in done.stdout
    assert "self-test: OK" in done.stderr


def test_self_test_fails_without_models(tmp_path):
    env = {**os.environ, "DOCSCAN_HOME": str(tmp_path / "empty"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "docscan", "--self-test"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 3 and "did not start" in done.stderr and "docscan models setup" in done.stderr


def test_spec_takes_name_and_version_from_pyproject():
    spec = (REPO / "packaging" / "docscan.spec").read_text()
    assert 'tomllib.loads((ROOT / "pyproject.toml")' in spec and 'VERSION = project["version"]' in spec
    assert '"paddle"' in spec.split("excludes =")[1]  # the CPU bundle leaves Paddle out
