// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QCommandLineParser;
class QCoreApplication;

namespace Smollama {
class Config;
class NodeRuntime;
class RemoteNode;
} // namespace Smollama

/*!
    The window side of the smollama process, as main() sees it: deciding between a window and
    headless, the window's options, and the dashboard library (libsmollama-gui.so), which is
    loaded only when a window is shown so the headless service never maps Qt Quick.
*/
namespace Smollama::Gui {

/*! True when smollama should open a window: not --headless, and --kiosk, -platform or a
    display (DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM) is there. Looks at the raw arguments
    because the application object depends on it. Sets \a notice when --kiosk is given but
    cannot be shown. */
bool wanted(int argc, char **argv, QString *notice);

/*! Loads the dashboard library and creates the QGuiApplication; call it first thing in
    main(). Null, with \a error set, when the library cannot be loaded (smollama then runs
    headless). */
std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv, QString *error);

/*! Adds --kiosk, --hide-cursor, --theme, --keyboard and the hidden test options (also to a
    headless run, which accepts and ignores them). */
void addOptions(QCommandLineParser &parser);

/*! Shows the dashboard over \a runtime (started, not owned, must outlive the result) with the
    options in \a parser; its agent page can also ask \a peers (not owned, must outlive the
    result), the nodes followed over their API. Returns the object that owns the window; null, with
   \a error set, when it could not be shown. */
std::unique_ptr<QObject> start(NodeRuntime *runtime, const QList<RemoteNode *> &peers,
                               const QCommandLineParser &parser, QString *error);

/*! Shows the dashboard over \a remote (started, not owned, must outlive the result): another
    node followed over its HTTP API (--connect). Only a \a primary window takes the hidden
    test options (--screenshot, --page, --frame-stats). */
std::unique_ptr<QObject> startRemote(RemoteNode *remote, const QList<RemoteNode *> &peers,
                                     const Config &config, const QCommandLineParser &parser,
                                     bool primary, QString *error);

} // namespace Smollama::Gui
