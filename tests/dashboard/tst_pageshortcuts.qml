// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Smollama.Dashboard

// The window's keyboard shortcuts, pressed as a person would.
Item {
    id: root
    width: 200
    height: 100

    PageShortcuts {
        id: keys
        property var pages: []
        property int backs: 0
        property int themes: 0
        property int quits: 0
        onPageRequested: (page) => { pages.push(page); currentPage = page }
        onBackRequested: ++backs
        onThemeToggled: ++themes
        onQuitRequested: ++quits
    }

    TestCase {
        name: "PageShortcuts"
        when: windowShown

        function init() {
            keys.pages = []
            keys.currentPage = 0
            keys.backs = 0
            keys.themes = 0
            keys.quits = 0
            keys.detailOpen = false
            keys.canQuit = true
        }

        function test_numbersOpenPages() {
            keyClick(Qt.Key_3, Qt.ControlModifier)
            keyClick(Qt.Key_2, Qt.AltModifier)
            keyClick(Qt.Key_4, Qt.ControlModifier)
            keyClick(Qt.Key_1, Qt.ControlModifier)
            compare(keys.pages, [2, 1, 3, 0])
        }

        function test_nextAndPreviousWrapAround() {
            keyClick(Qt.Key_PageUp, Qt.ControlModifier)
            compare(keys.currentPage, 3)
            keyClick(Qt.Key_PageDown, Qt.ControlModifier)
            compare(keys.currentPage, 0)
            keyClick(Qt.Key_PageDown, Qt.ControlModifier)
            compare(keys.currentPage, 1)
        }

        function test_escapeOnlyLeavesADetail() {
            keyClick(Qt.Key_Escape)
            compare(keys.backs, 0)
            keys.detailOpen = true
            keyClick(Qt.Key_Escape)
            compare(keys.backs, 1)
        }

        function test_themeAndQuit() {
            keyClick(Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
            compare(keys.themes, 1)
            keyClick(Qt.Key_Q, Qt.ControlModifier)
            compare(keys.quits, 1)
            keys.canQuit = false // a kiosk
            keyClick(Qt.Key_Q, Qt.ControlModifier)
            compare(keys.quits, 1)
        }
    }
}
