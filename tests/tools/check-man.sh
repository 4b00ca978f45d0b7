#!/bin/sh
# The manual pages as built (paths filled in) pass `mandoc -Tlint` with nothing to say at any
# level, style included, and groff formats them (as man-db's man does) without a warning
# (but for "cannot adjust line": a long configured path cannot be broken, which says nothing
# about the page's source).
# mandoc is required: without it this test fails rather than skipping (README.md installs it).
. "${top_srcdir:-.}/tests/lib.sh"
pages="$top_builddir/man/signpost.1 $top_builddir/man/signpost.5 $top_builddir/man/signpost-admin.8"

if ! command -v mandoc >/dev/null 2>&1; then
	fail "mandoc is installed" "mandoc is needed to check the manual pages: apt-get install mandoc"
	finish
	exit 1
fi
for page in $pages; do
	file=${page##*/}
	if [ ! -f "$page" ]; then
		fail "$file was built" "no $page: run make first"
		continue
	fi
	run mandoc -Tlint -W style "$page"
	lint="$out$err"
	check "mandoc -Tlint: $file has nothing to say" test "$status" -eq 0 -a -z "$lint"
	[ -n "$lint" ] && printf '%s\n' "$lint" | sed 's/^/     /'
	case "$file" in *.1) sec=1 ;; *.5) sec=5 ;; *) sec=8 ;; esac
	if command -v groff >/dev/null 2>&1; then
		run groff -man -ww -Wbreak -z -Tutf8 "$page"
		check "groff -man -ww -Wbreak: $file formats without a warning" test "$status" -eq 0 -a -z "$err"
	else
		echo "note: groff is not installed, so only mandoc checked $file"
	fi
	# Each page names its section in .TH, as man(1) files it.
	check "$file says it is section $sec" grep -q "^\.TH [A-Z-]* $sec " "$page"
done

# A configured path (@pkgdatadir@ ...) on a filled text line could push it past 80 bytes
# under a long prefix (make distcheck's): paths go on macro lines (.I, .B) or in .nf blocks.
for in_page in "$top_srcdir"/man/*.in; do
	long=$(awk '/^\.(nf|EX)/ { nf = 1 } /^\.(fi|EE)/ { nf = 0 }
		!nf && !/^[.\x27]/ && /@[a-z]+@/ { print FILENAME ":" FNR }' "$in_page")
	check "${in_page##*/} has no configured path on a text line${long:+: $long}" test -z "$long"
done

# What the issue asks each page to cover.
has() { grep -q -- "$2" "$top_builddir/man/$1"; }
for section in EXAMPLES ENVIRONMENT FILES "EXIT STATUS"; do
	check "signpost(1) has $section" has signpost.1 "^\.SH $section"
done
for var in SIGNPOST_DB LC_ALL LC_MESSAGES LC_CTYPE LANG NO_COLOR TERM SIGNPOST_NOW; do
	check "signpost(1) ENVIRONMENT names $var" \
		sh -c "sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' '$top_builddir/man/signpost.1' | grep -q '$var'"
done
for key in idle_timeout neutral_text admin_quit language theme trusted_key; do
	check "signpost(5) documents the setting $key" has signpost.5 "^\.B $key\$"
done
check "signpost(5) describes the data sources" has signpost.5 "^\.SS The data sources"
# Every command signpost-admin --help lists has its paragraph in signpost-admin(8).
commands=$("$top_builddir/src/signpost-admin" --help 2>&1 |
	sed -n 's/^\(usage:\)\{0,1\} *signpost-admin \([a-z][a-z-]*\).*/\2/p' | sort -u)
check "signpost-admin --help lists commands" test -n "$commands"
for c in $commands; do
	check "signpost-admin(8) documents $c" has signpost-admin.8 "^\.B $(printf %s "$c" | sed 's/-/\\\\-/g')\$"
done
finish
