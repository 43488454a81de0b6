// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Smollama {

class Agent;
class OllamaClient;
class PluginManager;
class ReadingBus;
class ReadingHistory;
class ReadingManager;
class RuleEngine;
class ToolRegistry;

/*!
    What the dashboard shows, taken from a started NodeRuntime. Only classes of
    libsmollama-core, so the dashboard can live in its own library that the headless process
    never loads. None is owned; tools, agent, rules and ollama may be null.
*/
struct DashboardSources
{
    ReadingManager *readings = nullptr;
    ReadingHistory *history = nullptr;
    ReadingBus *bus = nullptr;
    PluginManager *plugins = nullptr;
    ToolRegistry *tools = nullptr;
    Agent *agent = nullptr;
    RuleEngine *rules = nullptr;
    OllamaClient *ollama = nullptr;
    QString nodeName;
    QString safeModeReason;
    QString theme; //!< dashboard.theme from the configuration: "light", "dark" or empty
};

} // namespace Smollama
