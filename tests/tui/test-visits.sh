#!/bin/sh
# Visitor paths: first-time visitors at an 80x24 kiosk on a Monday at 11:00, each as a new user
# would go, knowing nothing but the screen. Each visit must reach a line the visitor can ring
# themselves, open at that time (or round the clock), within its budget of keys from Home.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tmux.sh"

MONDAY_11AM="2026-11-23T11:00:00Z"

# visit NAME: a fresh kiosk at Home; the key count starts at 0.
visit() {
	visitor=$1
	pressed=0
	end_session "$visitor"
	T new-session -d -s "$visitor" -x 80 -y 24 \
		"env LANG=C.UTF-8 SIGNPOST_NOW=$MONDAY_11AM $SIGNPOST; sleep 60"
	wait_for "$visitor" "999" >/dev/null
}
# press KEY...: each key counts once.
press() {
	for k in "$@"; do
		keys "$visitor" "$k"
		pressed=$((pressed + 1))
	done
}
# reached NUMBER BUDGET WHO: the number is on screen, on a line that says it is open now or
# round the clock, and the visit kept to its budget of keys.
reached() {
	out=$(screen "$visitor")
	line=$(printf '%s\n' "$out" | grep -F -- "$1" | head -1)
	check "$3: reaches $1" has "$out" "$1"
	check "$3: a line open now or round the clock" sh -c \
		"printf '%s' \"\$1\" | grep -qE 'open now|24 hours|teraz|czynne|otwarte|całodob'" _ "$line"
	check "$3: in $pressed keys (budget $2)" test "$pressed" -le "$2"
}

visit man
press 6
reached "0808 801 0327" 8 "a man, 45, hit by his wife"
check "a man: and it says who the line is for" has "$(screen man)" "for male victims"

visit older
press 7
reached "0808 808 8141" 8 "a woman, 70, whose son takes her pension"

visit polish
press 5 p Enter
check "a Polish woman: Home is in Polish after three keys" has "$(screen polish)" "Zadzwoń pod 999"
press 9
reached "0808 802 0300" 8 "a Polish woman, 30, followed and her phone read"

visit student
press 8
reached "0808 500 2222" 8 "a student, 19, raped last night"
check "a student: no children's service comes first" \
	lacks "$(screen student | head -8)" "Childline"

visit hide
press 4 Enter F12
check "someone reading about coercive control hides it in one key" \
	has "$(screen hide)" "free for public use"
check "and nothing of the page is left" lacks "$(history hide)" "coercive"

visit reader
press 4 Down Down Down Enter End
reached "0808 802 0300" 8 "someone reading what the law says about stalking"

visit friend
press 1
reached "0808 2000 247" 8 "a friend asking for someone else"
check "a friend: Talk now lists each number once" \
	test "$(screen friend | grep -c '0808 2000 247')" -eq 1

visit teen
press 3
type_text teen "teen"
pressed=$((pressed + 4))
reached "0800 1111" 8 "a teenager in an abusive relationship"

visit own
press 2 Down Down Space End Enter
out=$(screen own)
check "worried about their own behaviour: the Respect Phoneline, in 6 keys" has "$out" "0808 802 4040"
check "and no service for victims first" has "$(printf '%s\n' "$out" | sed -n 4,6p)" "Respect"

visit deaf
press 3
type_text deaf "deaf"
pressed=$((pressed + 4))
check "a Deaf visitor finds the BSL domestic abuse service in $pressed keys" \
	has "$(screen deaf; keys deaf End; screen deaf)" "SignHealth"

# Back is not quick exit: back twice quickly, by arrow or Backspace, keeps the visit.
visit back
press 3
type_text back "galop"
press Down Enter
for k in Left BSpace; do
	keys back "$k" "$k"
done
check "back pressed twice quickly never wipes the visit" has "$(screen back)" "1  Talk to someone now"
check "and is not the neutral page" lacks "$(screen back)" "free for public use"

finish
