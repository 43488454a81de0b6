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

        function childrenNamed(item, name) {
            const out = []
            for (let i = 0; i < item.children.length; ++i) {
                if (item.children[i].objectName === name)
                    out.push(item.children[i])
            }
            return out
        }

        function test_empty() {
            const chart = createTemporaryObject(chartComponent, root, { series: [] })
            waitForRendering(chart)
            compare(childrenNamed(chart, "singlePoint").length, 0)
            compare(childrenNamed(chart, "valueTick").length, 0)
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
            compare(childrenNamed(chart, "singlePoint").length, 1)
            compare(chart.dataLow, 9)
            compare(chart.dataHigh, 11)
        }

        function test_manyPoints() {
            const chart = createTemporaryObject(chartComponent, root,
                                                { series: series(60), average: 39.5 })
            waitForRendering(chart)
            compare(childrenNamed(chart, "singlePoint").length, 0)
            // The band spans every point's min to max: low and high of the whole range.
            compare(chart.dataLow, 9)
            compare(chart.dataHigh, 70)
            // The axis ends on round gridlines around them.
            verify(chart.low <= 9 && chart.high >= 70)
            const line = chart.pathOf("v")
            compare(line.length, 60)
            compare(line[0].x, chart.plotLeft)
            compare(line[59].x, chart.plotLeft + chart.plotWidth)
            verify(line[59].y < line[0].y)  // rising values go up
            compare(chart.linesOf("v").length, 1) // no gap: one line
            // The average lies between the extremes.
            verify(chart.yOf(39.5) > chart.yOf(70) && chart.yOf(39.5) < chart.yOf(9))
        }

        function test_gridlines() {
            const chart = createTemporaryObject(chartComponent, root,
                                                { series: series(60), average: 39.5 })
            waitForRendering(chart)
            // A few round values (9..70 → 0, 20, 40, 60, 80), each with its label.
            const ticks = childrenNamed(chart, "valueTick")
            verify(ticks.length >= 3 && ticks.length <= 8, ticks.length)
            compare(chart.valueTicks[1] - chart.valueTicks[0], chart.valueStep)
            for (let i = 0; i < ticks.length; ++i)
                verify(ticks[i].label.length > 0)
            // An hour has time ticks on round minutes, labelled with the time of day.
            const times = childrenNamed(chart, "timeTick")
            verify(times.length >= 2, times.length)
            for (let j = 0; j < times.length; ++j) {
                verify(times[j].modelData >= chart.fromMs && times[j].modelData <= chart.toMs)
                verify(times[j].label.length > 0)
            }
        }

        function test_valueLabelsUseTheUnit() {
            const big = []
            for (let i = 0; i < 10; ++i)
                big.push({ t: i * 360000, v: 20000 + 400 * i, min: 20000 + 400 * i, max: 20000 + 400 * i })
            const chart = createTemporaryObject(chartComponent, root, { series: big, unit: "MiB" })
            waitForRendering(chart)
            // 20000 MiB is written in GiB, as on the tiles.
            verify(chart.valueLabels.length > 0)
            for (let i = 0; i < chart.valueLabels.length; ++i)
                verify(chart.valueLabels[i].endsWith("GiB"), chart.valueLabels[i])
        }

        function test_gapBreaksTheLine() {
            // Readings, then 40 minutes without any (the node was off), then readings again.
            const s = []
            for (let i = 0; i < 10; ++i)
                s.push({ t: i * 60000, v: 10, min: 10, max: 10, gap: false })
            for (let j = 0; j < 10; ++j)
                s.push({ t: 3000000 + j * 60000, v: 12, min: 12, max: 12, gap: j === 0 })
            s.push({ t: 3590000, v: 11, min: 11, max: 11, gap: true }) // alone after a gap
            const chart = createTemporaryObject(chartComponent, root, { series: s })
            waitForRendering(chart)
            const lines = chart.linesOf("v")
            compare(lines.length, 2)
            compare(lines[0].length, 10)
            compare(lines[1].length, 10)
            compare(childrenNamed(chart, "isolatedPoint").length, 1)
            // Nothing is drawn across the gap: the pixel in its middle, on the line's height,
            // has no line colour.
            const image = grabImage(chart)
            const x = Math.round(chart.xOf(1800000))
            let hit = false
            for (let y = 0; y < chart.plotHeight; ++y) {
                if (Qt.colorEqual(image.pixel(x, y), Theme.accent))
                    hit = true
            }
            verify(!hit, "a line was drawn across the gap")
        }

        function test_errorsAreMarked() {
            const chart = createTemporaryObject(chartComponent, root,
                                                { series: series(10), errors: [600000, 1200000] })
            waitForRendering(chart)
            const marks = childrenNamed(chart, "errorMark")
            compare(marks.length, 2)
            verify(Qt.colorEqual(marks[0].color, Theme.error))
            fuzzyCompare(marks[1].x + marks[1].width / 2, chart.xOf(1200000), 1)
        }
    }
}
