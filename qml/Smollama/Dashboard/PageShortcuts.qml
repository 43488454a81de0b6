// SPDX-License-Identifier: GPL-3.0-or-later
// The window's keyboard shortcuts: Ctrl+1…5 (or Alt+1…5; as many as pageCount) open the pages, Ctrl+PgDown/PgUp (and
// the platform's next/previous child keys) the next and previous one, Esc (or Alt+Left) goes back from a detail,
// Ctrl+Shift+T switches the theme, Ctrl+Q closes a window (not a kiosk).
import QtQuick

Item {
    id: keys
    property int pageCount: 4
    property int currentPage: 0
    property bool detailOpen: false
    property bool canQuit: true
    signal pageRequested(int page)
    signal backRequested()
    signal themeToggled()
    signal quitRequested()

    function go(page) { keys.pageRequested((page + keys.pageCount) % keys.pageCount) }

    Shortcut { sequences: ["Ctrl+1", "Alt+1"]; onActivated: keys.go(0) }
    Shortcut { sequences: ["Ctrl+2", "Alt+2"]; onActivated: keys.go(1) }
    Shortcut { sequences: ["Ctrl+3", "Alt+3"]; onActivated: keys.go(2) }
    Shortcut { sequences: ["Ctrl+4", "Alt+4"]; onActivated: keys.go(3) }
    Shortcut { sequences: ["Ctrl+5", "Alt+5"]; enabled: keys.pageCount > 4; onActivated: keys.go(4) }
    Shortcut { sequences: [StandardKey.NextChild, "Ctrl+PgDown"]; onActivated: keys.go(keys.currentPage + 1) }
    Shortcut { sequences: [StandardKey.PreviousChild, "Ctrl+PgUp"]; onActivated: keys.go(keys.currentPage - 1) }
    Shortcut {
        sequences: [StandardKey.Back, "Esc"]
        enabled: keys.detailOpen
        onActivated: keys.backRequested()
    }
    Shortcut { sequence: "Ctrl+Shift+T"; onActivated: keys.themeToggled() }
    Shortcut {
        sequence: "Ctrl+Q"
        enabled: keys.canQuit
        onActivated: keys.quitRequested()
    }
}
