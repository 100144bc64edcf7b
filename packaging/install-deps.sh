#!/usr/bin/env bash
# Installs, from Debian 12's own packages, everything Retort needs to build, run and test.
# Idempotent: packages already present are left alone; `apt-get update` runs at most once,
# and only when something is missing. Run as root or with sudo available.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config dpkg-dev file
  # Qt 6 (widgets, sql drivers, concurrent, svg, tests, linguist tools, offscreen/xcb platforms)
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqt6svg6 libqt6sql6-psql libqt6sql6-sqlite qt6-translations-l10n
  libgl-dev libegl-dev libxkbcommon-dev libvulkan-dev
  # editor, keychain, logging
  libqscintilla2-qt6-dev qtkeychain-qt6-dev libspdlog-dev libfmt-dev
  # parsers: PostgreSQL's own SQL parser (lint), compose files (YAML), pyproject.toml (TOML)
  libpg-query-dev libyaml-cpp-dev libtomlplusplus-dev
  # the reference Alembic and the databases the tests use
  python3 python3-alembic python3-sqlalchemy python3-psycopg2
  postgresql-15 postgresql-client-15 sqlite3
  # packaging checks, headless display, fonts for screenshots
  desktop-file-utils appstream xvfb xauth fonts-dejavu-core
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
