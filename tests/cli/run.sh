#!/usr/bin/env bash
# Runs one CLI test case: CASE_DIR/cmd is a bash script run in a fresh temporary directory
# with $BIN (the programs), $SRC (the source tree), $FIX (tests/fixtures), $SHARED (../shared
# beside the source tree). Its stdout is compared with CASE_DIR/expected.stdout when that file
# exists, its exit code with CASE_DIR/expected.exit (default 0). Exit 77 from cmd = skipped.
# Usage: run.sh CASE_DIR BIN_DIR SOURCE_DIR
set -u
case_dir=$1
export BIN=$2 SRC=$3
export FIX=$SRC/tests/fixtures SHARED=${CHUDE_SHARED:-$SRC/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
bash -u "$case_dir/cmd" > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
if [ "$rc" = 77 ]; then echo "skipped: $(cat "$tmp/stderr")"; exit 77; fi
want_rc=$(cat "$case_dir/expected.exit" 2>/dev/null || echo 0)
ok=1
if [ "$rc" != "$want_rc" ]; then echo "exit code $rc, expected $want_rc"; ok=0; fi
if [ -f "$case_dir/expected.stdout" ] && ! diff -u "$case_dir/expected.stdout" "$tmp/stdout"; then ok=0; fi
if [ $ok = 0 ]; then echo "--- stderr:"; head -c 4000 "$tmp/stderr"; echo "--- stdout:"; head -c 4000 "$tmp/stdout"; exit 1; fi
echo "ok"
