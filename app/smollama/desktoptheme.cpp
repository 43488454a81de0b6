// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktoptheme.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>

namespace Smollama::Gui {

namespace {
const QString s_service = QStringLiteral("org.freedesktop.portal.Desktop");
const QString s_path = QStringLiteral("/org/freedesktop/portal/desktop");
const QString s_interface = QStringLiteral("org.freedesktop.portal.Settings");
const QString s_group = QStringLiteral("org.freedesktop.appearance");
const QString s_key = QStringLiteral("color-scheme");

// The portal wraps the value in one or two variants, depending on its version.
QVariant unwrap(QVariant value)
{
    while (value.canConvert<QDBusVariant>() && value.userType() == qMetaTypeId<QDBusVariant>()) {
        value = value.value<QDBusVariant>().variant();
    }
    return value;
}
} // namespace

DesktopTheme::DesktopTheme(QObject *parent)
    : QObject(parent)
{
    m_dark = fromGtkTheme(qEnvironmentVariable("GTK_THEME"));
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        return;
    }
    QDBusMessage read =
        QDBusMessage::createMethodCall(s_service, s_path, s_interface, QStringLiteral("Read"));
    read << s_group << s_key;
    // Short: a desktop without a portal must not hold up the window.
    const QDBusMessage reply = bus.call(read, QDBus::Block, 500);
    if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()) {
        bool ok = false;
        const uint value = unwrap(reply.arguments().constFirst()).toUInt(&ok);
        if (ok) {
            if (const std::optional<bool> dark = fromColorScheme(value)) {
                m_dark = dark;
            }
        }
    }
    // (QtDBus connects signals only by signature.)
    bus.connect(s_service, s_path, s_interface, QStringLiteral("SettingChanged"), this,
                SLOT(onSettingChanged(QString, QString, QDBusVariant)));
}

std::optional<bool> DesktopTheme::fromColorScheme(uint value)
{
    switch (value) {
    case 1:
        return true;
    case 2:
        return false;
    default:
        return std::nullopt;
    }
}

std::optional<bool> DesktopTheme::fromGtkTheme(const QString &theme)
{
    if (theme.isEmpty()) {
        return std::nullopt;
    }
    return theme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive) ||
           theme.endsWith(QLatin1String("-dark"), Qt::CaseInsensitive);
}

void DesktopTheme::onSettingChanged(const QString &group, const QString &key,
                                    const QDBusVariant &value)
{
    if (group != s_group || key != s_key) {
        return;
    }
    bool ok = false;
    const std::optional<bool> dark = fromColorScheme(unwrap(value.variant()).toUInt(&ok));
    if (ok && dark && dark != m_dark) {
        m_dark = dark;
        Q_EMIT changed(*dark);
    }
}

} // namespace Smollama::Gui
