// SPDX-License-Identifier: GPL-3.0-or-later
// Chat with the agent: the answer as it streams, tool calls inline, the rules' notifications,
// preset questions for touch, and whether Ollama is reachable. With nodes followed over their
// HTTP API, a row of buttons chooses the node asked, and every answer names the node that gave
// it.
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Smollama.Dashboard

Item {
    id: page
    objectName: "agentPage"
    property ConversationModel conversation

    readonly property var presets: [
        qsTr("How warm is it?"),
        qsTr("Is anything wrong with the sensors?"),
        qsTr("Summarise the last hour."),
        qsTr("Which outputs are on?")
    ]

    function send(text) {
        if (page.conversation && page.conversation.ask(text))
            input.text = ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            // At 800x480 the on-screen keyboard leaves little room: the question field and the
            // end of the chat stay, the status and the presets come back when it closes.
            visible: !Qt.inputMethod.visible
            Rectangle {
                width: Math.round(14 * Theme.scale)
                height: width
                radius: width / 2
                color: !page.conversation ? Theme.off
                     : page.conversation.ollamaState === "ok" ? Theme.ok
                     : page.conversation.ollamaState === "checking" ? Theme.off
                     : page.conversation.ollamaState === "nomodel" ? Theme.warning : Theme.error
            }
            Text {
                Layout.fillWidth: true
                text: !page.conversation ? ""
                      : page.conversation.ollamaState === "checking" ? qsTr("Checking Ollama…")
                      : page.conversation.ollamaText
                font.pixelSize: Theme.fontCaption
                color: Theme.textDim
                elide: Text.ElideRight
            }
            TouchButton {
                text: qsTr("Clear")
                enabled: page.conversation && page.conversation.count > 0
                onClicked: page.conversation.clear()
            }
        }

        Flickable {
            id: nodePicker
            objectName: "nodePicker"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            // Only when there is a choice: a lone node is named under its answers.
            visible: !Qt.inputMethod.visible && page.conversation !== null
                     && page.conversation.nodes.length > 1
            contentWidth: nodeRow.implicitWidth
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Row {
                id: nodeRow
                spacing: Theme.spacing
                Text {
                    height: Theme.touch
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("Ask:")
                    font.pixelSize: Theme.fontCaption
                    color: Theme.textDim
                }
                Repeater {
                    model: page.conversation ? page.conversation.nodes : []
                    delegate: TouchButton {
                        required property var modelData
                        required property int index
                        objectName: "askNode_" + modelData.name
                        text: modelData.online ? modelData.name
                                               : qsTr("%1 (offline)").arg(modelData.name)
                        highlighted: page.conversation.target === index
                        enabled: !page.conversation.busy
                        onClicked: page.conversation.target = index
                    }
                }
            }
        }

        ListView {
            id: chat
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacing
            model: page.conversation
            boundsBehavior: Flickable.StopAtBounds
            ScrollIndicator.vertical: ScrollIndicator {}
            onCountChanged: Qt.callLater(chat.positionViewAtEnd)
            // Follow the answer while it streams in (its bubble grows without a new row).
            onContentHeightChanged: if (page.conversation && page.conversation.busy)
                                        Qt.callLater(chat.positionViewAtEnd)

            delegate: Rectangle {
                id: bubble
                required property string kind
                required property string text
                required property string tool
                required property string detail
                required property bool ok
                required property bool pending
                required property string node
                readonly property bool mine: kind === "question"
                width: Math.min(chat.width * 0.85,
                                Math.max(body.implicitWidth,
                                         answeredBy.visible ? answeredBy.implicitWidth : 0)
                                + 3 * Theme.spacing)
                height: body.implicitHeight + 2 * Theme.spacing
                        + (answeredBy.visible ? answeredBy.implicitHeight : 0)
                x: mine ? chat.width - width : 0
                radius: Theme.radius
                color: mine ? Theme.accent
                     : kind === "error" ? Qt.rgba(Theme.error.r, Theme.error.g, Theme.error.b, 0.2)
                     : kind === "notification" ? Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.25)
                     : kind === "tool" ? Theme.surfaceRaised : Theme.surface
                border.color: Theme.border
                Text {
                    id: body
                    x: 1.5 * Theme.spacing
                    y: Theme.spacing
                    width: Math.min(implicitWidth, chat.width * 0.85 - 3 * Theme.spacing)
                    // Tool results can be long JSON: three lines of it are enough here.
                    wrapMode: bubble.kind === "tool" ? Text.WrapAnywhere : Text.Wrap
                    maximumLineCount: bubble.kind === "tool" ? 3 : 1000
                    elide: Text.ElideRight
                    font.pixelSize: bubble.kind === "tool" ? Theme.fontCaption : Theme.fontBody
                    color: bubble.mine ? Theme.background
                         : bubble.kind === "tool" && !bubble.ok ? Theme.error
                         : bubble.kind === "tool" ? Theme.textDim : Theme.text
                    text: bubble.kind === "tool"
                          ? "⚙ " + bubble.tool + " " + bubble.detail
                            + (bubble.pending ? " …" : "\n→ " + bubble.text)
                          : bubble.kind === "notification"
                          ? qsTr("Rule %1: %2").arg(bubble.tool).arg(bubble.text)
                          : bubble.text + (bubble.pending ? " ▍" : "")
                }
                // Which node answered (or failed to): several can be asked from here.
                Text {
                    id: answeredBy
                    objectName: "answeredBy"
                    x: 1.5 * Theme.spacing
                    y: body.y + body.height
                    width: Math.min(implicitWidth, chat.width * 0.85 - 3 * Theme.spacing)
                    visible: (bubble.kind === "answer" || bubble.kind === "error")
                             && bubble.node !== "" && !bubble.pending
                    text: qsTr("— %1").arg(bubble.node)
                    elide: Text.ElideRight
                    font.pixelSize: Theme.fontCaption
                    color: Theme.textDim
                }
            }

            Text {
                anchors.centerIn: parent
                width: parent.width - 4 * Theme.spacing
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: chat.count === 0
                text: page.conversation && page.conversation.nodes.length > 1
                      ? qsTr("Ask the agent of %1 about its sensors, or tap a question below.")
                            .arg(page.conversation.targetName)
                      : qsTr("Ask the agent about this node's sensors, or tap a question below.")
                font.pixelSize: Theme.fontBody
                color: Theme.textDim
            }
        }

        Flickable {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            visible: !Qt.inputMethod.visible
            contentWidth: presetRow.implicitWidth
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Row {
                id: presetRow
                spacing: Theme.spacing
                Repeater {
                    model: page.presets
                    delegate: TouchButton {
                        required property string modelData
                        text: modelData
                        enabled: page.conversation !== null && !page.conversation.busy
                        onClicked: page.send(modelData)
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            TextField {
                id: input
                objectName: "questionInput"
                Layout.fillWidth: true
                implicitHeight: Theme.touch
                font.pixelSize: Theme.fontBody
                color: Theme.text
                placeholderText: qsTr("Ask a question…")
                placeholderTextColor: Theme.textDim
                inputMethodHints: Qt.ImhNoPredictiveText
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: input.activeFocus ? Theme.accent : Theme.border
                    border.width: 2
                }
                onAccepted: page.send(text)
            }
            TouchButton {
                text: page.conversation && page.conversation.busy ? qsTr("Stop") : qsTr("Send")
                highlighted: true
                onClicked: {
                    if (page.conversation.busy)
                        page.conversation.cancel()
                    else
                        page.send(input.text)
                }
            }
        }
    }
}
