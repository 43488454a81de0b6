// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Smollama.Dashboard

// TestCase itself is not visible: the components are created in this item.
Item {
    id: root
    width: 500
    height: 300

    TestCase {
        name: "HistoryChart"
        when: windowShown

        Component {
            id: chartComponent
            HistoryChart {
                width: 400
                height: 200
                fromMs: 0
                toMs: 3600000
            }
        }

        function series(n) {
            const out = []
            for (let i = 0; i < n; ++i) {
                const v = 10 + i
                out.push({ t: i * 3600000 / Math.max(1, n - 1), v: v, min: v - 1, max: v + 1 })
            }
            return out
        }

        function test_empty() {
            const chart = createTemporaryObject(chartComponent, root, { series: [] })
            waitForRendering(chart)
            compare(findChild(chart, "singlePoint").visible, false)
            // The range has no values: the chart says so instead of drawing a line.
            let text = null
            for (let i = 0; i < chart.children.length; ++i) {
                if (chart.children[i].text === "No values in this time range yet.")
                    text = chart.children[i]
            }
            verify(text !== null)
            verify(text.visible)
        }

        function test_onePoint() {
            const chart = createTemporaryObject(chartComponent, root,
                                                { series: series(1), average: 10 })
            waitForRendering(chart)
            verify(findChild(chart, "singlePoint").visible)
            compare(chart.low, 9)
            compare(chart.high, 11)
        }

        function test_manyPoints() {
            const chart = createTemporaryObject(chartComponent, root,
                                                { series: series(60), average: 39.5 })
            waitForRendering(chart)
            compare(findChild(chart, "singlePoint").visible, false)
            // The band spans every point's min to max: low and high of the whole range.
            compare(chart.low, 9)
            compare(chart.high, 70)
            const line = chart.pathOf("v")
            compare(line.length, 60)
            compare(line[0].x, chart.plotLeft)
            compare(line[59].x, chart.plotLeft + chart.plotWidth)
            verify(line[59].y < line[0].y)  // rising values go up
            // The average lies between the extremes.
            verify(chart.yOf(39.5) > chart.yOf(70) && chart.yOf(39.5) < chart.yOf(9))
        }
    }
}
