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

/*!
    The whole factory of a plugin in one line (SDK 1.1): declares the class \a factory, the
    library's root object, whose create() returns a new \a instanceClass, with the manifest
    that smollama_add_plugin() stamped.

    \code
    // myplugin.cpp
    #include "myplugin.h"
    #include <smollama/pluginfactory.h>

    SMOLLAMA_PLUGIN_FACTORY(MyPluginFactory, MyPlugin)

    #include "myplugin.moc"
    \endcode

    Write it in a .cpp file that ends with `#include "<file>.moc"` (moc must see the macro;
    smollama_add_plugin() tells AutoMoc to look for it). \a instanceClass must be a complete
    type there, derived from QObject and at least one SDK interface.
*/
#define SMOLLAMA_PLUGIN_FACTORY(factory, instanceClass)                                            \
    class factory : public QObject, public Smollama::PluginFactory                                 \
    {                                                                                              \
        Q_OBJECT                                                                                   \
        Q_PLUGIN_METADATA(IID SMOLLAMA_PLUGIN_FACTORY_IID FILE "smollama_manifest.json")           \
        Q_INTERFACES(Smollama::PluginFactory)                                                      \
                                                                                                   \
    public:                                                                                        \
        QObject *create() override                                                                 \
        {                                                                                          \
            try {                                                                                  \
                return new instanceClass;                                                          \
            } catch (...) {                                                                        \
                return nullptr; /* the host reports a null instance */                             \
            }                                                                                      \
        }                                                                                          \
    };
