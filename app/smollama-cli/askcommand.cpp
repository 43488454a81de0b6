// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-cli ask "question": the agent with this node's tools, streamed to the terminal.
#include "cli.h"
#include "instanceclient.h"
#include "util/jsontext.h"

#include "agent/agent.h"
#include "agent/ollamaclient.h"
#include "history/readinghistory.h"
#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "tools/coretools.h"
#include "tools/toolregistry.h"
#include "util/instancelock.h"
#include "util/unixsignalwatcher.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Smollama::Cli {

namespace {

// Exit codes of ask beyond the shared ones (documented in docs/agent.md).
constexpr int s_exitUnreachable = 3;
constexpr int s_exitNoTools = 4;

// One agent event as the terminal shows it (the same for a local run and the instance's
// stream).
void printEvent(const QJsonObject &e, Output &output, bool &midLine)
{
    const QString type = e.value(QStringLiteral("type")).toString();
    const auto endLine = [&] {
        if (midLine) {
            output.out() << Qt::endl;
            midLine = false;
        }
    };
    if (type == QLatin1String("delta")) {
        output.out() << e.value(QStringLiteral("text")).toString();
        output.out().flush();
        midLine = true;
    } else if (type == QLatin1String("tool_call")) {
        endLine();
        output.out() << output.paint(QStringLiteral("→ %1 %2").arg(
                                         e.value(QStringLiteral("name")).toString(),
                                         compactJsonText(e.value(QStringLiteral("arguments")))),
                                     Output::Color::Dim)
                     << Qt::endl;
    } else if (type == QLatin1String("tool_result")) {
        endLine();
        const bool failed = e.contains(QStringLiteral("error"));
        output.out() << output.paint(QStringLiteral("← %1 %2").arg(
                                         e.value(QStringLiteral("name")).toString(),
                                         failed
                                             ? QStringLiteral("error: ") +
                                                   e.value(QStringLiteral("error")).toString()
                                             : compactJsonText(e.value(QStringLiteral("result")))),
                                     failed ? Output::Color::Yellow : Output::Color::Dim)
                     << Qt::endl;
    } else if (type == QLatin1String("answer")) {
        endLine();
    }
}

} // namespace

// Asks the running instance (its agent, its tools, its model); false when none answers.
static bool askInstance(const QString &question, const Options &options, const Config &config,
                        Output &output, int &exitCode)
{
    InstanceClient client(config);
    if (!client.probe()) {
        return false;
    }
    if (options.verbose) {
        output.err() << Tr::tr("Asking the running smollama at ") << client.baseUrl().toString()
                     << Qt::endl;
    }
    QJsonArray events;
    bool midLine = false;
    QString errorCode;
    QString errorMessage;
    const InstanceClient::Result result = client.postStream(
        QStringLiteral("/api/agent/ask"), QJsonObject{{QStringLiteral("prompt"), question}},
        [&](const QByteArray &line) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            if (e.isEmpty()) {
                return;
            }
            events.append(e);
            if (e.value(QStringLiteral("type")).toString() == QLatin1String("error")) {
                errorCode = e.value(QStringLiteral("code")).toString();
                errorMessage = e.value(QStringLiteral("message")).toString();
            }
            if (!options.json) {
                printEvent(e, output, midLine);
            }
        });
    if (midLine && !options.json) {
        output.out() << Qt::endl;
    }
    if (!result.ok()) {
        output.err() << output.paint(QStringLiteral("smollama-cli: ") +
                                         Tr::tr("the running smollama at %1 did not take the "
                                                "question: %2")
                                             .arg(client.baseUrl().toString(), result.error),
                                     Output::Color::Red)
                     << Qt::endl;
        exitCode = result.status == 401 ? ExitUnusable : ExitFailed;
        return true;
    }
    if (errorCode == QLatin1String("unreachable")) {
        exitCode = s_exitUnreachable;
    } else if (errorCode == QLatin1String("no_tools")) {
        exitCode = s_exitNoTools;
    } else if (!errorCode.isEmpty()) {
        exitCode = ExitFailed;
    }
    if (!errorMessage.isEmpty() && !options.json) {
        output.err() << output.paint(QStringLiteral("smollama-cli: ") + errorMessage,
                                     Output::Color::Red)
                     << Qt::endl;
    }
    if (options.json) {
        output.out() << QJsonDocument(events).toJson(QJsonDocument::Indented);
    }
    return true;
}

int runAskCommand(const Options &options, Output &output)
{
    const QString question = options.positional.mid(1).join(QLatin1Char(' ')).trimmed();
    if (question.isEmpty()) {
        output.err() << Tr::tr(
                            "smollama-cli: ask needs a question, e.g. smollama-cli ask \"How warm "
                            "is the CPU?\"")
                     << Qt::endl;
        return ExitUnusable;
    }
    Config config;
    if (!loadConfig(options, output, config)) {
        return ExitUnusable;
    }
    const bool askNode = !options.dryRun && options.model.isEmpty() && options.ollamaUrl.isEmpty();
    if (askNode) {
        int exitCode = ExitOk;
        if (askInstance(question, options, config, output, exitCode)) {
            return exitCode;
        }
    }
    OllamaSettings settings = OllamaSettings::fromConfig(config);
    if (!options.model.isEmpty()) {
        settings.model = options.model;
    }
    if (!options.ollamaUrl.isEmpty()) {
        settings.baseUrl = QUrl::fromUserInput(options.ollamaUrl);
    }

    // The plugins, as `readings` sets them up, so the tools have readings to give; only while
    // no node runs (held until they are torn down).
    InstanceLock lock;
    if (!lockForLocalPlugins(lock, askNode, output)) {
        return ExitFailed;
    }
    PluginManager plugins;
    // Read only: an instance a crash note blames is skipped here as at the node's next start,
    // and this program writes no note of its own.
    CrashGuard guard;
    plugins.setCrashGuard(&guard);
    plugins.setConfig(config);
    plugins.setExtraPluginPaths(options.pluginPaths);
    ReadingBus bus;
    ReadingHistory history;
    QObject::connect(
        &bus, &ReadingBus::readingPublished, &bus, [&history](const Reading &r) { history.add(r); },
        Qt::DirectConnection);
    ReadingManager readings(&plugins, &bus);
    readings.applyConfig(config.section(QStringLiteral("readings")));
    plugins.prepare();
    plugins.initializePlugins();
    if (options.verbose) {
        for (const PluginStatus &s : plugins.statuses()) {
            if (PluginStatus::isProblem(s.state)) {
                output.err() << QStringLiteral("%1: %2: %3")
                                    .arg(s.instance.isEmpty() ? s.name : s.instance,
                                         PluginStatus::stateName(s.state), s.reason)
                             << Qt::endl;
            }
        }
    }

    QEventLoop loop;
    {
        // The first reads, so read_source has values from the start.
        QObject::connect(&readings, &ReadingManager::readCompleted, &loop, [&] {
            if (readings.pendingFirstReads() == 0) {
                loop.quit();
            }
        });
        readings.start(true);
        if (readings.pendingFirstReads() > 0) {
            loop.exec();
        }
        QObject::disconnect(&readings, &ReadingManager::readCompleted, &loop, nullptr);
    }

    int exitCode = ExitOk;
    QJsonArray events;
    {
        ToolRegistry tools;
        QStringList problems = registerCoreTools(&tools, {&readings, &history, &plugins});
        problems += tools.registerPluginTools(&plugins);
        for (const QString &p : std::as_const(problems)) {
            output.err() << output.paint(p, Output::Color::Yellow) << Qt::endl;
        }
        OllamaClient client(settings);
        Agent agent(&client, &tools);
        agent.configure(config);

        bool midLine = false;
        QString errorCode;
        QString errorMessage;
        QObject::connect(&agent, &Agent::event, &loop, [&](const QJsonObject &e) {
            events.append(e);
            if (options.json) {
                return;
            }
            printEvent(e, output, midLine);
        });
        QObject::connect(&agent, &Agent::failed, &loop,
                         [&](const QString &, const QString &message, const QString &code) {
                             errorCode = code;
                             errorMessage = message;
                         });
        QObject::connect(&agent, &Agent::runFinished, &loop, &QEventLoop::quit);
        UnixSignalWatcher signalWatcher;
        QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &agent,
                         [&agent] { agent.cancel(); });

        agent.ask(question);
        loop.exec();

        if (midLine && !options.json) {
            output.out() << Qt::endl;
        }
        if (errorCode == QLatin1String("unreachable")) {
            exitCode = s_exitUnreachable;
        } else if (errorCode == QLatin1String("no_tools")) {
            exitCode = s_exitNoTools;
            // Name models that do support tools: the installed ones when Ollama says, or a
            // short list of small well-known ones.
            QStringList models;
            bool answered = false;
            client.toolModels(&loop, [&](const QStringList &m) {
                models = m;
                answered = true;
                loop.quit();
            });
            if (!answered) {
                loop.exec();
            }
            if (!models.isEmpty()) {
                errorMessage +=
                    QLatin1Char('\n') +
                    Tr::tr("Installed models that support tools: %1 (use --model NAME or "
                           "set ollama.model)")
                        .arg(models.join(QLatin1String(", ")));
            } else {
                const QStringList known = OllamaClient::wellKnownToolModels();
                errorMessage += QLatin1Char('\n') +
                                Tr::tr("Small models that support tools: %1 — e.g. ollama pull %2, "
                                       "then --model %2")
                                    .arg(known.join(QLatin1String(", ")), known.first());
            }
        } else if (!errorCode.isEmpty()) {
            exitCode = ExitFailed;
        }
        if (!errorMessage.isEmpty() && !options.json) {
            output.err() << output.paint(QStringLiteral("smollama-cli: ") + errorMessage,
                                         Output::Color::Red)
                         << Qt::endl;
        }
    }
    if (options.json) {
        output.out() << QJsonDocument(events).toJson(QJsonDocument::Indented);
        output.out().flush();
    }
    readings.stop();
    plugins.shutdownPlugins();
    return exitCode;
}

} // namespace Smollama::Cli
