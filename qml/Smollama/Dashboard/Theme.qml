// SPDX-License-Identifier: GPL-3.0-or-later
// Colours, sizes and fonts of the dashboard. Sizes are designed for the 800×480 touchscreen.
// A kiosk grows them with its screen (scale), so a larger touchscreen looks the same, only
// larger; a desktop window keeps them (scale 1) and shows more tiles when it is larger, with a
// denser bar at the top (dense).
pragma Singleton
import QtQuick

QtObject {
    property bool dark: true
    // Set by Main.qml from the window size; never below 1 so touch targets stay ≥ 48 px.
    property real scale: 1
    // Set by Main.qml for a wide desktop window (pointer and keyboard, not a touchscreen).
    property bool dense: false

    readonly property color background: dark ? "#15181d" : "#f3f4f6"
    readonly property color surface: dark ? "#222831" : "#ffffff"
    readonly property color surfaceRaised: dark ? "#2c3440" : "#e6e9ee"
    readonly property color text: dark ? "#eef1f5" : "#14171c"
    readonly property color textDim: dark ? "#a4adba" : "#515a66"
    readonly property color accent: dark ? "#4fb3ff" : "#0a66c2"
    readonly property color ok: dark ? "#3ecf6e" : "#1c8a43"
    readonly property color warning: dark ? "#f4b73f" : "#a86400"
    readonly property color error: dark ? "#ff6b6b" : "#c62828"
    readonly property color off: dark ? "#6b7480" : "#9aa1ab"
    readonly property color border: dark ? "#38414d" : "#cfd5dd"

    readonly property int touch: Math.round(48 * scale)
    readonly property int spacing: Math.round(8 * scale)
    readonly property int radius: Math.round(8 * scale)
    readonly property int fontCaption: Math.round(18 * scale)
    readonly property int fontBody: Math.round(20 * scale)
    readonly property int fontTitle: Math.round(24 * scale)
    readonly property int fontValue: Math.round(40 * scale)

    // A reading tile's designed size: a wider window gets more of them, not larger ones.
    readonly property int tileWidth: Math.round(184 * scale)
    readonly property int tileHeight: Math.round(132 * scale)
    // The bar's buttons and text: touch-sized, or smaller in a dense desktop window.
    readonly property int barButton: dense ? Math.round(36 * scale) : touch
    readonly property int barFont: dense ? fontCaption : fontBody

    function qualityColor(quality) {
        if (quality === "error")
            return error
        if (quality === "stale")
            return warning
        if (quality === "none")
            return off
        return ok
    }

    function severityColor(severity) {
        if (severity === "error")
            return error
        if (severity === "warning")
            return warning
        if (severity === "off")
            return off
        return ok
    }
}
