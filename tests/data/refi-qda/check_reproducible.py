#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The committed QualCoder fixtures are the reproducible output of make_qualcoder_export.py
(CTest refi_qda.qualcoder_fixtures_reproducible; QualCoder itself is not needed).

The script pins what QualCoder takes from the run (its header): GUIDs from uuid4 seeded with
GUID_SEED (GUID_SEED + 1 for the round trip), the clock at FIXED_NOW (UTC), zip entries dated
FIXED_NOW and listed in sorted order. Every GUID QualCoder wrote must therefore be one of the
first draws of that seeded generator, every date FIXED_NOW, and the zip in that order: a
fixture made by an unpinned run (random GUIDs, the day's date) fails here.
"""
import random
import re
import sys
import uuid
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE))
import make_qualcoder_export as script  # noqa: E402  (its main() runs only as a script)

GUID = re.compile(r'guid="([0-9a-fA-F-]{36})"|GUID="([0-9a-fA-F-]{36})"', re.I)
DATE = re.compile(r'DateTime="([^"]*)"')


def draws(seed, count=2000):
    rng = random.Random(seed)
    return {str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(count)}


def guids(xml):
    return {a or b for a, b in GUID.findall(xml)}


def check_zip(path, seed, own_dates=frozenset()):
    fixed = "%04d-%02d-%02dT%02d:%02d:%02dZ" % script.FIXED_NOW
    expected = draws(seed)
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        assert all(i.date_time == script.FIXED_NOW for i in infos), [(i.filename, i.date_time) for i in infos]
        files = [i.filename for i in infos if i.filename.startswith("sources/") and not i.filename.endswith("/")]
        assert files == sorted(files), files
        qde = z.read("project.qde").decode("utf-8")
    found = guids(qde)
    stray = found - expected
    assert not stray, f"{path.name}: GUIDs not from the seeded uuid4: {sorted(stray)[:5]}"
    dates = set(DATE.findall(qde))
    assert dates - own_dates == {fixed}, f"{path.name}: dates {sorted(dates)[:5]}, expected {fixed}"
    return found


def main():
    found = check_zip(HERE / "qualcoder-export.qdpx", script.GUID_SEED)
    qdc = (HERE / "qualcoder-export.qdc").read_text(encoding="utf-8-sig")
    codes = guids(qdc)
    assert codes and codes <= draws(script.GUID_SEED), "qualcoder-export.qdc: GUIDs not from the seeded uuid4"
    # QualCoder's import gives everything of supanalyze's project a new GUID; it keeps the
    # fixed date supanalyze writes (2000-01-01).
    rt = check_zip(HERE / "qualcoder-roundtrip.qdpx", script.GUID_SEED + 1, frozenset({"2000-01-01T00:00:00Z"}))
    print(f"qualcoder-export: {len(found)} GUIDs, qdc {len(codes)}, roundtrip {len(rt)}: "
          "all from the seeded generator, every date and zip time", script.FIXED_NOW)


if __name__ == "__main__":
    main()
