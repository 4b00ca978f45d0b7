# Shared helpers for signpost's end-to-end tests (sourced by tests/*/test-*.sh).
# Each check prints "ok" or "FAIL" with its name; finish() prints "N passed, N failed" and
# exits non-zero when anything failed.

: "${top_builddir:=.}"
: "${top_srcdir:=.}"
SIGNPOST="$top_builddir/src/signpost"
passed=0
failed=0
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/signpost-e2e.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT

ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; }

# run CMD...: runs it, keeping stdout in $out, stderr in $err and the status in $status.
run() {
	"$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	status=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}

# check NAME CONDITION...: the condition is a command; NAME is reported.
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else fail "$name" "status=$status stderr=$(printf %s "$err" | head -3)"; fi
}

has() { case "$1" in *"$2"*) return 0 ;; esac; return 1; }
lacks() { ! has "$1" "$2"; }
is() { [ "$1" = "$2" ]; }

finish() {
	printf '\n%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
