#!/usr/bin/env bash
# Installs the build and test dependencies of supanalyze from Debian 12 packages.
set -euo pipefail
packages=(
  build-essential cmake pkg-config git
  libicu-dev libyaml-cpp-dev libfmt-dev libcli11-dev
  nlohmann-json3-dev libcsv-dev
  # libthai's Thai word list (thbrk.tri) and libdatrie to read it: the normalizer's dictionary
  # repairs; trietool (libdatrie1-bin) lists it for scripts/measure-dictionary-repairs.py
  libthai-data libdatrie-dev libdatrie1-bin python3
  libgtest-dev googletest libbenchmark-dev
  libzip-dev libxml2-dev libxlsxwriter-dev libssl-dev
  python3-docx python3-openpyxl
  clang-format
  clang libclang-rt-14-dev
  man-db zsh fish
)
# libzip-dev, libxml2-dev: the Word report (a zip of XML parts written with libxml2's xmlwriter),
#   and the .xlsx/.docx corpora read the same way (libzip opens the package, libxml2 parses it).
# libxlsxwriter-dev: XLSX output (freq, matrix, code, kwic, run): sheets with frozen headers,
#   autofilters, numeric cells and a conditional-format heatmap; its zip dates are fixed, so
#   the same tables give the same bytes. Tests read the workbooks back with libzip.
# python3-openpyxl: a CTest opens the matrix workbook with a spreadsheet library, not ours.
# libssl-dev: SHA-1 (libcrypto) for the name-based UUIDs (v5) of REFI-QDA codes and sources.
# python3-docx: a test reads that Word report back with an independent reader library.
# clang-format: CI checks that every C++ file follows .clang-format.
# man-db, zsh, fish: the install test (tests/install_test.sh) looks the installed man page up
#   with `man` and loads the installed completions in each shell, as a user's shell would.
# clang, libclang-rt-14-dev: the fuzz targets (scripts/fuzz.sh, docs/fuzzing.md) are built with
#   clang; libFuzzer and clang's sanitizer runtimes are in libclang-rt-14-dev, which clang only
#   recommends (so --no-install-recommends would leave it out).
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "install-deps: all packages present"; exit 0; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
