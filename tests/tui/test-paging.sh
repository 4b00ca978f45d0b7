#!/bin/sh
# A search with more matches than can be ranked (issue 13): the search screen shows a
# screenful, says there are too many to count, and loads more as the list is scrolled, in
# the same order as `signpost search`; the command line prints every match once; the lists
# that are short by nature stay short.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tmux.sh"

ADMIN="$top_builddir/src/signpost-admin"
BULK=420

# The directory's sources and BULK more services, each with a number of its own, that match
# "zebra" (nothing else does).
mkdir "$TEST_TMP/src"
cp -R "$top_srcdir/db/." "$TEST_TMP/src/"
i=0
while [ $i -lt $BULK ]; do
	n=$(printf '%03d' $i)
	printf 'bulk-%s,refuge,Zebra project %s,Support from the zebra project.,national,public,self,,,,,,,,active,,test,,2026-11-01,unverified\n' "$n" "$n" >>"$TEST_TMP/src/services.csv"
	printf 'bulk-%s,phone,0800 100 0%s,Helpline,public,Mon-Fri 09:00-17:00,unverified\n' "$n" "$n" >>"$TEST_TMP/src/contacts.csv"
	i=$((i + 1))
done
"$ADMIN" build --quiet --src "$TEST_TMP/src" --out "$TEST_TMP/bulk.db" 2>"$TEST_TMP/build.err"
check "the directory of $BULK more services builds" test -s "$TEST_TMP/bulk.db"
DB="--db $TEST_TMP/bulk.db --allow-unsigned"

# ---------------------------------------------------------------------------- the command line
run env LANG=C.UTF-8 SIGNPOST_NOW=2026-11-23T10:00:00Z $SIGNPOST $DB search zebra --format tsv
check "signpost search prints every match" is "$(printf '%s\n' "$out" | grep -c '^bulk-')" "$BULK"
check "each once" is "$(printf '%s\n' "$out" | grep '^bulk-' | sort -u | wc -l)" "$BULK"
printf '%s\n' "$out" | grep '^bulk-' | cut -f2 >"$TEST_TMP/order"
first=$(sed -n 1p "$TEST_TMP/order")
page2=$(sed -n 40p "$TEST_TMP/order")
last=$(sed -n "${BULK}p" "$TEST_TMP/order")
run env LANG=C.UTF-8 SIGNPOST_NOW=2026-11-23T10:00:00Z $SIGNPOST $DB search zebra --format json
check "the JSON lists every match" is "$(printf '%s\n' "$out" | grep -c '"id": "bulk-')" "$BULK"
check "and is one well-formed array" sh -c 'python3 -c "import json,sys; assert len(json.load(sys.stdin)) == $1" <"$2"' _ "$BULK" "$TEST_TMP/out"
run env LANG=C.UTF-8 SIGNPOST_NOW=2026-11-23T10:00:00Z $SIGNPOST $DB search zebra
check "text output counts them all" has "$out" "$BULK services found."

# ---------------------------------------------------------------------------- the search screen
T new-session -d -s paging -x 80 -y 24 \
	"env LANG=C.UTF-8 SIGNPOST_NOW=2026-11-23T10:00:00Z $SIGNPOST $DB; echo \"exited with \$?\"; sleep 60"
wait_for paging "999"
keys paging 3
type_text paging "zebra"
wait_for paging "More than" >/dev/null
out=$(screen paging)
check "the screen says there are too many to count" has "$out" "More than 300 services found."
check "the first match is listed" has "$out" "$first"
check "999 stays on the screen" has "$out" "999"
# Down through the first page: the list grows before its end is reached.
i=0
while [ $i -lt 39 ]; do T send-keys -t paging Down; i=$((i + 1)); done
keys paging Down
check "scrolling down loads the next page, in the command line's order" has "$(screen paging)" "$page2"
# End until nothing more comes: the last match appears, and the program is still there.
i=0
while [ $i -lt 18 ]; do keys paging End; i=$((i + 1)); done
out=$(screen paging)
check "End, again and again, reaches the last match" has "$out" "$last"
check "its number is whole" has "$out" "0800 100 0"
check "the program is still running" running paging
keys paging Home
check "Home goes back to the first" has "$(screen paging)" "$first"

# ---------------------------------------------------------------------------- the short lists
# Talk to someone now and Find support list the first 300 of the 480 services with a number
# in the directory's order (round-the-clock lines first), not every one of them.
T new-session -d -s now -x 80 -y 24 \
	"env LANG=C.UTF-8 SIGNPOST_NOW=2026-11-23T10:00:00Z $SIGNPOST $DB; echo \"exited with \$?\"; sleep 60"
wait_for now "999"
keys now 1
wait_for now "Open now" >/dev/null
check "Talk to someone now lists the round-the-clock lines first" has "$(screen now)" "116 123 · open 24 hours"
check "and the 24-hour domestic abuse helpline a page down" has "$(keys now NPage; screen now)" "0808 2000 247"
check "and the program is still running" running now
T new-session -d -s find -x 80 -y 24 \
	"env LANG=C.UTF-8 SIGNPOST_NOW=2026-11-23T10:00:00Z $SIGNPOST $DB; echo \"exited with \$?\"; sleep 60"
wait_for find "999"
keys find 2
i=0
while [ $i -lt 3 ]; do keys find Down; i=$((i + 1)); done
keys find Enter End Enter
wait_for find "Support for" >/dev/null
check "Find support for a man still finds the Men's Advice Line" has "$(screen find)" "0808 801 0327"

finish
