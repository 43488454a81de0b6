// SPDX-License-Identifier: GPL-3.0-or-later
#include "modbuspluginfactory.h"

#include "modbusplugin.h"

namespace Smollama {

QObject *ModbusPluginFactory::create()
{
    // No exception may cross the plugin boundary; the host reports a null instance.
    try {
        return new ModbusPlugin;
    } catch (...) {
        return nullptr;
    }
}

} // namespace Smollama
