// SPDX-License-Identifier: GPL-3.0-or-later
// A line of the last values (oldest first), scaled to the item. No values: nothing is drawn;
// one value: a dot in the middle.
import QtQuick
import QtQuick.Shapes

Item {
    id: spark
    property var values: []
    property color color: Theme.accent
    property real lineWidth: Math.max(2, 2 * Theme.scale)

    readonly property int pointCount: values ? values.length : 0
    readonly property real minimum: pointCount ? Math.min.apply(null, values) : 0
    readonly property real maximum: pointCount ? Math.max.apply(null, values) : 0
    // The polyline as drawn (item coordinates); empty below two values.
    readonly property var polyline: {
        const n = pointCount
        if (n < 2)
            return []
        const span = maximum - minimum
        const m = lineWidth
        const h = Math.max(1, height - 2 * m)
        const pts = []
        for (let i = 0; i < n; ++i) {
            const x = i * width / (n - 1)
            const y = span > 0 ? m + h - (values[i] - minimum) / span * h : height / 2
            pts.push(Qt.point(x, y))
        }
        return pts
    }

    Shape {
        anchors.fill: parent
        visible: spark.pointCount >= 2
        ShapePath {
            strokeColor: spark.color
            strokeWidth: spark.lineWidth
            fillColor: "transparent"
            joinStyle: ShapePath.RoundJoin
            capStyle: ShapePath.RoundCap
            PathPolyline { path: spark.polyline }
        }
    }

    Rectangle {
        objectName: "singlePoint"
        visible: spark.pointCount === 1
        width: spark.lineWidth * 3
        height: width
        radius: width / 2
        color: spark.color
        anchors.centerIn: parent
    }
}
