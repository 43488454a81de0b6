// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QSharedDataPointer>
#include <QString>
#include <QStringList>

namespace Smollama {

class PluginMetadataData;

/*!
    A plugin's manifest: the "MetaData" object of its Q_PLUGIN_METADATA JSON, read without
    loading the library.

    \code
    {
      "name": "i2c_temp", "version": "1.2.0", "author": "Jo Maker <jo@example.org>",
      "description": "BME280 temperature, pressure and humidity over I2C",
      "type": "sensor", "dependencies": ["i2c-dev"],
      "configSchema": {"type": "object", "properties": {"bus": {"type": "integer", "default": 1}}}
    }
    \endcode

    The build adds "sdkVersion" (see smollama_add_plugin()).
*/
class SMOLLAMA_EXPORT PluginMetadata
{
public:
    PluginMetadata();
    /*! Reads a manifest object. Missing fields stay empty: validation is the loader's job. */
    explicit PluginMetadata(const QJsonObject &manifest);
    PluginMetadata(const PluginMetadata &other);
    PluginMetadata &operator=(const PluginMetadata &other);
    ~PluginMetadata();

    /*! The unique plugin name, `[a-z][a-z0-9_]*`. */
    QString name() const;
    /*! A semantic version ("1.2.0"). */
    QString version() const;
    QString author() const;
    QString description() const;
    /*! "sensor", "tool", "sink" (SDK 1.1), or several. */
    QStringList types() const;
    bool isSensor() const;
    bool isTool() const;
    /*! True when the plugin consumes readings (ReadingSink, SDK 1.1). */
    bool isSink() const;
    /*! What the plugin needs, for people: ["libgpiod>=1.6"]. */
    QStringList dependencies() const;
    /*! JSON Schema (draft 7) of the instance configuration, with defaults. */
    QJsonObject configSchema() const;
    /*! The SDK version the plugin was built against ("1.0"); empty when not stamped. */
    QString sdkVersion() const;
    /*! The whole manifest as written. */
    QJsonObject toJson() const;

private:
    QSharedDataPointer<PluginMetadataData> d;
};

} // namespace Smollama
