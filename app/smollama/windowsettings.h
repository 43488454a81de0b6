// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSettings>

class QQuickWindow;

namespace Smollama::Gui {

/*!
    What the dashboard window remembers between runs (QSettings: ~/.config/smollama/
    dashboard.conf): its size, whether it was maximised, and the page that was open.
*/
class WindowSettings
{
public:
    WindowSettings();

    /*! The size from the last run, unless \a keepSize (a kiosk, or -qwindowgeometry given);
        returns true when the window should be shown maximised. */
    bool restoreSize(QQuickWindow *window, bool keepSize);
    /*! The page from the last run (0: overview … 3: plugins). */
    void restorePage(QQuickWindow *window);
    /*! Remembers the page, and the size unless \a keepSize (a kiosk). */
    void save(QQuickWindow *window, bool keepSize);

private:
    QSettings m_settings;
};

} // namespace Smollama::Gui
