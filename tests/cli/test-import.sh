#!/bin/sh
# End-to-end tests of signpost-admin import and export (man signpost-admin, IMPORT): Open
# Referral UK JSON written by other tools (tests/cli/import/), signpost's own exports, bad
# input of every kind, and the data checks of a build.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN="$top_builddir/src/signpost-admin"
FIX="$top_srcdir/tests/cli/import"
SRC="$top_srcdir/db"

# imp OUT ARGS...: imports into $TEST_TMP/OUT.db (removed first) with the given arguments.
imp() {
	db="$TEST_TMP/$1.db"
	shift
	rm -f "$db"
	run "$ADMIN" import --src "$SRC" --out "$db" "$@"
}
# json NAME TEXT: writes TEXT to $TEST_TMP/NAME.json.
json() { printf '%s\n' "$2" >"$TEST_TMP/$1.json"; }
# A sound service record in ORUK 3.0 form, with FIELDS (JSON members) added at its end.
record() {
	printf '{"id": "%s", "name": "%s", "description": "Help for anyone affected.",' "$1" "$2"
	printf ' "status": "active", "assured_date": "2026-10-01",'
	printf ' "organization": {"id": "org-1", "name": "Example Charity"},'
	printf ' "service_areas": [{"name": "Cambridgeshire"}]%s}' "${3:+, $3}"
}
PHONE='"phones": [{"number": "01632 960100"}], "schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "17:00"}]'

# ---------------------------------------------------------------------------- good input
imp good --format oruk-json "$FIX/oruk-services.json"
check "an ORUK 3.0 array imports (exit 0)" is "$status" 0
check "and the directory is written" test -s "$db"
check "with no temporary file left" test ! -e "$db.tmp"
# db/'s translations translate none of the imported services: each language says so in one
# short line naming the first few, not hundreds of entries.
check "untranslated entries are counted, the first few named" \
	grep -q 'translations/pl.csv: warning: [0-9]* untranslated: .*; and [0-9]* more$' "$TEST_TMP/err"
check "and no warning line is longer than 1,000 characters" \
	sh -c '! awk "length > 1000" "$TEST_TMP/err" | grep -q .'
run "$SIGNPOST" --db "$db" --allow-unsigned search outreach
check "signpost search answers from the imported directory" \
	has "$out" "Reference: 6c1a9f3e-2b7d-4f0a-9a51-3e8d2c4b7a10"
check "the number is written the UK way (+44 (0)1632 ... -> 01632 ...)" has "$out" "01632 960123"
check "the organisation is the record's" has "$out" "Example Domestic Abuse Charity"
run "$SIGNPOST" --db "$db" --allow-unsigned --staff show 6c1a9f3e-2b7d-4f0a-9a51-3e8d2c4b7a10 \
	--format json
check "weekly schedules become hours (an ended one left out)" \
	has "$out" '"hours": "Mon-Fri 09:00-17:00; Sat 10:00-13:00"'
check "the fax is not a line to ring" lacks "$out" "960999"
check "languages beyond English" has "$(printf '%s' "$out" | tr -d ' \n')" '"languages":["pl"]'
check "age limits" has "$out" '"age_min": 16'
check "eligibility" has "$out" "Adults living in Fenland."
run "$SIGNPOST" --db "$db" --allow-unsigned search --for sexual-violence --format tsv
check "a taxonomy term maps to its profile (db/oruk-taxonomy.csv)" has "$out" "Fenland Outreach"
run "$SIGNPOST" --db "$db" --allow-unsigned search --for stalking --format json
check "a term matched by name in another vocabulary" has "$out" '"area": "cambs-peterborough"'
check "two service areas give the area holding both" has "$out" "Example Stalking Helpline"
check "round-the-clock schedules are 24/7" has "$out" '"hours": "24/7"'
run "$SIGNPOST" --db "$TEST_TMP/good.db" --allow-unsigned --staff show \
	3a0f9e8d-7c6b-4d5e-9f2a-1b0c9d8e7f6a --format json
check "a defunct service is closed" has "$out" '"status": "closed"'
check "and lists no line" lacks "$out" "960555"
cp "$db" "$TEST_TMP/first.db"
imp good --format oruk-json "$FIX/oruk-services.json"
check "importing the same file twice gives a byte-identical directory" \
	cmp -s "$db" "$TEST_TMP/first.db"

imp paged --format oruk-json "$FIX/oruk-paged.json"
check "a paged API response (contents) imports" is "$status" 0
check "a repetition signpost cannot show is named, not guessed" \
	has "$err" "record 1: schedule 3 repeats MONTHLY"
run "$SIGNPOST" --db "$db" --allow-unsigned --staff show 6c5b4d3e-2f1a-4b0c-9d8e-7f6a5b4c3d2e \
	--format json
check "a public-holiday schedule without times is PH off" has "$out" "; PH off"
check "an international +44 number is written nationally" has "$out" "0808 157 0333"
imp two --format oruk-json "$FIX/oruk-services.json" "$FIX/oruk-paged.json"
check "several files import into one directory" is "$status" 0
run "$SIGNPOST" --db "$db" --allow-unsigned search --format tsv
check "with the services of both" has "$out" "Peterborough Family Safety Team"

# 1,000 services as another tool writes them: tests/bench/make-directory.py (seeded, so the same
# file every time).
if python3 "$top_srcdir/tests/bench/make-directory.py" --services 1000 --seed 12 \
	--base "$SRC" --oruk "$TEST_TMP/big.json"; then
	imp big --format oruk-json "$TEST_TMP/big.json"
	check "1,000 services from another tool import (exit 0)" is "$status" 0
	active=$(grep -c '"status": "active"' "$TEST_TMP/big.json")
	run "$SIGNPOST" --db "$db" --allow-unsigned --staff search --format tsv
	check "every active one of them is in the directory ($active)" \
		is "$(printf '%s\n' "$out" | sed 1d | wc -l | tr -d ' ')" "$active"
	run "$SIGNPOST" --db "$db" --allow-unsigned search --for stalking
	check "and signpost search answers from it" has "$out" "services found."
else
	fail "tests/bench/make-directory.py makes 1,000 services"
fi

# ---------------------------------------------------------------------------- malformed records
json mixed "[$(record ok-1 'First service' "$PHONE"), $(record bad-1 'Second' '"minimum_age": "sixteen"'), 42]"
imp mixed --format oruk-json "$TEST_TMP/mixed.json"
check "a malformed record is skipped: the rest imports (exit 0)" is "$status" 0
check "it is reported with its position" has "$err" 'record 2: "minimum_age" is not a whole number'
check "so is a record that is not an object" has "$err" "record 3: not an object"
imp mixed --format oruk-json --strict "$TEST_TMP/mixed.json"
check "--strict refuses the whole import (exit 1)" is "$status" 1
check "naming the record" has "$err" "record 2:"
check "and writes nothing" test ! -e "$db"
json unknown "[$(record ok-2 'Known' "$PHONE, \"x_local_code\": {\"a\": [1, 2]}, \"fees\": 3")]"
imp unknown --format oruk-json --strict "$TEST_TMP/unknown.json"
check "unknown fields are ignored, even with --strict" is "$status" 0
json control "[$(record ok-3 'Fine' "$PHONE"), $(record evil 'Ring\u0007 me' "$PHONE")]"
imp control --format oruk-json "$TEST_TMP/control.json"
check "a control character is refused, naming the record" \
	has "$err" "record 2: control character U+0007"
run "$SIGNPOST" --db "$db" --allow-unsigned --staff search --format tsv
check "and that record stays out" lacks "$out" "evil"
json bidi "[$(record bidi 'Right\u202eleft' "$PHONE")]"
imp bidi --format oruk-json --strict "$TEST_TMP/bidi.json"
check "so is a bidirectional override (exit 1 with --strict)" has "$status:$err" "1:"
check "named as a code point" has "$err" "U+202E"

# ---------------------------------------------------------------------------- the data checks
json withdrawn "[$(record old-line 'Old line' '"phones": [{"number": "0845 045 5203"}], "schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "17:00"}]')]"
imp withdrawn --format oruk-json "$TEST_TMP/withdrawn.json"
check "the data checks of build run: a withdrawn 0845 number fails (exit 1)" is "$status" 1
check "saying why" has "$err" "withdrawn"
check "and nothing is written" test ! -e "$db"
json nohours "[$(record quiet-line 'No hours' '"phones": [{"number": "01632 960200"}]')]"
imp nohours --format oruk-json "$TEST_TMP/nohours.json"
check "a public line without hours fails the import" has "$status:$err" "1:"
check "naming the service and the line" has "$err" "public phone line 01632 960200 has no hours"
json words "[$(record words-line 'Hours in words' '"phones": [{"number": "01632 960300"}], "schedules": [{"description": "Most weekday mornings"}]')]"
imp words --format oruk-json "$TEST_TMP/words.json"
check "hours given only in words are imported as unknown" is "$status" 0
run "$SIGNPOST" --db "$db" --allow-unsigned search --format tsv
check "(the service is there)" has "$out" "words-line"
run "$SIGNPOST" --db "$db" --allow-unsigned search --open-now --format tsv
check "and such a line is never claimed open" lacks "$out" "words-line"
json noarea "[$(record somewhere 'Elsewhere' "$PHONE" | sed 's/Cambridgeshire/Narnia/')]"
imp noarea --format oruk-json --strict "$TEST_TMP/noarea.json"
check "an area signpost does not know is refused" has "$status:$err" "1:"
check "saying which areas it knows" has "$err" "no service area signpost knows"

# ---------------------------------------------------------------------------- bad files
head -c 700 "$FIX/oruk-services.json" >"$TEST_TMP/truncated.json"
imp truncated --format oruk-json "$TEST_TMP/truncated.json"
check "a truncated file exits 1" is "$status" 1
check "with the byte offset" has "$err" "byte 700"
check "and no output file" test ! -e "$db"
check "nor a temporary one" test ! -e "$db.tmp"
cp "$TEST_TMP/first.db" "$TEST_TMP/keep.db"
run "$ADMIN" import --src "$SRC" --format oruk-json --out "$TEST_TMP/keep.db" "$TEST_TMP/truncated.json"
check "a failed import leaves an existing directory as it was" cmp -s "$TEST_TMP/keep.db" "$TEST_TMP/first.db"
head -c 100000 /dev/zero | tr '\0' '[' >"$TEST_TMP/deep.json"
imp deep --format oruk-json "$TEST_TMP/deep.json"
check "deeply nested JSON exits 1 (no crash)" is "$status" 1
check "naming the depth and the byte" has "$err" "byte"
check "(the parser's own depth limit)" has "$err" "depth"
printf '[{"id": "x", "name": "caf\351"}]\n' >"$TEST_TMP/latin1.json"
imp latin1 --format oruk-json "$TEST_TMP/latin1.json"
check "a file that is not UTF-8 exits 1" is "$status" 1
check "with the byte offset" has "$err" "byte"
json notoruk '{"services": [{"name": "x"}]}'
imp notoruk --format oruk-json "$TEST_TMP/notoruk.json"
check "JSON that is not ORUK exits 1" is "$status" 1
check "saying what was expected" has "$err" "not Open Referral UK services"
json dup '[{"id": "a", "id": "b"}]'
imp dup --format oruk-json "$TEST_TMP/dup.json"
check "a duplicated key is refused (exit 1)" has "$status:$err" "1:"
json empty '[]'
imp empty --format oruk-json "$TEST_TMP/empty.json"
check "no services at all exits 1" has "$status:$err" "1:"
truncate -s 65M "$TEST_TMP/huge.json"
imp huge --format oruk-json "$TEST_TMP/huge.json"
check "a huge file exits 1 without reading it" is "$status" 1
check "saying it is too large" has "$err" "too large"
imp missing --format oruk-json "$TEST_TMP/nonexistent.json"
check "a missing file exits 1" is "$status" 1

# ---------------------------------------------------------------------------- CSV
"$SIGNPOST" --staff export --format csv >"$TEST_TMP/export.csv"
imp csv --format csv "$TEST_TMP/export.csv"
check "signpost's CSV export imports (exit 0)" is "$status" 0
"$SIGNPOST" --db "$db" --allow-unsigned --staff export --format csv >"$TEST_TMP/again.csv"
check "and exports again the same" cmp -s "$TEST_TMP/export.csv" "$TEST_TMP/again.csv"
{ cat "$TEST_TMP/export.csv"
  printf '%s\n' 'extra,Extra service,Example Charity,fenland,,self,phone,01632 960400,Line,public,24/7,2026-10-01,Help for anyone.,active' \
	'extra,Another name,Example Charity,fenland,,self,email,a@example.org.uk,,public,,2026-10-01,Help for anyone.,active'
} >"$TEST_TMP/disagree.csv"
imp disagree --format csv "$TEST_TMP/disagree.csv"
check "a CSV service whose rows disagree is skipped (exit 0)" is "$status" 0
check "named with its record and line" has "$err" "describes the service differently"
run "$SIGNPOST" --db "$db" --allow-unsigned --staff search --format tsv
check "and left out" lacks "$out" "Extra service"
sed '1s/service_name/name/' "$TEST_TMP/export.csv" >"$TEST_TMP/header.csv"
imp header --format csv "$TEST_TMP/header.csv"
check "a CSV with a wrong header exits 1" is "$status" 1
check "naming its line" has "$err" "header.csv:1:"
check "and the column" has "$err" '"name", expected "service_name"'
{ head -1 "$TEST_TMP/export.csv"; printf 'x,"unterminated\n'; } >"$TEST_TMP/broken.csv"
imp broken --format csv "$TEST_TMP/broken.csv"
check "a malformed CSV exits 1 with its line" has "$status:$err" "1:"
check "(the line)" has "$err" "broken.csv:"

# ---------------------------------------------------------------------------- export, round trip
run "$ADMIN" export --src "$SRC" --format oruk-json --staff
check "signpost-admin export --format oruk-json exits 0" is "$status" 0
printf '%s\n' "$out" >"$TEST_TMP/admin.json"
"$SIGNPOST" --staff export --format oruk-json >"$TEST_TMP/export.json"
check "and writes what signpost export writes of the same sources" \
	cmp -s "$TEST_TMP/admin.json" "$TEST_TMP/export.json"
run "$ADMIN" export --src "$SRC" --format oruk-json
check "without --staff, no professional-only line" lacks "$out" "signpost-audience"
check "(with it, they are marked)" has "$(cat "$TEST_TMP/admin.json")" '"vocabulary": "signpost-audience"'
imp round --format oruk-json "$TEST_TMP/export.json"
check "the shipped directory's ORUK export imports" is "$status" 0
"$SIGNPOST" --db "$db" --allow-unsigned --staff export --format oruk-json >"$TEST_TMP/round.json"
check "export, import, export: the same names, contacts, hours, areas and profiles" \
	cmp -s "$TEST_TMP/export.json" "$TEST_TMP/round.json"
"$SIGNPOST" --db "$db" --allow-unsigned export --format oruk-json >"$TEST_TMP/round-public.json"
"$SIGNPOST" export --format oruk-json >"$TEST_TMP/public.json"
check "and its public export is the shipped one's: nothing professional-only made public" \
	cmp -s "$TEST_TMP/public.json" "$TEST_TMP/round-public.json"
run "$ADMIN" export --src "$SRC" --format markdown
check "export --format markdown is a usage error" is "$status" 2

# ---------------------------------------------------------------------------- usage
run "$ADMIN" import --src "$SRC" --format oruk-json --out "$TEST_TMP/x.db"
check "import without a FILE exits 2" is "$status" 2
run "$ADMIN" import --src "$SRC" --format xml --out "$TEST_TMP/x.db" "$FIX/oruk-paged.json"
check "import --format xml exits 2" is "$status" 2
run "$ADMIN" import --help
check "import --help shows the usage" has "$status:$out" "0:usage:"
check "which names both formats" has "$out" "import --format oruk-json|csv"
run "$ADMIN" --help
check "signpost-admin --help describes export" has "$out" "export --format oruk-json|csv [--staff]"
run "$SIGNPOST" --help
check "signpost --help names export --format oruk-json" has "$out" "csv|markdown|oruk-json"
for cmd in import export; do
	check "signpost-admin(8) describes $cmd" grep -qxF ".B $cmd" "$top_builddir/man/signpost-admin.8"
done
finish
