// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Smollama {

/*! Where a plugin or instance stands. The names (stateName()) are part of the CLI's and the
    HTTP API's JSON contract. */
enum class PluginState {
    Loaded,              //!< set up and running
    Degraded,            //!< running, but reads time out or fail (reason says which)
    Retrying,            //!< setup() failed for a reason that may pass; tried again later
    Restarting,          //!< its plugin host process ended; started again after a delay
    Stuck,               //!< a read() has not returned for five read timeouts
    Enabled,             //!< dry run: everything checked, would load
    Disabled,            //!< switched off in the configuration, or not configured
    MissingDependencies, //!< checkDependencies() failed or a shared library is missing
    InvalidConfig,       //!< the instance's config does not match the plugin's schema
    Incompatible,        //!< bad manifest, wrong SDK/ABI, not a smollama plugin
    Failed,              //!< setup() failed or threw, or the plugin could not be loaded
    Conflict,            //!< a name, instance, source or tool is already taken
};

/*! What `plugin list` shows for one plugin instance (or one plugin without an instance). */
struct SMOLLAMA_EXPORT PluginStatus
{
    QString name;     //!< the plugin (manifest name)
    QString instance; //!< the instance name; empty for a plugin with no instance
    QString version;
    QString author;
    QString description;
    QStringList types;
    QStringList dependencies;
    QString path; //!< the plugin library
    PluginState state = PluginState::Disabled;
    QString reason;
    bool builtin = false;
    /*! Where the instance runs: "process" (a plugin host process of its own) or "inprocess";
        "auto" while no plugin of that name was found (docs/resilience.md). */
    QString isolation;
    /*! For a reading sink that has run: the bound of its queue (0 for other instances), the
        readings written to it and those dropped because it did not keep up. */
    int sinkQueue = 0;
    qint64 sinkDelivered = 0;
    qint64 sinkDropped = 0;

    /*! Keys: name, instance, version, author, description, type, dependencies, path, status,
        reason, builtin, isolation. "type" is a string for one type, an array for several, as in the
        manifest. A sink adds "sink": {queue, delivered, dropped}. */
    QJsonObject toJson() const;
    /*! The inverse of toJson() (what smollama-cli reads from the running instance); an
        unknown status reads as failed. */
    static PluginStatus fromJson(const QJsonObject &object);

    static QString stateName(PluginState state);
    /*! True for the states that need a person's attention. */
    static bool isProblem(PluginState state);
};

} // namespace Smollama

Q_DECLARE_METATYPE(Smollama::PluginStatus)
