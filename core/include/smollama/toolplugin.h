// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/plugin.h>
#include <smollama/toolprovider.h>

namespace Smollama {

/*!
    A plugin instance that offers tools: the Plugin lifecycle plus ToolProvider. Declare
    Q_INTERFACES(Smollama::Plugin Smollama::ToolProvider). A plugin that is both a sensor and
    a tool derives from Plugin, ReadingProvider and ToolProvider and declares all three.
*/
class ToolPlugin : public Plugin, public ToolProvider
{
};

} // namespace Smollama
