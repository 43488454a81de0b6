// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/toolprovider.h>

namespace Smollama {

/*!
    A plugin instance that offers tools: the Plugin lifecycle plus ToolProvider. Declare
    Q_INTERFACES(Smollama::Plugin Smollama::ToolProvider). A plugin that is both a sensor and
    a tool derives from Plugin, ReadingProvider and ToolProvider and declares all three:

    \code
    class MyPlugin : public QObject, public Smollama::SensorPlugin, public Smollama::ToolProvider
    {
        Q_OBJECT
        Q_INTERFACES(Smollama::Plugin Smollama::ReadingProvider Smollama::ToolProvider)
        ...
    };
    \endcode

    with "type": ["sensor", "tool"] in plugin.json and TYPE sensor,tool in smollama_add_plugin().
*/
class ToolPlugin : public Plugin, public ToolProvider
{
};

} // namespace Smollama
