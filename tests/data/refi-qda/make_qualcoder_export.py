#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Makes qualcoder-export.qdpx and qualcoder-export.qdc here with QualCoder itself: a real
# REFI-QDA project and codebook written by another QDA tool's exporter, for the tests.
#
# QualCoder is not part of this repository and none of its code is copied here: this script
# imports QualCoder's own modules from a checkout whose path is given on the command line, and
# calls them as QualCoder's menus do (new project, import files, file attributes, new
# category/codes, mark a selection, REFI-QDA export of the project and of the codebook). Only
# its dialogs are answered by this script (message boxes, file dialogs, name prompts).
#
# Made with QualCoder "4.0 Beta" (App.version), github.com/ccbogel/QualCoder commit
# c3204641e0a997c08219d2377eb5736cd94504bc (2026-08-22), on Debian 12's python3 with
# python3-pyqt6 python3-pyqt6.qtsvg python3-pyqt6.qtmultimedia python3-pil python3-chardet
# python3-fitz python3-qtawesome python3-vlc python3-openpyxl python3-lxml python3-yaml
# (apt-get). Modules QualCoder imports but this path never runs (its AI assistant: langchain,
# openai, ...; pandas, emoji, odfpy, ...) are given empty stand-ins when Debian does not
# package them.
#
# Run (no display needed; HOME is pointed at a temporary folder so no ~/.qualcoder is touched):
#   git clone https://github.com/ccbogel/QualCoder /tmp/qualcoder   # then check out the commit
#   QT_QPA_PLATFORM=offscreen /usr/bin/python3 make_qualcoder_export.py /tmp/qualcoder \
#       ../../../build-dev/cli/supanalyze [roundtrip]
# With "roundtrip" it makes qualcoder-roundtrip.qdpx instead: supanalyze's own `code -o x.qdpx`
# of two answers imported by QualCoder's REFI-QDA project import and exported again unchanged
# (and qualcoder-roundtrip-supanalyze.tsv, the same coding as TSV).
# The texts are three answers of the bundled corpus, as supanalyze's own `code -o x.qdpx` gives
# them to an analyst (one plain-text source per answer); one is written with a BOM and CRLF line
# ends first, as a Windows editor saves it.
#
# Reproducible bytes: QualCoder draws its GUIDs from uuid.uuid4, stamps dates with
# datetime.now(), picks a new code's colour with random.randint, and its zip
# (shutil.make_archive) takes the files' times and the folder's listing order. Before QualCoder
# is imported, this script seeds uuid.uuid4 and the random module (a fixed seed per output),
# fixes the clock at FIXED_NOW in UTC, and runs make_archive with every file's time set to
# FIXED_NOW and os.walk listing names sorted; Python's hash seed is pinned to 0 (the script
# re-executes itself with PYTHONHASHSEED=0) and the umask to 022. QualCoder's own code runs
# unchanged otherwise. A rerun with the same QualCoder commit, supanalyze build and Debian 12's
# Python and zlib gives the same bytes (`git status` shows no change; two runs were compared
# with cmp); another zlib may deflate differently, the content stays the same.
# check_reproducible.py here (a CTest) checks the committed files are this pinned output.
import datetime
import importlib.abc
import importlib.machinery
import os
import shutil
import subprocess
import sys
import tempfile
import types
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The answers (instrument, question, province) imported as sources; the CRLF/BOM one last.
ANSWERS = [("centre1300", "q4", "ratchaburi"), ("centre1300", "q5", "ratchaburi"),
           ("centre1300", "q4", "kanchanaburi")]
CRLF_BOM = ("centre1300", "q4", "kanchanaburi")
CATEGORY = "ทรัพยากรบุคคล"  # "human resources": a category (not codable), matches no theme
# Code name -> category (None: top level). Three are theme labels of the default codebook
# (staffing, training, coordination); "ข้อสังเกตผู้ทบทวน" (reviewer's note) is no theme.
CODES = [("อัตรากำลังและภาระงาน", CATEGORY), ("การอบรมและการพัฒนาความรู้ทักษะ", CATEGORY),
         ("การบูรณาการและการประสานงาน", None), ("ข้อสังเกตผู้ทบทวน", None)]
# (answer, code, phrase): the selection is the phrase's first occurrence in the source text;
# QualCoder's mark() reads its positions from the Qt editor's selection.
SPANS = [
    (ANSWERS[0], "อัตรากำลังและภาระงาน", "เจ้าหน้าที่ขาดทักษะในบริการให้คำปรึกษา"),
    (ANSWERS[0], "การอบรมและการพัฒนาความรู้ทักษะ", "ควรมีการอบรมเจ้าหน้าที่"),
    (ANSWERS[0], "ข้อสังเกตผู้ทบทวน", "ระยะห่างของสถานที่ตั้ง"),
    (ANSWERS[1], "อัตรากำลังและภาระงาน", "ตำแหน่ง/อัตรากำลัง"),
    (CRLF_BOM, "การบูรณาการและการประสานงาน", "การบูรณาการความร่วมมือกับหน่วยงานภายนอก"),
    (CRLF_BOM, "การอบรมและการพัฒนาความรู้ทักษะ", "จัดอบรมเพื่อเพิ่มทักษะในการให้คำปรึกษา"),
]

STUBBED = []

# The clock QualCoder sees (UTC) and the seed of its GUIDs: fixed, so reruns give the same bytes.
FIXED_NOW = (2026, 8, 22, 12, 0, 0)
GUID_SEED = 2564


class _FixedDateTime(datetime.datetime):
    """datetime.datetime whose now() is FIXED_NOW (UTC)."""

    @classmethod
    def now(cls, tz=None):
        fixed = cls(*FIXED_NOW, tzinfo=datetime.timezone.utc)
        return fixed.astimezone(tz) if tz else fixed.replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return cls.now()


def make_reproducible(seed):
    """Pins what QualCoder's export takes from the run (see the header): GUIDs, clock, zip times
    and order. Called before QualCoder's modules are imported, so they see the patched names."""
    import random
    import time
    import uuid
    os.environ["TZ"] = "UTC"
    time.tzset()
    os.umask(0o022)
    random.seed(seed)  # new codes get a random colour (random.randint)
    rng = random.Random(seed)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)
    datetime.datetime = _FixedDateTime
    stamp = _FixedDateTime(*FIXED_NOW, tzinfo=datetime.timezone.utc).timestamp()
    make_archive, walk = shutil.make_archive, os.walk

    def sorted_walk(top, *a, **k):
        for dirpath, dirnames, filenames in walk(top, *a, **k):
            dirnames.sort()
            yield dirpath, dirnames, sorted(filenames)

    def pinned_make_archive(base_name, fmt, root_dir=None, *a, **k):
        for dirpath, dirnames, filenames in walk(root_dir or "."):
            for name in dirnames + filenames:
                os.utime(os.path.join(dirpath, name), (stamp, stamp))
        os.utime(root_dir or ".", (stamp, stamp))
        os.walk = sorted_walk
        try:
            return make_archive(base_name, fmt, root_dir, *a, **k)
        finally:
            os.walk = walk

    shutil.make_archive = pinned_make_archive


class _StandInType(type):
    def __getattr__(cls, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _stand_in(attr)

    def __getitem__(cls, item):
        return cls


def _stand_in(name):
    """A class that takes any arguments and has any attribute (also a stand-in)."""
    def getattr_(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _stand_in(attr)

    return _StandInType(name, (), {"__init__": lambda self, *a, **k: None, "__getattr__": getattr_,
                                   "__call__": lambda self, *a, **k: _stand_in(name)()})


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: a module no installed package provides becomes an empty stand-in."""

    def find_spec(self, name, path, target=None):
        top = name.split(".")[0]
        if "." in name and top not in STUBBED:  # a missing part of an installed package stays missing
            return None
        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []

        def getattr_(attr):
            if attr.startswith("__"):
                raise AttributeError(attr)
            return _stand_in(attr)

        module.__getattr__ = getattr_
        STUBBED.append(spec.name)
        return module

    def exec_module(self, module):
        pass


def answer_texts(supanalyze):
    """The answers' source texts, from supanalyze's own project export of the bundled corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "auto.qdpx"
        subprocess.run([supanalyze, "code", "-o", str(out)], check=True)
        with zipfile.ZipFile(out) as z:
            qde = z.read("project.qde").decode("utf-8")
            texts = {}
            ns = {"q": "urn:QDA-XML:project:1.0"}
            for s in ET.fromstring(qde).iterfind("q:Sources/q:TextSource", ns):
                key = tuple(s.get("name").split("/"))
                if key in ANSWERS:
                    path = s.get("plainTextPath").replace("internal://", "Sources/")
                    texts[key] = z.read(path).decode("utf-8")
    assert len(texts) == len(ANSWERS), texts.keys()
    return texts


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":  # set and dict orders must not vary between runs
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ["roundtrip"]):
        sys.exit("usage: make_qualcoder_export.py QUALCODER_CHECKOUT SUPANALYZE_BINARY [roundtrip]")
    checkout, supanalyze = Path(sys.argv[1]).resolve(), str(Path(sys.argv[2]).resolve())
    roundtrip = sys.argv[3:] == ["roundtrip"]
    make_reproducible(GUID_SEED + roundtrip)
    texts = {} if roundtrip else answer_texts(supanalyze)
    work = Path(tempfile.mkdtemp(prefix="qualcoder-export-"))
    os.environ["HOME"] = str(work / "home")  # QualCoder keeps its settings in ~/.qualcoder
    (work / "home").mkdir()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(checkout / "src"))
    sys.meta_path.append(_StubFinder())
    import builtins
    builtins._ = lambda s: s  # QualCoder installs gettext's _ at start-up
    from PyQt6 import QtWidgets, QtGui

    qt_app = QtWidgets.QApplication(["qualcoder"])
    import qualcoder.__main__ as qc_main
    from qualcoder import code_text, code_tree, helpers, manage_files, refi
    from qualcoder.app import App
    sys.excepthook = sys.__excepthook__  # QualCoder's hook shows a dialog: fail here instead

    # Dialogs are answered here: messages are printed, file dialogs give the work folder.
    class Msg:
        def __init__(self, app, title, text, *a, **k):
            self.text = f"{title}: {text}"

        def exec(self):
            print("[QualCoder message]", self.text)
            return 0

    for module in (qc_main, helpers, manage_files, refi, code_text, code_tree):
        if hasattr(module, "Message"):
            module.Message = Msg
    project_base = str(work / "ssw3-review")
    QtWidgets.QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (project_base, ""))
    QtWidgets.QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(work / "out"))
    QtWidgets.QMessageBox.warning = staticmethod(lambda *a, **k: print("[QualCoder warning]", a[1:3]))
    (work / "out").mkdir()

    # 1. New project: MainWindow.new_project, on a stand-in for the main window (its log widget,
    # no menus); open_project's GUI refresh is not needed for a project made a moment ago.
    log = QtWidgets.QTextEdit()
    window = types.SimpleNamespace(
        app=App(), ui=types.SimpleNamespace(textEdit=log, tabWidget=QtWidgets.QTabWidget(),
                                            tab_action_log=QtWidgets.QWidget(), tab_reports=None,
                                            tab_coding=None, tab_manage=None),
        project={}, journal_display=None, close_project=lambda: None, setWindowTitle=lambda t: None,
        open_project=lambda *a: None, clear_tab_widgets=lambda *a, **k: None)
    qc_main.AiLLM = lambda *a, **k: None
    qc_main.MainWindow.new_project(window)
    app = window.app
    app.settings["codername"] = "reviewer"
    print("project", app.project_path, app.version)
    if roundtrip:
        return import_and_export(app, log, refi, work, supanalyze)

    # 2. Sources: DialogManageFiles.import_files (copies each file into documents/, then
    # load_file_text, which decodes, drops a BOM and turns CRLF into LF).
    files = []
    for key in ANSWERS:
        path = work / ("_".join(key) + ".txt")
        data = texts[key]
        raw = data.encode("utf-8")
        if key == CRLF_BOM:
            raw = b"\xef\xbb\xbf" + data.replace("\n", "\r\n").encode("utf-8")
        path.write_bytes(raw)
        files.append(str(path))
    QtWidgets.QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: (files, ""))
    host = QtWidgets.QDialog()
    for name in ("source", "pdf_import_code_highlights", "av_dialog_open"):
        setattr(host, name, [] if name == "source" else None)
    host.app, host.parent_text_edit, host.default_import_directory = app, log, str(work)
    bound = lambda f: types.MethodType(getattr(manage_files.DialogManageFiles, f), host)
    for f in ("import_files", "load_file_text", "load_pseudonyms", "decode_text_with_best_encoding"):
        setattr(host, f, bound(f))
    for f in ("_emit_project_table_changes", "load_file_data", "fill_table", "update_files_in_dialogs",
              "check_attribute_placeholders", "fill_table_after_changes"):
        setattr(host, f, lambda *a, **k: None)
    host.import_files()
    cur = app.conn.cursor()
    cur.execute("select id, name, fulltext from source order by id")
    sources = {name: (id_, text) for id_, name, text in cur.fetchall()}
    assert len(sources) == len(ANSWERS), sources.keys()

    # File attributes instrument/question/province (Manage attributes: the attribute_type row,
    # then a value per file, as attributes.py and manage_files.py write them).
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    for i, attribute in enumerate(("instrument", "question", "province")):
        cur.execute("insert into attribute_type (name,date,owner,memo,caseOrFile,valuetype) values(?,?,?,?,?,?)",
                    (attribute, now, "reviewer", "", "file", "character"))
        for key in ANSWERS:
            cur.execute("insert into attribute (name,attr_type,value,id,date,owner) values(?,?,?,?,?,?)",
                        (attribute, "file", key[i], sources["_".join(key) + ".txt"][0], now, "reviewer"))
    app.conn.commit()

    # 3. A category and codes: CodeTreeController.add_category / add_code (the code tree of the
    # coding dialogs), the name prompt answered here.
    tree_host = types.SimpleNamespace(codes=[], categories=[], parent_textEdit=log)
    tree = code_tree.CodeTreeController(app, QtWidgets.QTreeWidget(), tree_host)

    class NamePrompt:
        def __init__(self, *a, **k):
            pass

        def exec(self):
            return 1

        def get_new_name(self):
            return CATEGORY

    code_tree.DialogAddItemName = NamePrompt
    tree.add_category()
    cur.execute("select catid from code_cat where name=?", (CATEGORY,))
    catid = cur.fetchone()[0]
    for name, category in CODES:
        assert tree.add_code(catid if category else None, name)
    cur.execute("select name, cid from code_name")
    cids = dict(cur.fetchall())

    # 4. Codings: DialogCodeText.mark on a text editor holding the source, its selection set
    # by the phrase's place in the text (Qt positions: UTF-16 units, here code points).
    for key, code, phrase in SPANS:
        fid, fulltext = sources["_".join(key) + ".txt"]
        start = fulltext.index(phrase)
        editor = QtWidgets.QPlainTextEdit()
        editor.setPlainText(fulltext)
        cursor = editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + len(phrase), QtGui.QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        item = QtWidgets.QTreeWidgetItem([code, f"cid:{cids[code]}"])
        tw = QtWidgets.QTreeWidget()
        tw.addTopLevelItem(item)
        tw.setCurrentItem(item)
        dialog = types.SimpleNamespace(
            app=app, file_={"id": fid, "start": 0}, codes=[{"cid": cids[code], "name": code, "color": "#000000"}],
            code_text=[], clear_edit_variables=lambda: None,
            ui=types.SimpleNamespace(treeWidget=tw, plainTextEdit=editor, tabWidget=QtWidgets.QTabWidget()))
        for f in ("update_file_tooltip", "unlight", "highlight", "fill_code_counts_in_tree", "display_relations",
                  "refresh_after_coding", "get_coded_text_update_eventfilter_tooltips", "app_changed",
                  "_mark_incremental_refresh"):
            setattr(dialog, f, lambda *a, **k: None)
        try:
            code_text.DialogCodeText.mark(dialog)
        except AttributeError as err:  # GUI refresh after the database write
            print("[after mark]", err)
    cur.execute("select count(*) from code_text")
    assert cur.fetchone()[0] == len(SPANS)

    # 5. REFI-QDA exports: RefiExport(app, log, "project" / "codebook"); the MAXQDA line-ending
    # question keeps its default (LF).
    refi.RefiLineEndings.exec = lambda self: 0
    refi.RefiExport(app, log, "project")
    refi.RefiExport(app, log, "codebook")
    produced = sorted((work / "out").iterdir())
    print("produced", [p.name for p in produced])
    for p in produced:
        target = HERE / ("qualcoder-export" + p.suffix)
        shutil.copyfile(p, target)
        print("wrote", target)
    print("stand-ins for modules not installed:", " ".join(sorted({s.split('.')[0] for s in STUBBED})))
    shutil.rmtree(work)


def import_and_export(app, log, refi, work, supanalyze):
    """The review loop with no edits: supanalyze's own project of two provinces' answers to
    centre1300 q4 (`code -o`), imported by QualCoder's REFI-QDA project import (RefiImport,
    "qdpx", into the new project, as its menu does) and exported again (RefiExport)."""
    from PyQt6 import QtWidgets
    ours = work / "supanalyze.qdpx"
    filters = ["-i", "centre1300", "-q", "q4", "-p", "ratchaburi", "-p", "kanchanaburi"]
    subprocess.run([supanalyze, "code", "-o", str(ours)] + filters, check=True)
    # The same coding as TSV, kept beside the result: agree compares the two.
    subprocess.run([supanalyze, "code", "-o", str(HERE / "qualcoder-roundtrip-supanalyze.tsv")] + filters,
                   check=True)
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(ours), "qdpx"))
    refi.RefiImport(app, log, "qdpx")
    cur = app.conn.cursor()
    cur.execute("select (select count(*) from source), (select count(*) from code_name), "
                "(select count(*) from code_text)")
    print("imported: sources, codes, codings", cur.fetchone())
    refi.RefiLineEndings.exec = lambda self: 0
    refi.RefiExport(app, log, "project")
    produced = sorted((work / "out").glob("*.qdpx"))
    assert len(produced) == 1, produced
    shutil.copyfile(produced[0], HERE / "qualcoder-roundtrip.qdpx")
    print("wrote", HERE / "qualcoder-roundtrip.qdpx")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
