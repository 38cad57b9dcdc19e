#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Opens `supanalyze report -o r.docx` of the bundled corpus with python-docx (Debian
python3-docx), a reader library independent of the writer, and checks that Word sees what
`freq` prints: one Heading 2 per question with its text, then its chart table listing the
themes in freq's order with freq's counts, the majority ones starred; quotes in the Quote
style with highlighted runs; the appendix tables; the identity table with the codebook hash.

usage: check_docx.py SUPANALYZE_BINARY WORK_DIR
"""
import json
import os
import subprocess
import sys

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.table import Table
from docx.text.paragraph import Paragraph


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "r.docx")
    if os.path.exists(path):
        os.remove(path)
    subprocess.run([binary, "report", "-o", path], check=True)
    freq = json.loads(subprocess.run([binary, "freq", "--format", "json"], check=True, capture_output=True, text=True).stdout)

    document = docx.Document(path)
    body = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            body.append(Paragraph(child, document))
        elif child.tag.endswith("}tbl"):
            body.append(Table(child, document))

    headings1 = [b.text for b in body if isinstance(b, Paragraph) and b.style.name == "Heading 1"]
    assert len(headings1) == 6, headings1  # 4 instruments, the appendix, the identity
    assert headings1[0].startswith("1. ผลการนิเทศ ติดตามและประเมินผลศูนย์ช่วยเหลือทางสังคม 1300"), headings1[0]

    questions = [i for i, b in enumerate(body) if isinstance(b, Paragraph) and b.style.name == "Heading 2" and b.text.startswith("ประเด็นที่ ")]
    assert len(questions) == len(freq["questions"]) == 25, len(questions)
    quotes = highlighted = 0
    for q, at in zip(freq["questions"], questions):
        heading = body[at].text
        assert heading.endswith(q["label"]), (heading, q["label"])
        if not q["themes"]:
            continue
        chart = next(b for b in body[at:] if isinstance(b, Table))
        rows = [[cell.text for cell in row.cells] for row in chart.rows]
        assert len(rows) == len(q["themes"]), (heading, len(rows))
        for row, theme in zip(rows, q["themes"]):
            assert row[0] == theme["label"], (row[0], theme["label"])
            expected = "{}/{} (".format(theme["count"], q["denominator"])
            assert row[-1].startswith(expected), (row[-1], expected)
            assert row[-1].endswith("★") == theme["majority"], row[-1]
        end = questions[questions.index(at) + 1] if at != questions[-1] else len(body)
        for b in body[at:end]:
            if isinstance(b, Paragraph) and b.style.name == "Quote":
                quotes += 1
                highlighted += any(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in b.runs)
    assert quotes > 300 and highlighted == quotes, (quotes, highlighted)

    captions = [b.text for b in body if isinstance(b, Paragraph) and b.style.name == "Heading 3"]
    assert sum(c.startswith("ตาราง ") for c in captions) == 25, captions
    identity = body[-1] if isinstance(body[-1], Table) else [b for b in body if isinstance(b, Table)][-1]
    values = {row.cells[0].text: row.cells[1].text for row in identity.rows}
    assert len(values["codebook sha256"]) == 64 and len(values["corpus sha256"]) == 64, values
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1
    print("docx: {} questions, {} quotes, {} tables read back".format(len(questions), quotes, len(document.tables)))


if __name__ == "__main__":
    main()
