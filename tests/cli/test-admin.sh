#!/bin/sh
# End-to-end tests of signpost-admin as a Unix tool (man signpost-admin): its options, exit
# codes and diagnostics, on a copy of db/.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN="$top_builddir/src/signpost-admin"
JSON_CHECK="$top_builddir/tests/tools/json-check"

# ---------------------------------------------------------------------------- options
run "$ADMIN" --version
check "--version exits 0" is "$status" 0
check "--version names signpost-admin" has "$out" "signpost-admin "
run "$ADMIN" --help
check "--help exits 0" is "$status" 0
check "--help lists every command" has "$out" "verify --public FILE DATABASE"
for cmd in build check keygen public-key sign verify diff; do
	run "$ADMIN" "$cmd" --help
	check "$cmd --help exits 0 with the usage" is "$status:$(printf '%s' "$out" | head -c 6)" "0:usage:"
done
run "$ADMIN" build --frobnicate --out "$TEST_TMP/x.db"
check "an unknown option exits 2" is "$status" 2
check "naming it" has "$err" '"--frobnicate"'
check "and the options build takes" has "$err" "--src VALUE, --out VALUE, --quiet, --format VALUE, --help"
check "and nothing is built" test ! -e "$TEST_TMP/x.db"
run "$ADMIN" build --secret k --out "$TEST_TMP/x.db"
check "an option of another command is a usage error" is "$status" 2
check "naming it too" has "$err" '"--secret"'
run "$ADMIN" check --out x
check "check --out is a usage error" is "$status" 2
run "$ADMIN" check --src
check "an option without its value exits 2" is "$status" 2
run "$ADMIN" check stray
check "a stray argument exits 2" is "$status" 2
run "$ADMIN" sign --secret k
check "sign without a FILE exits 2" is "$status" 2
run "$ADMIN" check --format xml
check "check --format xml exits 2" is "$status" 2
run "$ADMIN" frobnicate
check "an unknown command exits 2" is "$status" 2
# sign, verify, keygen and public-key keep their options, in any order.
run "$ADMIN" keygen --public "$TEST_TMP/k.pub" --secret "$TEST_TMP/k.key"
check "keygen --public --secret works" is "$status" 0
cp "$top_builddir/db/signpost.db" "$TEST_TMP/s.db"
run "$ADMIN" sign "$TEST_TMP/s.db" --secret "$TEST_TMP/k.key"
check "sign FILE --secret works" is "$status" 0
run "$ADMIN" verify --public "$TEST_TMP/k.pub" "$TEST_TMP/s.db"
check "verify accepts it" is "$status" 0
run "$ADMIN" public-key --c-source --secret "$TEST_TMP/k.key"
check "public-key --c-source works" has "$out" "sp_builtin_keys"

# ---------------------------------------------------------------------------- diagnostics
src="$TEST_TMP/src"
cp -R "$top_srcdir/db" "$src"
chmod -R u+w "$src"
rm -f "$src"/*.db "$src"/*.sig
run "$ADMIN" check --src "$src"
check "the sources check clean" is "$status" 0
# check loads the translations on a second thread into a file in TMPDIR (issue 13), or on one
# thread when it cannot make one: the same messages either way, and nothing left behind.
mkdir "$TEST_TMP/tmpdir"
TMPDIR="$TEST_TMP/tmpdir" "$ADMIN" check --src "$src" --format tsv >"$TEST_TMP/two.tsv" 2>&1
TMPDIR="$TEST_TMP/no-such-dir" "$ADMIN" check --src "$src" --format tsv >"$TEST_TMP/one.tsv" 2>&1
check "check on two threads says what it says on one" cmp "$TEST_TMP/two.tsv" "$TEST_TMP/one.tsv"
check "and leaves nothing in TMPDIR" is "$(ls -A "$TEST_TMP/tmpdir")" ""
lines=$(wc -l <"$src/contacts.csv")
printf '%s\n' "cambs-childrens-safeguarding,phone,0845 045 5203,Old line,public,,unverified" \
	>>"$src/contacts.csv"
run "$ADMIN" check --src "$src"
check "a broken source exits 1" is "$status" 1
check "its error names the file and line like a compiler's" \
	has "$err" "$src/contacts.csv:$((lines + 1)): error: service cambs-childrens-safeguarding: 0845 045 5203 is a withdrawn"
check "warnings are located too" has "$err" "/services.csv:"
run "$ADMIN" check --src "$src" --format tsv
check "check --format tsv exits 1" is "$status" 1
check "with a header" is "$(printf '%s\n' "$out" | head -1)" "$(printf 'severity\tfile\tline\tmessage')"
check "and the error as a row" has "$out" "$(printf 'error\t%s/contacts.csv\t%s\t' "$src" $((lines + 1)))"
run "$ADMIN" check --src "$src" --format json
check "check --format json exits 1" is "$status" 1
printf '%s' "$out" >"$TEST_TMP/check.json"
check "its JSON carries schema_version and the diagnostics" \
	is "$("$JSON_CHECK" --keys <"$TEST_TMP/check.json" | tr '\n' ' ')" \
	"diagnostics diagnostics[].file diagnostics[].line diagnostics[].message diagnostics[].severity errors schema_version warnings "
check "with the line of the row" has "$out" "\"line\": $((lines + 1))"
printf 'id,name\n' >"$src/organisations.csv"
run "$ADMIN" build --src "$src" --out "$TEST_TMP/broken.db"
check "a wrong header fails the build" is "$status" 1
check "naming the file and the header's line" has "$err" "$src/organisations.csv:1: error: header column"
check "and nothing is written" test ! -e "$TEST_TMP/broken.db"
run "$ADMIN" build --src "$src" --out "$TEST_TMP/broken.db" --format json
check "build --format json exits 1 on a broken source" is "$status" 1
printf '%s' "$out" >"$TEST_TMP/build.json"
check "with its diagnostics as JSON on standard output" \
	is "$("$JSON_CHECK" --keys <"$TEST_TMP/build.json" | tr '\n' ' ')" \
	"diagnostics diagnostics[].file diagnostics[].line diagnostics[].message diagnostics[].severity errors schema_version warnings "
check "naming the file and line" has "$out" "\"file\": \"$src/organisations.csv\""
run "$ADMIN" build --src "$src" --out "$TEST_TMP/broken.db" --format tsv
check "build --format tsv too" is "$(printf '%s\n' "$out" | head -1)" "$(printf 'severity\tfile\tline\tmessage')"
run "$ADMIN" build --src "$src" --out "$TEST_TMP/broken.db" --format xml
check "build --format xml exits 2" is "$status" 2
check "naming the formats" has "$err" "--format is text, tsv or json"

# The translations go into their table in its key order (issue 13), but every message is in the
# files' order, a row's own findings before SQLite's; of two rows with one key the one read later
# fails, even when it is first in the key order or its file is read first.
tr="$TEST_TMP/tr"
cp -R "$top_srcdir/db" "$tr"
chmod -R u+w "$tr"
row=$(grep -n '^service,idva-service,subtitle,pl,' "$tr/translations/pl.csv")
pl_lines=$(wc -l <"$tr/translations/pl.csv")
en_lines=$(wc -l <"$tr/translations/en.csv")
printf '%s\n' "${row#*:}" 'service,idva-a8,description,pl,' >>"$tr/translations/pl.csv"
printf '%s\n' 'service,idva-service,subtitle,pl,Read first' >>"$tr/translations/en.csv"
run "$ADMIN" check --src "$tr" --format tsv
check "duplicate and empty translations fail the check" is "$status" 1
unique='UNIQUE constraint failed: translation.tbl, translation.id, translation.field, translation.lang'
check "each at its row, in the files' order, the later of two rows with one key failing" \
	is "$(printf '%s\n' "$out" | awk -F '\t' '$1 == "error" { sub(/.*\//, "", $2); sub(/^record [0-9]+: /, "", $4); print $2 ":" $3 ": " $4 }')" \
	"$(printf '%s\n' "en.csv:$((en_lines + 1)): lang \"pl\" does not match the file name en.csv" \
		"pl.csv:${row%%:*}: $unique" "pl.csv:$((pl_lines + 1)): $unique" \
		"pl.csv:$((pl_lines + 2)): empty translation" \
		"pl.csv:$((pl_lines + 2)): NOT NULL constraint failed: translation.text")"

# A source that loads cleanly but fails a data check (a person named in public text): the file
# is written while the checks run (issue 13), and must then be thrown away with the scratch
# database, an older file of that name left as it was.
named="$TEST_TMP/named"
cp -R "$top_srcdir/db" "$named"
person=$(grep -v '^#' "$named/check/people.txt" | grep . | head -1)
printf 'ZZZ,Test term,"Ask %s about this."\n' "$person" >>"$named/glossary.csv"
echo keep >"$TEST_TMP/named.db"
run "$ADMIN" build --src "$named" --out "$TEST_TMP/named.db"
check "a failed data check fails the build" is "$status" 1
check "naming the person" has "$err" "names a person (\"$(printf '%s' "$person" | tr 'A-Z' 'a-z')\")"
check "the file it had begun is thrown away, the old one kept" is "$(cat "$TEST_TMP/named.db")" "keep"
check "with its scratch databases and temporary file" \
	test ! -e "$TEST_TMP/named.db.scratch" -a ! -e "$TEST_TMP/named.db.scratch-translations" \
	-a ! -e "$TEST_TMP/named.db.scratch-index" -a ! -e "$TEST_TMP/named.db.tmp"
run "$ADMIN" build --quiet --src "$top_srcdir/db" --out "$TEST_TMP/clean.db"
check "a clean build exits 0" is "$status" 0
check "and leaves its file only" is "$(ls "$TEST_TMP" | grep '^clean\.db')" "clean.db"

# ---------------------------------------------------------------------------- diff
# The shipped sources and a copy with one number changed, one service removed, one added and
# one line's hours changed, each built and signed with the key made above.
"$ADMIN" build --quiet --src "$top_srcdir/db" --out "$TEST_TMP/old.db" 2>/dev/null
changed="$TEST_TMP/changed"
cp -R "$top_srcdir/db" "$changed"
chmod -R u+w "$changed"
rm -f "$changed"/*.db "$changed"/*.minisig
sed -i -e 's/^galop,phone,0800 999 5428,/galop,phone,0800 999 5429,/' \
	-e 's/^\(civil-legal-advice,phone,0345 345 4345,Legal aid advice line,public,\)[^,]*/\1Mon-Fri 09:00-17:00/' \
	"$changed/contacts.csv"
for f in "$changed"/services.csv "$changed"/contacts.csv "$changed"/translations/*.csv; do
	grep -v 'dogs-trust-freedom[,#]' "$f" >"$f.new" && mv "$f.new" "$f"
done
printf '%s\n' 'diff-test-line,galop,Diff test helpline,"Added by the diff test.",national,public,self,,,,,,,,active,,issue-12,,2026-11-23,verified' \
	>>"$changed/services.csv"
printf '%s\n' 'diff-test-line,phone,0800 123 4567,Diff test helpline,public,24/7,verified' \
	>>"$changed/contacts.csv"
run "$ADMIN" build --quiet --src "$changed" --out "$TEST_TMP/new.db"
check "the changed copy builds" is "$status" 0
for d in old new; do "$ADMIN" sign --secret "$TEST_TMP/k.key" "$TEST_TMP/$d.db"; done

run "$ADMIN" diff --public "$TEST_TMP/k.pub" "$TEST_TMP/old.db" "$TEST_TMP/old.db"
check "diff of a directory with itself exits 0" is "$status" 0
check "and says there are no differences" has "$out" "no differences in the services"
run "$ADMIN" diff --public "$top_builddir/db/signpost.pub" "$top_builddir/db/signpost.db" \
	"$top_builddir/db/signpost.db"
check "the shipped directory checks against its own public key" is "$status" 0

run "$ADMIN" diff --public "$TEST_TMP/k.pub" "$TEST_TMP/old.db" "$TEST_TMP/new.db"
check "diff with differences exits 1" is "$status" 1
check "naming both directories, with their versions and build dates" \
	has "$out" "--- $TEST_TMP/old.db: version "
check "the changed number" has "$out" \
	'changed: galop "Galop (LGBT+ domestic abuse)": number of LGBT+ domestic abuse helpline (phone): "0800 999 5428" -> "0800 999 5429"'
check "the changed hours" has "$out" \
	'changed: civil-legal-advice "Civil Legal Advice": hours of Legal aid advice line (phone): "Mon-Fri 09:00-20:00; Sat 09:00-12:30" -> "Mon-Fri 09:00-17:00"'
check "the service removed" has "$out" 'removed: dogs-trust-freedom "Dogs Trust Freedom'
check "the service added" has "$out" 'added: diff-test-line "Diff test helpline"'
check "and a count" has "$out" "1 service(s) added, 1 removed, 2 changed"
check "and nothing else" is "$(printf '%s\n' "$out" | grep -c '^\(added\|removed\|changed\):')" 4
check "on standard output, with nothing on standard error" is "$err" ""

run "$ADMIN" diff "$TEST_TMP/old.db" "$TEST_TMP/new.db" --format json --public "$TEST_TMP/k.pub"
check "diff --format json exits 1 too" is "$status" 1
printf '%s' "$out" >"$TEST_TMP/diff.json"
check "its JSON is valid, with schema_version and a fixed set of keys" \
	is "$("$JSON_CHECK" --keys <"$TEST_TMP/diff.json" | tr '\n' ' ')" \
	"added changed differences differences[].change differences[].field differences[].line differences[].name differences[].new differences[].old differences[].service new new.built new.data_version new.file new.version old old.built old.data_version old.file old.version removed schema_version "
check "schema_version is 1" has "$out" '"schema_version": 1,'
check "the JSON has the new number" has "$out" '"new": "0800 999 5429"'
check "and the new hours" has "$out" '"new": "Mon-Fri 09:00-17:00"'
check "and the counts" has "$out" '"removed": 1,'
check "the signed version of each directory" has "$out" '"version": "2'
run env LANG=pl_PL.UTF-8 LC_ALL=pl_PL.UTF-8 "$ADMIN" diff --format json --public "$TEST_TMP/k.pub" \
	"$TEST_TMP/old.db" "$TEST_TMP/new.db"
check "its keys and values do not depend on the locale" is "$out" "$(cat "$TEST_TMP/diff.json")"

cp "$TEST_TMP/new.db" "$TEST_TMP/draft.db"
run "$ADMIN" diff --public "$TEST_TMP/k.pub" "$TEST_TMP/old.db" "$TEST_TMP/draft.db"
check "an unsigned directory is trouble: exit 2" is "$status" 2
check "saying which and what to do" has "$err" "$TEST_TMP/draft.db: has no signature beside it (.minisig); --allow-unsigned"
run "$ADMIN" diff --allow-unsigned "$TEST_TMP/old.db" "$TEST_TMP/draft.db"
check "--allow-unsigned compares drafts" is "$status" 1
check "saying the signature was not checked" has "$out" "version (signature not checked)"
run "$ADMIN" diff --public "$TEST_TMP/k.pub" "$TEST_TMP/old.db" "$top_builddir/db/signpost.db"
check "a directory signed by another key exits 2" is "$status" 2
check "saying so" has "$err" "does not match its signature, or was not signed by the key given with --public"
run "$ADMIN" diff --allow-unsigned "$TEST_TMP/old.db" "$TEST_TMP/missing.db"
check "a missing directory exits 2" is "$status" 2
check "naming it" has "$err" "$TEST_TMP/missing.db: no such file"
run "$ADMIN" diff --allow-unsigned "$top_srcdir/db/services.csv" "$TEST_TMP/old.db"
check "a file that is not a directory exits 2" is "$status" 2
check "saying so" has "$err" "services.csv: is damaged or is not a signpost directory"
run "$ADMIN" diff "$TEST_TMP/old.db" "$TEST_TMP/new.db"
check "diff without --public or --allow-unsigned exits 2" is "$status" 2
check "naming both" has "$err" "--public FILE"
run "$ADMIN" diff --allow-unsigned "$TEST_TMP/old.db"
check "diff with one FILE exits 2" is "$status" 2
check "saying two are needed, and the options diff takes" \
	has "$err" "--public VALUE, --format VALUE, --allow-unsigned, --help and two FILEs"
run "$ADMIN" diff --allow-unsigned --format tsv "$TEST_TMP/old.db" "$TEST_TMP/new.db"
check "diff --format tsv exits 2" is "$status" 2
check "naming the formats" has "$err" "--format is text or json"
run "$ADMIN" diff --public "$TEST_TMP/missing.pub" "$TEST_TMP/old.db" "$TEST_TMP/new.db"
check "an unreadable key exits 2" is "$status" 2
check "naming it" has "$err" "$TEST_TMP/missing.pub"

finish
