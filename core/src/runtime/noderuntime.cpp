// SPDX-License-Identifier: GPL-3.0-or-later
#include "noderuntime.h"

#include "agent/agent.h"
#include "agent/ollamaclient.h"
#include "agent/ruleengine.h"
#include "fleet/nodedirectory.h"
#include "history/historystore.h"
#include "history/readinghistory.h"
#include "http/httpapi.h"
#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "readings/sinkdispatcher.h"
#include "runtime/memorywatch.h"
#include "tools/coretools.h"
#include "tools/toolregistry.h"

#include <smollama/version.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRuntime, "smollama.runtime")

namespace Smollama {

// The translation context of this file's messages (docs/translations.md).
class RuntimeTr
{
    Q_DECLARE_TR_FUNCTIONS(PluginManager)
};

NodeRuntime::NodeRuntime(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_plugins(std::make_unique<PluginManager>())
    , m_bus(std::make_unique<ReadingBus>())
    , m_nodes(std::make_unique<NodeDirectory>(config.nodeName()))
    , m_readings(std::make_unique<ReadingManager>(m_plugins.get(), m_bus.get()))
    , m_sinks(std::make_unique<SinkDispatcher>(m_plugins.get(), m_bus.get()))
    , m_history(std::make_unique<ReadingHistory>(
          ReadingHistory::Limits::fromConfig(config.section(QStringLiteral("history")))))
{
    m_plugins->setConfig(config);
    const double setupTimeoutS = config.section(QStringLiteral("plugins"))
                                     .value(QLatin1String("setup_timeout_s"))
                                     .toDouble();
    m_plugins->setTimeouts(int(setupTimeoutS * 1000), 5000);
    m_bus->setNodeName(config.nodeName());
    m_history->setLocalNode(config.nodeName());
    m_nodes->setLocalFacts(QStringLiteral(SMOLLAMA_VERSION_STRING), QString());
    m_nodes->setOfflineAfter(qint64(config.section(QStringLiteral("readings"))
                                        .value(QLatin1String("node_offline_after_s"))
                                        .toDouble() *
                                    1000));
    m_readings->setNodeDirectory(m_nodes.get());
    // Both are thread-safe: readings are noted in the publishing thread, what a bridge says of
    // a node in the bridge's.
    connect(
        m_bus.get(), &ReadingBus::readingPublished, this,
        [nodes = m_nodes.get()](const Reading &r) { nodes->noteReading(r); }, Qt::DirectConnection);
    connect(
        m_plugins.get(), &PluginManager::nodeUpdated, this,
        [nodes = m_nodes.get()](const QString &instance, const QString &node,
                                const QJsonObject &facts) { nodes->update(instance, node, facts); },
        Qt::DirectConnection);
    m_readings->applyConfig(config.section(QStringLiteral("readings")));
    m_pruneTimer.setInterval(60 * 1000);
    connect(&m_pruneTimer, &QTimer::timeout, this,
            [this] { m_history->prune(QDateTime::currentMSecsSinceEpoch()); });
    // History subscribers are thread-safe: they take readings in the publishing thread.
    connect(
        m_bus.get(), &ReadingBus::readingPublished, this,
        [history = m_history.get()](const Reading &r) { history->add(r); }, Qt::DirectConnection);
    // An instance whose setup() succeeded on a later attempt: ReadingManager polls it, its
    // tools join the registry here.
    connect(m_plugins.get(), &PluginManager::instanceReady, this, [this](const QString &name) {
        const QStringList problems =
            m_tools ? m_tools->registerPluginTools(m_plugins.get(), name) : QStringList();
        for (const QString &p : problems) {
            qCWarning(lcRuntime, "%s", qPrintable(p));
        }
    });
}

NodeRuntime::~NodeRuntime()
{
    stop();
}

void NodeRuntime::checkStart()
{
    if (!m_running || m_startFinished) {
        return;
    }
    if (!m_settled && !m_plugins->setupsPending()) {
        m_settled = true;
        Q_EMIT pluginsSettled();
    }
    if (m_settled && m_readings->pendingFirstReads() == 0) {
        m_startFinished = true;
        m_guard->startFinished();
        m_memory->rebase();
    }
}

bool NodeRuntime::pluginsHaveSettled() const
{
    return m_settled;
}

void NodeRuntime::setStartOptions(const StartOptions &options)
{
    m_startOptions = options;
}

QString NodeRuntime::safeModeReason() const
{
    return m_plugins->safeModeReason();
}

void NodeRuntime::setExtraPluginPaths(const QStringList &dirs)
{
    m_plugins->setExtraPluginPaths(dirs);
}

void NodeRuntime::setBuiltinPluginDir(const QString &dir)
{
    m_plugins->setBuiltinPluginDir(dir);
}

void NodeRuntime::start()
{
    if (m_running) {
        return;
    }
    m_running = true;

    HistoryStore::Options options =
        HistoryStore::Options::fromConfig(m_config.section(QStringLiteral("history")));
    options.localNode = m_config.nodeName();
    if (options.persist) {
        m_store = std::make_unique<HistoryStore>();
        if (m_store->open(options)) {
            const qint64 since = QDateTime::currentMSecsSinceEpoch() - 24LL * 3600 * 1000;
            const qint64 loaded = m_store->loadInto(*m_history, since);
            qCInfo(lcRuntime, "History: %s (%lld values of the last 24 h loaded)",
                   qPrintable(m_store->databasePath()), static_cast<long long>(loaded));
            // Sources of other nodes keep short memory tiers; the file answers the rest.
            m_history->setArchive(m_store.get());
            connect(
                m_bus.get(), &ReadingBus::readingPublished, this,
                [store = m_store.get()](const Reading &r) { store->enqueue(r); },
                Qt::DirectConnection);
        }
        // open() logged why it is not available; smollama runs on without persistence.
    } else {
        qCInfo(lcRuntime, "History persistence is off (history.persist: false)");
    }

    // A plugin that took the process down last time is skipped; three starts in a row that
    // never finished turn on safe mode (builtin plugins only).
    m_guard = std::make_unique<CrashGuard>();
    if (m_startOptions.crashCheck) {
        const QStringList blamed = m_guard->recoverFromCrash();
        for (const QString &name : blamed) {
            qCWarning(lcRuntime,
                      "Plugin instance %s crashed the last run; it is skipped until "
                      "`smollama-cli plugin enable %s`",
                      qPrintable(name), qPrintable(name));
        }
    }
    // From now on a fatal signal writes down which instance's code the crashing thread ran.
    m_guard->arm();
    const int unfinished = m_guard->beginStart();
    QString safeMode;
    if (m_startOptions.safeMode) {
        safeMode = RuntimeTr::tr("started with --safe-mode");
    } else if (unfinished >= 3 && m_startOptions.crashCheck) {
        safeMode = RuntimeTr::tr("the last %1 starts did not finish").arg(unfinished);
    }
    if (!safeMode.isEmpty()) {
        qCWarning(lcRuntime, "Safe mode: only builtin plugins are loaded (%s)",
                  qPrintable(safeMode));
    }
    m_plugins->setSafeMode(safeMode);
    m_plugins->setHostServices(hostServices());
    m_plugins->setCrashGuard(m_guard.get(), m_startOptions.crashCheck);
    m_plugins->setLoadOverrides(m_startOptions.noload, m_startOptions.load);

    m_plugins->prepare();
    // Nothing waits for a plugin: each instance is set up on its own thread, so a setup() that
    // hangs delays neither the others' readings nor the API nor a stop request. Instances are
    // polled and their tools registered as they come up (instanceReady()).
    m_plugins->initializePlugins(false);
    // In the usual case every setup() answers at once: take those answers in (at most 1 s), so
    // the API, the first reads and the log start with the instances loaded.
    m_plugins->waitForSetups(1000);
    // Sinks get the bus's readings from now on; one whose setup() answers later is attached
    // when it is ready (instanceReady()).
    m_sinks->start();
    // The start has finished once every setup() has answered and every sensor has done its
    // first read.
    const auto check = [this] {
        QMetaObject::invokeMethod(this, &NodeRuntime::checkStart, Qt::QueuedConnection);
    };
    connect(m_readings.get(), &ReadingManager::readCompleted, this, check);
    connect(m_plugins.get(), &PluginManager::statusChanged, this, check);
    m_readings->start();
    // A plugin that leaks grows the whole process: watched, and reported by health.
    m_memory = std::make_unique<MemoryWatch>(m_config.section(QStringLiteral("memory")));
    m_memory->start();
    check();
    startAgent();
    startHttp();
    // Memory is bounded anyway; pruning lets sources that went quiet age out of the 24 h.
    m_pruneTimer.start();
    Q_EMIT started();
}

void NodeRuntime::stop()
{
    if (!m_running) {
        return;
    }
    m_running = false;
    m_pruneTimer.stop();
    if (m_memory) {
        m_memory->stop();
    }
    // The API goes first: no request may reach the tools or the agent while they stop.
    if (m_http) {
        m_http->stop();
        m_http.reset();
    }
    if (m_agent) {
        m_agent->cancel();
    }
    if (m_tools) {
        // Plugin tools go before their plugins are torn down.
        for (PluginInstance *inst : m_plugins->runningInstances()) {
            m_tools->unregisterOwner(inst->name());
        }
    }
    m_readings->stop();
    m_sinks->stop();
    // The history is written before the plugins are torn down, so a plugin that hangs in
    // teardown() cannot cost it; readings arriving later are not kept.
    if (m_store) {
        m_store->flush();
    }
    m_plugins->shutdownPlugins();
    // A plugin left behind may still publish: nothing may reach the history any more.
    disconnect(m_bus.get(), &ReadingBus::readingPublished, this, nullptr);
    if (m_store) {
        m_history->setArchive(nullptr); // waits for queries reading it
        m_store->flush();
        m_store->close();
    }
    if (m_guard) {
        m_guard->stoppedCleanly(); // a clean stop is a finished run
        m_guard->disarm();
    }
}

PluginManager::HostServices NodeRuntime::hostServices()
{
    PluginManager::HostServices host;
    host.nodeName = m_config.nodeName();
    // Tools and the agent are created after the plugins are set up: look them up per call.
    host.callTool = [this](const QString &name, const QJsonObject &arguments, QObject *receiver,
                           std::function<void(const ToolResult &)> done) {
        if (!m_tools) {
            done(ToolResult::error(RuntimeTr::tr("%1: the tools are not ready yet").arg(name)));
            return;
        }
        m_tools->callAsync(name, arguments, receiver,
                           [done](const ToolResult &result) { done(result); });
    };
    host.ask = [this](const QString &question, QObject *receiver,
                      std::function<void(const QString &, const QString &)> done) {
        if (!m_agent) {
            done(QString(), RuntimeTr::tr("the agent is not ready yet"));
            return;
        }
        // Each question of a plugin is a conversation of its own, forgotten when answered.
        const QString id = QStringLiteral("plugin-%1").arg(++m_pluginQuestions);
        auto connections = std::make_shared<QList<QMetaObject::Connection>>();
        auto finished = std::make_shared<bool>(false);
        auto finish = [this, id, connections, finished, done](const QString &answer,
                                                              const QString &error) {
            if (*finished) {
                return; // ask() refused after its failed() already answered
            }
            *finished = true;
            for (const QMetaObject::Connection &c : std::as_const(*connections)) {
                disconnect(c);
            }
            connections->clear();
            done(answer, error);
            if (m_agent) {
                QMetaObject::invokeMethod(
                    m_agent.get(), [agent = m_agent.get(), id] { agent->reset(id); },
                    Qt::QueuedConnection);
            }
        };
        connections->append(connect(m_agent.get(), &Agent::answered, receiver,
                                    [id, finish](const QString &conversation, const QString &text) {
                                        if (conversation == id) {
                                            finish(text, QString());
                                        }
                                    }));
        connections->append(connect(
            m_agent.get(), &Agent::failed, receiver,
            [id, finish](const QString &conversation, const QString &message, const QString &) {
                if (conversation == id) {
                    finish(QString(), message);
                }
            }));
        if (!m_agent->ask(question, id)) {
            finish(QString(), RuntimeTr::tr("the agent has too many questions waiting"));
        }
    };
    return host;
}

void NodeRuntime::startAgent()
{
    m_tools = std::make_unique<ToolRegistry>();
    QStringList problems =
        registerCoreTools(m_tools.get(), {m_readings.get(), m_history.get(), m_plugins.get()});
    problems += m_tools->registerPluginTools(m_plugins.get());
    for (const QString &p : std::as_const(problems)) {
        qCWarning(lcRuntime, "%s", qPrintable(p));
    }
    m_ollama = std::make_unique<OllamaClient>(OllamaSettings::fromConfig(m_config));
    m_agent = std::make_unique<Agent>(m_ollama.get(), m_tools.get());
    m_agent->configure(m_config);

    m_rules = std::make_unique<RuleEngine>();
    m_rules->setAgent(m_agent.get());
    // A malformed rule is reported (by the engine, naming it) and left out; the others run.
    m_rules->setRules(
        m_config.section(QStringLiteral("agent")).value(QStringLiteral("rules")).toArray());
    if (!m_rules->rules().isEmpty()) {
        // Rules see every reading, in batches on this thread.
        RuleEngine *rules = m_rules.get();
        m_bus->subscribe(rules, [rules](const QList<Reading> &batch) {
            for (const Reading &r : batch) {
                rules->onReading(r);
            }
        });
        connect(rules, &RuleEngine::notification, this,
                [](const QString &rule, const QString &text, const QJsonObject &) {
                    qCInfo(lcRuntime, "Rule %s: %s", qPrintable(rule), qPrintable(text));
                });
        qCInfo(lcRuntime, "%s",
               qPrintable(QCoreApplication::translate("NodeRuntime",
                                                      "%n agent rule(s) watch the readings",
                                                      nullptr, int(m_rules->rules().size()))));
    }

    // Say at start whether the agent can work: Ollama reachable, the model installed and able
    // to call tools. Nothing waits for the answer.
    const QString url = m_ollama->settings().baseUrlText();
    const QString model = m_ollama->settings().model;
    m_ollama->version(this, [this, url, model](const QJsonObject &answer, const QString &error) {
        if (!error.isEmpty()) {
            qCWarning(lcRuntime, "Agent: %s", qPrintable(error));
            return;
        }
        const QString version = answer.value(QStringLiteral("version")).toString();
        m_ollama->capabilities(
            model, this,
            [url, model, version](const QStringList &capabilities, const QString &capError) {
                if (!capError.isEmpty()) {
                    qCWarning(lcRuntime, "Agent: Ollama %s at %s: %s", qPrintable(version),
                              qPrintable(url), qPrintable(capError));
                } else if (!capabilities.contains(QStringLiteral("tools"))) {
                    qCWarning(lcRuntime,
                              "Agent: model %s does not support tools; choose a "
                              "tool-capable model (ollama.model)",
                              qPrintable(model));
                } else {
                    qCInfo(lcRuntime, "Agent: Ollama %s at %s, model %s (tools)",
                           qPrintable(version), qPrintable(url), qPrintable(model));
                }
            });
    });
}

void NodeRuntime::startHttp()
{
    const HttpApi::Settings settings =
        HttpApi::Settings::fromConfig(m_config.section(QStringLiteral("http")));
    if (!settings.enabled) {
        qCInfo(lcRuntime, "HTTP API is off (http.enabled: false)");
        return;
    }
    m_http = std::make_unique<HttpApi>(services(), settings);
    // A busy port is logged (naming http.port) and smollama runs on without the API.
    if (m_http->start()) {
        // GET /api/nodes shows where this node's API is reached.
        m_nodes->setLocalFacts(QStringLiteral(SMOLLAMA_VERSION_STRING), m_http->url());
    }
}

NodeServices NodeRuntime::services() const
{
    NodeServices s;
    s.plugins = m_plugins.get();
    s.bus = m_bus.get();
    s.readings = m_readings.get();
    s.history = m_history.get();
    s.tools = m_tools.get();
    s.agent = m_agent.get();
    s.rules = m_rules.get();
    s.ollama = m_ollama.get();
    s.nodes = m_nodes.get();
    s.memory = m_memory.get();
    s.nodeName = m_config.nodeName();
    s.safeModeReason = safeModeReason();
    return s;
}

MemoryWatch *NodeRuntime::memory() const
{
    return m_memory.get();
}

HttpApi *NodeRuntime::http() const
{
    return m_http.get();
}

OllamaClient *NodeRuntime::ollama() const
{
    return m_ollama.get();
}

ToolRegistry *NodeRuntime::tools() const
{
    return m_tools.get();
}

Agent *NodeRuntime::agent() const
{
    return m_agent.get();
}

RuleEngine *NodeRuntime::rules() const
{
    return m_rules.get();
}

PluginManager *NodeRuntime::plugins() const
{
    return m_plugins.get();
}

ReadingBus *NodeRuntime::bus() const
{
    return m_bus.get();
}

ReadingManager *NodeRuntime::readings() const
{
    return m_readings.get();
}

NodeDirectory *NodeRuntime::nodes() const
{
    return m_nodes.get();
}

SinkDispatcher *NodeRuntime::sinks() const
{
    return m_sinks.get();
}

ReadingHistory *NodeRuntime::history() const
{
    return m_history.get();
}

const Config &NodeRuntime::config() const
{
    return m_config;
}

bool NodeRuntime::hasAbandonedPlugins() const
{
    return m_plugins->hasAbandonedInstances();
}

} // namespace Smollama
