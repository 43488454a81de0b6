// SPDX-License-Identifier: GPL-3.0-or-later
// A button at least 48 px high (scaled) with the theme's colours.
import QtQuick
import QtQuick.Controls.Basic

Button {
    id: control
    implicitHeight: Theme.touch
    implicitWidth: Math.max(Theme.touch, contentItem.implicitWidth + 2 * Theme.spacing * 2)
    font.pixelSize: Theme.fontBody
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.enabled ? (control.highlighted ? Theme.background : Theme.text) : Theme.textDim
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.highlighted ? Theme.accent
             : control.down ? Theme.border : Theme.surfaceRaised
        border.color: control.activeFocus ? Theme.accent : "transparent"
        border.width: 2
    }
}
