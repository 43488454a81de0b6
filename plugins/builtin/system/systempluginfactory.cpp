// SPDX-License-Identifier: GPL-3.0-or-later
#include "systempluginfactory.h"

#include "systemplugin.h"

namespace Smollama {

QObject *SystemPluginFactory::create()
{
    // No exception may cross the plugin boundary; the host reports a null instance.
    try {
        return new SystemPlugin;
    } catch (...) {
        return nullptr;
    }
}

} // namespace Smollama
