#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the real-file fixtures of tests/data/real/ from the bundled corpus, with the writers
analysts' tools use: Python's csv module in the encodings Excel saves ("CSV UTF-8" is UTF-8 with
a BOM and CRLF, "Unicode Text" is UTF-16LE with a BOM, tab-separated), openpyxl for a workbook
and python-docx for the report appendix's Word tables. The tests read the committed outputs and
need none of these tools.

    /usr/bin/python3 tests/data/make_fixtures.py build/cli/supanalyze

Needs Debian's python3-openpyxl, python3-docx and python3-yaml.
"""
import csv
import io
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "real")


def exported_rows(supanalyze):
    tsv = subprocess.run([supanalyze, "corpus", "export", "--format", "tsv"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return [line.split("\t") for line in tsv.split("\n") if line]


def write_text(name, rows, delimiter, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buffer.getvalue().encode(encoding))


def write_xlsx(name, rows):
    import openpyxl
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "README"  # the answers are not on the first sheet: --sheet answers
    notes["A1"] = "สสว.3 2564: คำตอบรายจังหวัด (ข้อมูลอยู่ในแผ่นงาน answers)"
    sheet = book.create_sheet("answers")
    header = rows[0]
    sheet.append(header)
    for row in rows[1:]:
        # year and segment as numbers, as a person typing them into Excel stores them
        sheet.append([int(v) if header[k] in ("year", "segment") else v for k, v in enumerate(row)])
    first = openpyxl.Workbook()  # the same answers on the first (only) sheet
    only = first.active
    only.title = "Sheet1"
    for row in sheet.iter_rows(values_only=True):
        only.append(list(row))
    book.save(os.path.join(OUT, name.replace(".xlsx", "-sheets.xlsx")))
    first.save(os.path.join(OUT, name))


def write_bad_workbooks():
    """A workbook whose workbook.xml lists no sheet (openpyxl's output with <sheets> emptied),
    and a zip archive that is no workbook at all, saved as .xlsx."""
    import re
    import zipfile
    import openpyxl
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(os.path.join(OUT, "no-sheet.xlsx"), "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data, flags=re.S)
            dst.writestr(item, data)
    with zipfile.ZipFile(os.path.join(OUT, "plain-zip.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("notes.txt", "ไม่ใช่สมุดงาน (not a workbook)\n")


def write_control_characters():
    """Control characters in office files. XML cannot hold them, so Excel writes one in a cell
    as an escape, "_x0000_" (ECMA-376's ST_Xstring); openpyxl refuses to write a control
    character but writes the escape's text as given, which is the bytes Excel writes. A .docx
    cannot hold one at all: python-docx refuses it too, so the document's text is edited to
    "&#0;" after saving (the one edit here), which libxml2 must refuse as malformed XML."""
    import re
    import zipfile
    import docx
    import openpyxl
    header = ["instrument", "question", "province", "segment", "text"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "answers"
    sheet.append(header)
    sheet.append(["centre1300", "q4", "kanchanaburi", 1, "ไม่มีงบ_x0009_สนับสนุน"])  # a tab
    sheet.append(["centre1300", "q4", "kanchanaburi", 2, "ขาด_x005F_x0041_บุคลากร"])  # a literal "_x0041_"
    book.save(os.path.join(OUT, "escaped-tab.xlsx"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "answers"
    sheet.append(header)
    sheet.append(["centre1300", "q4", "kanchanaburi", 1, "ไม่มีงบสนับสนุน"])
    sheet.append(["centre1300", "q4", "kanchanaburi", 2, "ขาด_x0000_บุคลากร"])  # a NUL
    book.save(os.path.join(OUT, "escaped-nul.xlsx"))
    document = docx.Document()
    document.add_paragraph("ตารางที่ 1")
    table = document.add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "ราชบุรี"
    table.rows[1].cells[0].text = "- ขาดNULบุคลากร"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(os.path.join(OUT, "nul.docx"), "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb"NUL", b"&#0;", data)
            dst.writestr(item, data)


def write_docx(name, rows, corpus_yaml):
    """The 25 appendix tables as the seed prints them: the question above its table, a caption
    "ตารางที่ N", a header row of four provinces, and a "ตารางที่ N (ต่อ)" table for the other
    four; table 1 names its rows (the seven scope areas) in a first column; a labelled segment
    sits under a bold sub-heading."""
    import docx
    import yaml
    meta = yaml.safe_load(open(corpus_yaml, encoding="utf-8"))
    provinces = [(p["id"], p["th"]) for p in meta["provinces"]]
    header = rows[0]
    col = {k: header.index(k) for k in header}
    answers = {}
    for r in rows[1:]:
        key = (r[col["instrument"]], r[col["question"]], r[col["province"]])
        answers.setdefault(key, []).append((r[col["label"]], r[col["text"]]))
    document = docx.Document()
    document.add_heading("ภาคผนวก ข้อมูลจากการสนทนากลุ่ม", level=1)
    number = 0
    for instrument in meta["instruments"]:
        document.add_paragraph(instrument["th"])
        for qn, question in enumerate(instrument["questions"], start=1):
            number += 1
            document.add_paragraph("%d. %s" % (qn, question["th"]))
            labelled_rows = number == 1  # table 1: the seven areas in a first column
            for part, chosen in enumerate((provinces[:4], provinces[4:])):
                document.add_paragraph("ตารางที่ %d%s" % (number, " (ต่อ)" if part else ""))
                cells = [answers.get((instrument["id"], question["id"], pid), []) for pid, _ in chosen]
                if labelled_rows:
                    labels = []
                    for key in sorted(answers):
                        if key[:2] == (instrument["id"], question["id"]):
                            for label, _ in answers[key]:
                                if label not in labels:
                                    labels.append(label)
                    table = document.add_table(rows=1 + len(labels), cols=1 + len(chosen))
                    table.rows[0].cells[0].text = "ขอบข่ายงาน"
                    for k, (_, th) in enumerate(chosen):
                        table.rows[0].cells[k + 1].text = th
                    for r, label in enumerate(labels, start=1):
                        table.rows[r].cells[0].text = label
                        for k, segments in enumerate(cells):
                            cell = table.rows[r].cells[k + 1]
                            texts = [t for l, t in segments if l == label]
                            for i, t in enumerate(texts):
                                (cell.paragraphs[0] if i == 0 else cell.add_paragraph()).text = t
                    continue
                table = document.add_table(rows=2, cols=len(chosen))
                for k, (_, th) in enumerate(chosen):
                    table.rows[0].cells[k].text = th
                for k, segments in enumerate(cells):
                    cell = table.rows[1].cells[k]
                    first, label = True, ""
                    for seg_label, t in segments:
                        if seg_label != label:
                            p = cell.paragraphs[0] if first else cell.add_paragraph()
                            p.add_run(seg_label).bold = True
                            first, label = False, seg_label
                        p = cell.paragraphs[0] if first else cell.add_paragraph()
                        p.add_run(t)
                        first = False
    document.save(os.path.join(OUT, name))
    # Mismatches the importer must name: a merged cell across two provinces, a column whose
    # header is no province of corpus.yaml.
    merged = docx.Document()
    merged.add_paragraph("ตารางที่ 1")
    table = merged.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = provinces[0][1], provinces[1][1]
    table.rows[1].cells[0].merge(table.rows[1].cells[1]).text = "- ใช้ร่วมกันสองจังหวัด"
    merged.save(os.path.join(OUT, "merged-cell.docx"))
    unknown = docx.Document()
    unknown.add_paragraph("ตารางที่ 1")
    table = unknown.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = provinces[0][1], "ราชบุร"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "- ข้อความ", "- ข้อความ"
    unknown.save(os.path.join(OUT, "unknown-province.docx"))
    empty = docx.Document()
    empty.add_paragraph("ภาคผนวก (ยังไม่มีตาราง)")
    empty.save(os.path.join(OUT, "no-table.docx"))


def main():
    supanalyze = sys.argv[1] if len(sys.argv) > 1 else "build/cli/supanalyze"
    os.makedirs(OUT, exist_ok=True)
    rows = exported_rows(supanalyze)
    write_text("bundled-bom-crlf.tsv", rows, "\t", "utf-8-sig")
    write_text("bundled-bom.csv", rows, ",", "utf-8-sig")
    write_text("bundled-utf16le.txt", rows, "\t", "utf-16")  # Python writes the BOM, little-endian
    write_xlsx("bundled.xlsx", rows)
    write_bad_workbooks()
    write_control_characters()
    write_docx("appendix.docx", rows, os.path.join(HERE, "..", "..", "corpora", "ssw3-2564", "corpus.yaml"))
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
