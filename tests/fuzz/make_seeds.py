#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Seed corpora for the fuzz targets (docs/fuzzing.md), cut from the repository's own data.

Usage: make_seeds.py SOURCE_DIR OUT_DIR

Writes OUT_DIR/<target>/ for every target. Seeds are small (a few KB) so that the targets run
fast: pieces of the seed report (tests/data/seed-2564.txt), of the bundled corpus and its
tables, one theme of the default codebook at a time, the example run configurations and
results, the REFI-QDA fixtures. Workbooks and documents are written by the real writers the
tests use (python3-openpyxl, python3-docx), once deflated as those writers store them and once
stored (uncompressed) so that libFuzzer's mutations reach the XML inside.
Run by scripts/fuzz.sh with Debian's /usr/bin/python3 (python3-openpyxl, python3-docx).
"""

import csv
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

SOURCE = Path(sys.argv[1])
OUT = Path(sys.argv[2])


def write(target, name, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


def repack(zip_bytes, compression=zipfile.ZIP_STORED, keep=None):
    """The same package with its members stored uncompressed (or as `compression` says), only
    those whose names start with one of `keep` when given: the members the reader reads."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            if keep is None or info.filename.startswith(keep):
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def write_package(target, name, zip_bytes, keep=None):
    """The package as its writer made it (only the members the reader reads when `keep` names
    them: the writers' templates are large) and stored."""
    write(target, name, zip_bytes if keep is None else repack(zip_bytes, zipfile.ZIP_DEFLATED, keep))
    write(target, "stored-" + name, repack(zip_bytes, keep=keep))


def chunks(lines, size, count):
    """`count` runs of `size` lines spread over `lines`."""
    step = max(1, (len(lines) - size) // count)
    return ["".join(lines[i:i + size]) for i in range(0, max(1, len(lines) - size + 1), step)][:count]


# --- text: normalizer, tokenizer, matcher -------------------------------------------------------
seed_lines = (SOURCE / "tests/data/seed-2564.txt").read_text(encoding="utf-8").splitlines(keepends=True)
repairs = [line.rstrip("\n").split("\t") for line in
           (SOURCE / "tests/data/seed-dictionary-repairs.tsv").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")]
for target in ("normalizer", "tokenizer", "matcher"):
    for n, text in enumerate(chunks(seed_lines, 3, 150)):
        write(target, f"seed-{n:03}.txt", text)
    for n, fields in enumerate(repairs[1:80]):
        write(target, f"repair-{n:03}.txt", fields[0])

# --- codebook: the default codebook's header with one theme at a time ---------------------------
codebook = (SOURCE / "codebooks/msdhs-2564.yaml").read_text(encoding="utf-8")
header, _, body = codebook.partition("themes:\n")
header = "".join(line + "\n" for line in header.splitlines() if not line.startswith("#"))
themes = body.split("\n  - id: ")
for n, theme in enumerate(themes[1:]):
    lines = theme.split("\n")
    # The theme without its description, parent and children (which name other themes).
    kept = [l for l in lines if not l.lstrip().startswith(("parent:", "children:"))]
    text = "\n".join(kept)
    start = text.find("    description:")
    colour = text.find("    colour:")
    if start >= 0 and colour > start:
        text = text[:start] + text[colour:]
    text = "\n".join(text.split("\n")[:30])
    write("codebook", f"theme-{n:02}.yaml", header + "themes:\n  - id: " + text + "\n")
write("codebook", "rules.yaml", header + """themes:
  - id: budget
    label: {th: งบประมาณ, en: Budget}
    terms: [งบประมาณ, COVID-19, "ขาด*"]
    patterns: ["งบ(ประมาณ)?ไม่(เพียง)?พอ"]
    exclude: [งบดุล]
    rules:
      - all_of: [งบ, ไม่พอ]
      - near: {terms: [เจ้าหน้าที่, ไม่เพียงพอ], within: 5}
      - any_of: [{not: งบดุล}, ขาดแคลน]
""")

# --- corpus tables --------------------------------------------------------------------------------
tsv_lines = (SOURCE / "tests/data/real/bundled-bom-crlf.tsv").read_bytes().decode("utf-8").splitlines(keepends=True)
for n, rows in enumerate(chunks(tsv_lines[1:], 6, 40)):
    write("corpus_tsv", f"bundled-{n:02}.tsv", tsv_lines[0] + rows)
sample_lines = (SOURCE / "tests/data/corpus_samples.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
for n, rows in enumerate(chunks(sample_lines[1:], 8, 10)):
    write("corpus_tsv", f"samples-{n:02}.tsv", sample_lines[0] + rows)
utf16 = (SOURCE / "tests/data/real/bundled-utf16le.txt").read_bytes()
cut = utf16.find("\n".encode("utf-16-le"), 1500)
write("corpus_tsv", "utf16le.txt", utf16[:cut + 2])

csv_text = (SOURCE / "tests/data/real/bundled-bom.csv").read_bytes().decode("utf-8")
records = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"), newline="")))
for n, start in enumerate(range(1, len(records) - 5, max(1, len(records) // 40))):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(records[0])
    writer.writerows(records[start:start + 5])
    write("corpus_csv", f"bundled-{n:02}.csv", "\ufeff" + out.getvalue())

for path in sorted((SOURCE / "corpora/ssw3-2564").glob("*/*.md")):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    piece, n = "", 0
    for line in lines:
        if line.startswith("## ") and len(piece.encode("utf-8")) > 1200:
            write("corpus_folder", f"{path.parent.name}-{path.stem}-{n}.md", piece)
            piece, n = "", n + 1
        piece += line
    write("corpus_folder", f"{path.parent.name}-{path.stem}-{n}.md", piece)

for n, path in enumerate(sorted(SOURCE.glob("corpora/*/corpus.yaml")) + sorted(SOURCE.glob("examples/corpora/*/corpus.yaml"))):
    write("corpus_yaml", f"corpus-{n}.yaml", path.read_bytes())


def workbook(rows, sheets=1):
    book = openpyxl.Workbook()
    for s in range(sheets):
        sheet = book.active if s == 0 else book.create_sheet(f"Sheet{s + 1}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


table_rows = [line.rstrip("\r\n").split("\t") for line in tsv_lines]
table_rows[0][0] = table_rows[0][0].lstrip("\ufeff")
for n, start in enumerate((1, 200, 600, 1200)):
    rows = [table_rows[0]] + [[int(c) if c.isdigit() else c for c in r] for r in table_rows[start:start + 4]]
    write_package("corpus_xlsx", f"bundled-{n}.xlsx", workbook(rows, sheets=1 + n % 2),
                  keep=("xl/workbook.xml", "xl/_rels/", "xl/sharedStrings.xml", "xl/worksheets/"))
for name in ("no-sheet.xlsx", "plain-zip.xlsx"):
    write("corpus_xlsx", name, (SOURCE / "tests/data/real" / name).read_bytes())


def appendix(provinces, cells, caption):
    document = docx.Document()
    document.add_paragraph(caption)
    table = document.add_table(rows=1 + len(cells), cols=len(provinces))
    for c, name in enumerate(provinces):
        table.rows[0].cells[c].text = name
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            cell = table.rows[r + 1].cells[c]
            cell.text = ""
            bold = cell.paragraphs[0].add_run("ด้านการบริหารจัดการ")
            bold.bold = True
            cell.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


metadata = (SOURCE / "corpora/ssw3-2564/corpus.yaml").read_text(encoding="utf-8")
provinces = [line.split("th:", 1)[1].strip() for line in metadata.split("instruments:")[0].splitlines() if "th:" in line]
texts = [r[6] for r in table_rows[1:] if len(r) > 6]
write_package("corpus_docx", "appendix-1.docx",
              appendix(provinces[:4], [texts[0:4], texts[4:8]], "1. ปัญหาอุปสรรคในการดำเนินงาน"),
              keep=("word/document.xml",))
write_package("corpus_docx", "appendix-2.docx", appendix(["", provinces[4], provinces[5]],
                                                         [["พื้นที่", texts[10], texts[11]]], "ตารางที่ 2 (ต่อ)"),
              keep=("word/document.xml",))

# The qdpx target's parts (tests/fuzz/qdpx.cpp): project.qde, then the texts it names
# internal://1.txt, internal://2.txt, ... (odd in Sources/, even in sources/), between separators.
PART_SEPARATOR = "\n%%part%%\n"
QDE_NS = "urn:QDA-XML:project:1.0"


def project_parts(package, per_source=False):
    """The project's parts: one seed with every source, or (per_source) one seed per source
    holding only it, so that a project of large texts still fits the target's 4 KB."""
    import xml.etree.ElementTree as ET
    ET.register_namespace("", QDE_NS)
    names = package.namelist()
    qde_name = "project.qde" if "project.qde" in names else next(n for n in names if n.endswith(".qde"))
    root = ET.fromstring(package.read(qde_name).decode("utf-8-sig"))
    for parent in list(root.iter()):  # the codes' long descriptions: room for the texts
        for d in parent.findall(f"{{{QDE_NS}}}Description"):
            parent.remove(d)
    sources = root.find(f"{{{QDE_NS}}}Sources")
    all_sources = [] if sources is None else list(sources)
    groups = [[s] for s in all_sources] if per_source else [all_sources]
    seeds = []
    for group in groups:
        if sources is not None:
            for s in all_sources:
                sources.remove(s)
            sources.extend(group)
        texts = []
        for s in group:
            path = s.get("plainTextPath")
            if s.tag != f"{{{QDE_NS}}}TextSource" or not path or not path.startswith("internal://"):
                continue
            entry = next((n for n in (f"Sources/{path[11:]}", f"sources/{path[11:]}") if n in names), None)
            if entry is None:
                continue
            texts.append(package.read(entry).decode("utf-8"))
            number = len(texts)
            s.set("plainTextPath", f"internal://{number}.txt")
            if "richTextPath" in s.attrib:
                del s.attrib["richTextPath"]
        xml = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
        seeds.append(PART_SEPARATOR.join([xml] + texts))
        if sources is not None:
            for s in group:
                sources.remove(s)
            sources.extend(all_sources)
    return seeds


for path in sorted((SOURCE / "tests/data/refi-qda").glob("*.qdpx")):
    write_package("qdpx", path.name, path.read_bytes())
    with zipfile.ZipFile(path) as package:
        write("qdpx", "parts-" + path.stem, project_parts(package)[0])
        for i, seed in enumerate(project_parts(package, per_source=True)):
            write("qdpx", f"parts-{path.stem}-{i + 1}", seed)
    with zipfile.ZipFile(path) as package:
        project = package.read("project.qde").decode("utf-8-sig")
    start, end = project.find("<CodeBook>"), project.find("</CodeBook>")
    if start >= 0 and end > start:
        write("qdc", path.stem + ".qdc", '<?xml version="1.0" encoding="utf-8"?>\n' +
              project[start:end + 11].replace("<CodeBook>", '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">', 1))
write("qdc", "atlas.qdc", """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti Win 23.4.0">
  <Codes>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="งบประมาณ" isCodable="true" color="#46AA00">
      <Description>budget</Description>
      <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55295" name="Budget" isCodable="true"/>
    </Code>
  </Codes>
  <Sets><Set name="g" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0"><MemberCode guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"/></Set></Sets>
</CodeBook>
""")

# --- run configurations, agree's codings, diff's results ---------------------------------------
for path in sorted((SOURCE / "examples").glob("*.yaml")):
    write("run_config", path.name, path.read_bytes())

coding_lines = (SOURCE / "tests/data/human-coding-sample.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
header = coding_lines[0].rstrip("\n").split("\t")
for n, rows in enumerate(chunks(coding_lines[1:], 6, 12)):
    write("agree", f"cells-{n:02}.tsv", coding_lines[0] + rows)
    records = [dict(zip(header, r.rstrip("\n").split("\t"))) for r in rows.splitlines()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[rec.get(h, "") for h in header] for rec in records])
    write("agree", f"cells-{n:02}.csv", out.getvalue())
    write("agree", f"cells-{n:02}.jsonl",
          "".join(json.dumps({k: (int(v) if k == "value" else v) for k, v in rec.items() if k != "note"},
                             ensure_ascii=False) + "\n" for rec in records))
write("agree", "codings.tsv", "corpus\tyear\tinstrument\tquestion\tprovince\tsegment\ttheme\tterm\tstart\tend\ttext\n"
      "ssw3-2564\t2564\tcentre1300\tq4\tnakhonpathom\t1\tstaffing\tบุคลากร\t0\t21\tบุคลากร\n"
      "ssw3-2564\t2564\tcentre1300\tq4\tratchaburi\t2\tbudget\tงบประมาณ\t3\t27\tงบประมาณ\n")

for path in sorted(SOURCE.glob("examples/results/*/*.json")):
    if path.name != "manifest.json" and path.stat().st_size < 20000:
        write("diff_json", f"{path.parent.name}-{path.name}", path.read_bytes())
freq = json.loads((SOURCE / "examples/results/ssw3-2564/freq.json").read_text(encoding="utf-8"))
for key, value in list(freq.items()):
    if isinstance(value, list) and len(value) > 3:
        freq[key] = value[:3]
write("diff_json", "freq-small.json", json.dumps(freq, ensure_ascii=False, indent=1))
for path in sorted(SOURCE.glob("examples/results/*/manifest.json")):
    write("manifest", f"{path.parent.name}.json", path.read_bytes())
