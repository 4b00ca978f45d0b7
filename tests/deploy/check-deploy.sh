#!/bin/sh
# make check-deploy (root; not part of make check): a directory update travels end to end
# through apt. Builds the Debian packages twice from this tree (version 1, then version 2 with
# only the directory's version bumped, both signed with a throw-away test key), publishes
# version 1 in a local file: apt repository made with apt-ftparchive, installs it, starts the
# installed kiosk in tmux, publishes version 2, runs apt-get update and
# apt-get install --only-upgrade, and checks that the running kiosk takes version 2 at its next
# idle reset. Removes the packages, the apt source and everything else it made.
. "${top_srcdir:-.}/tests/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "check-deploy installs packages: run it as root"; exit 77; }
for tool in dpkg-buildpackage apt-ftparchive apt-get tmux git; do
	command -v $tool >/dev/null 2>&1 || { echo "check-deploy needs $tool"; exit 77; }
done
for pkg in signpost signpost-data signpost-admin; do
	if dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q installed; then
		echo "check-deploy: $pkg is already installed here; it would be replaced and removed"
		exit 77
	fi
done

. "${top_srcdir:-.}/tests/tmux.sh"

WORK=$(mktemp -d /tmp/signpost-deploy.XXXXXX)
chmod 755 "$WORK" # apt reads the repository as its own user
REPO="$WORK/repo"
LIST=/etc/apt/sources.list.d/signpost-check-deploy.list
# apt-get on this source only: no network, no other repository touched.
APT_ONLY="-o Dir::Etc::sourcelist=$LIST -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 -o DPkg::Lock::Timeout=300"
INSTALLED=""
cleanup() {
	T kill-server 2>/dev/null
	if [ -n "$INSTALLED" ]; then
		apt-get purge -y -q -o DPkg::Lock::Timeout=300 signpost signpost-data >"$WORK/purge.log" 2>&1 ||
			{ echo "check-deploy: could not remove the packages:"; tail -5 "$WORK/purge.log"; }
	fi
	rm -f "$LIST"
	rm -f /var/lib/apt/lists/*"$(echo "$REPO" | sed 's|^/||; s|/|_|g')"*
	rm -rf "$WORK" "$TEST_TMP"
	if dpkg-query -W -f '${Status}\n' signpost signpost-data 2>/dev/null | grep -q ' installed'; then
		echo "check-deploy: FAIL: signpost is still installed"
		exit 1
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---------------------------------------------------------------------------- two builds
# The tree as it is in git, with uncommitted changes to its files and new files not ignored.
mkdir -p "$WORK/src" "$REPO"
git -C "$top_srcdir" ls-files -z --cached --others --exclude-standard |
	(cd "$top_srcdir" && tar --null -T - -cf -) | tar -xf - -C "$WORK/src"
"$top_builddir/src/signpost-admin" keygen --secret "$WORK/test.key" --public "$WORK/test.pub" >/dev/null
upstream=$(sed -n '1s/^signpost (\([^)]*\)).*/\1/p' "$WORK/src/debian/changelog")

# build N: packages version UPSTREAM+deployN carrying directory version N.
build() {
	{
		printf 'signpost (%s+deploy%s) unstable; urgency=medium\n\n' "$upstream" "$1"
		printf '  * check-deploy: directory version %s.\n\n' "$1"
		printf ' -- check-deploy <root@localhost>  %s\n\n' "$(date -R -d "@$((1795000000 + $1 * 86400))")"
		cat "$WORK/src/debian/changelog"
	} >"$WORK/changelog" && mv "$WORK/changelog" "$WORK/src/debian/changelog"
	# The second build keeps the first one's tree (-nc): only the signature is made again.
	rm -f "$WORK/src/db/signpost.db.minisig"
	(cd "$WORK/src" && env DEB_BUILD_OPTIONS="nocheck parallel=2" \
		DEB_CONFIGURE_EXTRA_FLAGS="--with-signing-key=$WORK/test.key" \
		SIGNPOST_DIRECTORY_VERSION="$1" dpkg-buildpackage -us -uc -b ${2:-} \
		>"$WORK/build$1.log" 2>&1) || { tail -20 "$WORK/build$1.log"; return 1; }
}
# publish N: the repository holds version N's packages only.
publish() {
	rm -f "$REPO"/*.deb
	cp "$WORK"/signpost_*+deploy"$1"_*.deb "$WORK"/signpost-data_*+deploy"$1"_all.deb "$REPO/"
	(cd "$REPO" && apt-ftparchive packages . >Packages && apt-ftparchive release . >Release)
}

start_time=$(date +%s)
check "version 1 of the packages builds" build 1
check "version 2 builds (same code, the directory's version bumped)" build 2 -nc
check "signpost-data 2 carries directory version 2" sh -c \
	"dpkg-deb --fsys-tarfile '$WORK'/signpost-data_*+deploy2_all.deb | tar -xO ./usr/share/signpost/signpost.db.minisig | grep -q 'version:2 '"

# ---------------------------------------------------------------------------- version 1
publish 1
echo "deb [trusted=yes] file:$REPO ./" >"$LIST"
run apt-get update -q $APT_ONLY
check "apt-get update reads the local repository" is "$status" 0
INSTALLED=yes
run apt-get install -y -q $APT_ONLY signpost signpost-data
check "version 1 installs" is "$status" 0
check "from the local repository" has "$(dpkg-query -W -f '${Version}' signpost-data)" "+deploy1"
check "the update folder exists" test -d /var/lib/signpost
run /usr/bin/signpost --check
check "signpost --check: version 1" has "$out" "version: 1"
if command -v systemd-analyze >/dev/null 2>&1; then
	run systemd-analyze verify /lib/systemd/system/signpost-kiosk.service
	check "systemd-analyze verify finds nothing wrong with the kiosk unit" is "$out$err" ""
fi

# The installed kiosk, as the unit runs it but in tmux, with a short idle reset; its stderr
# (the journal in the unit) goes to a file.
mkdir -m 700 "$WORK/etc"
printf 'idle_timeout = 10\n' >"$WORK/etc/kiosk.conf"
T new-session -d -s kiosk -x 80 -y 24 \
	"env LANG=C.UTF-8 /usr/bin/signpost --kiosk --config $WORK/etc/kiosk.conf 2>$WORK/kiosk.log; echo \"exited with \$?\"; sleep 600"
T set-option -t kiosk remain-on-exit on >/dev/null
check "the installed kiosk starts" wait_for kiosk "1  Talk to someone now" 10
check "on directory version 1" grep -q "kiosk started with directory version 1" "$WORK/kiosk.log"

# ---------------------------------------------------------------------------- version 2
publish 2
run apt-get update -q $APT_ONLY
check "apt-get update sees version 2" is "$status" 0
run apt-get install -y -q --only-upgrade $APT_ONLY signpost signpost-data
check "apt-get install --only-upgrade takes version 2" has "$(dpkg-query -W -f '${Version}' signpost-data)" "+deploy2"
upgraded=$(date +%s)
i=0
while [ $i -lt 300 ] && ! grep -q "directory version 2 now in use (was 1)" "$WORK/kiosk.log"; do
	sleep 0.1
	i=$((i + 1))
done
check "the running kiosk takes version 2 at its next idle reset" \
	grep -q "directory version 2 now in use (was 1)" "$WORK/kiosk.log"
echo "     (taken $(($(date +%s) - upgraded)) s after the upgrade; idle reset every 10 s)"
check "and still shows Home" wait_for kiosk "1  Talk to someone now" 10
check "and still runs (never restarted)" running kiosk
run /usr/bin/signpost --check
check "signpost --check: version 2" has "$out" "version: 2"
echo "     (the whole run took $(($(date +%s) - start_time)) s)"

finish
