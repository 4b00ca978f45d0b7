#!/bin/sh
# A short run of every fuzz target on its committed seed corpus (and, for the database target,
# the built directory): FUZZ_SECONDS each, 2 by default. `make fuzz` runs them for longer
# under libFuzzer.
. "${top_srcdir:-.}/tests/lib.sh"

seconds=${FUZZ_SECONDS_CHECK:-2}
for t in query open csv hours settings signature wrap; do
	extra=""
	[ "$t" = open ] && extra="$top_builddir/db/signpost.db"
	[ "$t" = csv ] && extra="$top_srcdir/db/contacts.csv $top_srcdir/db/services.csv"
	[ "$t" = signature ] && extra="$top_builddir/db/signpost.db.sig"
	# shellcheck disable=SC2086
	run "$top_builddir/tests/fuzz/fuzz-$t" -t "$seconds" "$top_srcdir/tests/fuzz/corpus/$t" $extra
	check "fuzz target $t runs clean for ${seconds}s ($(printf '%s' "$out" | sed 's/.*: //'))" is "$status" 0
	[ "$status" -eq 0 ] || printf '%s\n' "$err" | head -30
done
finish
