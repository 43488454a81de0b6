// SPDX-License-Identifier: GPL-3.0-or-later
// A full-width line of warning text (safe mode).
import QtQuick

Rectangle {
    id: banner
    property alias text: label.text
    property color tone: Theme.warning
    implicitHeight: Math.max(Theme.touch, label.implicitHeight + 2 * Theme.spacing)
    color: tone
    Text {
        id: label
        anchors.fill: parent
        anchors.margins: Theme.spacing
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        font.pixelSize: Theme.fontBody
        font.bold: true
        color: "#14171c"
    }
}
