// SPDX-License-Identifier: GPL-3.0-or-later
// One source: its name, the value large with its unit, the quality when it is not ok, and a
// sparkline of the last hour. Tapping it asks for the detail page (clicked()).
import QtQuick

Rectangle {
    id: tile
    objectName: "readingTile"
    property string source
    property string label
    property string valueText: "—"
    property string unit
    property string quality: "none"   // ok, stale, error, none
    property string message
    property var sparkline: []
    // False while the tile is scrolled out of view or behind the overview's "more" hint.
    property string node: ""   // the node of source
    property bool shown: true
    signal clicked()

    readonly property string qualityText: quality === "stale" ? qsTr("stale")
                                        : quality === "error" ? qsTr("error")
                                        : quality === "none" ? qsTr("waiting") : ""
    readonly property bool hasValue: quality !== "error" && quality !== "none"

    implicitWidth: Theme.tileWidth
    implicitHeight: Theme.tileHeight
    radius: Theme.radius
    color: mouse.pressed ? Theme.surfaceRaised : Theme.surface
    border.width: quality === "ok" ? 1 : 2
    border.color: quality === "ok" ? Theme.border : Theme.qualityColor(quality)

    Accessible.role: Accessible.Button
    Accessible.name: label + " " + valueText + " " + unit + " " + qualityText

    Text {
        id: nameText
        objectName: "nameLabel"
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.spacing }
        text: tile.label
        font.pixelSize: Theme.fontCaption
        color: Theme.textDim
        // A long name takes a second line before it is cut short.
        wrapMode: Text.Wrap
        // (One line when the quality's reason needs the room.)
        maximumLineCount: tile.quality === "ok" ? 2 : 1
        elide: Text.ElideRight
        lineHeight: 0.9
    }

    Row {
        id: valueRow
        anchors { left: parent.left; top: nameText.bottom; leftMargin: Theme.spacing }
        spacing: Math.round(4 * Theme.scale)
        Text {
            id: valueLabel
            objectName: "valueLabel"
            text: tile.hasValue ? tile.valueText : "—"
            font.pixelSize: Theme.fontValue
            font.bold: true
            color: tile.quality === "stale" ? Theme.textDim : Theme.text
            // Long values shrink (down to body size) rather than lose digits.
            width: Math.min(implicitWidth, tile.width - 2 * Theme.spacing - unitLabel.implicitWidth - valueRow.spacing)
            height: Math.round(Theme.fontValue * 1.2)
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.fontBody
            verticalAlignment: Text.AlignBottom
            elide: Text.ElideRight
        }
        Text {
            id: unitLabel
            anchors.baseline: valueLabel.baseline
            text: tile.hasValue ? tile.unit : ""
            font.pixelSize: Theme.fontCaption
            color: Theme.textDim
        }
    }

    Text {
        id: qualityLabel
        objectName: "qualityLabel"
        visible: tile.quality !== "ok"
        anchors { left: parent.left; right: parent.right; top: valueRow.bottom
                  leftMargin: Theme.spacing; rightMargin: Theme.spacing }
        text: tile.message.length > 0 ? tile.qualityText + ": " + tile.message : tile.qualityText
        font.pixelSize: Theme.fontCaption
        color: Theme.qualityColor(tile.quality)
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    Sparkline {
        id: spark
        objectName: "sparkline"
        visible: tile.quality !== "error"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom
                  margins: Theme.spacing; top: qualityLabel.visible ? qualityLabel.bottom : valueRow.bottom }
        values: tile.sparkline
        color: tile.quality === "stale" ? Theme.off : Theme.accent
    }

    MouseArea {
        id: mouse
        anchors.fill: parent
        onClicked: tile.clicked()
    }
}
