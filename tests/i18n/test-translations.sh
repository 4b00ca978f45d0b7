#!/bin/sh
# Every shipped language has every key of English, well-formed patterns and the same
# placeholders (tests/tools/rbcheck); every data translation builds (signpost-admin).
. "${top_srcdir:-.}/tests/lib.sh"

bundles="$top_builddir/locales/"
locales=$(sed -n 's/^ *\([a-z][a-z]\(_[A-Z][A-Z]\)*\) *{""}.*/\1/p' "$top_srcdir/locales/res_index.txt" |
	grep -vxE 'en|en_GB')
for loc in $locales; do
	run "$top_builddir/tests/tools/rbcheck" "$bundles" "$loc"
	check "$loc: every key translated, every pattern well-formed" is "$status" 0
	[ "$status" -eq 0 ] || printf '%s\n' "$out" | grep -v ': [0-9]* keys' | head -20
	run test -f "$top_srcdir/locales/terms/$loc.md"
	check "$loc: has its terminology list" is "$status" 0
	run grep -qi "native speaker" "$top_srcdir/locales/$loc.txt"
	check "$loc: the bundle says it awaits review by a native speaker" is "$status" 0
done
run "$top_builddir/tests/tools/rbcheck" "$bundles" root
check "the checker finds English (root) complete against itself" is "$status" 0
# The checker must catch what it is for: a missing key, a broken plural, a lost placeholder
# and a stray key.
if [ -n "${GENRB:-}" ]; then
	mkdir -p "$TEST_TMP/rb"
	printf 'root {\n a { "x {0}" }\n b { "{0, plural, one {# y} other {# ys}}" }\n c { "z" }\n}\n' >"$TEST_TMP/root.txt"
	printf 'xx {\n a { "x" }\n b { "{0, plural, one {# y} other {# ys}" }\n d { "extra" }\n}\n' >"$TEST_TMP/xx.txt"
	"$GENRB" -q -k -e UTF-8 -d "$TEST_TMP/rb" "$TEST_TMP/root.txt" "$TEST_TMP/xx.txt"
	run "$top_builddir/tests/tools/rbcheck" "$TEST_TMP/rb/" xx
	check "the checker finds a missing key" has "$out" "MISSING c"
	check "the checker finds a broken pattern" has "$out" "BAD PATTERN b"
	check "the checker finds a lost placeholder" has "$out" "PLACEHOLDERS a"
	check "the checker finds a stray key" has "$out" "EXTRA d"
	check "and fails" test "$status" -ge 4
	# A weekday inside a sentence: the bundle must choose each day's form itself.
	mkdir -p "$TEST_TMP/wd"
	printf 'root {\n w { "opens {0, select, 1 {on Monday} 2 {on Tuesday} 3 {on Wednesday} 4 {on Thursday} 5 {on Friday} 6 {on Saturday} 7 {on Sunday} other {}} at {1}" }\n v { "x" }\n}\n' >"$TEST_TMP/wd/root.txt"
	printf 'lv {\n w { "darbu sāk {0} {1}" }\n v { "darbu sāk Pirmdiena" }\n}\n' >"$TEST_TMP/wd/lv.txt"
	"$GENRB" -q -k -e UTF-8 -d "$TEST_TMP/wd" "$TEST_TMP/wd/root.txt" "$TEST_TMP/wd/lv.txt"
	run "$top_builddir/tests/tools/rbcheck" "$TEST_TMP/wd/" lv
	check "the checker finds a weekday the bundle does not choose" has "$out" "WEEKDAY w"
	check "the checker finds a stand-alone weekday name in a sentence" has "$out" "WEEKDAY v"
fi
# Everything a member of the public reads is translated in every language: the data check
# lists what is not, per language (service descriptions, eligibility and "what it is" lines,
# contact labels, definition headings and summaries, glossary explanations).
run "$top_builddir/src/signpost-admin" check --src "$top_srcdir/db"
check "the data check finds nothing untranslated" lacks "$out$err" "untranslated"
cp -R "$top_srcdir/db" "$TEST_TMP/db"
grep -v '^service,galop,subtitle,pl,' "$top_srcdir/db/translations/pl.csv" >"$TEST_TMP/db/translations/pl.csv"
grep -v '^definition,da-act-s2,term,bg,' "$top_srcdir/db/translations/bg.csv" >"$TEST_TMP/db/translations/bg.csv"
run "$top_builddir/src/signpost-admin" check --src "$TEST_TMP/db"
check "the data check lists a missing Polish subtitle" \
	has "$out$err" "/db/translations/pl.csv: warning: 1 untranslated: service galop subtitle"
check "the data check lists a missing Bulgarian heading" \
	has "$out$err" "/db/translations/bg.csv: warning: 1 untranslated: definition da-act-s2 term"
printf 'languages checked: %s\n' "${locales:-none}"
finish
