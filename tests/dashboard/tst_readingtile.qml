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
        name: "ReadingTile"
        width: 400
        height: 300
        when: windowShown

        Component {
            id: tileComponent
            ReadingTile {
                width: 184
                height: 132
                label: "CPU temperature"
                valueText: "48.3"
                unit: "°C"
                sparkline: [47, 48, 48.3]
            }
        }

        Component {
            id: spyComponent
            SignalSpy {}
        }

        function test_quality_data() {
            return [
                { tag: "ok", quality: "ok", message: "", value: "48.3", unit: "°C",
                  qualityShown: false, qualityText: "", border: Theme.border, spark: true },
                { tag: "stale", quality: "stale", message: "no reading for 15 s", value: "48.3",
                  unit: "°C", qualityShown: true, qualityText: "stale: no reading for 15 s",
                  border: Theme.warning, spark: true },
                { tag: "error", quality: "error", message: "device 0x76 did not answer",
                  value: "—", unit: "", qualityShown: true,
                  qualityText: "error: device 0x76 did not answer", border: Theme.error,
                  spark: false },
                { tag: "waiting", quality: "none", message: "", value: "—", unit: "",
                  qualityShown: true, qualityText: "waiting", border: Theme.off, spark: true }
            ]
        }

        function test_quality(data) {
            const tile = createTemporaryObject(tileComponent, root,
                                               { quality: data.quality, message: data.message })
            verify(tile)
            waitForRendering(tile)
            compare(findChild(tile, "valueLabel").text, data.value)
            const quality = findChild(tile, "qualityLabel")
            compare(quality.visible, data.qualityShown)
            if (data.qualityShown)
                compare(quality.text, data.qualityText)
            verify(Qt.colorEqual(tile.border.color, data.border),
                   "border " + tile.border.color + ", expected " + data.border)
            compare(findChild(tile, "sparkline").visible, data.spark)

            // What is drawn: the border in the quality's colour at the tile's edge.
            const image = grabImage(tile)
            const edge = image.pixel(tile.width / 2, 0)
            verify(Qt.colorEqual(edge, data.border), "edge pixel " + edge + ", expected " + data.border)
        }

        function test_valueIsDrawn() {
            const tile = createTemporaryObject(tileComponent, root, { quality: "ok" })
            waitForRendering(tile)
            const value = findChild(tile, "valueLabel")
            const image = grabImage(tile)
            // Some pixel of the value's glyphs has the text colour.
            let found = false
            for (let x = value.x; x < value.x + value.width && !found; ++x) {
                for (let y = value.y; y < value.y + value.height && !found; y += 2)
                    found = Qt.colorEqual(image.pixel(x, y), Theme.text)
            }
            verify(found, "no pixel of the value was drawn")
        }

        function test_tapOpensDetail() {
            const tile = createTemporaryObject(tileComponent, root, { quality: "ok" })
            const spy = createTemporaryObject(spyComponent, testCase,
                                              { target: tile, signalName: "clicked" })
            mouseClick(tile)
            compare(spy.count, 1)
        }

        function test_longLabelWrapsBeforeEliding() {
            const tile = createTemporaryObject(tileComponent, root,
                                               { quality: "ok", label: "Disk used (/srv/media)" })
            waitForRendering(tile)
            const name = findChild(tile, "nameLabel")
            compare(name.lineCount, 2)
            compare(name.truncated, false)
            // Longer still: two lines, then cut short; the value stays whole below it.
            const longer = createTemporaryObject(tileComponent, root, {
                quality: "ok", label: "Disk used (/media/usb-stick-with-a-very-long-label/backups)" })
            waitForRendering(longer)
            const name2 = findChild(longer, "nameLabel")
            compare(name2.lineCount, 2)
            verify(name2.truncated)
            const value = findChild(longer, "valueLabel")
            verify(value.parent.y >= name2.y + name2.height - 1)
            verify(value.parent.y + value.height <= longer.height)
        }

        function test_touchTarget() {
            const tile = createTemporaryObject(tileComponent, root, {})
            verify(tile.implicitHeight >= 48)
            verify(Theme.fontCaption >= 18)
        }
}
}
