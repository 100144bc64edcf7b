#!/usr/bin/env bash
# Builds the .deb with CPack and checks what a user would install: both executables, the desktop
# file, metainfo, icon and demo project, and runtime dependencies on Qt 6 and the SQL drivers.
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
contents=$(dpkg-deb -c "$deb")
fail=0
for path in ./usr/bin/retort ./usr/bin/retort-cli \
            ./usr/share/applications/io.github.retortapp.Retort.desktop \
            ./usr/share/metainfo/io.github.retortapp.Retort.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/io.github.retortapp.Retort.svg \
            ./usr/share/icons/hicolor/48x48/apps/io.github.retortapp.Retort.png \
            ./usr/share/retort/examples/cityscope/alembic.ini \
            ./usr/share/retort/examples/cityscope/migrations/env.py; do
  if ! grep -qE " ${path//./\\.}\$" <<<"$contents"; then echo "missing from $deb: $path"; fail=1; fi
done
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6widgets6 libqt6sql6 libqt6sql6-psql libqt6sql6-sqlite libqscintilla2-qt6; do
  if ! grep -q "$dep" <<<"$depends"; then echo "Depends lacks $dep: $depends"; fail=1; fi
done
if grep -q '\.db$' <<<"$contents"; then echo "a database file was packaged"; fail=1; fi
[ $fail -eq 0 ] && echo "ok: $(basename "$deb"): $(grep -c '' <<<"$contents") entries; Depends: $depends"
exit $fail
