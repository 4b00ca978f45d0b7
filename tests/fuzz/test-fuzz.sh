#!/bin/sh
# A short run of every fuzz target on its committed seed corpus, plus seeds made here that get
# past the door: a small sound directory made from the built one (for open) and a genuine
# signature of real bytes (for signature). FUZZ_SECONDS_CHECK each, 2 by default. `make fuzz`
# runs them for longer under libFuzzer.
. "${top_srcdir:-.}/tests/lib.sh"

seconds=${FUZZ_SECONDS_CHECK:-2}

# The seeds must be what they claim, or the fuzzing stops at the door and still passes.
python3 "$top_srcdir/tests/fuzz/make-seed-directory.py" "$top_builddir/db/signpost.db" \
	"$TEST_TMP/directory.db"
check "a small seed directory is made from the built one" is "$?" 0
run "$top_builddir/src/signpost" --db "$TEST_TMP/directory.db" --allow-unsigned --staff search
check "which opens and finds services" has "$out" "Reference: galop"
FUZZ_PRINT_SEED=1 "$top_builddir/tests/fuzz/fuzz-signature" >"$TEST_TMP/genuine.sig"
check "the signature target gives its genuine signature as a seed" \
	has "$(cat "$TEST_TMP/genuine.sig")" "trusted comment: signpost-directory version:"

for t in query open csv hours settings signature wrap import-json import-csv; do
	extra=""
	[ "$t" = open ] && extra="$TEST_TMP/directory.db"
	[ "$t" = csv ] && extra="$top_srcdir/db/contacts.csv $top_srcdir/db/services.csv"
	[ "$t" = import-json ] && extra="$top_srcdir/tests/cli/import/oruk-services.json"
	[ "$t" = signature ] && extra="$TEST_TMP/genuine.sig $top_builddir/db/signpost.db.minisig"
	# shellcheck disable=SC2086
	run "$top_builddir/tests/fuzz/fuzz-$t" -t "$seconds" "$top_srcdir/tests/fuzz/corpus/$t" $extra
	check "fuzz target $t runs clean for ${seconds}s ($(printf '%s' "$out" | sed 's/.*: //'))" is "$status" 0
	[ "$status" -eq 0 ] || printf '%s\n' "$err" | head -30
done
finish
