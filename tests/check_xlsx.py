# SPDX-License-Identifier: MIT
# Reads `supanalyze matrix -q centre1300/q4 -o m.xlsx` with openpyxl, a reader independent of
# the writer: one sheet, the heatmap colour scale on the matrix cells, Thai text intact,
# numbers as numbers, the header row frozen and filtered. Usage: check_xlsx.py m.xlsx
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["centre1300 q4"], wb.sheetnames
ws = wb.active
assert ws.freeze_panes == "A3", ws.freeze_panes
assert ws.auto_filter.ref.startswith("A2:"), ws.auto_filter.ref
assert "ท่านคิดว่าปัญหาหรืออุปสรรค" in ws["A1"].value, ws["A1"].value
assert ws["B2"].value == "ประเด็น" and ws["C2"].value == "นครปฐม", (ws["B2"].value, ws["C2"].value)
rows = []
for r in ws.iter_rows(min_row=3, values_only=True):
    if r[0] == "total":  # the totals row ends the matrix; notes follow it
        break
    rows.append(r)
assert len(rows) > 5, rows
for row in rows:
    assert all(isinstance(v, int) for v in row[2:]), row
    assert row[-1] <= 8, row
scales = [(str(cf.sqref), r.type) for cf in ws.conditional_formatting for r in cf.rules]
last = openpyxl.utils.get_column_letter(2 + 8)
assert scales == [("C3:%s%d" % (last, 2 + len(rows)), "colorScale")], scales
print("openpyxl: %d theme rows, heatmap %s" % (len(rows), scales[0][0]))
