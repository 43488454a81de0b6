// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/pluginfactory.h>

#include <QObject>

namespace Smollama {

/*!
    The root object of libsmollama_modbus.so: creates one ModbusPlugin per configured instance.
*/
class ModbusPluginFactory : public QObject, public PluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SMOLLAMA_PLUGIN_FACTORY_IID FILE "smollama_manifest.json")
    Q_INTERFACES(Smollama::PluginFactory)

public:
    /*! Returns a new ModbusPlugin; the caller takes ownership. */
    QObject *create() override;
};

} // namespace Smollama
