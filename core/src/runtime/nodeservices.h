// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Smollama {

class Agent;
class NodeDirectory;
class OllamaClient;
class PluginManager;
class ReadingBus;
class ReadingHistory;
class ReadingManager;
class RuleEngine;
class ToolRegistry;

/*!
    The parts of a started node that its faces (the HTTP API, the dashboard) serve: only classes
    of libsmollama-core, so a face can live in a library of its own. None is owned, all outlive
    the face; tools, agent, rules and ollama may be null. NodeRuntime::services() fills it.
*/
struct NodeServices
{
    PluginManager *plugins = nullptr;
    ReadingBus *bus = nullptr;
    ReadingManager *readings = nullptr;
    ReadingHistory *history = nullptr;
    ToolRegistry *tools = nullptr;
    Agent *agent = nullptr;
    RuleEngine *rules = nullptr;
    OllamaClient *ollama = nullptr;
    /*! The nodes of the fleet, this one included. */
    NodeDirectory *nodes = nullptr;
    QString nodeName;
    /*! Why safe mode is on; empty when it is off (decided at start, never changes after). */
    QString safeModeReason;
};

} // namespace Smollama
