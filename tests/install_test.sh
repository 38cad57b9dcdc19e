#!/bin/sh
# SPDX-License-Identifier: MIT
# A fresh install: `cmake --install` into a prefix, the prefix copied elsewhere (so neither the
# source nor the build tree can be reached by a path relative to it), then the installed
# binary run from / with its bundled corpus, its man page (`man supanalyze`) and the completions
# of bash, zsh and fish, each loaded by that shell (zsh and fish when installed).
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/stage" > "$work/install.log"
mv "$work/stage" "$work/moved"
p=$work/moved
for f in bin/supanalyze share/man/man1/supanalyze.1 share/bash-completion/completions/supanalyze \
    share/zsh/site-functions/_supanalyze share/fish/vendor_completions.d/supanalyze.fish \
    share/supanalyze/corpora/ssw3-2564/corpus.yaml share/supanalyze/codebooks/msdhs-2564.yaml; do
  [ -f "$p/$f" ] || fail "not installed: $f"
done

# No path of the source or build tree in the program (debug information aside).
objcopy --strip-debug "$p/bin/supanalyze" "$work/stripped"
if strings "$work/stripped" | grep -F -e "$source" -e "$build"; then fail "the binary holds a path of the source or build tree"; fi

# The installed freq, from /, on the installed corpus.
cd /
env -u SUPANALYZE_CORPUS "$p/bin/supanalyze" freq -q centre1300/q4 > "$work/freq.txt" || fail "freq failed"
grep -q 'budget' "$work/freq.txt" || fail "freq printed no budget row"
"$p/bin/supanalyze" corpus check | grep -q '200 answers' || fail "corpus check of the bundled corpus"
# SUPANALYZE_CORPUS overrides it; a missing corpus is a clear error.
SUPANALYZE_CORPUS=$work/nowhere "$p/bin/supanalyze" freq > /dev/null 2>&1 && fail "SUPANALYZE_CORPUS not read"

# The man page renders, with a section per command.
if command -v man > /dev/null; then
  MANWIDTH=100 man -l "$p/share/man/man1/supanalyze.1" > "$work/man.txt" 2> "$work/man.err" || fail "man -l failed"
  for c in NORMALIZE TOKENIZE CORPUS CODE FREQ MATRIX RUN DIFF AGREE KWIC CODEBOOK COMPLETION; do
    grep -q "^SUPANALYZE $c\$" "$work/man.txt" || fail "man page: no section SUPANALYZE $c"
  done
  grep -q 'supanalyze freq \[OPTIONS\]' "$work/man.txt" || fail "man page: no usage of freq"
  # `man supanalyze` finds it where the prefix is on MANPATH, and from PATH (man-db looks in
  # ../share/man beside every bin/ on PATH).
  [ "$(MANPATH=$p/share/man man -w supanalyze)" = "$p/share/man/man1/supanalyze.1" ] || fail "man -w with MANPATH"
  [ "$(PATH=$p/bin:$PATH MANPATH= man -w supanalyze)" = "$p/share/man/man1/supanalyze.1" ] || fail "man -w from PATH"
else
  echo "install_test: man is not installed: man page rendering not checked"
fi

# Bash completion, as bash-completion loads it.
out=$(bash -c ". '$p/share/bash-completion/completions/supanalyze'; complete -p supanalyze
  COMP_WORDS=(supanalyze ma); COMP_CWORD=1; _supanalyze; echo \"\${COMPREPLY[*]}\"")
[ "$out" = "complete -o default -F _supanalyze supanalyze
matrix" ] || fail "bash completion: $out"

# Zsh: the installed function, run by a real zsh with the completion system's builtins
# (_describe, compadd, _files) replaced by ones that print what they were given.
if command -v zsh > /dev/null; then
  zsh -n "$p/share/zsh/site-functions/_supanalyze" || fail "zsh completion: syntax"
  zshout=$(zsh -f -c 'compadd() { print -r -- "compadd $*"; }; _describe() { print -r -- "describe ${(P)4}"; }
    _files() { print files; }; words=(supanalyze freq --unit ""); CURRENT=4; PREFIX=""
    source "$1/share/zsh/site-functions/_supanalyze"' zsh "$p")
  [ "$zshout" = "compadd -- provinces answers segments mentions" ] || fail "zsh completion of freq --unit: $zshout"
  zshout=$(zsh -f -c '_describe() { print -r -- "${(P)4}"; }; _files() { print files; }
    words=(supanalyze ma); CURRENT=2; PREFIX=ma; source "$1/share/zsh/site-functions/_supanalyze"' zsh "$p")
  case $zshout in *"matrix:Cross-province matrix"*) ;; *) fail "zsh completion of commands: $zshout" ;; esac
else
  echo "install_test: zsh is not installed: zsh completion not checked"
fi

# Fish: found in vendor_completions.d through XDG_DATA_DIRS, as fish looks for it.
if command -v fish > /dev/null; then
  fishout=$(HOME=$work XDG_DATA_DIRS=$p/share:/usr/share PATH=$p/bin:$PATH fish -c 'complete -C "supanalyze ma"')
  case $fishout in "matrix	Cross-province matrix"*) ;; *) fail "fish completion of commands: $fishout" ;; esac
  fishout=$(HOME=$work XDG_DATA_DIRS=$p/share:/usr/share PATH=$p/bin:$PATH fish -c 'complete -C "supanalyze freq --unit "' |
    cut -f1 | tr '\n' ' ')
  [ "$fishout" = "answers mentions provinces segments " ] || fail "fish completion of freq --unit: $fishout"
else
  echo "install_test: fish is not installed: fish completion not checked"
fi
echo "install_test: installed, moved, ran from /: ok"
