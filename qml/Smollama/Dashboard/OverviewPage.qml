// SPDX-License-Identifier: GPL-3.0-or-later
// A tile per source, grouped by plugin instance. Tapping a tile opens its detail page.
import QtQuick
import QtQuick.Controls.Basic
import Smollama.Dashboard

Flickable {
    id: page
    objectName: "overviewPage"
    property ReadingsModel model
    signal sourceSelected(string source, string label, string unit)

    contentHeight: groups.implicitHeight + 2 * Theme.spacing
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollIndicator.vertical: ScrollIndicator {}

    Text {
        anchors.centerIn: parent
        visible: !page.model || page.model.count === 0
        width: parent.width - 4 * Theme.spacing
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: qsTr("No sensors yet. Enable a sensor plugin in the configuration (plugins section) and restart smollama.")
        font.pixelSize: Theme.fontBody
        color: Theme.textDim
    }

    Column {
        id: groups
        x: Theme.spacing
        y: Theme.spacing
        width: page.width - 2 * Theme.spacing
        spacing: Theme.spacing

        Repeater {
            model: page.model ? page.model.instances : []
            delegate: Column {
                id: group
                required property string modelData
                width: groups.width
                spacing: Theme.spacing / 2

                Text {
                    text: group.modelData
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                }

                Flow {
                    id: flow
                    width: parent.width
                    spacing: Theme.spacing
                    // Tiles fill the row: as many as fit at their designed width.
                    readonly property int columns: Math.max(1, Math.floor((width + spacing) / (Math.round(184 * Theme.scale) + spacing)))
                    readonly property real tileWidth: (width - (columns - 1) * spacing) / columns

                    Repeater {
                        model: page.model
                        delegate: Item {
                            id: cell
                            required property string source
                            required property string instance
                            required property string label
                            required property string valueText
                            required property string unit
                            required property string valueUnit
                            required property string quality
                            required property string message
                            required property var sparkline
                            readonly property bool mine: instance === group.modelData
                            visible: mine
                            width: mine ? flow.tileWidth : 0
                            height: loader.item ? loader.item.height : 0
                            Loader {
                                id: loader
                                active: cell.mine
                                sourceComponent: ReadingTile {
                                    width: flow.tileWidth
                                    source: cell.source
                                    label: cell.label
                                    valueText: cell.valueText
                                    unit: cell.valueUnit
                                    quality: cell.quality
                                    message: cell.message
                                    sparkline: cell.sparkline
                                    onClicked: page.sourceSelected(cell.source, cell.label, cell.unit)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
