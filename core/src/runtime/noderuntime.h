// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "runtime/nodeservices.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace Smollama {

class Agent;
class CrashGuard;
class OllamaClient;
class RuleEngine;
class ToolRegistry;
class HistoryStore;
class HttpApi;
class NodeDirectory;
class PluginManager;
class ReadingBus;
class ReadingHistory;
class ReadingManager;
class SinkDispatcher;

/*!
    Everything the smollama process runs, wired together: plugins, the reading bus, polling,
    in-memory history and its SQLite persistence. The headless daemon, the desktop window and
    the kiosk all run one NodeRuntime; the programs only parse arguments.
*/
class NodeRuntime : public QObject
{
    Q_OBJECT

public:
    explicit NodeRuntime(const Config &config, QObject *parent = nullptr);
    ~NodeRuntime() override;

    /*! How the plugins are chosen at start (the command line's --safe-mode, --noload, --load,
        --no-crashcheck). */
    struct StartOptions
    {
        bool safeMode = false;
        bool crashCheck = true;
        QStringList noload;
        QStringList load;
    };
    void setStartOptions(const StartOptions &options);

    void setExtraPluginPaths(const QStringList &dirs);
    /*! Overrides the builtin plugin folder (tests). */
    void setBuiltinPluginDir(const QString &dir);

    /*! Loads history from disk, sets up the plugins and starts polling. */
    void start();
    /*! Stops polling, tears every plugin down (bounded in time) and flushes the history.
        Safe to call twice. */
    void stop();

    PluginManager *plugins() const;
    ReadingBus *bus() const;
    ReadingManager *readings() const;
    /*! The nodes of the fleet (this one and those whose readings a bridge brings). */
    NodeDirectory *nodes() const;
    /*! Feeds the reading sinks (exporters, bridges). */
    SinkDispatcher *sinks() const;
    ReadingHistory *history() const;
    const Config &config() const;
    /*! The tools (core and plugin tools), the agent and its rules; valid after start(). */
    ToolRegistry *tools() const;
    Agent *agent() const;
    RuleEngine *rules() const;
    /*! The Ollama client the agent uses (the dashboard shows whether it is reachable). */
    OllamaClient *ollama() const;
    /*! The HTTP API; null when http.enabled is false or before start(). isListening() says
        whether it could bind its port; serverPort() gives the port (http.port: 0 picks one). */
    HttpApi *http() const;

    /*! The parts the HTTP API and the dashboard serve; valid after start(). */
    NodeServices services() const;

    /*! True when a plugin never returned from a call and its thread was left behind. */
    bool hasAbandonedPlugins() const;

    /*! Why safe mode is on ("--safe-mode", "the last 3 starts did not finish"); empty when
        it is off. */
    QString safeModeReason() const;

Q_SIGNALS:
    void started();

private:
    PluginManager::HostServices hostServices();
    void startAgent();
    void startHttp();

private:
    Config m_config;
    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<ReadingBus> m_bus;
    std::unique_ptr<NodeDirectory> m_nodes;
    std::unique_ptr<ReadingManager> m_readings;
    std::unique_ptr<SinkDispatcher> m_sinks;
    std::unique_ptr<ReadingHistory> m_history;
    std::unique_ptr<HistoryStore> m_store;
    std::unique_ptr<CrashGuard> m_guard;
    std::unique_ptr<ToolRegistry> m_tools;
    std::unique_ptr<OllamaClient> m_ollama;
    std::unique_ptr<Agent> m_agent;
    std::unique_ptr<RuleEngine> m_rules;
    std::unique_ptr<HttpApi> m_http;
    StartOptions m_startOptions;
    QTimer m_pruneTimer;
    bool m_running = false;
    quint64 m_pluginQuestions = 0;
};

} // namespace Smollama
