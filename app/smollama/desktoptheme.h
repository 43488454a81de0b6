// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <optional>

class QDBusVariant;

namespace Smollama::Gui {

/*!
    The desktop's light or dark preference, so the dashboard can follow it when neither
    dashboard.theme nor --theme chooses: the XDG desktop portal's
    org.freedesktop.appearance color-scheme (GNOME, KDE and others answer it, and say when it
    changes), else a GTK_THEME ending in ":dark". Qt 6.4 has no colour scheme of its own.
*/
class DesktopTheme : public QObject
{
    Q_OBJECT

public:
    explicit DesktopTheme(QObject *parent = nullptr);

    /*! True for dark, false for light, nothing when the desktop does not say. */
    std::optional<bool> prefersDark() const { return m_dark; }

    /*! The value of the portal's color-scheme (1: dark, 2: light, 0: no preference) as a
        preference. */
    static std::optional<bool> fromColorScheme(uint value);
    /*! The preference a GTK_THEME value ("Adwaita:dark") states. */
    static std::optional<bool> fromGtkTheme(const QString &theme);

Q_SIGNALS:
    void changed(bool dark);

private Q_SLOTS:
    void onSettingChanged(const QString &group, const QString &key, const QDBusVariant &value);

private:
    std::optional<bool> m_dark;
};

} // namespace Smollama::Gui
