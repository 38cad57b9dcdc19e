#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Builds small .qdpx fixtures in the layouts other QDA tools write (see README.md here), with the
# standard library only: real exports cannot be downloaded in this build. Run from this folder:
#   python3 make_fixtures.py
# The zip entries are dated 2000-01-01 so reruns give the same bytes.
import zipfile

DATE = (2000, 1, 1, 0, 0, 0)


def write_zip(name, entries):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in entries:
            info = zipfile.ZipInfo(entry, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# ATLAS.ti: codebook only (no sources), CRLF line ends, upper-case GUIDs, Sets with members.
atlas = "\r\n".join([
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="atlas-codebook"'
    ' origin="ATLAS.ti Win 23.4.0" xmlns="urn:QDA-XML:project:1.0">',
    '  <Users>',
    '    <User guid="3C0F7A0E-2E65-4C1B-9E0B-4C7D1E2F3A4B" name="Analyst" />',
    '  </Users>',
    '  <CodeBook>',
    '    <Codes>',
    '      <Code guid="A249FD8B-0C24-5359-A7E4-BA82B6DCF702" name="อัตรากำลังและภาระงาน" isCodable="true" color="#1F77B4">',
    '        <Description>staff shortage</Description>',
    '        <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Overtime" isCodable="true" color="#46AA00" />',
    '      </Code>',
    '    </Codes>',
    '  </CodeBook>',
    '  <Sets>',
    '    <Set name="code group 1" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0">',
    '      <MemberCode targetGUID="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" />',
    '    </Set>',
    '  </Sets>',
    '</Project>',
    '',
])
write_zip("atlas-codebook-only.qdpx", [("project.qde", atlas.encode("utf-8"))])

# QualCoder: lower-case GUIDs, a source file that starts with a BOM, positions in code points
# of the text after the BOM.
text = "งบประมาณไม่เพียงพอ\nเจ้าหน้าที่มีจำนวนจำกัด\n"
start = text.index("เจ้าหน้าที่")
end = start + len("เจ้าหน้าที่มีจำนวนจำกัด")
qde = f'''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="qualcoder" origin="QualCoder 3.5">
<Users><User guid="6a4f2b51-9a3c-4b7e-8a41-1f6c0e2d7b11" name="default"/></Users>
<CodeBook><Codes>
<Code guid="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f01" name="budget" isCodable="true" color="#F28E2B"><Description>money</Description></Code>
<Code guid="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f02" name="staffing" isCodable="true" color="#1F77B4"/>
<Code guid="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f03" name="memo idea" isCodable="true"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="0b8f6f0e-7c0f-4d2a-9b1e-3c4d5e6f7a80" name="Ratchaburi interview" plainTextPath="internal://0b8f6f0e-7c0f-4d2a-9b1e-3c4d5e6f7a80.txt" creatingUser="6a4f2b51-9a3c-4b7e-8a41-1f6c0e2d7b11">
<PlainTextSelection guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" startPosition="0" endPosition="{len("งบประมาณ")}" creatingUser="6a4f2b51-9a3c-4b7e-8a41-1f6c0e2d7b11">
<Coding guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f9" creatingUser="6a4f2b51-9a3c-4b7e-8a41-1f6c0e2d7b11"><CodeRef targetGUID="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f01"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7fa" startPosition="{start}" endPosition="{end}" creatingUser="6a4f2b51-9a3c-4b7e-8a41-1f6c0e2d7b11">
<Coding guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7fb" creatingUser="6a4f2b51-9a3c-4b7e-8a41-1f6c0e2d7b11"><CodeRef targetGUID="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f02"/></Coding>
</PlainTextSelection>
</TextSource>
</Sources>
</Project>
'''
write_zip("qualcoder-bom.qdpx", [
    ("project.qde", qde.encode("utf-8")),
    ("Sources/0b8f6f0e-7c0f-4d2a-9b1e-3c4d5e6f7a80.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
])
