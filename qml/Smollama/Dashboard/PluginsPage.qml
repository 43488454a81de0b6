// SPDX-License-Identifier: GPL-3.0-or-later
// Every plugin instance with its status colour, the reason, version and author.
import QtQuick
import QtQuick.Controls.Basic
import Smollama.Dashboard

ListView {
    id: list
    objectName: "pluginsPage"
    property PluginsModel pluginModel
    model: pluginModel
    clip: true
    spacing: Theme.spacing
    topMargin: Theme.spacing
    bottomMargin: Theme.spacing
    boundsBehavior: Flickable.StopAtBounds
    ScrollIndicator.vertical: ScrollIndicator {}

    delegate: Rectangle {
        id: entry
        required property string title
        required property string version
        required property string author
        required property string stateText
        required property string reason
        required property string severity
        required property string description
        x: Theme.spacing
        width: list.width - 2 * Theme.spacing
        height: Math.max(Theme.touch, info.implicitHeight + 2 * Theme.spacing)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border

        Rectangle {
            id: dot
            width: Math.round(16 * Theme.scale)
            height: width
            radius: width / 2
            color: Theme.severityColor(entry.severity)
            anchors { left: parent.left; leftMargin: Theme.spacing * 2; verticalCenter: parent.verticalCenter }
        }
        Column {
            id: info
            anchors { left: dot.right; right: parent.right; margins: Theme.spacing * 2; verticalCenter: parent.verticalCenter }
            spacing: 2
            Text {
                width: parent.width
                text: entry.title + "  ·  " + entry.stateText
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Text {
                width: parent.width
                visible: entry.reason.length > 0
                text: entry.reason
                font.pixelSize: Theme.fontCaption
                color: entry.severity === "ok" ? Theme.textDim : Theme.severityColor(entry.severity)
                wrapMode: Text.Wrap
            }
            Text {
                width: parent.width
                text: qsTr("version %1 · %2").arg(entry.version).arg(entry.author.length ? entry.author : qsTr("unknown author"))
                font.pixelSize: Theme.fontCaption
                color: Theme.textDim
                elide: Text.ElideRight
            }
        }
    }

    Text {
        anchors.centerIn: parent
        visible: list.count === 0
        text: qsTr("No plugins found.")
        font.pixelSize: Theme.fontBody
        color: Theme.textDim
    }
}
