// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugininstance.h"
#include "pluginstatus.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace Smollama {

class Config;
class CrashGuard;
class PluginDiscovery;

/*!
    Matches the configured instances with the discovered plugins (PluginManager::resolve(),
    internal to the core): validates each instance's config against its plugin's configSchema
    and fills in defaults, and decides which instances may not load and why: a name used twice,
    --noload, safe mode, a crash that blocked it, enabled: false, a plugin that is missing or
    not usable. --load wins over --noload, safe mode, a crash block and enabled: false.
*/
class PluginResolver
{
public:
    /*! See PluginManager::setCrashGuard(). */
    void setCrashGuard(CrashGuard *guard, bool crashCheck);
    /*! See PluginManager::setSafeMode(). */
    void setSafeMode(const QString &reason);
    QString safeModeReason() const;
    /*! See PluginManager::setLoadOverrides(). */
    void setLoadOverrides(const QStringList &noload, const QStringList &load);

    struct Resolution
    {
        /*! One per configured instance (state Enabled when it may load), sorted by name. */
        std::vector<std::unique_ptr<PluginInstance>> instances;
        /*! A row per discovered plugin that no instance uses. */
        QList<PluginStatus> unusedSpecRows;
    };
    /*! The instances of \a configuration, pointing into the specs of \a discovery. */
    Resolution resolve(const Config &configuration, const PluginDiscovery &discovery) const;

private:
    bool isForced(const PluginInstance &instance) const;

    CrashGuard *m_guard = nullptr;
    bool m_crashCheck = true;
    QString m_safeModeReason;
    QStringList m_noload;
    QStringList m_load;
};

} // namespace Smollama
