// SPDX-License-Identifier: GPL-3.0-or-later
// Every node this instance knows: this one first, then the others by name, each with whether
// it is online (or why not), when it was last heard of, its sources and errors, and for this
// node the states of its plugins. Tapping a node opens the overview on its tiles.
import QtQuick
import QtQuick.Controls.Basic
import Smollama.Dashboard

ListView {
    id: list
    objectName: "fleetPage"
    property FleetModel fleetModel
    signal nodeSelected(string name)
    model: fleetModel
    clip: true
    spacing: Theme.spacing
    topMargin: Theme.spacing
    bottomMargin: Theme.spacing
    boundsBehavior: Flickable.StopAtBounds
    ScrollIndicator.vertical: ScrollIndicator {}

    delegate: Rectangle {
        id: entry
        required property int index
        required property string name
        required property bool local
        required property bool online
        required property string offlineReason
        required property string lastSeenText
        required property string version
        required property int sources
        required property int errors
        required property string via
        required property string plugins
        objectName: "fleetRow_" + name
        x: Theme.spacing
        width: list.width - 2 * Theme.spacing
        height: Math.max(Theme.touch, info.implicitHeight + 2 * Theme.spacing)
        radius: Theme.radius
        color: area.pressed ? Theme.surfaceRaised : Theme.surface
        border.color: entry.online ? Theme.border : Theme.warning
        border.width: entry.online ? 1 : 2
        Accessible.role: Accessible.Button
        Accessible.name: entry.name + " " + stateLabel.text

        Rectangle {
            id: dot
            width: Math.round(16 * Theme.scale)
            height: width
            radius: width / 2
            color: entry.online ? (entry.errors > 0 ? Theme.warning : Theme.ok) : Theme.error
            anchors { left: parent.left; leftMargin: Theme.spacing * 2; verticalCenter: parent.verticalCenter }
        }
        Column {
            id: info
            anchors { left: dot.right; right: parent.right; margins: Theme.spacing * 2; verticalCenter: parent.verticalCenter }
            spacing: 2
            Row {
                width: parent.width
                spacing: Theme.spacing
                Text {
                    id: nameLabel
                    objectName: "nodeName"
                    text: entry.name + (entry.local ? "  " + qsTr("(this node)") : "")
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                    width: Math.min(implicitWidth, parent.width - stateLabel.implicitWidth - parent.spacing)
                }
                Text {
                    id: stateLabel
                    objectName: "nodeState"
                    text: entry.online ? qsTr("online") : qsTr("offline")
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: entry.online ? Theme.ok : Theme.error
                }
            }
            Text {
                objectName: "nodeFacts"
                width: parent.width
                text: qsTr("last seen %1").arg(entry.lastSeenText)
                      + "  ·  " + qsTr("%n source(s)", "", entry.sources)
                      + "  ·  " + qsTr("%n error(s)", "", entry.errors)
                      + (entry.version.length ? "  ·  " + qsTr("version %1").arg(entry.version) : "")
                font.pixelSize: Theme.fontCaption
                color: Theme.textDim
                wrapMode: Text.Wrap
            }
            Text {
                objectName: "nodeReason"
                width: parent.width
                visible: !entry.online && entry.offlineReason.length > 0
                text: entry.offlineReason
                font.pixelSize: Theme.fontCaption
                color: Theme.error
                wrapMode: Text.Wrap
            }
            Text {
                objectName: "nodePlugins"
                width: parent.width
                visible: entry.plugins.length > 0 || entry.via.length > 0
                text: entry.plugins.length > 0 ? qsTr("plugins: %1").arg(entry.plugins)
                                               : qsTr("heard through %1").arg(entry.via)
                font.pixelSize: Theme.fontCaption
                color: Theme.textDim
                elide: Text.ElideRight
            }
        }
        MouseArea {
            id: area
            anchors.fill: parent
            onClicked: list.nodeSelected(entry.name)
        }
    }

    Text {
        anchors.centerIn: parent
        visible: list.count === 0
        width: parent.width - 4 * Theme.spacing
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: qsTr("No nodes known yet.")
        font.pixelSize: Theme.fontBody
        color: Theme.textDim
    }
}
