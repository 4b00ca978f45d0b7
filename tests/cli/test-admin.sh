#!/bin/sh
# End-to-end tests of signpost-admin as a Unix tool (man signpost-admin): its options, exit
# codes and diagnostics, on a copy of db/.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN="$top_builddir/src/signpost-admin"
JSON_CHECK="$top_builddir/tests/tools/json-check"

# ---------------------------------------------------------------------------- options
run "$ADMIN" --version
check "--version exits 0" is "$status" 0
check "--version names signpost-admin" has "$out" "signpost-admin "
run "$ADMIN" --help
check "--help exits 0" is "$status" 0
check "--help lists every command" has "$out" "verify --public FILE DATABASE"
for cmd in build check keygen public-key sign verify; do
	run "$ADMIN" "$cmd" --help
	check "$cmd --help exits 0 with the usage" is "$status:$(printf '%s' "$out" | head -c 6)" "0:usage:"
done
run "$ADMIN" build --frobnicate --out "$TEST_TMP/x.db"
check "an unknown option exits 2" is "$status" 2
check "naming it" has "$err" '"--frobnicate"'
check "and the options build takes" has "$err" "--src VALUE, --out VALUE, --quiet, --help"
check "and nothing is built" test ! -e "$TEST_TMP/x.db"
run "$ADMIN" build --secret k --out "$TEST_TMP/x.db"
check "an option of another command is a usage error" is "$status" 2
check "naming it too" has "$err" '"--secret"'
run "$ADMIN" check --out x
check "check --out is a usage error" is "$status" 2
run "$ADMIN" check --src
check "an option without its value exits 2" is "$status" 2
run "$ADMIN" check stray
check "a stray argument exits 2" is "$status" 2
run "$ADMIN" sign --secret k
check "sign without a FILE exits 2" is "$status" 2
run "$ADMIN" check --format xml
check "check --format xml exits 2" is "$status" 2
run "$ADMIN" frobnicate
check "an unknown command exits 2" is "$status" 2
# sign, verify, keygen and public-key keep their options, in any order.
run "$ADMIN" keygen --public "$TEST_TMP/k.pub" --secret "$TEST_TMP/k.key"
check "keygen --public --secret works" is "$status" 0
cp "$top_builddir/db/signpost.db" "$TEST_TMP/s.db"
run "$ADMIN" sign "$TEST_TMP/s.db" --secret "$TEST_TMP/k.key"
check "sign FILE --secret works" is "$status" 0
run "$ADMIN" verify --public "$TEST_TMP/k.pub" "$TEST_TMP/s.db"
check "verify accepts it" is "$status" 0
run "$ADMIN" public-key --c-source --secret "$TEST_TMP/k.key"
check "public-key --c-source works" has "$out" "sp_builtin_keys"

# ---------------------------------------------------------------------------- diagnostics
src="$TEST_TMP/src"
cp -R "$top_srcdir/db" "$src"
chmod -R u+w "$src"
rm -f "$src"/*.db "$src"/*.sig
run "$ADMIN" check --src "$src"
check "the sources check clean" is "$status" 0
lines=$(wc -l <"$src/contacts.csv")
printf '%s\n' "cambs-childrens-safeguarding,phone,0845 045 5203,Old line,public,,unverified" \
	>>"$src/contacts.csv"
run "$ADMIN" check --src "$src"
check "a broken source exits 1" is "$status" 1
check "its error names the file and line like a compiler's" \
	has "$err" "$src/contacts.csv:$((lines + 1)): error: service cambs-childrens-safeguarding: 0845 045 5203 is a withdrawn"
check "warnings are located too" has "$err" "/services.csv:"
run "$ADMIN" check --src "$src" --format tsv
check "check --format tsv exits 1" is "$status" 1
check "with a header" is "$(printf '%s\n' "$out" | head -1)" "$(printf 'severity\tfile\tline\tmessage')"
check "and the error as a row" has "$out" "$(printf 'error\t%s/contacts.csv\t%s\t' "$src" $((lines + 1)))"
run "$ADMIN" check --src "$src" --format json
check "check --format json exits 1" is "$status" 1
printf '%s' "$out" >"$TEST_TMP/check.json"
check "its JSON carries schema_version and the diagnostics" \
	is "$("$JSON_CHECK" --keys <"$TEST_TMP/check.json" | tr '\n' ' ')" \
	"diagnostics diagnostics[].file diagnostics[].line diagnostics[].message diagnostics[].severity errors schema_version warnings "
check "with the line of the row" has "$out" "\"line\": $((lines + 1))"
printf 'id,name\n' >"$src/organisations.csv"
run "$ADMIN" build --src "$src" --out "$TEST_TMP/broken.db"
check "a wrong header fails the build" is "$status" 1
check "naming the file and the header's line" has "$err" "$src/organisations.csv:1: error: header column"
check "and nothing is written" test ! -e "$TEST_TMP/broken.db"

finish
