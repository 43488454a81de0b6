// SPDX-License-Identifier: GPL-3.0-or-later
// A tile per source, grouped by node (this node first, then the others by name) and within a
// node by plugin instance. Tapping a tile opens its detail page. With nodes other than this one,
// each node's tiles are headed by its name and whether it is online; an offline node's tiles
// show their last values as stale. nodeFilter shows one node only.
//
// Tiles keep their designed size (Theme.tileWidth × Theme.tileHeight): a wider window gets
// more columns, not larger tiles. Only whole rows are shown: a row that does not fit is hidden
// under the hint at the bottom ("▼ 12 more"), and scrolling stops at row boundaries, so no tile
// is ever cut through its value.
import QtQuick
import QtQuick.Controls.Basic
import Smollama.Dashboard

Flickable {
    id: page
    objectName: "overviewPage"
    property ReadingsModel model
    /*! The node whose tiles are shown; empty: every node, grouped. */
    property string nodeFilter: ""
    signal sourceSelected(string source, string label, string unit, string node)
    signal allNodesRequested()

    // A node's header: only when the page shows more than this node, or one node chosen.
    readonly property bool nodeHeaders: nodeFilter.length > 0
                                        || (model !== null && model.nodes.length > 1)
    readonly property real nodeTitleHeight: Math.max(titleMetrics.height + Theme.spacing, Theme.touch * (nodeFilter.length > 0 ? 1 : 0))

    readonly property real margin: Theme.spacing
    readonly property real gap: Theme.spacing
    readonly property real titleHeight: titleMetrics.height + Theme.spacing / 2
    readonly property real innerWidth: Math.max(1, width - 2 * margin)
    // As many columns as fit at the designed width; the tiles share what is left over.
    readonly property int columns: Math.max(1, Math.floor((innerWidth + gap) / (Theme.tileWidth + gap)))
    readonly property real tileWidth: (innerWidth - (columns - 1) * gap) / columns
    readonly property real tileHeight: Theme.tileHeight

    // The layout, from the model's groups: where each group's title and each row of tiles is.
    // rows: [{top, bottom}] in content coordinates (titles and tile rows, top to bottom).
    readonly property var layout: {
        const sizes = model ? model.instanceSizes : []
        const names = model ? model.instances : []
        const owners = model ? model.groupNodes : []
        const online = model ? model.nodesOnline : ({})
        const groups = []
        const rows = []
        const nodes = []
        let y = margin
        let first = 0
        let lastNode = null
        if (nodeFilter.length > 0 && owners.indexOf(nodeFilter) < 0) {
            // A chosen node without readings (yet): its header alone.
            nodes.push({ name: nodeFilter, online: online[nodeFilter] ?? false, top: y })
            y += nodeTitleHeight
        }
        for (let g = 0; g < sizes.length; ++g) {
            const n = sizes[g]
            const node = owners[g] ?? ""
            if (nodeFilter.length > 0 && node !== nodeFilter) {
                groups.push({ name: "", hidden: true, top: 0, tilesTop: 0, first: first, count: n })
                first += n
                continue
            }
            if (nodeHeaders && node !== lastNode) {
                nodes.push({ name: node, online: online[node] ?? true, top: y })
                rows.push({ top: y, bottom: y + nodeTitleHeight, title: true })
                y += nodeTitleHeight
            }
            lastNode = node
            const tilesTop = y + titleHeight
            const rowCount = Math.ceil(n / columns)
            groups.push({ name: names[g] ?? "", hidden: false, top: y, tilesTop: tilesTop, first: first, count: n })
            rows.push({ top: y, bottom: tilesTop, title: true })
            for (let r = 0; r < rowCount; ++r) {
                const top = tilesTop + r * (tileHeight + gap)
                rows.push({ top: top, bottom: top + tileHeight, title: false })
            }
            y = tilesTop + rowCount * (tileHeight + gap)
            first += n
        }
        return { groups: groups, rows: rows, nodes: nodes, height: Math.max(y - gap + margin, 0) }
    }
    function groupOf(index) {
        const groups = layout.groups
        for (let g = 0; g < groups.length; ++g) {
            if (index < groups[g].first + groups[g].count)
                return groups[g]
        }
        return null
    }
    function tileX(index) {
        const g = groupOf(index)
        return g ? margin + ((index - g.first) % columns) * (tileWidth + gap) : 0
    }
    function tileY(index) {
        const g = groupOf(index)
        return g ? g.tilesTop + Math.floor((index - g.first) / columns) * (tileHeight + gap) : 0
    }

    // Whole rows only: the hint covers what is below the last row that fits.
    readonly property bool moreBelow: contentHeight > contentY + height + 1
    readonly property real hintHeight: Math.max(Theme.touch * 0.6, hintText.implicitHeight + Theme.spacing)
    readonly property real shownBottom: {
        if (!moreBelow)
            return contentY + height
        const limit = contentY + height - hintHeight
        let bottom = contentY
        const rows = layout.rows
        // (Tile rows only: a group's title without a row of its tiles goes behind the hint.)
        for (let i = 0; i < rows.length; ++i) {
            if (!rows[i].title && rows[i].bottom <= limit && rows[i].top >= contentY - 0.5)
                bottom = Math.max(bottom, rows[i].bottom)
        }
        return bottom
    }
    readonly property int hiddenBelow: {
        let n = 0
        const groups = layout.groups
        for (let g = 0; g < groups.length; ++g) {
            if (groups[g].hidden)
                continue
            for (let k = 0; k < groups[g].count; ++k) {
                const top = groups[g].tilesTop + Math.floor(k / columns) * (tileHeight + gap)
                if (top + tileHeight > shownBottom + 0.5)
                    ++n
            }
        }
        return n
    }

    // Scrolling ends on a row's top, so the first row is never cut either.
    function snap() {
        const rows = layout.rows
        let best = 0
        for (let i = 0; i < rows.length; ++i) {
            const top = Math.max(0, rows[i].top - margin)
            if (Math.abs(top - contentY) < Math.abs(best - contentY))
                best = top
        }
        contentY = Math.min(best, Math.max(0, contentHeight - height))
    }
    onMovementEnded: snap()
    // The mouse wheel and the scroll hint move the page without a flick: snap once it rests.
    onContentYChanged: settle.restart()
    Timer {
        id: settle
        interval: 250
        onTriggered: {
            if (!page.moving && !page.dragging)
                page.snap()
        }
    }

    contentHeight: layout.height
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollIndicator.vertical: ScrollIndicator {}

    TextMetrics {
        id: titleMetrics
        font.pixelSize: Theme.fontTitle
        font.bold: true
        text: "Ag"
    }

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

    // A node's name, whether it is online, and the way back to all nodes when one is chosen.
    Repeater {
        model: page.layout.nodes
        delegate: Item {
            id: nodeHeader
            required property var modelData
            objectName: "nodeHeader_" + modelData.name
            property bool online: modelData.online
            x: page.margin
            y: modelData.top
            width: page.innerWidth
            height: page.nodeTitleHeight - Theme.spacing / 2
            Rectangle {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: 2
                color: nodeHeader.online ? Theme.border : Theme.warning
            }
            Row {
                anchors.verticalCenter: parent.verticalCenter
                spacing: Theme.spacing
                Text {
                    text: nodeHeader.modelData.name
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    anchors.baseline: parent.children[0].baseline
                    text: (nodeHeader.online ? "● " : "○ ")
                          + (nodeHeader.online ? qsTr("online") : qsTr("offline – values are old"))
                    font.pixelSize: Theme.fontBody
                    color: nodeHeader.online ? Theme.ok : Theme.warning
                }
            }
            TouchButton {
                objectName: "allNodesButton"
                visible: page.nodeFilter.length > 0
                anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                implicitHeight: Math.min(Theme.touch, parent.height)
                text: qsTr("All nodes")
                onClicked: page.allNodesRequested()
            }
        }
    }

    Repeater {
        model: page.layout.groups
        delegate: Text {
            required property var modelData
            visible: !modelData.hidden
            x: page.margin
            y: modelData.top
            width: page.innerWidth
            text: modelData.name
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
            elide: Text.ElideRight
        }
    }

    Repeater {
        model: page.model
        delegate: Item {
            id: cell
            required property int index
            required property string source
            required property string node
            required property string label
            required property string valueText
            required property string unit
            required property string valueUnit
            required property string quality
            required property string message
            required property var sparkline
            readonly property var group: { page.layout; return page.groupOf(index) }
            visible: group !== null && !group.hidden
            x: page.tileX(index)
            y: page.tileY(index)
            width: page.tileWidth
            height: page.tileHeight
            ReadingTile {
                anchors.fill: parent
                source: cell.source
                node: cell.node
                label: cell.label
                valueText: cell.valueText
                unit: cell.valueUnit
                quality: cell.quality
                message: cell.message
                sparkline: cell.sparkline
                // Whole inside the part of the page that the hint does not cover.
                shown: cell.visible && cell.y >= page.contentY - 0.5 && cell.y + cell.height <= page.shownBottom + 0.5
                onClicked: page.sourceSelected(cell.source, cell.label, cell.unit, cell.node)
            }
        }
    }

    // Over the content, at the bottom of the page: what does not fit is behind it.
    Rectangle {
        id: hint
        objectName: "scrollHint"
        parent: page
        visible: page.moreBelow
        x: 0
        y: page.shownBottom - page.contentY
        width: page.width
        height: page.height - y
        color: Theme.background
        z: 2
        Rectangle {
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: 1
            color: Theme.border
        }
        Text {
            id: hintText
            anchors.centerIn: parent
            text: "▼ " + qsTr("%n more below", "", page.hiddenBelow)
            font.pixelSize: Theme.fontCaption
            color: Theme.textDim
        }
        MouseArea {
            anchors.fill: parent
            // A tap on the hint scrolls down by what is shown.
            onClicked: {
                page.contentY = Math.min(page.contentHeight - page.height,
                                         page.shownBottom - page.margin)
                page.snap()
            }
        }
    }
}
