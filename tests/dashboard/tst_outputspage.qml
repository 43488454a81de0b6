// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Smollama.Dashboard

// relayBoard and relayOutputs come from tst_dashboardqml.cpp: an OutputsModel over a tool
// registry with one relay tool.
Item {
    id: root
    width: 800
    height: 300

    TestCase {
        name: "OutputsPage"
        when: windowShown

        Component {
            id: pageComponent
            OutputsPage {
                width: 800
                height: 300
            }
        }

        function findSwitch(item) {
            if (item.objectName === "outputSwitch")
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findSwitch(item.children[i])
                if (found)
                    return found
            }
            return null
        }

        function test_toggleCallsTheTool() {
            const page = createTemporaryObject(pageComponent, root, { outputModel: relayOutputs })
            tryCompare(page, "count", 1)
            waitForRendering(page)
            const toggle = findSwitch(page.contentItem)
            verify(toggle)
            verify(toggle.height >= 48)
            compare(toggle.checked, false)

            mouseClick(toggle)
            // The tool runs on a worker; the toggle follows the answer.
            tryCompare(relayBoard, "calls", ["pump on"])
            tryCompare(toggle, "checked", true)

            mouseClick(toggle)
            tryCompare(relayBoard, "calls", ["pump on", "pump off"])
            tryCompare(toggle, "checked", false)
        }
    }
}
