// SPDX-License-Identifier: GPL-3.0-or-later
// smollama: the one process that owns the hardware. Loads the plugins and reads the sensors.
#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "util/unixsignalwatcher.h"

#include <smollama/readingprovider.h>
#include <smollama/version.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>

using namespace Smollama;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("smollama"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMOLLAMA_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("smollama sensing node"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption({QStringLiteral("c"), QStringLiteral("config")},
                                          QStringLiteral("Configuration file."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption pluginPathOption(QStringLiteral("plugin-path"),
                                              QStringLiteral("Also search DIR for plugins."),
                                              QStringLiteral("DIR"));
    const QCommandLineOption headlessOption(QStringLiteral("headless"),
                                            QStringLiteral("Run without a window."));
    parser.addOptions({configOption, pluginPathOption, headlessOption});
    parser.process(app);

    const QString path = Config::findConfigFile(parser.value(configOption));
    const Config config = path.isEmpty() ? Config() : Config::load(path);
    for (const ConfigDiagnostic &d : config.diagnostics()) {
        std::fprintf(stderr, "%s\n", qPrintable(d.toString()));
    }
    if (config.hasErrors()) {
        return 2;
    }

    PluginManager manager;
    manager.setConfig(config);
    manager.setExtraPluginPaths(parser.values(pluginPathOption));
    manager.prepare();
    manager.initializePlugins();
    for (const PluginStatus &s : manager.statuses()) {
        std::fprintf(stderr, "plugin %s: %s %s\n", qPrintable(s.instance.isEmpty() ? s.name : s.instance),
                     qPrintable(PluginStatus::stateName(s.state)), qPrintable(s.reason));
    }

    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app,
                     &QCoreApplication::quit);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &manager,
                     &PluginManager::shutdownPlugins);

    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &manager, [&manager] {
        for (PluginInstance *inst : manager.runningInstances()) {
            if (!inst->readingProvider) {
                continue;
            }
            for (Reading r : inst->readingProvider->read()) {
                r.setSource(inst->name + QLatin1Char(':') + r.source());
                std::fprintf(stderr, "%s\n", QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact).constData());
            }
        }
    });
    poll.start(5000);
    return app.exec();
}
