// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugininstance.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace Smollama {

class Config;

/*!
    Finds the plugin libraries and reads their manifests (PluginManager::discover()), and loads
    a library once an instance of it is about to be created (internal to the core).

    Discovery reads every library's manifest with QPluginLoader::metaData() (through the
    ManifestCache), without loading any library; it checks the interface, the Qt version, the
    manifest schema and the SDK stamp. The first plugin of a name wins; a later one is a
    Conflict.
*/
class PluginDiscovery
{
public:
    /*! See PluginManager::defaultBuiltinPluginDir(). */
    static QString defaultBuiltinDir();

    void setBuiltinDir(const QString &dir);
    void setExtraPaths(const QStringList &dirs);

    /*! See PluginManager::searchPaths(); \a config gives plugins.paths and
        plugins.install_dir. */
    QStringList searchPaths(const Config &config) const;

    /*! Forgets what an earlier call found, then reads the libraries of searchPaths(). The
        instances pointing into the old specs must be gone. */
    void discover(const Config &config);
    /*! Forgets every spec (their libraries are unloaded once nothing uses them). */
    void clear();

    /*! In the order they were found. */
    const std::vector<std::unique_ptr<PluginSpec>> &specs() const;
    /*! The usable plugin named \a name; else one of that name that is not usable (but no
        Conflict), so its reason can be shown; null when there is none. */
    PluginSpec *findSpec(const QString &name) const;
    /*! A discovered library that is not a usable plugin but whose file or folder is named for
        \a module ("x": libx.so, x.so, x/...). */
    PluginSpec *findUnusableLibrary(const QString &module) const;

    /*! Loads the library of \a spec the first time and installs its translations. Returns
        whether it has a PluginFactory; when not, spec->loadState and spec->loadError say why
        in a sentence a person can act on (a missing shared library is MissingDependencies). */
    static bool ensureLoaded(PluginSpec *spec);

private:
    QString m_builtinDir = defaultBuiltinDir();
    QStringList m_extraPaths;
    std::vector<std::unique_ptr<PluginSpec>> m_specs;
};

} // namespace Smollama
