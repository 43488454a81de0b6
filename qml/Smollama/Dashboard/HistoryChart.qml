// SPDX-License-Identifier: GPL-3.0-or-later
// A line chart of a source's history: points [{t, v, min, max}] between fromMs and toMs,
// the band between each point's min and max shaded, the average as a dashed line.
import QtQuick
import QtQuick.Shapes

Item {
    id: chart
    property var series: []
    property real fromMs: 0
    property real toMs: 1
    property real average: 0
    property bool showAverage: series.length > 0
    property string unit

    readonly property real low: {
        let m = Infinity
        for (let i = 0; i < series.length; ++i)
            m = Math.min(m, series[i].min)
        return m === Infinity ? 0 : m
    }
    readonly property real high: {
        let m = -Infinity
        for (let i = 0; i < series.length; ++i)
            m = Math.max(m, series[i].max)
        return m === -Infinity ? 1 : m
    }
    readonly property real span: high - low > 0 ? high - low : 1
    readonly property real plotLeft: axisLabels.width + Theme.spacing
    readonly property real plotWidth: Math.max(1, width - plotLeft)
    readonly property real plotHeight: Math.max(1, height - timeRow.height - Theme.spacing)

    function xOf(t) { return plotLeft + (t - fromMs) / Math.max(1, toMs - fromMs) * plotWidth }
    function yOf(v) {
        return high - low > 0 ? (high - v) / span * plotHeight : plotHeight / 2
    }
    function pathOf(key) {
        const pts = []
        for (let i = 0; i < series.length; ++i)
            pts.push(Qt.point(xOf(series[i].t), yOf(series[i][key])))
        return pts
    }
    function bandOf() {
        const pts = []
        for (let i = 0; i < series.length; ++i)
            pts.push(Qt.point(xOf(series[i].t), yOf(series[i].max)))
        for (let j = series.length - 1; j >= 0; --j)
            pts.push(Qt.point(xOf(series[j].t), yOf(series[j].min)))
        return pts
    }

    Column {
        id: axisLabels
        width: Math.max(highText.implicitWidth, lowText.implicitWidth)
        Text {
            id: highText
            text: Number(chart.high).toLocaleString(Qt.locale(), "f", 1)
            font.pixelSize: Theme.fontCaption
            color: Theme.textDim
            visible: chart.series.length > 0
        }
    }
    Text {
        id: lowText
        y: chart.plotHeight - height
        text: Number(chart.low).toLocaleString(Qt.locale(), "f", 1)
        font.pixelSize: Theme.fontCaption
        color: Theme.textDim
        visible: chart.series.length > 0
    }

    Rectangle {
        x: chart.plotLeft
        width: chart.plotWidth
        height: chart.plotHeight
        color: "transparent"
        border.color: Theme.border
        radius: Theme.radius / 2
    }

    Shape {
        anchors.fill: parent
        visible: chart.series.length > 1
        ShapePath {
            strokeColor: "transparent"
            fillColor: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.2)
            PathPolyline { path: chart.bandOf() }
        }
        ShapePath {
            strokeColor: Theme.accent
            strokeWidth: Math.max(2, 2 * Theme.scale)
            fillColor: "transparent"
            joinStyle: ShapePath.RoundJoin
            PathPolyline { path: chart.pathOf("v") }
        }
    }

    Shape {
        anchors.fill: parent
        visible: chart.showAverage
        ShapePath {
            strokeColor: Theme.warning
            strokeWidth: Math.max(1, Theme.scale)
            strokeStyle: ShapePath.DashLine
            fillColor: "transparent"
            startX: chart.plotLeft
            startY: chart.yOf(chart.average)
            PathLine { x: chart.plotLeft + chart.plotWidth; y: chart.yOf(chart.average) }
        }
    }

    Rectangle {
        objectName: "singlePoint"
        visible: chart.series.length === 1
        width: Math.round(8 * Theme.scale)
        height: width
        radius: width / 2
        color: Theme.accent
        x: chart.series.length === 1 ? chart.xOf(chart.series[0].t) - width / 2 : 0
        y: chart.series.length === 1 ? chart.yOf(chart.series[0].v) - height / 2 : 0
    }

    Text {
        anchors.centerIn: parent
        visible: chart.series.length === 0
        text: qsTr("No values in this time range yet.")
        font.pixelSize: Theme.fontBody
        color: Theme.textDim
    }

    Item {
        id: timeRow
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; leftMargin: chart.plotLeft }
        height: startText.implicitHeight
        Text {
            id: startText
            text: Qt.formatTime(new Date(chart.fromMs), Qt.locale().timeFormat(Locale.ShortFormat))
            font.pixelSize: Theme.fontCaption
            color: Theme.textDim
        }
        Text {
            anchors.right: parent.right
            text: qsTr("now")
            font.pixelSize: Theme.fontCaption
            color: Theme.textDim
        }
    }
}
