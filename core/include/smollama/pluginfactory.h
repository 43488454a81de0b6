// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QtPlugin>

namespace Smollama {

/*!
    The root object of a plugin library. The host creates one instance object per configured
    instance, so two BME280 sensors on one bus are two instances of one plugin.

    \code
    class MyFactory : public QObject, public Smollama::PluginFactory
    {
        Q_OBJECT
        Q_PLUGIN_METADATA(IID SMOLLAMA_PLUGIN_FACTORY_IID FILE "smollama_manifest.json")
        Q_INTERFACES(Smollama::PluginFactory)
    public:
        QObject *create() override { return new MySensor; }
    };
    \endcode

    "smollama_manifest.json" is your plugin.json with the SDK stamp added; smollama_add_plugin()
    in CMake generates it.
*/
class PluginFactory
{
public:
    virtual ~PluginFactory() = default;

    /*! Returns a new instance object implementing Plugin and ReadingProvider and/or
        ToolProvider. The caller takes ownership. Do no I/O here: setup() does that. */
    virtual QObject *create() = 0;
};

} // namespace Smollama

#define SMOLLAMA_PLUGIN_FACTORY_IID "org.smollama.PluginFactory/1"
Q_DECLARE_INTERFACE(Smollama::PluginFactory, SMOLLAMA_PLUGIN_FACTORY_IID)
