// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolexamplefactory.h"

#include "toolexampleplugin.h"

namespace Smollama::ToolExample {

QObject *ToolExampleFactory::create()
{
    return new ToolExamplePlugin;
}

} // namespace Smollama::ToolExample
