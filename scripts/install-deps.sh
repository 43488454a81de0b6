#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages smollama needs to build, run and test.
# Idempotent: prints nothing and changes nothing when every package is present.
# Works as root and, for other users, through sudo.
set -euo pipefail

PACKAGES=(
    # toolchain
    build-essential cmake ninja-build pkg-config git binutils
    # Qt 6.4 (core, network, sql+sqlite, gui/quick, serial bus, tools)
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-qpa-plugins
    qt6-declarative-dev qt6-declarative-dev-tools
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qt6-serialbus-dev qt6-serialport-dev
    qt6-virtualkeyboard-dev qt6-virtualkeyboard-plugin
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtquick-shapes
    qml6-module-qtqml-workerscript qml6-module-qttest qml6-module-qtquick-virtualkeyboard
    qml6-module-qt-labs-folderlistmodel
    # libraries
    libyaml-cpp-dev libvalijson-dev libgpiod-dev libmosquitto-dev
    # test helpers: a display server for GUI tests, a real Modbus server, HTTP clients this
    # project did not write (curl; Node's http and the npm eventsource package, tests/http)
    xvfb xauth python3-pymodbus python3-serial-asyncio curl nodejs
    # a real MQTT broker and its command-line clients (tests/mqtt), openssl for test certificates
    mosquitto mosquitto-clients openssl
    # the desktop entry's check (desktop-file-validate) and a session bus for the colour-scheme
    # test of the dashboard (dbus-daemon)
    desktop-file-utils dbus
    # the Qt Creator wizard's test (tests/sdk/qtcreator_wizard.py): the real Qt Creator, driven
    # with xdotool on Xvfb
    qtcreator xdotool
    # fuzzing and sanitizers (make fuzz, make test-asan)
    clang libclang-rt-14-dev
    # Debian packages (make deb) and their tests: dpkg-shlibdeps and file (CPack), lintian,
    # systemd-analyze (the units), python3 (tests/packaging/debtest.py)
    dpkg-dev file lintian systemd python3
)

# npm comes with nodejs from some sources (NodeSource) and as a package of its own in Debian.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "install-deps: missing packages: ${missing[*]}" >&2
        echo "install-deps: run this script as root or install sudo" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A stale package list makes apt-get fail on "not found": refresh once, quietly.
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
