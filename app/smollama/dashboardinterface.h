// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What smollama and its dashboard library (libsmollama-gui.so, loaded with QPluginLoader only
// when a window is shown, so the headless service never maps Qt Quick) hand each other. Both
// are built from this tree with the same compiler and Qt; the IID's major changes with any
// change to this file, so a stale library is refused by name instead of crashing.

#include <QObject>
#include <QString>
#include <QtPlugin>

class QCoreApplication;

namespace Smollama {
struct DashboardSources;
}

namespace Smollama::Gui {

/*! The window's command-line options (see gui.cpp for their meaning). */
struct GuiOptions
{
    bool kiosk = false;
    bool hideCursor = false;
    bool keyboard = false;
    QString theme;      //!< "light", "dark", or empty for the configuration's
    QString screenshot; //!< hidden: grab the window into this file and quit
    int screenshotAfterMs = 3000;
    QString page;          //!< hidden: the page to show first
    int frameStatsMs = -1; //!< hidden: print frame statistics for this long and quit
};

/*!
    The dashboard library's root object (its QPluginLoader instance).
*/
class DashboardInterface
{
public:
    virtual ~DashboardInterface() = default;

    /*! Creates the QGuiApplication (the on-screen keyboard's input method first, for --kiosk
        and --keyboard). The caller owns it. */
    virtual QCoreApplication *createApplication(int *argc, char **argv) = 0;

    /*! Shows the dashboard over \a sources (not owned, must outlive the result); returns the
        object owning the window (the caller owns it), or null with \a error set. */
    virtual QObject *start(const DashboardSources &sources, const GuiOptions &options,
                           QString *error) = 0;
};

} // namespace Smollama::Gui

#define SMOLLAMA_DASHBOARD_IID "org.smollama.Dashboard/1"
Q_DECLARE_INTERFACE(Smollama::Gui::DashboardInterface, SMOLLAMA_DASHBOARD_IID)
