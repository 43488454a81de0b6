// SPDX-License-Identifier: GPL-3.0-or-later
#include "i2ctempfactory.h"

#include "i2ctempplugin.h"

namespace Smollama::I2cTemp {

QObject *I2cTempFactory::create()
{
    return new I2cTempPlugin;
}

} // namespace Smollama::I2cTemp
