#!/bin/sh
# A running kiosk takes a newer signed directory between visits: on SIGHUP when nobody is
# using it, else at the idle reset; it keeps what it has when a damaged one is placed. Its
# journal lines (stderr, redirected to a file here as the unit sends it to the journal) name
# the version, and never reach the screen.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tmux.sh"

ADMIN="$top_builddir/src/signpost-admin"
KEY="$TEST_TMP/test.key"
"$ADMIN" keygen --secret "$KEY" --public "$TEST_TMP/test.pub" >/dev/null

# Version 1 is the directory's sources as they are; version 2 renames Galop's service, so the
# screen shows which one is in use.
mkdir "$TEST_TMP/src1" "$TEST_TMP/src2"
cp -R "$top_srcdir/db/." "$TEST_TMP/src1/"
cp -R "$top_srcdir/db/." "$TEST_TMP/src2/"
sed -i 's/^galop,galop,Galop (LGBT+ domestic abuse),/galop,galop,Galop (LGBT+ domestic abuse) second edition,/' \
	"$TEST_TMP/src2/services.csv"
for v in 1 2; do
	"$ADMIN" build --quiet --src "$TEST_TMP/src$v" --out "$TEST_TMP/v$v.db" 2>/dev/null
	SIGNPOST_DIRECTORY_VERSION=$v "$ADMIN" sign --secret "$KEY" "$TEST_TMP/v$v.db" >/dev/null
done
# The packaged directory in a folder of its own, apart from the update folder: the sandbox
# (Landlock, where the kernel has it) must let the kiosk read each.
mkdir "$TEST_TMP/packaged"
cp "$TEST_TMP/v1.db" "$TEST_TMP/v1.db.minisig" "$TEST_TMP/packaged/"
check "the test directories are built and signed" test -s "$TEST_TMP/v2.db.minisig"

# place VERSION [damaged]: puts that directory in the update folder as a tool would (the
# signature last).
place() {
	cp "$TEST_TMP/v$1.db" "$TEST_TMP/updates/signpost.db.new"
	if [ "${2:-}" = damaged ]; then
		printf 'X' | dd of="$TEST_TMP/updates/signpost.db.new" bs=1 seek=300000 conv=notrunc 2>/dev/null
	fi
	mv "$TEST_TMP/updates/signpost.db.new" "$TEST_TMP/updates/signpost.db"
	cp "$TEST_TMP/v$1.db.minisig" "$TEST_TMP/updates/signpost.db.minisig"
}

# kiosk NAME: a kiosk on version 1 with an empty update folder; its stderr goes to NAME.log
# and its process id to NAME.pid.
kiosk() {
	rm -rf "$TEST_TMP/updates" && mkdir "$TEST_TMP/updates"
	printf 'trusted_key = %s\nupdate_dir = %s\nidle_timeout = 10\n' \
		"$(tail -n 1 "$TEST_TMP/test.pub")" "$TEST_TMP/updates" >"$TEST_TMP/kiosk.conf"
	end_session "$1"
	T new-session -d -s "$1" -x 80 -y 24 \
		"sh -c 'echo \$\$ >$TEST_TMP/$1.pid; exec env LANG=C.UTF-8 $SIGNPOST --kiosk --config $TEST_TMP/kiosk.conf --db $TEST_TMP/packaged/v1.db 2>$TEST_TMP/$1.log'; echo \"exited with \$?\"; sleep 60"
	T set-option -t "$1" remain-on-exit on >/dev/null
	wait_for "$1" "999"
}
# logged NAME TEXT [SECONDS]: up to 5 (or SECONDS) seconds for TEXT in NAME's journal lines.
logged() {
	_i=0
	while [ $_i -lt $((${3:-5} * 20)) ]; do
		grep -qF -- "$2" "$TEST_TMP/$1.log" 2>/dev/null && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
hup() { kill -HUP "$(cat "$TEST_TMP/$1.pid")"; }
# galop NAME: searches for Galop and leaves the results on screen.
galop() {
	keys "$1" 3
	type_text "$1" "galop"
	wait_for "$1" "Galop (LGBT+" >/dev/null
}

# ---------------------------------------------------------------------------- SIGHUP on Home
kiosk home
check "the kiosk writes its start line with the version" logged home "kiosk started with directory version 1"
place 2
hup home
check "SIGHUP on Home: version 2 in use" logged home "directory version 2 now in use (was 1)"
check "and the kiosk still runs" running home
galop home
check "the screen shows version 2's data" has "$(screen home)" "second edition"
check "the journal lines never reach the screen" lacks "$(history home)" "directory version"

# ---------------------------------------------------------------------------- during a visit
kiosk visit
galop visit
check "version 1's data during the visit" lacks "$(screen visit)" "second edition"
place 2
hup visit
# The idle countdown starts 3 s before the 10 s reset; until then the visit goes on untouched.
settle visit ""
check "SIGHUP during a visit changes nothing yet" lacks "$(cat "$TEST_TMP/visit.log")" "version 2"
check "the visitor's search is still on screen" has "$(screen visit)" "galop"
check "at the idle reset version 2 is in use" logged visit "directory version 2 now in use (was 1)" 20
wait_for visit "1  Talk to someone now" >/dev/null
check "the reset is back at Home" has "$(screen visit)" "1  Talk to someone now"
galop visit
check "and the next visitor sees version 2's data" has "$(screen visit)" "second edition"

# ---------------------------------------------------------------------------- a damaged one
kiosk damaged
place 2 damaged
hup damaged
check "SIGHUP with a damaged version 2 is survived" running damaged
# An idle reset comes and goes; the journal shows no change.
sleep 11
wait_for damaged "1  Talk to someone now" >/dev/null
check "a damaged directory is ignored" lacks "$(cat "$TEST_TMP/damaged.log")" "now in use"
galop damaged
check "version 1 stays on screen" lacks "$(screen damaged)" "second edition"
check "and the kiosk still runs" running damaged

# ---------------------------------------------------------------------------- stderr a terminal
# Run by hand in a terminal, the kiosk writes no journal line over its own screen, at start or
# when it takes a newer directory.
rm -rf "$TEST_TMP/updates" && mkdir "$TEST_TMP/updates"
end_session tty
T new-session -d -s tty -x 80 -y 24 \
	"sh -c 'echo \$\$ >$TEST_TMP/tty.pid; exec env LANG=C.UTF-8 $SIGNPOST --kiosk --config $TEST_TMP/kiosk.conf --db $TEST_TMP/packaged/v1.db'; sleep 60"
wait_for tty "999"
place 2
hup tty
galop tty
check "with stderr on its terminal the kiosk takes version 2" has "$(screen tty)" "second edition"
check "and no journal line shows on its screen" lacks "$(history tty)" "directory version"

# ---------------------------------------------------------------------------- a lost terminal
# SIGHUP asks a kiosk for a newer directory, so a hang-up no longer ends it: when its terminal
# goes away (the pane closed here, a serial line or an ssh session dropping elsewhere) it must
# notice and end, not wait on a dead terminal for ever (it used to spin at full speed).
kiosk lost
pid=$(cat "$TEST_TMP/lost.pid")
T kill-session -t lost
# ended: the process is gone, or a zombie nobody reaps (its parent, the pane's shell, is gone).
ended() { ! kill -0 "$1" 2>/dev/null || grep -q '^[^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
_i=0
while [ $_i -lt 100 ] && ! ended "$pid"; do sleep 0.05; _i=$((_i + 1)); done
check "a kiosk whose terminal hangs up ends within 5 seconds" ended "$pid"
ended "$pid" || kill -9 "$pid" 2>/dev/null

finish
