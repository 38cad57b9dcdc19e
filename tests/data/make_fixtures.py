#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the real-file fixtures of tests/data/real/ from the bundled corpus, with the writers
analysts' tools use: Python's csv module in the encodings Excel saves ("CSV UTF-8" is UTF-8 with
a BOM and CRLF, "Unicode Text" is UTF-16LE with a BOM, tab-separated), openpyxl for a workbook
and python-docx for the report appendix's Word tables. The tests read the committed outputs and
need none of these tools.

    /usr/bin/python3 tests/data/make_fixtures.py build/cli/supanalyze

Needs Debian's python3-openpyxl and python3-docx (apt-get install python3-openpyxl python3-docx).
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


def main():
    supanalyze = sys.argv[1] if len(sys.argv) > 1 else "build/cli/supanalyze"
    os.makedirs(OUT, exist_ok=True)
    rows = exported_rows(supanalyze)
    write_text("bundled-bom-crlf.tsv", rows, "\t", "utf-8-sig")
    write_text("bundled-bom.csv", rows, ",", "utf-8-sig")
    write_text("bundled-utf16le.txt", rows, "\t", "utf-16")  # Python writes the BOM, little-endian
    write_xlsx("bundled.xlsx", rows)
    write_bad_workbooks()
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
