// SPDX-License-Identifier: GPL-3.0-or-later
// smollama: the one process that owns the hardware. Parses arguments and runs a NodeRuntime.
#include "config/config.h"
#include "runtime/noderuntime.h"
#include "runtime/nodestartup.h"
#include "util/i18n.h"
#include "util/instancelock.h"
#include "util/logformat.h"
#include "util/unixsignalwatcher.h"
#ifdef SMOLLAMA_WITH_GUI
#include "gui.h"
#include "remotewindows.h"
#endif

#include <smollama/version.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>

using namespace Smollama;

namespace {

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
    NodeStartup::reportLanguage(language, translated);
    if (!guiError.isEmpty()) {
        qCCritical(
            lcMain, "%s",
            qPrintable(QCoreApplication::translate("smollama", "No window: %1").arg(guiError)));
    }
    const std::optional<Config> loaded =
        NodeStartup::loadConfig(parser.value(configOption), parser.isSet(verboseOption));
    if (!loaded) {
        return 2;
    }
    const Config &config = *loaded;

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
    NodeStartup::quitOnTermination(signalWatcher, app);

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
    NodeStartup startup(runtime, window != nullptr);
    startup.trimStartupPages();
    const int rc = app.exec();
#ifdef SMOLLAMA_WITH_GUI
    remoteWindows.close();
#endif
    window.reset(); // the dashboard's models go before the runtime stops
    return startup.stop(rc);
}
