// SPDX-License-Identifier: GPL-3.0-or-later
#include "gpiopluginfactory.h"

#include "gpioplugin.h"

namespace Smollama {

QObject *GpioPluginFactory::create()
{
    // No exception may cross the plugin boundary; the host reports a null instance.
    try {
        return new GpioPlugin;
    } catch (...) {
        return nullptr;
    }
}

} // namespace Smollama
