// SPDX-License-Identifier: GPL-3.0-or-later
// smollama: the one process that owns the hardware. Parses arguments and runs a NodeRuntime.
#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "runtime/noderuntime.h"
#include "util/i18n.h"
#include "util/instancelock.h"
#include "util/logformat.h"
#include "util/residentmemory.h"
#include "util/unixsignalwatcher.h"
#ifdef SMOLLAMA_WITH_GUI
#include "gui.h"
#include "remotewindows.h"
#endif

#include <smollama/version.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>
#include <unistd.h>
#include <vector>

Q_LOGGING_CATEGORY(lcMain, "smollama.main")

using namespace Smollama;

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

// smollama --connect URL: the dashboard of another node, over its HTTP API and event stream.
// Nothing of this machine's hardware is touched, so it takes no lock and runs beside a node.
int followRemote(QCoreApplication &app, const Config &config, const QCommandLineParser &parser,
                 const QStringList &urls, const QStringList &tokenFiles, const QString &guiError)
{
#ifdef SMOLLAMA_WITH_GUI
    if (!guiError.isEmpty()) {
        qCCritical(lcMain, "%s",
                   qPrintable(QCoreApplication::translate(
                                  "smollama", "--connect shows a window, and there is none (%1)")
                                  .arg(guiError == QLatin1String("-")
                                           ? QCoreApplication::translate("smollama", "no display")
                                           : guiError)));
        return 2;
    }
    // Each node gets its window: the --connect ones, then dashboard.remotes.
    RemoteWindows windows;
    if (!windows.open(RemoteWindows::fromArguments(urls, tokenFiles) +
                          RemoteWindows::fromConfig(config),
                      config, parser)) {
        return 2;
    }
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app,
                     [&app](int) { app.quit(); });
    const int rc = app.exec();
    windows.close(); // the models go before the remote nodes' objects
    return rc;
#else
    Q_UNUSED(app)
    Q_UNUSED(config)
    Q_UNUSED(parser)
    Q_UNUSED(urls)
    Q_UNUSED(tokenFiles)
    Q_UNUSED(guiError)
    qCCritical(lcMain, "--connect needs the dashboard (built without SMOLLAMA_WITH_GUI)");
    return 2;
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    // A window when a display is there (or --kiosk, -platform), headless otherwise.
    std::unique_ptr<QCoreApplication> application;
    QString guiError;
#ifdef SMOLLAMA_WITH_GUI
    const bool useGui = Gui::wanted(argc, argv, &guiError);
    if (useGui) {
        application = Gui::createApplication(argc, argv, &guiError);
    }
#endif
    if (!application) {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("smollama"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMOLLAMA_VERSION_STRING));

    // --lang is looked at before the options are built, so that --help is translated too.
    const QString language = languageArgument(app.arguments().mid(1));
    const bool translated = !installTranslations(language).isEmpty();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("smollama", "Sensors, a dashboard and a local LLM agent."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        {QStringLiteral("c"), QStringLiteral("config")},
        QCoreApplication::translate("smollama", "Use the configuration FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption pluginPathOption(
        QStringLiteral("plugin-path"),
        QCoreApplication::translate("smollama", "Also search DIR for plugins (repeatable)."),
        QStringLiteral("DIR"));
    const QCommandLineOption headlessOption(
        QStringLiteral("headless"),
        QCoreApplication::translate("smollama", "Run without a window (as a service)."));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"), QCoreApplication::translate("smollama", "Log debug messages."));
    const QCommandLineOption safeModeOption(
        QStringLiteral("safe-mode"),
        QCoreApplication::translate("smollama", "Load only the builtin plugins."));
    const QCommandLineOption noloadOption(
        QStringLiteral("noload"),
        QCoreApplication::translate("smollama",
                                    "Do not load the instance or plugin NAME (\"all\": none)."),
        QStringLiteral("NAME"));
    const QCommandLineOption loadOption(
        QStringLiteral("load"),
        QCoreApplication::translate("smollama", "Load NAME even when safe mode, --noload, a "
                                                "crash or the configuration would skip it."),
        QStringLiteral("NAME"));
    const QCommandLineOption noCrashCheckOption(
        QStringLiteral("no-crashcheck"),
        QCoreApplication::translate("smollama", "Also load instances that crashed last time."));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("smollama",
                                    "Show texts in language CODE (de, es, en) instead of the "
                                    "locale's."),
        QStringLiteral("CODE"));
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QCoreApplication::translate("smollama",
                                    "Show the dashboard of the node at URL (http://host:port) "
                                    "through its HTTP API, without plugins or lock here."),
        QStringLiteral("URL"));
    const QCommandLineOption tokenFileOption(
        QStringLiteral("token-file"),
        QCoreApplication::translate("smollama", "With --connect: the node's API token is in FILE."),
        QStringLiteral("FILE"));
    parser.addOptions({configOption, pluginPathOption, headlessOption, verboseOption,
                       safeModeOption, noloadOption, loadOption, noCrashCheckOption, langOption,
                       connectOption, tokenFileOption});
#ifdef SMOLLAMA_WITH_GUI
    Gui::addOptions(parser);
#endif
    parser.process(app);

    installLogFormat(parser.isSet(verboseOption));
    if (!translated && !isEnglish(language)) {
        qCWarning(lcMain, "%s",
                  qPrintable(QCoreApplication::translate(
                                 "smollama", "No translation for language '%1' (there are: %2); "
                                             "the texts stay in English")
                                 .arg(language, availableLanguages().join(QLatin1String(", ")))));
    }
    if (!guiError.isEmpty()) {
        qCCritical(
            lcMain, "%s",
            qPrintable(QCoreApplication::translate("smollama", "No window: %1").arg(guiError)));
    }

    const QString path = Config::findConfigFile(parser.value(configOption));
    const Config config = Config::load(path);
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
        return 2;
    }
    if (!parser.isSet(verboseOption)) {
        setLogLevel(
            config.section(QStringLiteral("log")).value(QStringLiteral("level")).toString());
    }
    qCInfo(lcMain, "%s",
           qPrintable(QCoreApplication::translate("smollama", "smollama %1, configuration %2")
                          .arg(QStringLiteral(SMOLLAMA_VERSION_STRING),
                               path.isEmpty() ? QCoreApplication::translate(
                                                    "smollama", "(none found: defaults)")
                                              : path)));

    if (parser.isSet(connectOption)) {
#ifdef SMOLLAMA_WITH_GUI
        const QString windowError = useGui ? guiError : QStringLiteral("-");
#else
        const QString windowError = QStringLiteral("-");
#endif
        return followRemote(app, config, parser, parser.values(connectOption),
                            parser.values(tokenFileOption), windowError);
    }

    InstanceLock lock;
    if (!lock.tryLock()) {
        qCCritical(lcMain, "%s", qPrintable(lock.errorString()));
        return 1;
    }

    NodeRuntime runtime(config);
    runtime.setExtraPluginPaths(parser.values(pluginPathOption));
    NodeRuntime::StartOptions startOptions;
    startOptions.safeMode = parser.isSet(safeModeOption);
    startOptions.crashCheck = !parser.isSet(noCrashCheckOption);
    startOptions.noload = parser.values(noloadOption);
    startOptions.load = parser.values(loadOption);
    runtime.setStartOptions(startOptions);

    UnixSignalWatcher signalWatcher;
    QObject::connect(
        &signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&app](int signalNumber) {
            qCInfo(lcMain, "%s",
                   qPrintable(
                       QCoreApplication::translate("smollama", "Received %1: shutting down")
                           .arg(QLatin1String(signalNumber == SIGTERM ? "SIGTERM" : "SIGINT"))));
            armShutdownWatchdog();
            app.quit();
        });

    runtime.start();
    std::unique_ptr<QObject> window;
#ifdef SMOLLAMA_WITH_GUI
    // dashboard.remotes: the nodes this window's user also follows, each in its window; the
    // local window's agent page can ask them too, so they are followed before it is shown.
    RemoteWindows remoteWindows;
    if (useGui && guiError.isEmpty()) {
        remoteWindows.follow(RemoteWindows::fromConfig(config));
        QString error;
        window = Gui::start(&runtime, remoteWindows.nodes(), parser, &error);
        if (!window) {
            qCCritical(lcMain, "%s",
                       qPrintable(QCoreApplication::translate(
                                      "smollama", "The dashboard could not be shown: %1")
                                      .arg(error)));
            remoteWindows.close();
        } else {
            remoteWindows.showWindows(config, parser, false);
        }
    }
#endif
    // Said once every setup() has answered; the node serves (API, readings, stop requests)
    // while a plugin is still being set up.
    const bool showing = window != nullptr;
    const auto reportPlugins = [&runtime, showing] {
        int loaded = 0;
        for (const PluginStatus &s : runtime.plugins()->statuses()) {
            const QString name = s.instance.isEmpty() ? s.name : s.instance;
            if (s.state == PluginState::Loaded) {
                ++loaded;
            }
            if (PluginStatus::isProblem(s.state)) {
                qCWarning(lcMain, "%s",
                          qPrintable(QCoreApplication::translate("smollama", "Plugin %1: %2: %3")
                                         .arg(name, PluginStatus::stateName(s.state), s.reason)));
            } else {
                qCInfo(
                    lcMain, "%s",
                    qPrintable(s.reason.isEmpty()
                                   ? QCoreApplication::translate("smollama", "Plugin %1: %2")
                                         .arg(name, PluginStatus::stateName(s.state))
                                   : QCoreApplication::translate("smollama", "Plugin %1: %2 (%3)")
                                         .arg(name, PluginStatus::stateName(s.state), s.reason)));
            }
        }
        if (showing) {
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
    };
    bool reported = false;
    const auto reportOnce = [&reported, reportPlugins] {
        if (!reported) {
            reported = true;
            reportPlugins();
        }
    };
    if (runtime.pluginsHaveSettled()) {
        reportOnce();
    } else {
        QObject::connect(&runtime, &NodeRuntime::pluginsSettled, &app, reportOnce);
    }

    if (!window && !qEnvironmentVariableIsSet("SMOLLAMA_KEEP_STARTUP_PAGES")) {
        // Once the node runs, the pages of the libraries only the start needed (symbol and
        // relocation tables, start-up code) leave the resident set: a headless node on a
        // 512 MB board keeps what it uses (docs/headless.md#memory).
        QTimer::singleShot(s_trimDelayMs, &runtime, [] {
            const qint64 dropped = ResidentMemory::dropCleanLibraryPages();
            qCDebug(lcMain, "Resident set after start-up: %lld KiB (%lld KiB given back)",
                    ResidentMemory::residentBytes() / 1024, dropped / 1024);
        });
    }
    const int rc = app.exec();
    reportOnce(); // stopped while a setup() was still running: say how far it got
#ifdef SMOLLAMA_WITH_GUI
    remoteWindows.close();
#endif
    window.reset(); // the dashboard's models go before the runtime stops
    runtime.stop();
    qCInfo(lcMain, "%s", qPrintable(QCoreApplication::translate("smollama", "Stopped")));
    if (runtime.hasAbandonedPlugins()) {
        // A plugin thread is stuck inside plugin code: static destructors could hang on it.
        std::fflush(stderr);
        ::_exit(rc);
    }
    return rc;
}
