#!/usr/bin/env python3
"""Run QualCoder's own REFI-QDA project importer (src/qualcoder/refi.py, RefiImport) on a .qdpx,
headless, and print what it put into QualCoder's sqlite database as JSON.

Usage: QT_QPA_PLATFORM=offscreen python3 scripts/qualcoder-import.py QUALCODER_CHECKOUT FILE.qdpx OUT_DIR

Besides QualCoder's counts it prints what the .qdpx holds ("expected", counted in its project.qde as
refi.py reads it: a Code sharing a Case's GUID is that case's link to text, not a code) and every
difference ("mismatches"); it exits 1 on an importer exception or any difference, else 0.

QUALCODER_CHECKOUT is a checkout of github.com/ccbogel/QualCoder (this script fetches nothing and
contains no QualCoder code; it imports refi.py from the checkout). OUT_DIR must not exist; the
QualCoder project is made there as QualCoder's "New project" makes it.

Why a driver of our own: QualCoder's importer is a GUI action (file dialog, progress dialog, message
boxes). The driver answers the file dialog with FILE.qdpx, records the message boxes instead of
showing them, and creates the database as QualCoder's own MainWindow.new_project does: its CREATE
TABLE statements and its INSERT INTO project row read from that method (so the unique constraints
the importer runs into are QualCoder's, whatever its version), and the coder-name table and views
made by QualCoder's own App.update_coder_names. Everything refi.py writes to its log window is kept
in "log". The project made can be exported again with scripts/qualcoder-export.py.

Needs Python 3 with PyQt6 (QtWidgets, QtMultimedia), Pillow and PyMuPDF importable. On Debian 12:
apt-get install python3-pyqt6 python3-pyqt6.qtmultimedia python3-pil python3-fitz
(Debian's PyMuPDF is importable as `fitz` only; the driver aliases it as `pymupdf`, which refi.py's
helpers import but the text import never calls).
"""
import ast
import json
import logging
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as etree
import zipfile
from contextlib import redirect_stdout
from pathlib import Path


def record_messages(refi) -> list:
    """Replaces refi.py's message boxes with a recorder; returns the list the messages go to."""
    messages = []

    class RecordedMessage:
        def __init__(self, app, title, text, icon="Information"):
            messages.append({"title": str(title), "text": str(text), "kind": str(icon)})

        def exec(self):
            return 0

    refi.Message = RecordedMessage
    return messages


def schema_statements(main_py: Path) -> list[str]:
    """The CREATE TABLE strings passed to cur.execute in QualCoder's MainWindow.new_project."""
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "new_project":
            found = []
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "execute" and call.args
                        and isinstance(call.args[0], ast.Constant)
                        and isinstance(call.args[0].value, str)
                        and call.args[0].value.lstrip().upper().startswith("CREATE TABLE")):
                    found.append(call.args[0].value)
            if found:
                return found
    raise SystemExit(f"no CREATE TABLE statements found in new_project of {main_py}")


def project_row(main_py: Path, app) -> tuple[str, tuple]:
    """The INSERT INTO project statement of QualCoder's MainWindow.new_project and its values, the
    values' expression evaluated as new_project evaluates it (with `self.app` being `app`)."""
    import datetime
    from types import SimpleNamespace
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "new_project":
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "execute" and len(call.args) == 2
                        and isinstance(call.args[0], ast.Constant)
                        and isinstance(call.args[0].value, str)
                        and call.args[0].value.upper().startswith("INSERT INTO PROJECT")):
                    values = eval(compile(ast.Expression(call.args[1]), str(main_py), "eval"),
                                  {"datetime": datetime}, {"self": SimpleNamespace(app=app)})
                    return call.args[0].value, tuple(values)
    raise SystemExit(f"no INSERT INTO project found in new_project of {main_py}")


def module_constant(py_file: Path, name: str):
    """The value of a module-level `name = <literal>` in one of QualCoder's files."""
    for node in ast.parse(py_file.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name):
            return ast.literal_eval(node.value)
    raise SystemExit(f"no {name} = … in {py_file}")


def qualcoder_method(py_file: Path, class_name: str, method_name: str, namespace: dict):
    """One method of a QualCoder class, compiled from its source in the checkout with `namespace`
    as its module globals. Importing the module itself (app.py) would pull in QualCoder's AI,
    speaker and icon dependencies, none of which the methods used here touch."""
    tree = ast.parse(py_file.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method_name:
                    code = compile(ast.Module(body=[item], type_ignores=[]), str(py_file), "exec")
                    scope = dict(namespace)
                    exec(code, scope)
                    return scope[method_name]
    raise SystemExit(f"no {class_name}.{method_name} in {py_file}")


def qualcoder_app_methods(checkout: Path, names: list[str]) -> dict:
    """Methods of QualCoder's App (app.py) by name, with the module globals they use."""
    qc = checkout / "src" / "qualcoder"
    namespace = {"sqlite3": sqlite3, "logger": logging.getLogger("qualcoder.app"),
                 "speaker_coder_name": module_constant(qc / "speakers.py", "speaker_coder_name")}
    return {name: qualcoder_method(qc / "app.py", "App", name, namespace) for name in names}


def qualcoder_version(checkout: Path) -> dict:
    version = {"commit": None, "app": None}
    try:
        version["commit"] = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"],
                                           capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    app_py = checkout / "src" / "qualcoder" / "app.py"
    for line in app_py.read_text(encoding="utf-8").splitlines():
        if "self.version =" in line:
            version["app"] = line.split("=", 1)[1].split("#")[0].strip().strip("\"'")
            break
    return version


class Log:
    """Stands in for QualCoder's log window (a QTextEdit it appends to)."""

    def __init__(self):
        self.lines: list[str] = []

    def append(self, text):
        self.lines.append(str(text))


class App:
    """The few parts of QualCoder's App object the importer uses."""

    def __init__(self, project_path: Path, conn):
        self.project_path = str(project_path)
        self.conn = conn
        self.settings = {"directory": str(project_path.parent), "codername": "default",
                         "ai_enable": "False"}
        self.ai_models = []
        self.ai = None
        self.project_events = None
        self.version = None
        self.delete_backup = True

    def write_config_ini(self, settings, ai_models):
        pass


def counts(conn) -> dict:
    cur = conn.cursor()

    def one(sql):
        return cur.execute(sql).fetchone()[0]

    return {
        "sources": one("select count(*) from source"),
        "codes": one("select count(*) from code_name"),
        "categories": one("select count(*) from code_cat"),
        "codings": one("select count(*) from code_text"),
        "codings_with_memo": one("select count(*) from code_text where memo is not null and memo != ''"),
        "code_memos": one("select count(*) from code_name where memo is not null and memo != ''"),
        "annotations": one("select count(*) from annotation"),
        "journals": one("select count(*) from journal"),
        "cases": one("select count(*) from cases"),
        "case_text_links": one("select count(*) from case_text"),
        "cases_with_text": one("select count(distinct caseid) from case_text"),
        "attribute_types": one("select count(*) from attribute_type"),
        "attributes": one("select count(*) from attribute"),
        "codings_without_code": one("select count(*) from code_text where cid is null"),
        "codings_selected_text_differs": one(
            "select count(*) from code_text t join source s on s.id = t.fid "
            "where t.seltext != substr(s.fulltext, t.pos0 + 1, t.pos1 - t.pos0)"),
        "memos_with_machine_trailer": one(
            "select (select count(*) from code_text where memo like '%transcript-coder:%')"
            " + (select count(*) from code_name where memo like '%transcript-coder:%')"),
        # Our export selects whole lines: a coding that starts or ends inside a line was misplaced.
        "codings_off_line_boundaries": sum(
            1 for text, start, end in cur.execute(
                "select s.fulltext, t.pos0, t.pos1 from code_text t join source s on s.id = t.fid")
            if not ((start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n"))),
    }


def expected_counts(qdpx: Path) -> dict:
    """What a faithful import of this .qdpx holds, counted in its project.qde."""
    with zipfile.ZipFile(qdpx) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""

    def all_(name, under=root):
        return list(under.iter(ns + name))

    cases = [case for case in all_("Case") if case.get("name") is not None]
    case_guids = {case.get("guid") for case in cases}
    codes = [code for code in all_("Code") if code.get("isCodable") != "false"]
    codings, case_links, with_memo = 0, 0, 0
    for selection in all_("PlainTextSelection"):
        description = selection.find(ns + "Description")
        has_memo = description is not None and (description.text or "") != ""
        for coding in selection.findall(ns + "Coding"):
            target = coding.find(ns + "CodeRef").get("targetGUID")
            if target in case_guids:
                case_links += 1
            else:
                codings += 1
                with_memo += 1 if has_memo else 0
    values = sum(len(source.findall(ns + "VariableValue")) for source in all_("TextSource"))
    values += sum(len(case.findall(ns + "VariableValue")) for case in cases)
    return {
        "sources": len(all_("TextSource")),
        "codes": len([code for code in codes if code.get("guid") not in case_guids]),
        "categories": len(all_("Code")) - len(codes),
        "codings": codings,
        "codings_with_memo": with_memo,
        "cases": len(cases),
        "case_text_links": case_links,
        "cases_with_text": len({case.get("guid") for case in cases if any(
            ref.get("targetGUID") == case.get("guid") for ref in all_("CodeRef"))}),
        "attribute_types": len(all_("Variable")),
        "attributes": values,
        "codings_without_code": 0,
        "codings_selected_text_differs": 0,
        "codings_off_line_boundaries": 0,
        "memos_with_machine_trailer": 0,
        "documents_copied": len(all_("TextSource")),
    }


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    checkout, qdpx, out_dir = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), Path(sys.argv[3])
    if out_dir.exists():
        raise SystemExit(f"{out_dir} exists; give a new folder")
    sys.path.insert(0, str(checkout / "src"))
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        import fitz
        sys.modules["pymupdf"] = fitz

    from PyQt6 import QtWidgets
    qt_app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["qualcoder-import"])
    import qualcoder  # noqa: F401  (installs _() for gettext)
    from qualcoder import refi

    project = out_dir.resolve() / "project.qda"
    for folder in ("", "images", "audio", "video", "documents"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(project / "data.qda")
    main_py = checkout / "src" / "qualcoder" / "__main__.py"
    for statement in schema_statements(main_py):
        conn.execute(statement)
    # As new_project goes on: QualCoder's own update_coder_names (coder_names and the *_visible
    # views its exporter reads), then the project row (its date is the export's creationDateTime).
    for name, method in qualcoder_app_methods(checkout, ["update_coder_names", "get_last_project_coder"]).items():
        setattr(App, name, method)
    app = App(project, conn)
    app.version = qualcoder_version(checkout)["app"]
    app.update_coder_names()
    conn.execute(*project_row(main_py, app))
    conn.commit()

    messages = record_messages(refi)
    # The importer copies the .qdpx's parts into FILE_temporary beside it; keep that in OUT_DIR.
    copy = out_dir.resolve() / qdpx.name
    copy.write_bytes(qdpx.read_bytes())
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(copy), "*.qdpx"))
    logged = []

    class Keep(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING:
                logged.append(f"{record.levelname}: {record.getMessage()}")

    logging.getLogger().addHandler(Keep())
    logging.getLogger().setLevel(logging.WARNING)
    log = Log()
    error = None
    try:
        refi.RefiImport(app, log, "qdpx")
    except Exception as exc:  # the point is to see it
        import traceback
        error = traceback.format_exc()
    found = counts(conn)
    found["documents_copied"] = len(list((project / "documents").iterdir()))
    expected = expected_counts(qdpx)
    mismatches = {key: {"expected": value, "qualcoder": found.get(key)}
                  for key, value in expected.items() if found.get(key) != value}
    result = {"qualcoder": qualcoder_version(checkout), "file": str(qdpx), "database": str(project / "data.qda"),
              "error": error, "counts": found, "expected": expected, "mismatches": mismatches,
              "log": log.lines, "messages": messages, "logged": logged}
    return result


if __name__ == "__main__":
    # QualCoder prints (e.g. "No module named 'vlc'"); keep stdout for the JSON alone.
    with redirect_stdout(sys.stderr):
        outcome = main()
    print(json.dumps(outcome, ensure_ascii=False, indent=1))
    sys.exit(1 if outcome["error"] or outcome["mismatches"] else 0)

