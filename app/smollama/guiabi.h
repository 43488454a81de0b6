// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What smollama and its dashboard library (libsmollama-gui.so, loaded only when a window is
// shown, so the headless service never maps Qt Quick) hand each other. Both are built from
// this tree with the same compiler and Qt; the entry points have C names for dlsym.

#include <QString>

class QCoreApplication;
class QObject;

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

/*! Creates the QGuiApplication (the on-screen keyboard's input method first, for --kiosk and
    --keyboard). */
using CreateApplicationFunction = QCoreApplication *(*)(int *argc, char **argv);
/*! Shows the dashboard; returns the object owning the window, or null with \a error set. */
using StartFunction = QObject *(*)(const Smollama::DashboardSources *sources,
                                   const GuiOptions *options, QString *error);

inline constexpr char s_createApplicationSymbol[] = "smollama_gui_create_application";
inline constexpr char s_startSymbol[] = "smollama_gui_start";

} // namespace Smollama::Gui
