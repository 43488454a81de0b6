// SPDX-License-Identifier: GPL-3.0-or-later
// A line chart of a source's history: points [{t, v, min, max, gap}] between fromMs and toMs,
// the band between each point's min and max shaded, the average as a dashed line. The line
// breaks where readings are missing (gap), error readings are red marks on the time axis, and
// a few round values and times have gridlines with labels.
import QtQuick
import QtQuick.Shapes
import Smollama.Dashboard

Item {
    id: chart
    property var series: []
    property var errors: []          // times of error readings (ms since the epoch)
    property real fromMs: 0
    property real toMs: 1
    property real average: 0
    property bool showAverage: series.length > 0
    property string unit

    readonly property real dataLow: {
        let m = Infinity
        for (let i = 0; i < series.length; ++i)
            m = Math.min(m, series[i].min)
        return m === Infinity ? 0 : m
    }
    readonly property real dataHigh: {
        let m = -Infinity
        for (let i = 0; i < series.length; ++i)
            m = Math.max(m, series[i].max)
        return m === -Infinity ? 1 : m
    }
    // About four gridlines at round values (1, 2, 2.5 or 5 times a power of ten).
    readonly property real valueStep: {
        let span = dataHigh - dataLow
        if (!(span > 0))
            span = Math.max(Math.abs(dataHigh) * 0.1, 1)
        const rough = span / 4
        const magnitude = Math.pow(10, Math.floor(Math.log10(rough)))
        const steps = [1, 2, 2.5, 5, 10]
        for (let i = 0; i < steps.length; ++i) {
            if (steps[i] * magnitude >= rough)
                return steps[i] * magnitude
        }
        return 10 * magnitude
    }
    // The value axis ends on gridlines, so the extremes are never at an unlabelled height.
    readonly property real low: dataHigh - dataLow > 0 ? Math.floor(dataLow / valueStep) * valueStep
                                                       : dataLow - valueStep
    readonly property real high: dataHigh - dataLow > 0 ? Math.ceil(dataHigh / valueStep) * valueStep
                                                        : dataHigh + valueStep
    readonly property real span: high - low > 0 ? high - low : 1
    readonly property var valueTicks: {
        const out = []
        if (series.length === 0)
            return out
        for (let v = low; v <= high + valueStep / 2 && out.length < 12; v += valueStep)
            out.push(Math.abs(v) < valueStep / 1e6 ? 0 : v)
        return out
    }
    readonly property var valueLabels: valueTicks.map(v => Format.text(v, chart.unit))
    readonly property string widestLabel: valueLabels.reduce((a, b) => b.length > a.length ? b : a, "")

    // Time ticks on round local times, as many as fit (at least 3 label widths apart).
    readonly property var timeTicks: {
        const span = toMs - fromMs
        if (!(span > 0))
            return []
        const minute = 60000
        const steps = [minute, 2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute,
                       60 * minute, 120 * minute, 180 * minute, 360 * minute, 720 * minute]
        const room = Math.max(1, Math.floor(plotWidth / Math.max(1, timeMetrics.width * 2)))
        let step = steps[steps.length - 1]
        for (let i = 0; i < steps.length; ++i) {
            if (span / steps[i] <= room) {
                step = steps[i]
                break
            }
        }
        const offset = -new Date(toMs).getTimezoneOffset() * minute
        const out = []
        for (let t = Math.ceil((fromMs + offset) / step) * step - offset; t <= toMs; t += step)
            out.push(t)
        return out
    }

    readonly property real plotLeft: labelMetrics.width + Theme.spacing
    readonly property real plotWidth: Math.max(1, width - plotLeft - timeMetrics.width / 2)
    readonly property real plotHeight: Math.max(1, height - timeMetrics.height - Theme.spacing)

    function xOf(t) { return plotLeft + (t - fromMs) / Math.max(1, toMs - fromMs) * plotWidth }
    function yOf(v) { return (high - v) / span * plotHeight }

    // The runs of points without a gap between them.
    readonly property var segments: {
        const out = []
        let current = []
        for (let i = 0; i < series.length; ++i) {
            if (series[i].gap && current.length) {
                out.push(current)
                current = []
            }
            current.push(series[i])
        }
        if (current.length)
            out.push(current)
        return out
    }
    function pathOf(key) {
        const pts = []
        for (let i = 0; i < series.length; ++i)
            pts.push(Qt.point(xOf(series[i].t), yOf(series[i][key])))
        return pts
    }
    function linesOf(key) {
        return segments.filter(s => s.length > 1).map(s => s.map(p => Qt.point(xOf(p.t), yOf(p[key]))))
    }
    function bandsOf() {
        return segments.filter(s => s.length > 1).map(s => {
            const pts = s.map(p => Qt.point(xOf(p.t), yOf(p.max)))
            for (let j = s.length - 1; j >= 0; --j)
                pts.push(Qt.point(xOf(s[j].t), yOf(s[j].min)))
            pts.push(pts[0])
            return pts
        })
    }
    readonly property var isolated: segments.filter(s => s.length === 1).map(s => s[0])

    TextMetrics {
        id: labelMetrics
        font.pixelSize: Theme.fontCaption
        text: chart.widestLabel
    }
    TextMetrics {
        id: timeMetrics
        font.pixelSize: Theme.fontCaption
        text: Format.time(chart.toMs)
    }

    Rectangle {
        x: chart.plotLeft
        width: chart.plotWidth
        height: chart.plotHeight
        color: "transparent"
        border.color: Theme.border
        radius: Theme.radius / 2
    }

    Repeater {
        model: chart.valueTicks
        delegate: Item {
            id: valueTick
            required property int index
            required property real modelData
            objectName: "valueTick"
            readonly property string label: chart.valueLabels[index] ?? ""
            Rectangle {
                x: chart.plotLeft
                y: Math.round(chart.yOf(valueTick.modelData))
                width: chart.plotWidth
                height: 1
                color: Theme.border
            }
            Text {
                x: chart.plotLeft - Theme.spacing / 2 - width
                y: Math.max(0, Math.min(chart.plotHeight - height, chart.yOf(valueTick.modelData) - height / 2))
                text: valueTick.label
                font.pixelSize: Theme.fontCaption
                color: Theme.textDim
            }
        }
    }

    Repeater {
        model: chart.timeTicks
        delegate: Item {
            id: timeTick
            required property real modelData
            objectName: "timeTick"
            readonly property string label: Format.time(modelData)
            Rectangle {
                x: Math.round(chart.xOf(timeTick.modelData))
                width: 1
                height: chart.plotHeight
                color: Theme.border
            }
            Text {
                x: chart.xOf(timeTick.modelData) - width / 2
                y: chart.plotHeight + Theme.spacing / 2
                text: timeTick.label
                font.pixelSize: Theme.fontCaption
                color: Theme.textDim
            }
        }
    }

    Shape {
        anchors.fill: parent
        visible: chart.series.length > 1
        ShapePath {
            strokeColor: "transparent"
            fillColor: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.2)
            PathMultiline { paths: chart.bandsOf() }
        }
        ShapePath {
            strokeColor: Theme.accent
            strokeWidth: Math.max(2, 2 * Theme.scale)
            fillColor: "transparent"
            joinStyle: ShapePath.RoundJoin
            PathMultiline { paths: chart.linesOf("v") }
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

    // Points with no neighbour on either side (a reading between two gaps) as dots.
    Repeater {
        model: chart.isolated
        delegate: Rectangle {
            required property var modelData
            objectName: chart.series.length === 1 ? "singlePoint" : "isolatedPoint"
            width: Math.round(8 * Theme.scale)
            height: width
            radius: width / 2
            color: Theme.accent
            x: chart.xOf(modelData.t) - width / 2
            y: chart.yOf(modelData.v) - height / 2
        }
    }

    // Error readings: a red mark at the bottom of the plot at each one's time.
    Repeater {
        model: chart.errors
        delegate: Rectangle {
            required property real modelData
            objectName: "errorMark"
            width: Math.max(2, Math.round(3 * Theme.scale))
            height: Math.round(12 * Theme.scale)
            x: chart.xOf(modelData) - width / 2
            y: chart.plotHeight - height
            color: Theme.error
        }
    }

    Text {
        anchors.centerIn: parent
        visible: chart.series.length === 0
        text: qsTr("No values in this time range yet.")
        font.pixelSize: Theme.fontBody
        color: Theme.textDim
    }
}
