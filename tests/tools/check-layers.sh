#!/bin/sh
# The layering rules of HACKING.md, checked on the sources: what each folder may include, the
# one file that talks to curses, and no source file over 800 lines.
. "${top_srcdir:-.}/tests/lib.sh"
src="${top_srcdir:-.}/src"

# includes FOLDER PATTERN: the files in FOLDER that include something matching PATTERN.
includes() { grep -lE "^#[[:space:]]*include[[:space:]]*[<\"]($2)" "$src/$1"/*.[ch] 2>/dev/null; }

check "core includes no curses, JSON encoder or front-end header" \
	is "$(includes core 'n?curses|term\.h|jansson|cli/|tui/|kiosk/|admin/')" ""
check "the TUI includes no command-line or admin header" is "$(includes tui 'cli/|admin/|jansson')" ""
check "the kiosk policy includes no front-end" is "$(includes kiosk 'cli/|tui/|admin/|n?curses')" ""
check "the command line includes no TUI or curses" is "$(includes cli 'tui/|kiosk/|n?curses')" ""
check "only tui/term.c includes curses" \
	is "$(grep -rlE '^#[[:space:]]*include[[:space:]]*<(n?curses|term)\.h>' "$src" --include='*.[ch]' | sed "s|^$src/||")" \
	"tui/term.c"
long=$(for f in "$src"/*.c "$src"/*/*.[ch]; do
	case "$f" in */builtin_bundle.c|*/trusted_keys.c) continue ;; esac # generated
	n=$(wc -l <"$f")
	[ "$n" -gt 800 ] && printf '%s (%s lines) ' "${f#"$src"/}" "$n"
done)
check "no source file over 800 lines${long:+: $long}" is "$long" ""
finish
