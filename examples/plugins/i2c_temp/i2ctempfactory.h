// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/pluginfactory.h>

#include <QObject>

namespace Smollama::I2cTemp {

/*!
    The root object of libsmollama_i2c_temp.so: creates one I2cTempPlugin per configured
    instance.
*/
class I2cTempFactory : public QObject, public PluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SMOLLAMA_PLUGIN_FACTORY_IID FILE "smollama_manifest.json")
    Q_INTERFACES(Smollama::PluginFactory)

public:
    /*! Returns a new I2cTempPlugin; the caller takes ownership. */
    QObject *create() override;
};

} // namespace Smollama::I2cTemp
