// SPDX-License-Identifier: GPL-3.0-or-later
#include "%{PluginName}factory.h"

#include "%{PluginName}plugin.h"

namespace %{ClassName} {

QObject *%{ClassName}Factory::create()
{
    // No I/O here: setup() does that.
    return new %{ClassName}Plugin;
}

} // namespace %{ClassName}
