// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard window: a bar with the pages, the safe-mode banner, the page, and the
// on-screen keyboard when available.
import QtQml
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Smollama.Dashboard

ApplicationWindow {
    id: window
    required property Dashboard dashboard
    property int currentPage: 0

    width: 800
    height: 480
    minimumWidth: 640
    minimumHeight: 400
    color: Theme.background
    title: dashboard.nodeName.length ? qsTr("smollama – %1").arg(dashboard.nodeName) : "smollama"

    Binding { target: Theme; property: "dark"; value: window.dashboard.dark }
    // A kiosk's touchscreen: everything grows with the screen. A desktop window: the designed
    // size, more tiles when it is larger, and a denser bar once it is wide.
    Binding {
        target: Theme; property: "scale"
        value: window.dashboard.kiosk ? Math.max(1, Math.min(window.width / 800, window.height / 480)) : 1
    }
    Binding { target: Theme; property: "dense"; value: !window.dashboard.kiosk && window.width >= 1000 }

    function showPage(page) {
        detail.visible = false
        window.dashboard.history.source = "" // stops refreshing the chart
        window.currentPage = page
    }

    PageShortcuts {
        pageCount: 5
        currentPage: window.currentPage
        detailOpen: detail.visible
        canQuit: !window.dashboard.kiosk
        onPageRequested: (page) => window.showPage(page)
        onBackRequested: detail.back()
        onThemeToggled: window.dashboard.dark = !window.dashboard.dark
        onQuitRequested: window.close()
    }

    // The overview on one node's tiles (from the fleet page); empty: every node.
    property string overviewNode: ""
    function showNode(name) {
        window.overviewNode = name
        window.showPage(0)
    }

    function showDetail(source, label, unit, node) {
        // (This node's history is asked for without a name.)
        dashboard.history.node = node === dashboard.readings.localNode ? "" : (node ?? "")
        dashboard.history.source = source
        detail.label = label
        detail.unit = unit
        detail.visible = true
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.barButton + Theme.spacing
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacing
                anchors.rightMargin: Theme.spacing
                spacing: Theme.spacing / 2
                Text {
                    Layout.fillWidth: true
                    Layout.minimumWidth: Theme.touch
                    text: window.dashboard.nodeName
                    font.pixelSize: Theme.barFont
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Repeater {
                    model: [qsTr("Overview"), qsTr("Outputs"), qsTr("Agent"), qsTr("Plugins"), qsTr("Fleet")]
                    delegate: TouchButton {
                        id: tab
                        required property int index
                        required property string modelData
                        objectName: "tab" + tab.index
                        implicitHeight: Theme.barButton
                        font.pixelSize: Theme.barFont
                        text: tab.modelData + (tab.index === 3 && window.dashboard.plugins.problems > 0
                                               ? " (" + window.dashboard.plugins.problems + ")"
                                               : tab.index === 4 && window.dashboard.fleet.offline > 0
                                               ? " (" + window.dashboard.fleet.offline + ")" : "")
                        highlighted: window.currentPage === tab.index && !detail.visible
                        Accessible.description: "Ctrl+" + (tab.index + 1)
                        onClicked: window.showPage(tab.index)
                    }
                }
                TouchButton {
                    objectName: "themeToggle"
                    implicitHeight: Theme.barButton
                    font.pixelSize: Theme.barFont
                    text: window.dashboard.dark ? "☀" : "☾"
                    Accessible.name: window.dashboard.dark ? qsTr("Light theme") : qsTr("Dark theme")
                    onClicked: window.dashboard.dark = !window.dashboard.dark
                }
            }
        }

        Banner {
            objectName: "offlineBanner"
            Layout.fillWidth: true
            tone: Theme.error
            visible: window.dashboard.offlineReason.length > 0
            text: qsTr("%1 (%2) does not answer: %3. The values shown are old; trying again.")
                  .arg(window.dashboard.nodeName).arg(window.dashboard.remoteUrl)
                  .arg(window.dashboard.offlineReason)
        }

        Banner {
            objectName: "safeModeBanner"
            Layout.fillWidth: true
            visible: window.dashboard.safeModeReason.length > 0
            text: qsTr("Safe mode: only builtin plugins are loaded (%1).").arg(window.dashboard.safeModeReason)
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            StackLayout {
                anchors.fill: parent
                currentIndex: window.currentPage
                OverviewPage {
                    model: window.dashboard.readings
                    nodeFilter: window.overviewNode
                    onSourceSelected: (source, label, unit, node) => window.showDetail(source, label, unit, node)
                    onAllNodesRequested: window.overviewNode = ""
                }
                OutputsPage {
                    outputModel: window.dashboard.outputs
                }
                AgentPage { conversation: window.dashboard.conversation }
                PluginsPage { pluginModel: window.dashboard.plugins }
                FleetPage {
                    fleetModel: window.dashboard.fleet
                    onNodeSelected: (name) => window.showNode(name)
                }
            }

            DetailPage {
                id: detail
                anchors.fill: parent
                visible: false
                history: window.dashboard.history
                onBack: {
                    visible = false
                    window.dashboard.history.source = ""
                }
            }
        }

        Loader {
            id: keyboard
            Layout.fillWidth: true
            Layout.preferredHeight: item ? item.height : 0
            active: window.dashboard.virtualKeyboard
            source: "KeyboardPanel.qml"
            onStatusChanged: {
                if (status === Loader.Error)
                    console.warn("The on-screen keyboard (Qt Virtual Keyboard, qml6-module-qtquick-virtualkeyboard) is not available; use a hardware keyboard or the preset questions")
            }
        }
    }
}
