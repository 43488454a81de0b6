// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodestartup.h"

#include "runtime/noderuntime.h"
#include "util/i18n.h"
#include "util/logformat.h"
#include "util/residentmemory.h"
#include "util/unixsignalwatcher.h"

#include <smollama/version.h>

#include <QCoreApplication>
#include <QTimer>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace Smollama {

Q_LOGGING_CATEGORY(lcMain, "smollama.main")

namespace {

// However a plugin misbehaves, a stop request ends the process within this time.
constexpr std::chrono::seconds s_shutdownLimit{9};
// When the pages only the start needed leave the resident set: after the first reads.
constexpr int s_trimDelayMs = 3000;

void armShutdownWatchdog()
{
    std::thread([] {
        std::this_thread::sleep_for(s_shutdownLimit);
        std::fprintf(stderr, "<3>smollama.main: shutdown took longer than %lld s; exiting now\n",
                     static_cast<long long>(s_shutdownLimit.count()));
        ::_exit(1);
    }).detach();
}

} // namespace

void NodeStartup::reportLanguage(const QString &language, bool translated)
{
    if (!translated && !isEnglish(language)) {
        qCWarning(lcMain, "%s",
                  qPrintable(QCoreApplication::translate(
                                 "smollama", "No translation for language '%1' (there are: %2); "
                                             "the texts stay in English")
                                 .arg(language, availableLanguages().join(QLatin1String(", ")))));
    }
}

std::optional<Config> NodeStartup::loadConfig(const QString &file, bool verbose)
{
    const QString path = Config::findConfigFile(file);
    Config config = Config::load(path);
    for (const ConfigDiagnostic &d : config.diagnostics()) {
        if (d.severity == ConfigDiagnostic::Severity::Error) {
            qCCritical(lcMain, "%s", qPrintable(d.toString()));
        } else if (d.severity == ConfigDiagnostic::Severity::Warning) {
            qCWarning(lcMain, "%s", qPrintable(d.toString()));
        } else {
            qCInfo(lcMain, "%s", qPrintable(d.toString()));
        }
    }
    if (config.hasErrors()) {
        qCCritical(lcMain, "%s",
                   qPrintable(QCoreApplication::translate(
                                  "smollama", "The configuration %1 has errors; fix them "
                                              "(smollama-cli config check -c %1 lists them) "
                                              "and start again")
                                  .arg(path)));
        return std::nullopt;
    }
    if (!verbose) {
        setLogLevel(
            config.section(QStringLiteral("log")).value(QStringLiteral("level")).toString());
    }
    qCInfo(lcMain, "%s",
           qPrintable(QCoreApplication::translate("smollama", "smollama %1, configuration %2")
                          .arg(QStringLiteral(SMOLLAMA_VERSION_STRING),
                               path.isEmpty() ? QCoreApplication::translate(
                                                    "smollama", "(none found: defaults)")
                                              : path)));
    return config;
}

void NodeStartup::quitOnTermination(UnixSignalWatcher &watcher, QCoreApplication &app)
{
    QObject::connect(
        &watcher, &UnixSignalWatcher::terminationRequested, &app, [&app](int signalNumber) {
            qCInfo(lcMain, "%s",
                   qPrintable(
                       QCoreApplication::translate("smollama", "Received %1: shutting down")
                           .arg(QLatin1String(signalNumber == SIGTERM ? "SIGTERM" : "SIGINT"))));
            armShutdownWatchdog();
            app.quit();
        });
}

NodeStartup::NodeStartup(NodeRuntime &runtime, bool showing)
    : m_runtime(runtime)
    , m_showing(showing)
{
    // Said once every setup() has answered; the node serves (API, readings, stop requests)
    // while a plugin is still being set up.
    if (m_runtime.pluginsHaveSettled()) {
        reportOnce();
    } else {
        QObject::connect(&m_runtime, &NodeRuntime::pluginsSettled, &m_runtime,
                         [this] { reportOnce(); });
    }
}

void NodeStartup::reportOnce()
{
    if (m_reported) {
        return;
    }
    m_reported = true;
    int loaded = 0;
    for (const PluginStatus &s : m_runtime.plugins()->statuses()) {
        const QString name = s.instance.isEmpty() ? s.name : s.instance;
        if (s.state == PluginState::Loaded) {
            ++loaded;
        }
        if (PluginStatus::isProblem(s.state)) {
            qCWarning(lcMain, "%s",
                      qPrintable(QCoreApplication::translate("smollama", "Plugin %1: %2: %3")
                                     .arg(name, PluginStatus::stateName(s.state), s.reason)));
        } else {
            qCInfo(lcMain, "%s",
                   qPrintable(s.reason.isEmpty()
                                  ? QCoreApplication::translate("smollama", "Plugin %1: %2")
                                        .arg(name, PluginStatus::stateName(s.state))
                                  : QCoreApplication::translate("smollama", "Plugin %1: %2 (%3)")
                                        .arg(name, PluginStatus::stateName(s.state), s.reason)));
        }
    }
    if (m_showing) {
        qCInfo(lcMain, "%s",
               qPrintable(QCoreApplication::translate(
                   "smollama",
                   "Showing the dashboard with %n plugin instance(s); close the window or stop "
                   "with SIGTERM or Ctrl+C",
                   nullptr, loaded)));
    } else {
        qCInfo(lcMain, "%s",
               qPrintable(QCoreApplication::translate(
                   "smollama",
                   "Running headless with %n plugin instance(s); stop with SIGTERM or Ctrl+C",
                   nullptr, loaded)));
    }
}

void NodeStartup::trimStartupPages()
{
    if (m_showing || qEnvironmentVariableIsSet("SMOLLAMA_KEEP_STARTUP_PAGES")) {
        return;
    }
    // Once the node runs, the pages of the libraries only the start needed (symbol and
    // relocation tables, start-up code) leave the resident set: a headless node on a
    // 512 MB board keeps what it uses (docs/headless.md#memory).
    QTimer::singleShot(s_trimDelayMs, &m_runtime, [] {
        const qint64 dropped = ResidentMemory::dropCleanLibraryPages();
        qCDebug(lcMain, "Resident set after start-up: %lld KiB (%lld KiB given back)",
                ResidentMemory::residentBytes() / 1024, dropped / 1024);
    });
}

int NodeStartup::stop(int rc)
{
    reportOnce(); // stopped while a setup() was still running: say how far it got
    m_runtime.stop();
    qCInfo(lcMain, "%s", qPrintable(QCoreApplication::translate("smollama", "Stopped")));
    if (m_runtime.hasAbandonedPlugins()) {
        // A plugin thread is stuck inside plugin code: static destructors could hang on it.
        std::fflush(stderr);
        ::_exit(rc);
    }
    return rc;
}

} // namespace Smollama
