// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/pluginmetadata.h>
#include <smollama/reading.h>

#include <QJsonObject>
#include <QString>

namespace Smollama {

/*!
    What the host gives a plugin instance at setup(). It stays valid until teardown() returns.
*/
class PluginContext
{
public:
    virtual ~PluginContext() = default;

    /*! The instance name from the configuration ("system", "greenhouse_bme280"). */
    virtual QString instanceName() const = 0;

    /*! The plugin's manifest: name, version, config schema, ... */
    virtual PluginMetadata metadata() const = 0;

    /*! The validated configuration with defaults filled in (the one setup() received). */
    virtual QJsonObject config() const = 0;

    /*! Publishes a reading now, outside the poll cycle (an input edge, an event). Give the local
        source id; the host prefixes the instance name. Safe to call from any thread. */
    virtual void publish(const Reading &reading) = 0;
};

} // namespace Smollama
