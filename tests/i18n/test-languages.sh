#!/bin/sh
# Every shipped language, end to end: the CLI speaks it with the same phone numbers as English,
# the environment picks it as --locale does, and the TUI switches to it from the Language
# screen with every screen still fitting 80x24 (999 at the top, the Silent Solution whole on the
# second line, quick exit at the bottom).
. "${top_srcdir:-.}/tests/lib.sh"

export SIGNPOST_NOW=2026-11-23T10:00:00Z
locales=$(sed -n 's/^ *\([a-z][a-z]\(_[A-Z][A-Z]\)*\) *{""}.*/\1/p' "$top_srcdir/locales/res_index.txt" |
	grep -vxE 'en|en_GB')
phones() { printf '%s\n' "$1" | grep -oE '0[0-9]{2,4}( [0-9]{2,4}){1,3}|\b999\b' | sort; }

run "$SIGNPOST" --locale en_GB search --for male
english=$out
run "$SIGNPOST" --locale xx_YY search --for male
check "an unknown locale gives English" is "$out" "$english"
check "with exit 0" is "$status" 0

run "$SIGNPOST" show galop --format json
check "en: a service says what it is under its name" has "$out" '"subtitle": "Helpline for LGBT+ people facing abuse"'
run "$SIGNPOST" --help
check "en: the help text fits 79 columns" test "$(printf '%s\n' "$out" | wc -L)" -le 79

for loc in $locales; do
	run "$SIGNPOST" --locale "$loc" search --for male
	check "$loc: search --for male exits 0" is "$status" 0
	check "$loc: the words are translated" test "$out" != "$english"
	check "$loc: the same phone numbers as English" is "$(phones "$out")" "$(phones "$english")"
	check "$loc: the language's own letters are used" sh -c "printf '%s' \"\$1\" | LC_ALL=C grep -q '[^ -~]'" _ "$out"
	localised=$out
	region=$(printf '%s' "$loc" | tr a-z A-Z)
	LANG="${loc}_${region}.UTF-8" run "$SIGNPOST" search --for male
	check "$loc: LANG=${loc}_${region}.UTF-8 equals --locale $loc" is "$out" "$localised"
	run "$SIGNPOST" --locale "$loc" show galop --format json
	check "$loc: JSON keys and values stay untranslated" has "$out" '"value": "0800 999 5428"'
	check "$loc: a service says what it is in $loc" lacks "$out" '"subtitle": "Helpline for LGBT+'
	check "$loc: and has such a line" has "$out" '"subtitle": "'
	run "$SIGNPOST" --locale "$loc" --help
	check "$loc: the help text fits 79 columns" test "$(printf '%s\n' "$out" | wc -L)" -le 79
	run "$SIGNPOST" --locale "$loc" define
	check "$loc: the topics of What is domestic abuse? are in $loc" \
		lacks "$out" "Why people may not leave"
	run "$SIGNPOST" --locale "$loc" search --for nobody
	check "$loc: usage errors are exit 2" is "$status" 2
	check "$loc: and keep the profile ids" has "$err" "male, lgbtq"
done

# Search in the reader's language: the everyday word for stalking, rape, forced marriage and
# older people finds the line for it (inflected forms and synonyms from
# db/translations/synonyms/<lang>.csv).
ids() { printf '%s\n' "$1" | tail -n +2 | cut -f1; }
while IFS='|' read -r loc stalking rape forced older; do
	case " $(echo $locales) " in *" $loc "*) ;; *) continue ;; esac
	for pair in "national-stalking-helpline=$stalking" "rape-crisis=$rape" \
		"karma-nirvana=$forced" "hourglass=$older"; do
		run "$SIGNPOST" --locale "$loc" search "${pair#*=}" --format tsv
		check "$loc: “${pair#*=}” finds ${pair%%=*}" has "$(ids "$out")" "${pair%%=*}"
	done
done <<WORDS
pl|nękanie|gwałt|przymusowe małżeństwo|starsze osoby
lt|persekiojimas|išžaginimas|priverstinė santuoka|pagyvenę žmonės
lv|vajāšana|izvarošana|piespiedu laulība|gados vecāki
cs|pronásledování|znásilnění|nucený sňatek|senioři
sk|prenasledovanie|znásilnenie|nútený sobáš|seniori
hu|zaklatás|nemi erőszak|kényszerházasság|idősek
et|jälitamine|vägistamine|sundabielu|eakad
sl|zalezovanje|posilstvo|prisilna poroka|starejši
ro|urmărire|viol|căsătorie forțată|vârstnici
pt|perseguição|violação|casamento forçado|idosos
bg|преследване|изнасилване|принудителен брак|възрастни хора
WORDS
# Bulgarian typed in Latin letters finds the Cyrillic text (ICU's Bulgarian-Latin/BGN).
for pair in national-stalking-helpline=presledvane rape-crisis=iznasilvane \
	"karma-nirvana=prinuditelen brak"; do
	run "$SIGNPOST" --locale bg search "${pair#*=}" --format tsv
	check "bg: Latin “${pair#*=}” finds ${pair%%=*}" has "$(ids "$out")" "${pair%%=*}"
done
run "$SIGNPOST" --locale bg search "ИЗНАСИЛВАНЕ" --format tsv
check "bg: Cyrillic folds case" has "$(ids "$out")" "rape-crisis"
# The issue's misses: every public stalking line for Lithuanian "persekiojimas", every
# sexual-violence service for "znásilnenie", "posilstvo" and "vägistamine".
run "$SIGNPOST" --locale lt search persekiojimas --format tsv
for id in national-stalking-helpline suzy-lamplugh-trust idva-stalking; do
	check "lt: persekiojimas finds $id" has "$(ids "$out")" "$id"
done
for q in sk=znásilnenie sl=posilstvo et=vägistamine; do
	run "$SIGNPOST" --locale "${q%%=*}" search "${q#*=}" --format tsv
	for id in rape-crisis isva-service chisva-service the-elms-sarc; do
		check "${q%%=*}: ${q#*=} finds $id" has "$(ids "$out")" "$id"
	done
done
# A topic is found by its heading in the reader's language.
for pair in "pl=przemoc domowa=Przemoc domowa" "bg=домашно насилие=Домашно насилие" \
	"cs=pronásledování=Pronásledování a obtěžování"; do
	l=${pair%%=*} rest=${pair#*=}
	run "$SIGNPOST" --locale "$l" define "${rest%%=*}"
	check "$l: define “${rest%%=*}” finds the topic" is "$(printf '%s\n' "$out" | head -1)" "${rest#*=}"
done
# Every search example a language offers finds something.
for loc in root $locales; do
	examples=$(sed -n 's/^ *search_examples { "[^:]*: *\(.*\)" }$/\1/p' "$top_srcdir/locales/$loc.txt")
	[ "$loc" = root ] && l=en_GB || l=$loc
	printf '%s\n' "$examples" | tr ',' '\n' | sed 's/^ *//; s/ *$//' >"$TEST_TMP/examples"
	while read -r word; do
		run "$SIGNPOST" --locale "$l" search "$word" --format tsv
		check "$l: the search example “$word” finds something" test "$(ids "$out" | wc -l)" -gt 0
	done <"$TEST_TMP/examples"
done

command -v tmux >/dev/null 2>&1 || { finish; exit $?; }
SOCKET="signpost-lang-$$"
T() { tmux -L "$SOCKET" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TEST_TMP"' EXIT
# A session that outlives the others keeps the tmux server up between tests: killing the last
# session stops the server, and a new-session racing with that stop fails.
T new-session -d -s keepalive "sleep 3600"
screen() { T capture-pane -p -t "$1"; }
settle() { sleep 0.4; }
# until_screen NAME TEST ARG: waits up to 8 seconds until TEST "$(screen NAME)" ARG holds.
until_screen() {
	n=0
	until "$2" "$(screen "$1")" "$3" || [ $n -ge 80 ]; do sleep 0.1; n=$((n + 1)); done
}
top_has() { printf '%s' "$1" | head -1 | grep -qF -- "$2"; }
bottom_has() { printf '%s' "$1" | tail -2 | grep -qF -- "$2"; }
# safety NAME: the screen now shown keeps the safety lines at 80x24: 999 on the first line, the
# Silent Solution whole on the second, the quick-exit key on the last two, nothing cut.
safety() {
	until_screen lang bottom_has "F12"
	shot=$(screen lang)
	check "$loc: $1 shows 999 at the top" has "$(printf '%s' "$shot" | head -1)" "999"
	check "$loc: $1 shows the Silent Solution whole on line 2" has "$(printf '%s' "$shot" | sed -n 2p)" "55"
	check "$loc: $1 shows F12 at the bottom" has "$(printf '%s' "$shot" | tail -2)" "F12"
	check "$loc: $1 fits 80x24" lacks "$shot" "too small"
}
back() { T send-keys -t lang Escape; sleep 1.1; }
i=0
for loc in $locales; do
	i=$((i + 1))
	T kill-session -t lang 2>/dev/null
	T new-session -d -s lang -x 80 -y 24 "env LANG=C.UTF-8 SIGNPOST_NOW=$SIGNPOST_NOW $SIGNPOST; sleep 60"
	until_screen lang has "999"
	# Language screen: English first (en_GB), then the others in res_index order.
	T send-keys -t lang 5; settle
	T send-keys -t lang Home; settle
	j=0
	while [ $j -lt $i ]; do T send-keys -t lang Down; j=$((j + 1)); done
	T send-keys -t lang Enter
	until_screen lang lacks "Talk to someone now"
	home=$(screen lang)
	check "$loc: the Language screen switches the TUI" test "$(printf '%s' "$home" | sed -n 4,6p)" != ""
	check "$loc: Home is no longer in English" lacks "$home" "Talk to someone now"
	safety "Home"
	T send-keys -t lang 3; settle
	T send-keys -t lang -l galop; settle
	safety "Search with results"
	T send-keys -t lang Enter
	until_screen lang has "0800 999 5428"
	check "$loc: a service's description is shown in $loc" lacks "$(screen lang)" "Support for lesbian, gay"
	check "$loc: with its number unchanged" has "$(screen lang)" "0800 999 5428"
	safety "a service's page"
	T send-keys -t lang n; settle
	safety "the number in large digits"
	back; back; back
	for item in 1 2 3 4 5; do
		T send-keys -t lang "$item"; settle
		safety "screen $item"
		case $item in
		2)	# Find support: the answers' results.
			T send-keys -t lang End Enter; settle
			safety "Find support's results"
			back ;;
		4)	# What is domestic abuse?: the first topic.
			T send-keys -t lang Enter; settle
			safety "a topic of What is domestic abuse?"
			back ;;
		esac
		back
	done
	T send-keys -t lang F12; settle
	T send-keys -t lang x
	until_screen lang has "Talk to someone now"
	check "$loc: quick exit returns to the default language" has "$(screen lang)" "Talk to someone now"
done
finish
