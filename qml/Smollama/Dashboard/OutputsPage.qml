// SPDX-License-Identifier: GPL-3.0-or-later
// The outputs tool plugins can switch, as toggles. Switching calls the tool (on the followed
// node, over its API, for a remote window); the toggle shows the output's reported state, and an
// error under it when the tool refused. While nothing can be switched, the header says why.
import QtQuick
import QtQuick.Controls.Basic
import Smollama.Dashboard

ListView {
    id: list
    objectName: "outputsPage"
    property OutputsModel outputModel
    model: outputModel
    clip: true
    spacing: Theme.spacing
    topMargin: Theme.spacing
    boundsBehavior: Flickable.StopAtBounds
    ScrollIndicator.vertical: ScrollIndicator {}

    // Why the toggles are off (a followed node offline, no API token or a refused one).
    header: Item {
        width: list.width
        height: blocked.visible ? blocked.implicitHeight + 2 * Theme.spacing : 0
        Text {
            id: blocked
            objectName: "outputsBlocked"
            x: Theme.spacing * 2
            y: Theme.spacing
            width: parent.width - 4 * Theme.spacing
            visible: list.count > 0 && list.outputModel !== null
                     && list.outputModel.blockedReason !== ""
            text: list.outputModel ? list.outputModel.blockedReason : ""
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            color: Theme.error
        }
    }

    delegate: Rectangle {
        id: row
        required property int index
        required property string label
        required property string tool
        required property bool on
        required property bool known
        required property bool busy
        required property string error
        required property bool switchable
        x: Theme.spacing
        width: list.width - 2 * Theme.spacing
        height: Math.max(Theme.touch + 2 * Theme.spacing, texts.implicitHeight + 2 * Theme.spacing)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border

        Column {
            id: texts
            anchors { left: parent.left; right: toggle.left; margins: Theme.spacing * 2; verticalCenter: parent.verticalCenter }
            Text {
                width: parent.width
                text: row.label
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Text {
                width: parent.width
                text: row.error.length ? row.error
                      : row.busy ? qsTr("switching…")
                      : !row.known ? qsTr("state unknown")
                      : row.on ? qsTr("on") : qsTr("off")
                font.pixelSize: Theme.fontCaption
                color: row.error.length ? Theme.error : Theme.textDim
                wrapMode: Text.Wrap
            }
        }

        Switch {
            id: toggle
            objectName: "outputSwitch"
            anchors { right: parent.right; rightMargin: Theme.spacing * 2; verticalCenter: parent.verticalCenter }
            enabled: row.switchable
            checked: row.on
            implicitHeight: Theme.touch
            implicitWidth: Theme.touch * 2
            indicator: Rectangle {
                anchors.fill: parent
                anchors.margins: Math.round(6 * Theme.scale)
                radius: height / 2
                color: toggle.checked ? Theme.ok : Theme.surfaceRaised
                border.color: Theme.border
                Rectangle {
                    width: parent.height - 4
                    height: width
                    radius: width / 2
                    y: 2
                    x: toggle.checked ? parent.width - width - 2 : 2
                    color: Theme.text
                    Behavior on x { NumberAnimation { duration: 120 } }
                }
            }
            Accessible.name: row.label
            // The model decides: the toggle follows the reported state, not the tap.
            onToggled: {
                const wanted = checked
                checked = Qt.binding(function() { return row.on })
                list.outputModel.setOn(row.index, wanted)
            }
        }
    }

    Text {
        anchors.centerIn: parent
        width: parent.width - 4 * Theme.spacing
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        visible: list.count === 0
        text: list.outputModel && list.outputModel.blockedReason !== ""
              ? list.outputModel.blockedReason
              : qsTr("No switchable outputs. Configure output pins of the gpio plugin (mode: output) to switch them here.")
        font.pixelSize: Theme.fontBody
        color: Theme.textDim
    }
}
