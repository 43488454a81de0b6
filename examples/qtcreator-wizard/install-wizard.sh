#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the smollama plugin wizard into Qt Creator (File > New Project > Library >
# smollama Plugin). It uses the templates of `smollama-cli plugin new`
# (app/smollama-cli/templates), so both create the same project.
#   examples/qtcreator-wizard/install-wizard.sh [WIZARDS_DIR]
# WIZARDS_DIR defaults to ~/.config/QtProject/qtcreator/templates/wizards; for a Qt Creator
# started with -settingspath DIR it is DIR/QtProject/qtcreator/templates/wizards. Restart Qt
# Creator. Tested with Qt Creator 9.0.2 (tests/sdk/qtcreator_wizard.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
templates="$here/../../app/smollama-cli/templates"
wizards=${1:-"$HOME/.config/QtProject/qtcreator/templates/wizards"}
target="$wizards/smollama-plugin"
rm -rf "$target"
mkdir -p "$target"
cp "$here/smollama-plugin/wizard.json" "$here/smollama-plugin/icon.png" "$target/"
cp -R "$templates" "$target/templates"
echo "Installed the smollama plugin wizard to $target; restart Qt Creator."
