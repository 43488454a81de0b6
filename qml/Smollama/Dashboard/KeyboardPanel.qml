// SPDX-License-Identifier: GPL-3.0-or-later
// The on-screen keyboard (Qt Virtual Keyboard). Loaded through a Loader, so the dashboard
// runs without the module; the panel takes space only while a text field is being edited.
import QtQuick
import QtQuick.VirtualKeyboard

InputPanel {
    id: panel
    visible: active
    height: active ? implicitHeight : 0
}
