#!/bin/sh
# End-to-end tests of the command line (its contract: man signpost): the real binary, the real
# directory built from db/, checking output and exit codes, including bad input.
. "${top_srcdir:-.}/tests/lib.sh"

JSON_CHECK="$top_builddir/tests/tools/json-check"
MONDAY_10AM=2026-11-23T10:00:00Z
SATURDAY_3AM=2026-11-28T03:00:00Z
export SIGNPOST_NOW=$MONDAY_10AM
PROFESSIONAL_LINES="$top_srcdir/db/check/professional-only.txt"
PEOPLE="$top_srcdir/db/check/people.txt"

# ---------------------------------------------------------------------------- basics
run "$SIGNPOST" --version
check "--version prints the version" is "$status" 0
check "--version names signpost" has "$out" "signpost "
check "--version names the directory's version and build date" has "$out" "directory 20"
check "--version says when it was built" has "$out" ", built 20"
run "$SIGNPOST" --help
check "--help exits 0" is "$status" 0
check "--help shows the usage and 999" has "$out" "In immediate danger? Call 999."

# ---------------------------------------------------------------------------- manual pages
for page in man/signpost.1 man/signpost.5 man/signpost-admin.8; do
	check "$page is generated" test -s "$top_builddir/$page"
	check "$page has every placeholder filled in" test -z "$(grep -o '@[a-z_A-Z]*@' "$top_builddir/$page")"
done
check "signpost(1) names the configured data directory" \
	grep -q "^.I ${pkgdatadir}/signpost.db$" "$top_builddir/man/signpost.1"
for key in idle_timeout neutral_text admin_quit language theme trusted_key update_dir; do
	check "signpost(5) documents $key" grep -qxF ".B $key" "$top_builddir/man/signpost.5"
done
check "signpost(1) has EXAMPLES" grep -q '^.SH EXAMPLES' "$top_builddir/man/signpost.1"
for var in SIGNPOST_DB LC_ALL NO_COLOR TERM; do
	check "signpost(1) ENVIRONMENT names $var" \
		test -n "$(sed -n '/^.SH ENVIRONMENT/,/^.SH FILES/p' "$top_builddir/man/signpost.1" | grep -e "$var")"
done
for cmd in build check keygen 'public\-key' sign verify; do
	check "signpost-admin(8) describes $cmd" grep -qxF ".B $cmd" "$top_builddir/man/signpost-admin.8"
done

# ---------------------------------------------------------------------------- machine contract
# TSV headers, CSV headers and JSON keys are fixed English identifiers in every shipped language.
contract() { # LOCALE: the headers and keys of every machine format, one a line
	"$SIGNPOST" --locale "$1" search --format tsv | head -1
	"$SIGNPOST" --locale "$1" export --format csv | head -1
	"$SIGNPOST" --locale "$1" --staff search --format json | "$JSON_CHECK" --keys
	"$SIGNPOST" --locale "$1" --staff show galop --format json | "$JSON_CHECK" --keys
	"$SIGNPOST" --locale "$1" define --format json | "$JSON_CHECK" --keys
}
contract en_GB >"$TEST_TMP/contract.en" 2>/dev/null
check "the English contract starts with the TSV header" \
	is "$(head -1 "$TEST_TMP/contract.en")" \
	"$(printf 'id\tname\torganisation\tarea\tprofiles\tself_referral\topen_now\tphones\tcontacts')"
check "every JSON object carries schema_version" has "$(cat "$TEST_TMP/contract.en")" "[].schema_version"
locales=$(sed -n 's/^        \([a-z][a-z_A-Z]*\) {""}$/\1/p' "$top_srcdir/locales/res_index.txt")
check "the shipped languages are listed" has "$locales" "pl"
for loc in $locales; do
	contract "$loc" >"$TEST_TMP/contract.$loc" 2>/dev/null
	if cmp -s "$TEST_TMP/contract.en" "$TEST_TMP/contract.$loc"; then
		ok "headers and keys under $loc are the English identifiers"
	else
		fail "headers and keys under $loc are the English identifiers" \
			"$(diff "$TEST_TMP/contract.en" "$TEST_TMP/contract.$loc" | head -3)"
	fi
done
run "$SIGNPOST" --locale pl show galop --format json
check "show prints one object" is "$(printf '%s' "$out" | head -c 1)" "{"
pl_show=$out
run "$SIGNPOST" --locale en_GB show galop --format json
check "its values follow the language" test "$pl_show" != "$out"

# ---------------------------------------------------------------------------- search
run "$SIGNPOST" search --for male --format json
check "search --for male --format json exits 0" is "$status" 0
printf '%s' "$out" >"$TEST_TMP/male.json"
run "$JSON_CHECK" id name organisation description area profiles professional_only \
	self_referral open_now contacts <"$TEST_TMP/male.json"
check "its JSON is an array with the contract's keys" is "$status" 0
check "it finds the Men's Advice Line" has "$(cat "$TEST_TMP/male.json")" "0808 801 0327"

run "$SIGNPOST" search "men's advice"
check "search \"men's advice\" exits 0" is "$status" 0
check "it finds 0808 801 0327" has "$out" "0808 801 0327"
check "public text output starts with 999" has "$(printf '%s' "$out" | head -1)" "999"

run "$SIGNPOST" search '"AND'
check "search '\"AND' is text, not FTS syntax" is "$status" 0
for q in 'NEAR(' '*' 'OR' "'; DROP TABLE service; --" "$(printf 'a\001\033[2Jb')" "$(printf '\377\376')"; do
	run "$SIGNPOST" search "$q"
	check "search with odd input exits 0" is "$status" 0
done
long=$(head -c 100000 /dev/zero | tr '\0' 'x')
run "$SIGNPOST" search "$long"
check "a 100 kB query is just text" is "$status" 0

run "$SIGNPOST" search --format json
count=$(printf '%s' "$out" | "$JSON_CHECK" id)
check "search with nothing lists every public service (30 or more)" test "${count:-0}" -ge 30

run "$SIGNPOST" search --format tsv --for lgbtq
check "TSV starts with its header row" has "$(printf '%s' "$out" | head -1)" "id	name	organisation	area"
check "TSV finds Galop" has "$out" "0800 999 5428"

run "$SIGNPOST" search gay
check "everyday words find services (gay -> Galop)" has "$out" "Galop"
run "$SIGNPOST" search --for a8 --for older --format tsv
check "several --for narrow to any of them" has "$out" "idva-a8"
check "several --for include each" has "$out" "hourglass"

run "$SIGNPOST" search --area peterborough --format tsv
check "--area peterborough keeps Peterborough services" has "$out" "peterborough-childrens-safeguarding"
check "--area peterborough drops Cambridgeshire-only ones" lacks "$out" "cambs-childrens-safeguarding"

SIGNPOST_NOW=$SATURDAY_3AM run "$SIGNPOST" search --open-now --format tsv
check "--open-now at 3 a.m. keeps the 24-hour helpline" has "$out" "national-da-helpline"
check "--open-now at 3 a.m. drops Galop" lacks "$out" "galop"

run "$SIGNPOST" search broken rainbow --staff --format tsv
check "a closed service is never listed" lacks "$out" "broken-rainbow"
run "$SIGNPOST" show broken-rainbow
check "show of a closed service says so" has "$out" "has closed"
check "and points to its successor" has "$out" "Galop"

# ---------------------------------------------------------------------------- the public view
for args in "search" "search --format tsv" "search --format json" "export --format csv" \
	"export --format markdown" "export --format oruk-json" "define" "define --format json" \
	"search idva" "search marac"; do
	# shellcheck disable=SC2086
	run "$SIGNPOST" $args
	all="$out"
	leaked=""
	while IFS= read -r line; do
		case "$line" in ''|'#'*) continue ;; esac
		has "$all" "$line" && leaked="$leaked [$line]"
	done <"$PROFESSIONAL_LINES"
	check "public '$args' prints no professional-only line" is "$leaked" ""
	leaked=""
	while IFS= read -r line; do
		case "$line" in ''|'#'*) continue ;; esac
		has "$all" "$line" && leaked="$leaked [$line]"
	done <"$PEOPLE"
	check "public '$args' names no member of staff" is "$leaked" ""
done
run "$SIGNPOST" show marac
check "show of a professional-only service fails in public" is "$status" 1
run "$SIGNPOST" --staff search idva --format json
check "the staff view shows the IDVA referral line" has "$out" "01480 847718"
check "the staff view marks it professional" has "$out" '"audience": "professional"'
run "$SIGNPOST" show marac --staff
check "show marac --staff works" is "$status" 0
run "$SIGNPOST" show galop
check "show galop prints the whole number" has "$out" "0800 999 5428"
check "show galop prints its hours table" has "$out" "Mon–Thu"
run "$SIGNPOST" show no-such-service
check "show of an unknown id exits 1" is "$status" 1
check "and says so on stderr" has "$err" "no-such-service"

# ---------------------------------------------------------------------------- define, export
run "$SIGNPOST" define
check "define prints s.1 of the Act" has "$out" "aged 16 or over"
check "define prints s.2 (personally connected)" has "$out" "ersonally connected"
run "$SIGNPOST" define marac
check "define MARAC gives the glossary entry" has "$out" "Multi-Agency Risk Assessment Conference"
run "$SIGNPOST" define zzzzzz
check "define of an unknown term exits 1" is "$status" 1
run "$SIGNPOST" export --format csv
check "export --format csv has a header" has "$(printf '%s' "$out" | head -1)" "service_id,service_name"
run "$SIGNPOST" export --format markdown
check "export --format markdown has headings" has "$out" "## National Domestic Abuse Helpline"

# ---------------------------------------------------------------------------- databases
run "$SIGNPOST" --db "$TEST_TMP/new.db" search
check "a missing --db exits 3" is "$status" 3
check "with a message" has "$err" "does not exist"
check "and creates no file" test ! -e "$TEST_TMP/new.db"
run "$SIGNPOST" --db /nonexistent/x.db search
check "--db /nonexistent/x.db exits 3" is "$status" 3
SIGNPOST_DB="$TEST_TMP/env.db" run "$SIGNPOST" search
check "SIGNPOST_DB is used" is "$status" 3
check "SIGNPOST_DB creates no file" test ! -e "$TEST_TMP/env.db"
: >"$TEST_TMP/empty.db"
head -c 65536 /dev/urandom >"$TEST_TMP/random.db"
head -c 8192 "$top_builddir/db/signpost.db" >"$TEST_TMP/truncated.db"
for bad in "$TEST_TMP/empty.db" "$TEST_TMP/random.db" "$TEST_TMP/truncated.db" "$TEST_TMP" /dev/null; do
	run "$SIGNPOST" --db "$bad" search
	check "a bad database ($(basename "$bad")) exits 3" is "$status" 3
	check "with one line on stderr" is "$(printf '%s\n' "$err" | wc -l)" 1
done

# ---------------------------------------------------------------------------- Open Referral UK
run "$SIGNPOST" export --format oruk-json
check "export --format oruk-json exits 0" is "$status" 0
printf '%s' "$out" >"$TEST_TMP/oruk.json"
run "$JSON_CHECK" id name description status organization phones schedules service_areas \
	languages attributes <"$TEST_TMP/oruk.json"
check "it is an array of ORUK services with full details" is "$status" 0
"$JSON_CHECK" --keys <"$TEST_TMP/oruk.json" >"$TEST_TMP/oruk.keys"
for key in "[].organization.name" "[].phones[].number" "[].schedules[].byday" \
	"[].schedules[].opens_at" "[].schedules[].closes_at" "[].schedules[].freq" \
	"[].service_areas[].name" "[].attributes[].taxonomy_term.code"; do
	check "ORUK export has $key" grep -qxF "$key" "$TEST_TMP/oruk.keys"
done
check "Galop's helpline is in it" has "$(cat "$TEST_TMP/oruk.json")" '"number": "0800 999 5428"'
check "its profiles are taxonomy terms" has "$(cat "$TEST_TMP/oruk.json")" '"vocabulary": "signpost-profile"'
run "$SIGNPOST" --staff export --format oruk-json
check "staff ORUK export is longer (professional-only data when asked)" \
	test "${#out}" -gt "$(wc -c <"$TEST_TMP/oruk.json")"
run "$SIGNPOST" search --format oruk-json
check "oruk-json is for export only" is "$status" 2

# ---------------------------------------------------------------------------- signatures
ADMIN="$top_builddir/src/signpost-admin"
cp "$top_builddir/db/signpost.db" "$TEST_TMP/copy.db"
cp "$top_builddir/db/signpost.db.minisig" "$TEST_TMP/copy.db.minisig"
run "$SIGNPOST" --db "$TEST_TMP/copy.db" search --for male
check "a signed copy of the directory opens" is "$status" 0
# A same-length edit of a helpline number inside the file: 0808 2000 247 -> 0808 2000 248.
offset=$(grep -boa "0808 2000 247" "$TEST_TMP/copy.db" | head -1 | cut -d: -f1)
check "the helpline number is found in the file" test -n "$offset"
printf '8' | dd of="$TEST_TMP/copy.db" bs=1 seek=$((offset + 12)) conv=notrunc 2>/dev/null
check "the edited file has the false number" test "$(grep -ca '0808 2000 248' "$TEST_TMP/copy.db")" -ge 1
run "$SIGNPOST" --db "$TEST_TMP/copy.db" search
check "a tampered directory is refused with exit 3" is "$status" 3
check "saying it does not match its signature" has "$err" "does not match its signature"
check "the false number is never printed" lacks "$out" "0808 2000 248"
check "the built-in helplines are printed instead" has "$out" "0808 2000 247"
run "$ADMIN" verify --public "$top_srcdir/db/dev-signing.pub" "$TEST_TMP/copy.db"
check "signpost-admin verify refuses it too" is "$status" 1
rm "$TEST_TMP/copy.db.minisig"
cp "$top_builddir/db/signpost.db" "$TEST_TMP/copy.db"
run "$SIGNPOST" --db "$TEST_TMP/copy.db" search
check "a directory without a signature is refused" is "$status" 3
check "saying it has no signature" has "$err" "no signature"
run "$SIGNPOST" --db "$TEST_TMP/copy.db" --allow-unsigned search --for male
check "--allow-unsigned opens a draft" is "$status" 0
run "$SIGNPOST" --kiosk --allow-unsigned
check "--allow-unsigned is refused in kiosk mode" is "$status" 2
run "$ADMIN" keygen --secret "$TEST_TMP/other.key" --public "$TEST_TMP/other.pub"
check "signpost-admin keygen makes a key pair" is "$status" 0
check "with a private secret key file" is "$(stat -c %a "$TEST_TMP/other.key")" 600
run "$ADMIN" sign --secret "$TEST_TMP/other.key" "$TEST_TMP/copy.db"
check "signpost-admin sign writes a signature" test -s "$TEST_TMP/copy.db.minisig"
run "$ADMIN" verify --public "$TEST_TMP/other.pub" "$TEST_TMP/copy.db"
check "which signpost-admin verify accepts" is "$status" 0
run "$SIGNPOST" --db "$TEST_TMP/copy.db" search
check "but signpost refuses a key it does not trust" is "$status" 3
check "the signature is minisign's format" \
	has "$(sed -n 3p "$TEST_TMP/copy.db.minisig")" "trusted comment: signpost-directory version:"
run env SIGNPOST_DIRECTORY_VERSION=42 SIGNPOST_VALID_UNTIL=2030-01-31 "$ADMIN" sign --secret "$TEST_TMP/other.key" "$TEST_TMP/copy.db"
run "$ADMIN" verify --public "$TEST_TMP/other.pub" "$TEST_TMP/copy.db"
check "its trusted comment carries the version and valid-until date" \
	has "$out" "version 42, valid until 2030-01-31"
# The stock minisign checks the built directory with its public key (when it is installed).
if command -v minisign >/dev/null; then
	run minisign -V -p "$top_builddir/db/signpost.pub" -m "$top_builddir/db/signpost.db"
	check "minisign -V verifies the built directory" is "$status" 0
	run minisign -V -p "$TEST_TMP/other.pub" -m "$TEST_TMP/copy.db"
	check "and a directory signed with a key signpost-admin keygen made" is "$status" 0
	rm -f "$TEST_TMP/ms.key" "$TEST_TMP/ms.pub"
	minisign -G -W -p "$TEST_TMP/ms.pub" -s "$TEST_TMP/ms.key" >/dev/null 2>&1
	run "$ADMIN" sign --secret "$TEST_TMP/ms.key" "$TEST_TMP/copy.db"
	check "signpost-admin signs with a key minisign -G made" is "$status" 0
	run minisign -V -p "$TEST_TMP/ms.pub" -m "$TEST_TMP/copy.db"
	check "which minisign verifies" is "$status" 0
	run "$ADMIN" verify --public "$TEST_TMP/ms.pub" "$TEST_TMP/copy.db"
	check "and signpost-admin verify too" is "$status" 0
fi

# A signed file that is not a sound database (a page overwritten, then signed again) is
# refused by the integrity check.
cp "$top_builddir/db/signpost.db" "$TEST_TMP/damaged.db"
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' |
	dd of="$TEST_TMP/damaged.db" bs=1 seek=8200 conv=notrunc 2>/dev/null
"$ADMIN" sign --secret "$top_srcdir/db/dev-signing.key" "$TEST_TMP/damaged.db"
run "$SIGNPOST" --db "$TEST_TMP/damaged.db" search
check "a signed but damaged directory is refused with exit 3" is "$status" 3
check "as damaged" has "$err" "damaged"

# A command checks only the pages it reads against the signed manifest, each as it is read,
# and before it writes a word: with one byte changed in a page, it prints exactly what the
# signed file says (the page was not read) or refuses the directory as at open -- never
# anything else. The kiosk's check (--check) still refuses a change anywhere.
cp "$top_builddir/db/signpost.db" "$TEST_TMP/pages.db"
cp "$top_builddir/db/signpost.db.minisig" "$TEST_TMP/pages.db.minisig"
run "$SIGNPOST" --db "$TEST_TMP/pages.db" search refuge --format json
clean=$out
check "the signed copy gives the results" has "$clean" '"id": "national-da-helpline"'
size=$(wc -c <"$TEST_TMP/pages.db")
same=0 refused=0 other=0 unread_at=
at=0
while [ "$at" -lt "$size" ]; do
	offset=$((at + (at / 4096 * 733) % 4096))
	cp "$top_builddir/db/signpost.db" "$TEST_TMP/pages.db"
	printf '\377' | dd of="$TEST_TMP/pages.db" bs=1 seek="$offset" conv=notrunc 2>/dev/null
	run "$SIGNPOST" --db "$TEST_TMP/pages.db" search refuge --format json
	if [ "$status" -eq 0 ] && [ "$out" = "$clean" ]; then
		same=$((same + 1))
		unread_at=${unread_at:-$offset}
	elif [ "$status" -eq 3 ] && [ -z "$out" ] && has "$err" "does not match its signature"; then
		refused=$((refused + 1))
	else
		other=$((other + 1))
	fi
	at=$((at + 4096 * 5))
done
check "a changed page is read and refused, or not read ($same unread, $refused refused)" is "$other" 0
check "the pages a search reads are checked" test "$refused" -gt 0
check "a search does not check pages it does not read" test "$same" -gt 0
cp "$top_builddir/db/signpost.db" "$TEST_TMP/pages.db"
printf '\377' | dd of="$TEST_TMP/pages.db" bs=1 seek="$unread_at" conv=notrunc 2>/dev/null
run "$SIGNPOST" --check --db "$TEST_TMP/pages.db"
check "--check refuses a change in a page that search does not read" is "$status" 3
check "as a kiosk would" has "$out" "does not match its signature"

# ---------------------------------------------------------------------------- usage errors
run "$SIGNPOST" search --for men
check "an unknown profile exits 2" is "$status" 2
check "and lists the profiles" has "$err" "male, lgbtq, older, young, stalking, a8"
run "$SIGNPOST" search --frobnicate
check "an unknown option exits 2" is "$status" 2
check "naming it" has "$err" "signpost: unknown option “--frobnicate”"
check "and the options search takes" \
	has "$err" "signpost: signpost search takes these options: --for, --area, --open-now, --staff, --format,"
run "$SIGNPOST" --frobnicate
check "an unknown option without a command exits 2" is "$status" 2
check "naming the interactive directory's options" has "$err" "signpost takes these options: --kiosk, --staff, --training,"
run "$SIGNPOST" define --open-now
check "an option of another command exits 2" is "$status" 2
check "naming it and the options define takes" \
	has "$err" "--open-now does not apply to the define command
signpost: signpost define takes these options: --format, --db,"
run "$SIGNPOST" --locale pl search --frobnicate
check "in every language" has "$err" "signpost search przyjmuje te opcje: --for, --area,"
run "$SIGNPOST" search --db
check "a missing value exits 2" is "$status" 2
run "$SIGNPOST" show
check "show without an id exits 2" is "$status" 2
run "$SIGNPOST" show galop --format tsv
check "a format a command lacks exits 2" is "$status" 2
run "$SIGNPOST" export
check "export without --format exits 2" is "$status" 2
run "$SIGNPOST" frobnicate
check "an unknown command exits 2" is "$status" 2
check "and lists the commands" has "$err" "search, show, define, export"

# ---------------------------------------------------------------------------- locale
run "$SIGNPOST" --locale xx_YY search --for male
check "an unknown locale falls back to English with exit 0" is "$status" 0
check "in English" has "$out" "In immediate danger"
LANG=C run "$SIGNPOST" search --for male
check "LANG=C works" is "$status" 0

# ---------------------------------------------------------------------------- odd environments and arguments
for envset in "TERM=dumb" "TERM=" "COLUMNS=-5" "COLUMNS=abc" "LANG=xx_XX.garbage" "LC_ALL=" \
	"LANG=pl_PL.ISO-8859-2" "LC_ALL=POSIX"; do
	run env "$envset" "$SIGNPOST" search --for male
	check "search works with $envset" is "$status" 0
	check "and finds the line with $envset" has "$out" "0808 801 0327"
done
for args in "--for=" "--area=" "--format=" "--db=" "--locale=" "--for= male" "-" "--" "search --" \
	"$(printf 'search \377\376')" "show $(printf '\033[2J')" "--$(head -c 5000 /dev/zero | tr '\0' x)"; do
	# shellcheck disable=SC2086
	run "$SIGNPOST" $args
	check "odd arguments ($(printf '%s' "$args" | cut -c1-20)) give 0, 1, 2 or 3, never a crash" \
		test "$status" -le 3
done
run "$SIGNPOST" ""
check "an empty argument is an unknown command" is "$status" 2

# ---------------------------------------------------------------------------- output errors
if [ -w /dev/full ]; then
	run sh -c "'$SIGNPOST' search >/dev/full"
	check "a full disk is an error, not silence" is "$status" 1
fi

# ---------------------------------------------------------------------------- issue 17: lines to ring
# A row of the public TSV with self_referral "yes" and a phone number: a line a person can ring
# themselves. Prints the number of such rows.
self_phones() {
	printf '%s\n' "$1" | awk -F '\t' 'NR > 1 && $6 == "yes" && $8 != "" { n++ } END { print n + 0 }'
}
run "$SIGNPOST" search rape --format tsv
check "search rape gives a phone line a person can ring themselves" \
	test "$(self_phones "$out")" -ge 1
check "search rape finds the 24-hour Rape Crisis support line" has "$out" "rape-crisis-support-line"
run "$SIGNPOST" search "forced marriage" --format tsv
check "search \"forced marriage\" gives a phone line to ring" test "$(self_phones "$out")" -ge 1
check "search \"forced marriage\" finds the government's Forced Marriage Unit" \
	has "$out" "020 7008 0151"
for profile in male lgbtq older young stalking a8 ethnic-minority perpetrator children \
	sexual-violence honour disability; do
	run "$SIGNPOST" search --for "$profile" --format tsv
	check "--for $profile gives a phone line a person can ring themselves" \
		test "$(self_phones "$out")" -ge 1
	# No service that needs a professional comes before a line a person can ring.
	check "--for $profile ranks no referral-only service above a line to ring" sh -c \
		"printf '%s\\n' \"\$1\" | awk -F '\\t' 'NR > 1 && \$6 == \"no\" { seen = 1 }
		NR > 1 && seen && \$6 == \"yes\" && \$8 != \"\" { bad = 1 } END { exit bad }'" _ "$out"
done

# ---------------------------------------------------------------------------- issue 17: open now
SUNDAY_7PM=2026-11-29T19:00:00Z
CHRISTMAS_10AM=2026-12-25T10:00:00Z
SIGNPOST_NOW=$SUNDAY_7PM run "$SIGNPOST" search --open-now --format tsv
check "Sunday 7 p.m.: the Emergency Duty Team is open" has "$out" "emergency-duty-team"
check "Sunday 7 p.m.: Samaritans are open" has "$out" "samaritans"
check "Sunday 7 p.m.: children's social care (office hours) is not" \
	lacks "$out" "cambs-childrens-safeguarding"
check "Sunday 7 p.m.: the Men's Advice Line is not" lacks "$out" "mens-advice-line"
SIGNPOST_NOW=$MONDAY_10AM run "$SIGNPOST" search --open-now --format tsv
check "Monday 10 a.m.: children's social care is open" has "$out" "cambs-childrens-safeguarding"
check "Monday 10 a.m.: the Men's Advice Line is open" has "$out" "mens-advice-line"
check "Monday 10 a.m.: the Emergency Duty Team is not" lacks "$out" "emergency-duty-team"
check "Monday 10 a.m.: a line with unknown hours is never listed" lacks "$out" "respect-phoneline"
check "every service listed by --open-now says open_now yes" \
	test "$(printf '%s\n' "$out" | awk -F '\t' 'NR > 1 && $7 != "yes"' | wc -l)" -eq 0
SIGNPOST_NOW=$CHRISTMAS_10AM run "$SIGNPOST" search --open-now --format tsv
check "Christmas Day: the Emergency Duty Team is open (bank holidays, 24 hours)" \
	has "$out" "emergency-duty-team"
check "Christmas Day: the 24-hour helpline is open" has "$out" "national-da-helpline"
check "Christmas Day: office-hours lines are closed" lacks "$out" "cambs-childrens-safeguarding"
check "Christmas Day: lines whose hours say nothing of holidays are not claimed open" \
	lacks "$out" "mens-advice-line"
SIGNPOST_NOW=$MONDAY_10AM run "$SIGNPOST" search respect --format tsv
check "a line with unknown hours is not open_now yes" \
	test "$(printf '%s\n' "$out" | awk -F '\t' '$1 == "respect-phoneline" && $7 == "yes"' | wc -l)" -eq 0

# ---------------------------------------------------------------------------- one open for every program
# A directory signed with a key that only the settings file trusts: --config lets it open.
cp "$top_builddir/db/signpost.db" "$TEST_TMP/officer.db"
"$ADMIN" keygen --secret "$TEST_TMP/officer.key" --public "$TEST_TMP/officer.pub" >/dev/null 2>&1
"$ADMIN" sign --secret "$TEST_TMP/officer.key" "$TEST_TMP/officer.db" >/dev/null 2>&1
printf 'trusted_key = %s\n' "$(tail -n 1 "$TEST_TMP/officer.pub")" >"$TEST_TMP/officer.conf"
run "$SIGNPOST" --db "$TEST_TMP/officer.db" search --for male
check "a directory signed with a key only a settings file trusts is refused without it" \
	is "$status" 3
check "as not matching its signature" has "$err" "does not match its signature"
run "$SIGNPOST" --config "$TEST_TMP/officer.conf" --db "$TEST_TMP/officer.db" search --for male
check "and opens with --config naming that key" is "$status" 0
check "showing the directory" has "$out" "0808 801 0327"
run "$SIGNPOST" --db "$TEST_TMP/officer.db" search --for male --config "$TEST_TMP/officer.conf"
check "--config after the command works too" is "$status" 0
printf 'trusted_key = nonsense\n' >"$TEST_TMP/bad.conf"
run "$SIGNPOST" --config "$TEST_TMP/bad.conf" search --for male
check "a bad settings file is a usage error" is "$status" 2
check "naming the file and line" has "$err" "bad.conf:1:"

# ---------------------------------------------------------------------------- damage found at open
# Made with python3's sqlite3 module (python3 is in Debian's base image; sqlite3 may not be).
if command -v python3 >/dev/null 2>&1; then
	# A page overwritten (as above, unsigned this time): one line naming the file.
	cp "$TEST_TMP/damaged.db" "$TEST_TMP/page.db"
	run "$SIGNPOST" --db "$TEST_TMP/page.db" --allow-unsigned search
	check "a damaged page is refused with exit 3" is "$status" 3
	check "in one line" is "$(printf '%s\n' "$err" | wc -l)" 1
	check "naming the file" has "$err" "page.db"
	check "the built-in helplines are printed" has "$out" "0808 2000 247"
	# The search index damaged, the rest of the file sound (PRAGMA integrity_check passes).
	cp "$top_builddir/db/signpost.db" "$TEST_TMP/index.db"
	python3 - "$TEST_TMP/index.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for table in ("service_fts_data",):
    for rowid, block in db.execute(
            "SELECT id, block FROM %s WHERE length(block) > 1000" % table).fetchall():
        block = bytearray(block)
        for i in range(16, len(block) - 16, 7):
            block[i] ^= 0x55
        db.execute("UPDATE %s SET block = ? WHERE id = ?" % table, (bytes(block), rowid))
db.commit()
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
PY
	check "a directory with a damaged search index is made" is "$?" 0
	"$ADMIN" sign --secret "$top_srcdir/db/dev-signing.key" "$TEST_TMP/index.db"
	for words in "" "help" "men's advice"; do
		run "$SIGNPOST" --db "$TEST_TMP/index.db" search $words
		check "a signed directory with a damaged search index is refused (search '$words')" \
			is "$status" 3
		check "in one line naming the file" \
			test "$(printf '%s\n' "$err" | wc -l)" -eq 1 -a -n "$(printf '%s' "$err" | grep index.db)"
		check "saying it is damaged" has "$err" "damaged"
		check "with the built-in helplines" has "$out" "0808 2000 247"
	done
	run "$SIGNPOST" --db "$TEST_TMP/index.db" show galop
	check "show refuses it too" is "$status" 3
	# The index keeps no text (contentless), so FTS5's check at open cannot compare its rows'
	# sizes with anything: sizes changed behind its back are met by the search, which says
	# so as a refusal does, helplines and all.
	cp "$top_builddir/db/signpost.db" "$TEST_TMP/sizes.db"
	python3 - "$TEST_TMP/sizes.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE service_fts_docsize SET sz = x'ff'")
db.commit()
PY
	run "$SIGNPOST" --db "$TEST_TMP/sizes.db" --allow-unsigned search refuge
	check "a search index with damaged sizes is refused when searched" is "$status" 3
	check "in one line naming the file" is "$err" "signpost: the directory “$TEST_TMP/sizes.db” could not be searched"
	check "with 999" has "$out" "Call 999."
	check "and the built-in helplines" has "$out" "0808 2000 247"
	run "$SIGNPOST" --db "$TEST_TMP/sizes.db" --allow-unsigned search refuge --format json
	check "as JSON, the same line and no output" is "$status/$out" "3/"
else
	fail "python3 is needed to make the damaged directories"
fi

# ---------------------------------------------------------------------------- no translations
# A program away from its build tree and not installed has no bundles: the English words built
# into it, a line saying so, and still the helplines.
if [ ! -d "${pkgdatadir:-/nonexistent}/locales" ]; then
	cp "$SIGNPOST" "$TEST_TMP/signpost-alone"
	run "$TEST_TMP/signpost-alone" --db "$top_builddir/db/signpost.db" search galop
	check "without its translations a search still answers, in English" has "$out" "0800 999 5428"
	check "with 999 first" has "$out" "In immediate danger? Call 999."
	check "and says the translations cannot be read" has "$err" "cannot be read"
	run "$TEST_TMP/signpost-alone" search galop
	check "without translations or directory: the helplines" has "$out" "0808 2000 247"
	check "and exit status 3" is "$status" 3
fi

# ---------------------------------------------------------------------------- health check
run "$SIGNPOST" --check
check "--check passes the built directory" is "$status" 0
check "and says so" has "$out" "status: ok"
check "with its signer's key id" has "$out" "key: $(sed -n 1p "$top_builddir/db/signpost.pub" | sed 's/.* //')"
check "its version" has "$out" "version: "
check "its valid-until date" has "$out" "valid-until: 20"
check "and how many services it has" has "$out" "services: "
check "nothing on stderr" is "$err" ""
run "$SIGNPOST" --check --db "$TEST_TMP/officer.db"
check "--check refuses a directory signed with a key the settings do not name" is "$status" 3
check "saying a kiosk shows only the built-in helplines" has "$out" "status: refused"
check "and why" has "$out" "problem: "
run "$SIGNPOST" --check --config "$TEST_TMP/officer.conf" --db "$TEST_TMP/officer.db"
check "and passes it with the kiosk's settings trusting that key" is "$status" 0
cp "$top_builddir/db/signpost.db" "$TEST_TMP/old.db"
env SIGNPOST_DIRECTORY_VERSION=7 SIGNPOST_VALID_UNTIL=2001-02-03 \
	"$ADMIN" sign --secret "$TEST_TMP/officer.key" "$TEST_TMP/old.db"
run "$SIGNPOST" --check --config "$TEST_TMP/officer.conf" --db "$TEST_TMP/old.db"
check "an expired directory still passes (a kiosk still shows it)" is "$status" 0
check "with a notice" has "$out" "status: expired"
check "its version and date from the signature" has "$out" "version: 7"
check "and the date" has "$out" "valid-until: 2001-02-03"
run "$SIGNPOST" --check --db "$TEST_TMP/damaged.db"
check "--check refuses a damaged directory with 3" is "$status" 3
run "$SIGNPOST" --check --db /nonexistent/signpost.db
check "and a missing one" is "$status" 3
# The update folder: a newer signed directory there is chosen, as a kiosk would; an unsigned
# one is named and left out.
mkdir "$TEST_TMP/updates"
cp "$top_builddir/db/signpost.db" "$TEST_TMP/updates/signpost.db"
env SIGNPOST_DIRECTORY_VERSION=8 "$ADMIN" sign --secret "$TEST_TMP/officer.key" "$TEST_TMP/updates/signpost.db"
{ cat "$TEST_TMP/officer.conf"; printf 'update_dir = %s\n' "$TEST_TMP/updates"; } >"$TEST_TMP/updates.conf"
run "$SIGNPOST" --check --config "$TEST_TMP/updates.conf" --db "$TEST_TMP/old.db"
check "--check takes a newer directory from the update folder" has "$out" "directory: $TEST_TMP/updates/signpost.db"
check "its version from the signature" has "$out" "version: 8"
check "and says the packaged one is not used" has "$out" "not used: $TEST_TMP/old.db: version 7 is not newer"
rm "$TEST_TMP/updates/signpost.db.minisig"
run "$SIGNPOST" --check --config "$TEST_TMP/updates.conf" --db "$TEST_TMP/old.db"
check "an unsigned one in the update folder is left out" has "$out" "version: 7"
check "and named, with why" has "$out" "not used: $TEST_TMP/updates/signpost.db: "
run "$SIGNPOST" --check --frobnicate
check "--check with anything else exits 2" is "$status" 2

# The development key's id in the program is the one in the source tree's public key.
check "the development key's id matches db/dev-signing.pub" \
	has "$(head -1 "$top_srcdir/db/dev-signing.pub")" \
	"$(sed -n 's/.*SP_DEVELOPMENT_KEY_ID "\([0-9A-F]*\)".*/\1/p' "$top_srcdir/src/core/trust.h")"
run "$SIGNPOST" --check
check "--check counts every service, not only the national ones" \
	test "$(printf '%s\n' "$out" | sed -n 's/^services: //p')" -gt 40

finish
