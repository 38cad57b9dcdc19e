#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (tests/fuzz/, clang with ASan+UBSan) in their own build folder and
# runs them, each for N seconds: every target when none is named. Prints one line per target
# (executions, executions/s, coverage, crashes) and exits 1 when any target crashed; the input
# that crashed it is kept under BUILD/crashes/. docs/fuzzing.md says more.
#
#   scripts/fuzz.sh [--seconds N] [--jobs J] [--keep-going] [--build DIR] [TARGET...]
#
#   --seconds N   how long each target runs (default 60)
#   --jobs J      how many targets run at once (default 1)
#   --keep-going  go on after a crash, OOM or timeout (libFuzzer's fork mode) and count them all
#   --build DIR   the build folder (default build-fuzz); its corpus/ keeps what the runs found
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60 jobs=1 build=build-fuzz keep_going=0 targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --keep-going) keep_going=1; shift ;;
    -h|--help) sed -n '3,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
case "$seconds$jobs" in *[!0-9]*) echo "fuzz.sh: --seconds and --jobs take whole numbers" >&2; exit 2 ;; esac

# The targets, each with its largest input (bytes; small inputs keep a target fast) and the
# dictionary of tests/fuzz/dict/ that fits it.
declare -A max_len=(
  [normalizer]=1024 [tokenizer]=1024 [matcher]=1024 [codebook]=4096
  [corpus_tsv]=4096 [corpus_csv]=4096 [corpus_folder]=2048 [corpus_yaml]=12288
  [corpus_xlsx]=16384 [corpus_docx]=8192 [qdpx]=8192 [qdc]=4096
  [run_config]=2048 [agree]=2048 [diff_json]=20000 [manifest]=6144
)
declare -A dict=(
  [normalizer]=thai [tokenizer]=thai [matcher]=thai [codebook]=yaml
  [corpus_tsv]=table [corpus_csv]=table [corpus_folder]=table [corpus_yaml]=yaml
  [corpus_xlsx]=xml [corpus_docx]=xml [qdpx]=xml [qdc]=xml
  [run_config]=yaml [agree]=table [diff_json]=json [manifest]=json
)
all_targets=(normalizer tokenizer codebook matcher corpus_tsv corpus_csv corpus_folder corpus_yaml
             corpus_xlsx corpus_docx qdpx qdc run_config agree diff_json manifest)
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [ -n "${max_len[$t]:-}" ] || { echo "fuzz.sh: no target '$t' (targets: ${all_targets[*]})" >&2; exit 2; }
done

# Build: clang with libFuzzer (Debian's libclang-rt-14-dev), ccache when there is one.
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Configured every time (quick when cached), so a target added since the last build is known.
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSUPANALYZE_FUZZ=ON \
  -DSUPANALYZE_BUILD_TESTS=OFF -DSUPANALYZE_BUILD_BENCH=OFF "${launcher[@]}" > /dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" > "$build/fuzz-build.log" 2>&1 ||
  { tail -n 30 "$build/fuzz-build.log" >&2; echo "fuzz.sh: build failed ($build/fuzz-build.log)" >&2; exit 2; }

# Seeds from the repository's data (tests/fuzz/make_seeds.py), made afresh each time.
# (made aside and moved in: another run of the script may be reading them)
rm -rf "$build/seeds.new"
/usr/bin/python3 tests/fuzz/make_seeds.py . "$build/seeds.new"
rm -rf "$build/seeds" && mv "$build/seeds.new" "$build/seeds"
mkdir -p "$build/crashes" "$build/logs"

mode=()
[ "$keep_going" -eq 1 ] && mode=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)

run_target() {
  local t=$1 corpus="$build/corpus/$1"
  mkdir -p "$corpus"
  local status=0
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/fuzz_$t" "${mode[@]}" -max_total_time="$seconds" -max_len="${max_len[$t]}" \
    -dict="tests/fuzz/dict/${dict[$t]}.dict" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$t-" "$corpus" "$build/seeds/$t" > "$build/logs/$t.log" 2>&1 || status=$?
  echo "$status" > "$build/logs/$t.status"
  times > "$build/logs/$t.cpu" # line 2: user and system time of this subshell's children (the target)
}

# Runs the targets, at most $jobs at once.
running=0
for t in "${targets[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait
# Scratch folders of targets that died without cleaning up (a crash, a kill).
for d in /dev/shm/supanalyze-fuzz-*; do
  [ -d "$d" ] && ! kill -0 "${d##*-}" 2> /dev/null && rm -rf "$d"
done

crashed=0
# exec/s is per second of the clock; exec/cpu-s per second of processor time the target had,
# which does not depend on what else the machine runs.
printf '%-14s %12s %8s %10s %7s %8s %8s  %s\n' target executions exec/s exec/cpu-s cov features corpus crashes
for t in "${targets[@]}"; do
  log="$build/logs/$t.log"
  status=$(cat "$build/logs/$t.status")
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
  if [ "$keep_going" -eq 1 ]; then
    # Fork mode's status lines: "#N: cov: C ft: F corp: K exec/s E oom/timeout/crash: O/T/X time: S ...".
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
    execs=$(sed -n 's/^#\([0-9]*\):.*/\1/p' <<< "$last")
    rate=$(awk -v s="$seconds" -v n="${execs:-0}" 'BEGIN { if (s > 0) printf "%d", n / s }')
    failures=$(sed -n 's|.*oom/timeout/crash: \([0-9]*\)/\([0-9]*\)/\([0-9]*\).*|\1 \2 \3|p' <<< "$last")
    read -r ooms timeouts crashes <<< "${failures:-0 0 0}"
    found=$((ooms + timeouts + crashes))
    [ "$found" -gt 0 ] && status=1
    artifact="$( (ls "$build/crashes/$t-"* 2> /dev/null || true) | wc -l) inputs in $build/crashes/$t-*; $ooms OOM, $timeouts timeouts"
  else
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    found=1
  fi
  # Coverage from libFuzzer's last status line ("#N DONE cov: C ft: F corp: K/...").
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<< "$last")
  result=0
  if [ "$status" -ne 0 ]; then
    crashed=1
    [ "$keep_going" -eq 1 ] && result="$crashes ($artifact)" || result="$found (exit $status: ${artifact:-no input saved}; $log)"
  fi
  cpu_rate=$(awk -v n="${execs:-0}" 'NR == 2 { split($1, u, /[ms]/); split($2, k, /[ms]/); t = u[1] * 60 + u[2] + k[1] * 60 + k[2]
                                         if (t > 0 && n > 0) printf "%d", n / t }' "$build/logs/$t.cpu" 2> /dev/null || true)
  printf '%-14s %12s %8s %10s %7s %8s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cpu_rate:-?}" "${cov:-?}" "${ft:-?}" \
    "${corp:-?}" "$result"
done
exit $crashed
