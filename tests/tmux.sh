# Driving the real program in a real terminal (sourced after tests/lib.sh): tmux runs it,
# send-keys types, capture-pane reads the screen. Every wait is on what the screen shows,
# never a fixed sleep: a key is done when the screen has changed and held still, or has held
# still unchanged for a moment (a key that changes nothing).

command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipping"; exit 77; }

SOCKET="signpost-test-$$"
T() { tmux -L "$SOCKET" -f /dev/null "$@"; }
# stop_panes -a | -s -t NAME: kills the programs in the panes (of every session, or of NAME)
# at once. A program that loses its terminal ends by itself (the hang-up tests rely on it), but
# in the sanitizer build LeakSanitizer's check at exit can spin for ever: cleanup never waits.
stop_panes() {
	for _p in $(T list-panes "$@" -F '#{pane_pid}' 2>/dev/null || true); do
		command -v pkill >/dev/null 2>&1 && pkill -KILL -P "$_p" 2>/dev/null
		kill -KILL "$_p" 2>/dev/null
	done
}
# end_session NAME: its programs stopped, then the session.
end_session() { stop_panes -s -t "$1"; T kill-session -t "$1" 2>/dev/null; }
trap 'stop_panes -a; T kill-server 2>/dev/null; rm -rf "$TEST_TMP"' EXIT
# A session that outlives the others keeps the tmux server up between tests: killing the last
# session stops the server, and a new-session racing with that stop fails.
T new-session -d -s keepalive "sleep 3600"

screen() { T capture-pane -p -t "$1"; }
history() { T capture-pane -p -S - -E - -t "$1"; }

# settle NAME BEFORE: until the screen differs from BEFORE and holds still for 0.1 s, or holds
# still as it was for 0.6 s; 5 s at most.
settle() {
	_name=$1 _before=$2 _last=$2 _still=0 _i=0
	while [ $_i -lt 100 ]; do
		sleep 0.05
		_now=$(screen "$_name")
		if [ "$_now" = "$_last" ]; then _still=$((_still + 1)); else _still=0; fi
		_last=$_now
		if [ "$_now" != "$_before" ] && [ $_still -ge 2 ]; then return 0; fi
		[ $_still -ge 12 ] && return 0
		_i=$((_i + 1))
	done
	return 0
}
keys() { _k=$1; shift; _b=$(screen "$_k"); T send-keys -t "$_k" "$@"; settle "$_k" "$_b"; }
type_text() { _b=$(screen "$1"); T send-keys -t "$1" -l "$2"; settle "$1" "$_b"; }
resize() { _b=$(screen "$1"); T resize-window -t "$1" -x "$2" -y "$3" 2>/dev/null; settle "$1" "$_b"; }
# wait_for NAME TEXT [SECONDS]: up to 5 (or SECONDS) seconds for TEXT to be on screen.
wait_for() {
	_i=0
	while [ $_i -lt $((${3:-5} * 20)) ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
running() { ! screen "$1" | grep -q "exited with"; }
