// SPDX-License-Identifier: GPL-3.0-or-later
// One source over the last hour or day: a chart with the minimum, maximum and average.
import QtQuick
import QtQuick.Layouts
import Smollama.Dashboard

Rectangle {
    id: page
    objectName: "detailPage"
    property HistoryModel history
    property string label
    property string unit
    signal back()
    color: Theme.background

    function number(v) {
        return Format.text(v, page.unit)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            TouchButton {
                text: qsTr("‹ Back")
                onClicked: page.back()
            }
            Text {
                Layout.fillWidth: true
                text: page.label
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            TouchButton {
                text: qsTr("1 h")
                highlighted: page.history && page.history.hours === 1
                onClicked: page.history.hours = 1
            }
            TouchButton {
                text: qsTr("24 h")
                highlighted: page.history && page.history.hours === 24
                onClicked: page.history.hours = 24
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 2 * Theme.spacing
            visible: page.history && page.history.count > 0
            Repeater {
                model: page.history ? [
                    { name: qsTr("min"), value: page.history.minimum },
                    { name: qsTr("max"), value: page.history.maximum },
                    { name: qsTr("avg"), value: page.history.average }
                ] : []
                delegate: Text {
                    required property var modelData
                    text: modelData.name + " " + page.number(modelData.value)
                    font.pixelSize: Theme.fontBody
                    color: Theme.text
                }
            }
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
                objectName: "valueCount"
                text: page.history ? qsTr("%n value(s)", "", page.history.count) : ""
                font.pixelSize: Theme.fontCaption
                color: Theme.textDim
            }
        }

        HistoryChart {
            Layout.fillWidth: true
            Layout.fillHeight: true
            series: page.history ? page.history.series : []
            errors: page.history ? page.history.errors : []
            fromMs: page.history ? page.history.fromMs : 0
            toMs: page.history ? page.history.toMs : 1
            average: page.history ? page.history.average : 0
            unit: page.unit
        }
    }
}
