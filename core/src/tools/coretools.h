// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QStringList>

namespace Smollama {

class PluginManager;
class ReadingHistory;
class ReadingManager;
class ToolRegistry;

/*! What the core tools read; a null member leaves its tools out. */
struct CoreToolSources
{
    ReadingManager *readings = nullptr; //!< list_sources, read_source
    ReadingHistory *history = nullptr;  //!< get_reading_history
    PluginManager *plugins = nullptr;   //!< plugin_status
};

/*! Registers list_sources(node?), read_source(source, node?), get_reading_history(source,
    minutes, node?) and plugin_status(name?) with \a registry. Without a node the reading tools
    are about this node's sources (list_sources lists every node's); with one they reach the
    sources of that node of the fleet. The tools run on the registry's thread, so the
    objects in \a sources must live there. Returns the registration errors (name conflicts). */
SMOLLAMA_EXPORT QStringList registerCoreTools(ToolRegistry *registry,
                                              const CoreToolSources &sources);

} // namespace Smollama
