#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Builds small .qdpx fixtures in the layouts ATLAS.ti and QualCoder write (see README.md here),
# with the standard library only. These are NOT exports made by those programs (none could be
# run or redistributed here): they are hand-made by this script, following byte for byte the
# layout of published exports and of the exporters' code, as README.md details. Run here:
#   python3 make_fixtures.py
# Fixed GUIDs and zip dates: reruns give the same bytes.
import zipfile


def write_zip(name, entries, create_system):
    """entries: (name, bytes, date); a name ending in / is a directory entry."""
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data, date in entries:
            info = zipfile.ZipInfo(entry, date)
            info.compress_type = zipfile.ZIP_STORED if entry.endswith("/") else zipfile.ZIP_DEFLATED
            info.create_system = create_system
            if entry.endswith("/"):
                info.external_attr = 0o40755 << 16 | 0x10
            z.writestr(info, data)


# ATLAS.ti 23 for Windows, "Export project as REFI-QDA" of a project with a code book and no
# documents (the layout of the two ATLAS.ti 23.2.3 exports published in the ponte repository's
# samples, and of the ATLAS.ti example in REFI-QDA 1.5 §10): UTF-8 without BOM, CRLF, XML
# declaration with encoding="utf-8", xsi:schemaLocation, the Project attributes in ATLAS.ti's
# order with xmlns last, upper-case GUIDs without braces, a "ATLAS.ti" user beside the person
# (the GUID C32A2BD5-... is the one every ATLAS.ti export carries), two-space indentation, " />"
# for empty elements, codes with color and Description, code groups as Sets. One entry in the
# zip (project.qde), deflated, made on Windows (create_system 0), with a real date.
ATLAS_USER = "088B08AC-D5CD-4ADB-8B71-B4F3459C177F"
atlas = "\r\n".join([
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"'
    ' origin="ATLAS.ti for Windows 23.2.3.27778" name="atlas-codebook"'
    f' creatingUserGUID="{ATLAS_USER}" creationDateTime="2023-08-16T15:49:36Z"'
    f' modifyingUserGUID="{ATLAS_USER}" modifiedDateTime="2023-08-16T15:50:33Z"'
    ' xmlns="urn:QDA-XML:project:1.0">',
    '  <Users>',
    f'    <User guid="{ATLAS_USER}" name="Analyst" />',
    '    <User guid="C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B" name="ATLAS.ti" />',
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
    '    <Set guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0" name="code group 1">',
    '      <MemberCode targetGUID="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" />',
    '    </Set>',
    '  </Sets>',
    '</Project>',
])
write_zip("atlas-codebook-only.qdpx", [("project.qde", atlas.encode("utf-8"), (2023, 8, 16, 11, 51, 4))],
          create_system=0)

# QualCoder (3.x, its refi.py exporter): project.qde and every source text written with
# Python's "utf-8-sig" codec, so each starts with a BOM; LF, no indentation; lower-case GUIDs
# from uuid4; Project attributes name, origin, creatingUserGUID, creationDateTime with
# xmlns:xsd/xmlns:xsi first and xmlns last; each TextSource has a richTextPath (the document,
# internal://<guid>.<suffix>) and a plainTextPath (internal://<another guid>.txt), attributes
# in that order then creatingUser, creationDateTime, guid, name; a PlainTextSelection carries
# the selected text as its name; codes outside a category first, then a category as a code
# holding its codes. Positions count code points of the text after the BOM (QualCoder slices
# its Python string). The zip is shutil.make_archive's: a directory entry for Sources/.
text = "งบประมาณไม่เพียงพอ\nเจ้าหน้าที่มีจำนวนจำกัด\n"
start = text.index("เจ้าหน้าที่")
end = start + len("เจ้าหน้าที่มีจำนวนจำกัด")
USER = "6a4f2b51-9a3c-4b7e-8a41-1f6c0e2d7b11"
RICH = "0b8f6f0e-7c0f-4d2a-9b1e-3c4d5e6f7a80.txt"
PLAIN = "9e0d1c2b-3a49-4f58-8b67-7c8d9e0f1a2b.txt"
qde = f'''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="interviews.qda" origin="QualCoder 3.5" creatingUserGUID="{USER}" creationDateTime="2024-02-01T09:12:40Z" xmlns="urn:QDA-XML:project:1.0">
<Users>
<User guid="{USER}" name="default" />
</Users>
<CodeBook>
<Codes>
<Code guid="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f03" name="memo idea" isCodable="true" color="#CBE9FA" />
<Code guid="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f00" name="problems" isCodable="true">
<Description>problems raised</Description>
<Code guid="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f01" name="budget" isCodable="true" color="#F28E2B">
<Description>money</Description>
</Code>
<Code guid="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f02" name="staffing" isCodable="true" color="#1F77B4" />
</Code>
</Codes>
</CodeBook>
<Sources>
<TextSource richTextPath="internal://{RICH}" plainTextPath="internal://{PLAIN}" creatingUser="{USER}" creationDateTime="2024-02-01T09:14:03Z" guid="{RICH[:-4]}" name="Ratchaburi interview">
<PlainTextSelection guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" startPosition="0" endPosition="{len("งบประมาณ")}" name="งบประมาณ" creatingUser="{USER}" creationDateTime="2024-02-01T09:20:11Z">
<Coding guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f9" creatingUser="{USER}" ><CodeRef targetGUID="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f01" />
</Coding>
</PlainTextSelection>
<PlainTextSelection guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7fa" startPosition="{start}" endPosition="{end}" name="{text[start:end]}" creatingUser="{USER}" creationDateTime="2024-02-01T09:21:37Z">
<Coding guid="c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7fb" creatingUser="{USER}" ><CodeRef targetGUID="5d1a7a8e-1c0b-4e55-9d35-0a6f2b7f5f02" />
</Coding>
</PlainTextSelection>
</TextSource>
</Sources>
</Project>'''
BOM = b"\xef\xbb\xbf"
DATE = (2024, 2, 1, 9, 30, 0)
write_zip("qualcoder-bom.qdpx", [
    ("Sources/", b"", DATE),
    (f"Sources/{PLAIN}", BOM + text.encode("utf-8"), DATE),
    (f"Sources/{RICH}", BOM + text.encode("utf-8"), DATE),
    ("project.qde", BOM + qde.encode("utf-8"), DATE),
], create_system=3)
