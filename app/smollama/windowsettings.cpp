// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowsettings.h"

#include <QQuickWindow>
#include <QScreen>

namespace Smollama::Gui {

namespace {
const QString s_size = QStringLiteral("window/size");
const QString s_maximized = QStringLiteral("window/maximized");
const QString s_page = QStringLiteral("window/page");
constexpr int s_pages = 5;
} // namespace

WindowSettings::WindowSettings()
    : m_settings(QStringLiteral("smollama"), QStringLiteral("dashboard"))
{
}

bool WindowSettings::restoreSize(QQuickWindow *window, bool keepSize)
{
    if (keepSize) {
        return false;
    }
    QSize size = m_settings.value(s_size).toSize();
    if (size.isValid()) {
        // Never larger than the screen it opens on (the last run may have had a larger one).
        if (const QScreen *screen = window->screen()) {
            size = size.boundedTo(screen->availableSize());
        }
        window->resize(size.expandedTo(window->minimumSize()));
    }
    return m_settings.value(s_maximized, false).toBool();
}

void WindowSettings::restorePage(QQuickWindow *window)
{
    const int page = m_settings.value(s_page, 0).toInt();
    if (page > 0 && page < s_pages) {
        window->setProperty("currentPage", page);
    }
}

void WindowSettings::save(QQuickWindow *window, bool keepSize)
{
    m_settings.setValue(s_page, window->property("currentPage").toInt());
    if (!keepSize) {
        const bool maximized = window->visibility() == QWindow::Maximized;
        m_settings.setValue(s_maximized, maximized);
        if (!maximized && window->visibility() != QWindow::FullScreen) {
            m_settings.setValue(s_size, window->size());
        }
    }
    m_settings.sync();
}

} // namespace Smollama::Gui
