#!/usr/bin/env python3
"""Run QualCoder's own REFI-QDA project exporter (src/qualcoder/refi.py, RefiExport) on a QualCoder
project, headless, and write the .qdpx it makes. Prints what happened as JSON.

Usage: QT_QPA_PLATFORM=offscreen python3 scripts/qualcoder-export.py QUALCODER_CHECKOUT PROJECT.qda OUT.qdpx

PROJECT.qda is a QualCoder project folder (data.qda, documents/ …), e.g. the one
scripts/qualcoder-import.py makes from our export; so
    export (ours) → qualcoder-import.py → qualcoder-export.py → import (ours)
is a round trip through QualCoder's own importer and exporter. OUT.qdpx must not exist.

QUALCODER_CHECKOUT is a checkout of github.com/ccbogel/QualCoder (this script fetches nothing and
contains no QualCoder code; it imports refi.py from the checkout and compiles the App methods the
exporter calls from the checkout's app.py, as qualcoder-import.py does).

Why a driver of our own: QualCoder's exporter is a GUI action. The driver gives it the parts of
QualCoder's App it reads, answers the line-endings dialog with its default ("No change to line
endings", not MAXQDA's CR LF), answers the folder dialog with a temporary folder, records the message
boxes, and keeps QualCoder's working folder (~/.qualcoder/NAME, where it assembles the archive)
inside a temporary HOME, so nothing outside OUT.qdpx is written.

Needs what qualcoder-import.py needs (Python 3 with PyQt6, Pillow, PyMuPDF; Debian 12:
apt-get install python3-pyqt6 python3-pyqt6.qtmultimedia python3-pil python3-fitz).
Exit 1 when the exporter raised or wrote no file, else 0.
"""
import importlib.util
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

HERE = Path(__file__).resolve().parent


def import_driver():
    """scripts/qualcoder-import.py as a module (its name has a hyphen), for its QualCoder helpers."""
    spec = importlib.util.spec_from_file_location("qualcoder_import", HERE / "qualcoder-import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    checkout, project, out = (Path(arg).resolve() for arg in sys.argv[1:4])
    if not (project / "data.qda").is_file():
        raise SystemExit(f"{project} holds no data.qda: not a QualCoder project")
    if out.exists():
        raise SystemExit(f"{out} exists; give a new file name")
    driver = import_driver()
    version = driver.qualcoder_version(checkout)
    work = Path(tempfile.mkdtemp(prefix="qualcoder-export-"))
    # refi.py assembles the archive in os.path.expanduser('~')/.qualcoder/NAME: keep that in `work`.
    os.environ["HOME"] = str(work / "home")
    (work / "home" / ".qualcoder").mkdir(parents=True)  # made by QualCoder when it first starts
    (work / "chosen").mkdir()
    sys.path.insert(0, str(checkout / "src"))
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        import fitz
        sys.modules["pymupdf"] = fitz

    from PyQt6 import QtWidgets
    qt_app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["qualcoder-export"])  # noqa: F841
    import qualcoder  # noqa: F401  (installs _() for gettext)
    from qualcoder import refi

    conn = sqlite3.connect(project / "data.qda")
    app = driver.App(project, conn)
    app.version = version["app"]
    app.project_name = project.name  # QualCoder's project_name is the folder's name, "….qda"
    app.settings.update({"font": "Noto Sans", "fontsize": 10})
    for name, method in driver.qualcoder_app_methods(checkout, ["get_annotations"]).items():
        setattr(driver.App, name, method)

    messages = driver.record_messages(refi)
    # The line-endings question: QualCoder's own dialog, left at its default.
    refi.RefiLineEndings.exec = lambda self: 1
    QtWidgets.QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(work / "chosen"))
    log = driver.Log()
    error = None
    try:
        refi.RefiExport(app, log, "project")
    except Exception:  # the point is to see it
        import traceback
        error = traceback.format_exc()
    written = sorted((work / "chosen").glob("*.qdpx"))
    if written:
        shutil.move(str(written[0]), out)
    shutil.rmtree(work, ignore_errors=True)
    return {"qualcoder": version, "project": str(project), "file": str(out) if written else None,
            "error": error, "log": log.lines, "messages": messages}


if __name__ == "__main__":
    with redirect_stdout(sys.stderr):
        outcome = main()
    print(json.dumps(outcome, ensure_ascii=False, indent=1))
    sys.exit(1 if outcome["error"] or outcome["file"] is None else 0)
