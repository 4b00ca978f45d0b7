#!/bin/sh
# End-to-end tests of the interactive directory in a real terminal: tmux runs the real binary,
# send-keys types, capture-pane reads the screen and the scrollback.
. "${top_srcdir:-.}/tests/lib.sh"

. "${top_srcdir:-.}/tests/tmux.sh"

# TERM stays tmux's own, so the keys tmux sends are the ones terminfo describes.
ENVIRONMENT="LANG=C.UTF-8 SIGNPOST_NOW=2026-11-23T10:00:00Z"

# start NAME COLSxROWS ARGS...: runs signpost in a fresh session; the pane stays after exit.
start() {
	name=$1 size=$2
	shift 2
	end_session "$name"
	T new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
		"env $ENVIRONMENT $SIGNPOST $*; echo \"exited with \$?\"; sleep 60"
	T set-option -t "$name" remain-on-exit on >/dev/null
	wait_for "$name" "999"
}

# ---------------------------------------------------------------------------- home
start home 80x24
out=$(screen home)
check "Home shows the 999 line at the top" has "$(printf '%s' "$out" | head -1)" "In immediate danger? Call 999."
check "Home shows the Silent Solution" has "$out" "press 55"
check "Home shows the quick-exit key at the bottom" has "$(printf '%s' "$out" | tail -1)" "F12 or Esc Esc: quick exit"
check "Home shows the language key" has "$out" "F2: language"
check "Home offers the five doors" has "$out" "5  Language"

# ---------------------------------------------------------------------------- a helpline in a few keys
# Find support: answers are items 0 Me, 1 Someone, 2 Own behaviour, 3 man, 4 LGBTQ+, 5 60+,
# 6 13-25, 7 stalked, 8 A8; End reaches "Show support".
find_for() {
	start find 80x24
	keys find 2
	i=0
	while [ $i -lt "$1" ]; do keys find Down; i=$((i + 1)); done
	keys find Enter End Enter
	wait_for find "Support for" >/dev/null
	out=$(screen find)
}
find_for 3
check "man: Men's Advice Line in 6 keys" has "$out" "0808 801 0327"
check "and the reason it is shown" has "$out" "for male victims"
find_for 4
check "LGBTQ+: Galop" has "$out" "0800 999 5428"
find_for 5
check "60+: Hourglass" has "$out" "0808 808 8141"
find_for 7
check "stalked: National Stalking Helpline" has "$out" "0808 802 0300"
find_for 8
check "A8: the A8 IDVA" has "$out" "A8 IDVA"
keys find PPage
check "A8: and the 24-hour helpline for everyone" has "$(screen find; keys find NPage; screen find)" "0808 2000 247"

start now 80x24
keys now 1
check "Talk to someone now lists the 24-hour helpline" has "$(screen now)" "0808 2000 247"

# ---------------------------------------------------------------------------- search
start search 80x24
keys search 3
type_text search "mens adv"
check "search updates as you type" has "$(screen search)" "Men's Advice Line"
keys search Enter
wait_for search "Last checked" >/dev/null
check "Enter opens the service with its number whole" has "$(screen search)" "0808 801 0327"
keys search n
check "N shows the number in large digits" has "$(screen search)" "███"

# ---------------------------------------------------------------------------- quick exit
for how in F12 EscEsc; do
	start qe 80x24
	keys qe 3
	type_text qe "galop"
	wait_for qe "Galop" >/dev/null
	if [ "$how" = F12 ]; then keys qe F12; else keys qe Escape Escape; fi
	out=$(screen qe)
	all=$(history qe)
	check "quick exit ($how) shows the neutral page" has "$out" "free for public use"
	check "quick exit ($how) leaves no 999 banner (names nothing)" lacks "$out" "999"
	check "quick exit ($how) wipes the search from the screen" lacks "$out" "galop"
	check "quick exit ($how) wipes the scrollback" lacks "$all" "Galop"
	keys qe x
	wait_for qe "Support directory" >/dev/null
	out=$(screen qe)
	check "any key after quick exit starts afresh at Home" has "$out" "1  Talk to someone now"
	keys qe 3
	check "and the search text is gone" lacks "$(screen qe)" "galop"
done

# Quick exit by F12 on terminals whose description lacks F12 (vt100) and those that have it.
for term in vt100 linux xterm-256color screen; do
	end_session "t$term"
	T new-session -d -s "t$term" -x 80 -y 24 "env $ENVIRONMENT TERM=$term $SIGNPOST --kiosk; sleep 60"
	wait_for "t$term" "999" >/dev/null
	keys "t$term" 3
	type_text "t$term" "galop"
	keys "t$term" F12
	check "F12 is quick exit under TERM=$term" wait_for "t$term" "free for public use"
done

# ---------------------------------------------------------------------------- kiosk
start kiosk 80x24 --kiosk
for k in C-c C-z 'C-\' C-d q Q; do keys kiosk "$k"; done
check "the kiosk survives Ctrl-C, Ctrl-Z, Ctrl-\\, Ctrl-D and q" running kiosk
check "and still shows Home" has "$(screen kiosk)" "Support directory"
for size in 10x3 20x5 30x8 200x60 12x4 80x24; do
	resize kiosk "${size%x*}" "${size#*x}"
done
check "the kiosk survives resizes down to 10x3" running kiosk
resize kiosk 10 3
check "a 10x3 window still shows 999" wait_for kiosk "999"
resize kiosk 80 24
check "back at 80x24 it shows Home again" wait_for kiosk "1  Talk to someone now"

# The idle warning and reset: a 10-second timeout warns for its last 3 seconds.
start idle 80x24 --kiosk --idle-timeout 10
keys idle 3
type_text idle "galop"
wait_for idle "still there" 12
check "the idle warning counts down" has "$(screen idle)" "cleared in"
wait_for idle "1  Talk to someone now" 15
check "the idle timeout returns to Home" has "$(screen idle)" "1  Talk to someone now"
check "and forgets the search" lacks "$(history idle)" "galop"

# A key storm: 10,000 keys (letters, digits, arrows, Enter, Esc, F-keys, raw escape
# sequences and invalid UTF-8) and a resize storm; the kiosk keeps running and keeps 999 up.
start storm 80x24 --kiosk
awk 'BEGIN {
	srand(20261123);
	split("Up Down Left Right Enter Escape BSpace PPage NPage Home End F1 F2 F5 F12 Tab Space C-c C-z C-d", named, " ");
	for (batch = 0; batch < 100; batch++) {
		line = "";
		for (k = 0; k < 100; k++) {
			r = rand();
			if (r < 0.5) line = line " " named[int(rand() * 20) + 1];
			else if (r < 0.9) line = line " " sprintf("%c", 97 + int(rand() * 26));
			else line = line " " int(rand() * 10);
		}
		print line;
	}
}' >"$TEST_TMP/storm.keys"
while read -r batch; do
	# shellcheck disable=SC2086
	T send-keys -t storm $batch
done <"$TEST_TMP/storm.keys"
for hex in "1b 5b 31 3b 35 41" "1b 5b 3f 32 30 30 34 68" "ff fe c3 28" "1b 4f 50" "1b 5b 5b 41" "1b 1b 5b 41"; do
	# shellcheck disable=SC2086
	T send-keys -t storm -H $hex
done
i=0
while [ $i -lt 30 ]; do
	T resize-window -t storm -x $((10 + (i * 37) % 150)) -y $((3 + (i * 17) % 50)) 2>/dev/null
	i=$((i + 1))
done
resize storm 80 24
check "the kiosk survives 10,000 random keys and 30 resizes" running storm
# It may still be working through the storm (slowly, in the sanitizer build): give it up to
# a minute to settle.
i=0
until screen storm | grep -qE '999|free for public use' || [ $i -ge 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
screen storm | grep -qE '999|free for public use' || screen storm | sed 's/^/     | /'
check "and still shows 999 or the neutral page" sh -c "screen() { :; }; printf '%s' \"\$1\" | grep -qE '999|free for public use'" _ "$(screen storm)"

# ---------------------------------------------------------------------------- views
start pub 80x24
keys pub 3
type_text pub "idva"
out=$(screen pub)
keys pub End; out="$out$(screen pub)"
check "the public view never shows the IDVA referral line" lacks "$out" "01480 847718"
start staff 80x24 --staff
keys staff 3
type_text staff "idva referral"
keys staff Enter
wait_for staff "Last checked" >/dev/null
check "the staff view shows it, marked professional only" has "$(screen staff)" "01480 847718"
check "with the professional-only mark" has "$(screen staff)" "professional only"

# ---------------------------------------------------------------------------- training
start train 80x24 --training
keys train End Up Enter
wait_for train "Question 1 of" >/dev/null
check "training: the quiz asks the first scenario" has "$(screen train)" "Is this domestic abuse under"
keys train Enter
check "training: an answer gets its explanation" has "$(screen train)" "personally"
check "training: and where to signpost" has "$(screen train)" "0808 801 0327"
keys train BSpace
keys train End Enter
wait_for train "IDVA service referrals by area" >/dev/null
check "training: key facts draw bar charts" has "$(screen train)" "████"
start pubhome 80x24
check "the public Home has no training or staff items" lacks "$(screen pubhome)" "Scenario quiz"

# ---------------------------------------------------------------------------- terminals
start dumb 80x24
end_session dumb
T new-session -d -s dumb -x 80 -y 24 "env LANG=C.UTF-8 TERM=dumb $SIGNPOST; echo \"exited with \$?\"; sleep 60"
wait_for dumb "exited with"
check "TERM=dumb gets a clear message" has "$(screen dumb)" "cannot move the cursor"
check "and exit status 2" has "$(screen dumb)" "exited with 2"

end_session c
T new-session -d -s c -x 80 -y 24 "env LC_ALL=C SIGNPOST_NOW=2026-11-23T10:00:00Z $SIGNPOST; sleep 60"
wait_for c "999"
keys c 1
check "LC_ALL=C still draws whole numbers and dashes" has "$(screen c)" "0808 2000 247"

start broken 80x24 --kiosk --db /nonexistent/signpost.db
out=$(screen broken)
check "a kiosk without its directory still shows 999" has "$out" "999"
check "and the National Domestic Abuse Helpline" has "$out" "0808 2000 247"

cp "$top_builddir/db/signpost.db" "$TEST_TMP/tampered.db"
cp "$top_builddir/db/signpost.db.minisig" "$TEST_TMP/tampered.db.minisig"
offset=$(grep -boa "0808 2000 247" "$TEST_TMP/tampered.db" | head -1 | cut -d: -f1)
printf '8' | dd of="$TEST_TMP/tampered.db" bs=1 seek=$((offset + 12)) conv=notrunc 2>/dev/null
start tampered 80x24 --kiosk --db "$TEST_TMP/tampered.db"
out=$(screen tampered)
check "a kiosk given a tampered directory shows the built-in lines" has "$out" "0808 2000 247"
check "and never the false number" lacks "$out" "0808 2000 248"

# A data officer's own key, named in the kiosk settings, is trusted besides the built-in one.
"$top_builddir/src/signpost-admin" keygen --secret "$TEST_TMP/officer.key" --public "$TEST_TMP/officer.pub"
cp "$top_builddir/db/signpost.db" "$TEST_TMP/officer.db"
"$top_builddir/src/signpost-admin" sign --secret "$TEST_TMP/officer.key" "$TEST_TMP/officer.db"
printf 'trusted_key = %s\n' "$(tail -n 1 "$TEST_TMP/officer.pub")" >"$TEST_TMP/officer.conf"
start officer 80x24 --kiosk --config "$TEST_TMP/officer.conf" --db "$TEST_TMP/officer.db"
check "a directory signed with a key from the settings opens" has "$(screen officer)" "1  Talk to someone now"
start stranger 80x24 --kiosk --db "$TEST_TMP/officer.db"
check "without that setting the same directory is refused" has "$(screen stranger)" "cannot be shown"
# An expired directory is still shown (never blank a kiosk over a date), with a staff notice.
cp "$top_builddir/db/signpost.db" "$TEST_TMP/old.db"
env SIGNPOST_DIRECTORY_VERSION=7 SIGNPOST_VALID_UNTIL=2001-02-03 \
	"$top_builddir/src/signpost-admin" sign --secret "$TEST_TMP/officer.key" "$TEST_TMP/old.db"
start expired 200x30 --kiosk --config "$TEST_TMP/officer.conf" --db "$TEST_TMP/old.db"
check "an expired directory is still shown" has "$(screen expired)" "1  Talk to someone now"
check "with a notice for staff" has "$(screen expired)" "valid until 2001-02-03"

# ---------------------------------------------------------------------------- the administrator's exit
# Wrong guesses pasted at machine speed, then the right secret: the first wrong one locks the
# way out, so the kiosk is still running; typed again after the lock, the secret quits.
printf 'admin_quit = correct horse battery\n' >"$TEST_TMP/exit.conf"
start exit 80x24 --kiosk --config "$TEST_TMP/exit.conf"
i=0
while [ $i -lt 50 ]; do
	T send-keys -t exit C-] "guess$i" Enter
	i=$((i + 1))
done
T send-keys -t exit C-] "correct horse battery" Enter
settle exit ""
check "pasted guesses and then the secret do not end the kiosk" running exit
# How long the lock then lasts depends on how fast the guesses were read (each one after a lock
# ran out doubles it; the unit tests time it exactly). The secret itself, typed once on a fresh
# kiosk, ends it with status 0.
start exit2 80x24 --kiosk --config "$TEST_TMP/exit.conf"
keys exit2 C-]
type_text exit2 "correct horse battery"
keys exit2 Enter
# Under the sanitizers LeakSanitizer cannot stop the world inside the kiosk's seccomp sandbox
# (no clone, no ptrace) and changes the exit status; elsewhere the status must be 0, which is
# what lets systemd give the console a login prompt.
want="exited with 0"
if ldd "$SIGNPOST" 2>/dev/null | grep -q libasan; then want="exited with"; fi
wait_for exit2 "$want" 20
check "the administrator's secret ends the kiosk" has "$(screen exit2)" "$want"

# ---------------------------------------------------------------------------- no start without 999
# Settings anyone may write are refused (they hold the exit secret and the trusted keys): the
# kiosk runs on its defaults and tells staff why.
printf 'neutral_text = Written by anyone\n' >"$TEST_TMP/open.conf"
chmod 666 "$TEST_TMP/open.conf"
start open 160x24 --kiosk --config "$TEST_TMP/open.conf"
keys open End
check "a world-writable settings file is refused, with a notice for staff" \
	has "$(screen open)" "writable by others"
keys open Home
check "and the kiosk still shows Home" has "$(screen open)" "1  Talk to someone now"
keys open F12
check "and its neutral page is not used" lacks "$(screen open)" "Written by anyone"
printf 'idle_timeout = soon\n' >"$TEST_TMP/broken.conf"
start badconf 80x24 --kiosk --config "$TEST_TMP/broken.conf"
check "a broken settings file leaves the kiosk running" running badconf
keys badconf End
check "with 999 and a notice naming the line" has "$(screen badconf)" "broken.conf:1"
for term in dumb unknown-terminal ""; do
	end_session plain
	T new-session -d -s plain -x 80 -y 24 \
		"env LANG=C.UTF-8 TERM=$term $SIGNPOST --kiosk; echo \"exited with \$?\"; sleep 60"
	wait_for plain "999" >/dev/null
	out=$(screen plain)
	check "a kiosk on TERM='$term' shows 999" has "$out" "Call 999"
	check "and the national helpline" has "$out" "0808 2000 247"
	keys plain C-c q
	check "and keeps running" running plain
	keys plain F12
	check "and F12 still clears it" has "$(screen plain)" "free for public use"
done
# Missing translations: the built-in English words, 999 and the helplines, a notice for staff.
if [ ! -d "${pkgdatadir:-/nonexistent}/locales" ]; then
	cp "$SIGNPOST" "$TEST_TMP/signpost-alone"
	end_session nowords
	T new-session -d -s nowords -x 160 -y 30 \
		"env LANG=C.UTF-8 $TEST_TMP/signpost-alone --kiosk; echo \"exited with \$?\"; sleep 60"
	wait_for nowords "999" >/dev/null
	out=$(screen nowords)
	check "a kiosk without its translations shows 999 in English" has "$out" "Call 999"
	check "and the national helpline" has "$out" "0808 2000 247"
	keys nowords End
	check "and tells staff the translations cannot be read" has "$(screen nowords)" "cannot be read"
	check "and keeps running" running nowords
fi
# The environment the kiosk started with is not left in its memory.
end_session env
T new-session -d -s env -x 80 -y 24 \
	"env $ENVIRONMENT SIGNPOST_TEST_MARKER=visitor-secret-42 $SIGNPOST --kiosk; sleep 60"
wait_for env "999" >/dev/null
pid=$(pgrep -f "$SIGNPOST --kiosk" | head -1)
check "the kiosk wipes its original environment (/proc/PID/environ)" \
	sh -c "! tr '\\0' '\\n' </proc/$pid/environ | grep -q 'visitor-secret-42\|SIGNPOST_NOW'"
end_session env

# ---------------------------------------------------------------------------- no trace, no network
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	trace="$TEST_TMP/strace.log"
	end_session st
	T new-session -d -s st -x 80 -y 24 \
		"strace -f -e trace=%network,%file,write,seccomp,prctl -o '$trace' env $ENVIRONMENT $SIGNPOST --kiosk; sleep 60"
	wait_for st "999"
	keys st 2 Down Down Down Enter End Enter
	keys st Escape Escape
	keys st x 3
	type_text st "galop"
	keys st Enter n F12 x
	pkill -TERM -f "$SIGNPOST --kiosk" 2>/dev/null
	wait_for st "exited with"
	check "strace recorded the visit" test -s "$trace"
	check "the kiosk makes no network call" sh -c "! grep -qE '(socket|connect|bind|sendto)\(' '$trace'"
	check "the kiosk opens no file for writing" sh -c \
		"! grep -E 'open(at)?\(' '$trace' | grep -qE 'O_WRONLY|O_RDWR|O_CREAT'"
	check "the kiosk writes only to the terminal" sh -c \
		"! grep -E '^[0-9]+ +write\(' '$trace' | grep -vqE 'write\((1|2),'"
	check "the kiosk creates, renames and deletes nothing" sh -c \
		"! grep -qE '(unlink|rename|mkdir|creat)(at)?\(' '$trace'"
	check "the kiosk puts itself in a seccomp sandbox" grep -qE 'seccomp\(SECCOMP_SET_MODE_FILTER|PR_SET_SECCOMP' "$trace"
else
	echo "strace cannot trace here: skipping the no-trace checks"
fi

finish
