// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Smollama.Dashboard

// TestCase itself is not visible: the components are created in this item.
Item {
    id: root
    width: 400
    height: 300

    TestCase {
        id: testCase
        name: "Sparkline"
        width: 300
        height: 200
        when: windowShown

        Component {
            id: frame
            Rectangle {
                property alias spark: spark
                width: 200
                height: 60
                color: "black"
                Sparkline {
                    id: spark
                    anchors.fill: parent
                    color: "white"
                    lineWidth: 2
                }
            }
        }

        function lit(image, w, h) {
            let n = 0
            for (let x = 0; x < w; ++x) {
                for (let y = 0; y < h; ++y) {
                    if (!Qt.colorEqual(image.pixel(x, y), "black"))
                        ++n
                }
            }
            return n
        }

        function test_noPoints() {
            const f = createTemporaryObject(frame, root, {})
            f.spark.values = []
            waitForRendering(f)
            compare(f.spark.pointCount, 0)
            compare(f.spark.polyline.length, 0)
            compare(findChild(f.spark, "singlePoint").visible, false)
            compare(lit(grabImage(f), f.width, f.height), 0)
        }

        function test_onePoint() {
            const f = createTemporaryObject(frame, root, {})
            f.spark.values = [21.5]
            waitForRendering(f)
            compare(f.spark.pointCount, 1)
            compare(f.spark.polyline.length, 0)
            verify(findChild(f.spark, "singlePoint").visible)
            const image = grabImage(f)
            verify(!Qt.colorEqual(image.pixel(f.width / 2, f.height / 2), "black"))
            verify(lit(image, f.width, f.height) < 100)
        }

        function test_manyPoints() {
            const f = createTemporaryObject(frame, root, {})
            const values = []
            for (let i = 0; i < 60; ++i)
                values.push(20 + 5 * Math.sin(i / 6))
            f.spark.values = values
            waitForRendering(f)
            compare(f.spark.pointCount, 60)
            const line = f.spark.polyline
            compare(line.length, 60)
            compare(line[0].x, 0)
            compare(line[59].x, f.width)
            // The highest value is at the top, the lowest at the bottom, inside the item.
            let top = Infinity, bottom = -Infinity
            for (let i = 0; i < line.length; ++i) {
                top = Math.min(top, line[i].y)
                bottom = Math.max(bottom, line[i].y)
            }
            compare(top, f.spark.lineWidth)
            compare(bottom, f.height - f.spark.lineWidth)
            verify(!findChild(f.spark, "singlePoint").visible)
            // A line across the whole width is drawn.
            const image = grabImage(f)
            for (const x of [2, f.width / 2, f.width - 3]) {
                let column = false
                for (let y = 0; y < f.height && !column; ++y)
                    column = !Qt.colorEqual(image.pixel(x, y), "black")
                verify(column, "nothing drawn at x = " + x)
            }
        }

        function test_flatValues() {
            const f = createTemporaryObject(frame, root, {})
            f.spark.values = [5, 5, 5]
            waitForRendering(f)
            // No range: a line through the middle, not a division by zero.
            for (const p of f.spark.polyline)
                compare(p.y, f.height / 2)
            verify(!Qt.colorEqual(grabImage(f).pixel(f.width / 2, f.height / 2), "black"))
        }
}
}
