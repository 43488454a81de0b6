// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QCommandLineParser;
class QCoreApplication;

namespace Smollama {
class NodeRuntime;
}

/*!
    The dashboard window of the smollama process: deciding between a window and headless,
    creating the QGuiApplication, its command-line options, and showing Main.qml over a running
    NodeRuntime.
*/
namespace Smollama::Gui {

/*! True when smollama should open a window: not --headless, and --kiosk, -platform or a
    display (DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM) is there. Looks at the raw arguments
    because the application object depends on it. */
bool wanted(int argc, char **argv);

/*! The QGuiApplication; call it first thing in main(). Turns on the on-screen keyboard's input
    method for --kiosk and --keyboard when Qt Virtual Keyboard is installed. */
std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv);

/*! Adds --kiosk, --hide-cursor, --theme, --keyboard and the hidden test options. */
void addOptions(QCommandLineParser &parser);

/*! Shows the dashboard over \a runtime (started, not owned, must outlive the result) with the
    options in \a parser. Returns the object that owns the window; null, with \a error set, when
    the QML could not be loaded. */
std::unique_ptr<QObject> start(NodeRuntime *runtime, const QCommandLineParser &parser,
                               QString *error);

} // namespace Smollama::Gui
