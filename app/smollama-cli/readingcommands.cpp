// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"
#include "eventfollower.h"
#include "instanceclient.h"

#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "util/instancelock.h"
#include "util/unixsignalwatcher.h"
#include "util/valueformatter.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <unistd.h>

namespace Smollama::Cli {

namespace {

Output::Color qualityColor(Reading::Quality q)
{
    switch (q) {
    case Reading::Quality::Ok:
        return Output::Color::Green;
    case Reading::Quality::Stale:
        return Output::Color::Yellow;
    case Reading::Quality::Error:
        break;
    }
    return Output::Color::Red;
}

void printRow(const Reading &r, Output &output, bool json, bool withNode = false)
{
    if (json) {
        output.out() << QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
        return;
    }
    if (withNode) {
        output.out() << r.node().leftJustified(16) << ' ';
    }
    // Written as the dashboard writes it: "2.10 GHz", "1 d 2 h", in the user's locale.
    const FormattedValue value = ValueFormatter().format(r.value(), r.unit());
    output.out() << r.source().leftJustified(28) << ' ' << value.number.rightJustified(10) << ' '
                 << value.unit.leftJustified(5) << ' '
                 << output.paint(Reading::qualityName(r.quality()).leftJustified(6),
                                 qualityColor(r.quality()))
                 << ' ' << r.timestamp().toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    if (!r.message().isEmpty()) {
        output.out() << "  " << r.message();
    }
    output.out() << Qt::endl;
}

void printHeader(Output &output, bool withNode = false)
{
    // The columns are as wide as the English headers: translations keep to these widths.
    //: Column header of smollama-cli readings, at most 28 characters
    const QString source = Tr::tr("SOURCE");
    //: Column header of smollama-cli readings, at most 10 characters
    const QString value = Tr::tr("VALUE");
    //: Column header of smollama-cli readings (the unit, e.g. °C), at most 5 characters
    const QString unit = Tr::tr("UNIT");
    //: Column header of smollama-cli readings (ok, stale or error), at most 6 characters
    const QString quality = Tr::tr("QUALITY");
    //: Column header of smollama-cli readings (the time of the reading)
    const QString time = Tr::tr("TIME");
    if (withNode) {
        //: Column header of smollama-cli readings (the node of the fleet), at most 16 characters
        output.out() << output.paint(Tr::tr("NODE").leftJustified(16) + QLatin1Char(' '),
                                     Output::Color::Bold);
    }
    output.out() << output.paint(QStringLiteral("%1 %2 %3 %4 %5")
                                     .arg(source.leftJustified(28), value.rightJustified(10),
                                          unit.leftJustified(5), quality.leftJustified(6), time),
                                 Output::Color::Bold)
                 << Qt::endl;
}

Reading readingFromJson(const QJsonObject &o)
{
    Reading r(
        o.value(QStringLiteral("source")).toString(), o.value(QStringLiteral("value")).toVariant(),
        o.value(QStringLiteral("unit")).toString(),
        QDateTime::fromString(o.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs));
    const QString quality = o.value(QStringLiteral("quality")).toString();
    r.setQuality(quality == QLatin1String("ok")      ? Reading::Quality::Ok
                 : quality == QLatin1String("stale") ? Reading::Quality::Stale
                                                     : Reading::Quality::Error);
    r.setMessage(o.value(QStringLiteral("message")).toString());
    r.setNode(o.value(QStringLiteral("node")).toString());
    return r;
}

// True when \a readings come from more than one node: the table then has a NODE column.
bool severalNodes(const QList<Reading> &readings)
{
    for (const Reading &r : readings) {
        if (r.node() != readings.first().node()) {
            return true;
        }
    }
    return false;
}

// Readings from the running instance; false when it does not answer (the dry run follows).
bool readingsFromInstance(const Options &options, const Config &config, bool watch, Output &output,
                          int &exitCode)
{
    InstanceClient client(config);
    if (!client.probe()) {
        return false;
    }
    const QString url = client.baseUrl().toString();
    if (watch) {
        if (!options.json) {
            output.err() << output.paint(Tr::tr("Live readings from the running smollama at %1 "
                                                "(Ctrl+C stops)")
                                             .arg(url),
                                         Output::Color::Dim)
                         << Qt::endl;
            printHeader(output, options.node.isEmpty());
        }
        // Resumes after a broken connection or a restart of the instance (Last-Event-ID).
        EventFollower follower(
            config,
            [&](const QByteArray &name, const QByteArray &data) {
                if (name == "reading") {
                    const Reading r = readingFromJson(QJsonDocument::fromJson(data).object());
                    if (!options.node.isEmpty() && r.node() != options.node) {
                        return;
                    }
                    printRow(r, output, options.json, options.node.isEmpty());
                    output.out().flush();
                }
            },
            [&](const QString &note) {
                output.err() << output.paint(note, Output::Color::Dim) << Qt::endl;
            });
        const QString error = follower.run(client);
        if (!error.isEmpty()) {
            output.err() << QStringLiteral("smollama-cli: ") << error << Qt::endl;
            exitCode = ExitFailed;
        }
        return true;
    }
    const QString path = options.node.isEmpty()
                             ? QStringLiteral("/api/readings")
                             : QStringLiteral("/api/readings?node=") +
                                   QString::fromLatin1(QUrl::toPercentEncoding(options.node));
    const InstanceClient::Result result = client.get(path);
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    if (result.status == 404 && !options.node.isEmpty()) {
        output.err() << QStringLiteral("smollama-cli: ")
                     << InstanceClient::errorText(result.body, result.error) << Qt::endl;
        exitCode = ExitFailed;
        return true;
    }
    if (!result.ok() || !doc.isArray()) {
        output.err() << output.paint(Tr::tr("The running smollama at %1 did not give its readings "
                                            "(%2); reading them here instead.")
                                         .arg(url, result.error),
                                     Output::Color::Yellow)
                     << Qt::endl;
        return false;
    }
    if (options.json) {
        output.out() << doc.toJson(QJsonDocument::Indented);
        return true;
    }
    const QJsonArray array = doc.array();
    if (array.isEmpty()) {
        output.out() << Tr::tr("No readings: the running smollama at %1 has no sensor running (see "
                               "smollama-cli plugin list).")
                            .arg(url)
                     << Qt::endl;
        return true;
    }
    QList<Reading> rows;
    for (const QJsonValue &v : array) {
        rows.append(readingFromJson(v.toObject()));
    }
    const bool withNode = severalNodes(rows);
    printHeader(output, withNode);
    for (const Reading &r : std::as_const(rows)) {
        printRow(r, output, false, withNode);
    }
    output.out() << output.paint(Tr::tr("From the running smollama at %1.").arg(url),
                                 Output::Color::Dim)
                 << Qt::endl;
    return true;
}

} // namespace

int runReadingsCommand(const Options &options, Output &output)
{
    bool watch = false;
    for (const QString &arg : options.positional.mid(1)) {
        if (arg == QLatin1String("watch")) {
            watch = true;
        } else {
            output.err() << Tr::tr("smollama-cli: readings takes no argument '%1'").arg(arg)
                         << Qt::endl;
            return ExitUnusable;
        }
    }
    watch = watch || options.watch;

    Config config;
    if (!loadConfig(options, output, config)) {
        return ExitUnusable;
    }
    if (!options.dryRun) {
        int exitCode = ExitOk;
        if (readingsFromInstance(options, config, watch, output, exitCode)) {
            return exitCode;
        }
    }
    // Without the running smollama only this node's sensors can be read.
    if (!options.node.isEmpty() && options.node != config.nodeName()) {
        output.err() << Tr::tr("smollama-cli: the readings of node %1 come from the running "
                               "smollama, and none answers (this node is %2)")
                            .arg(options.node, config.nodeName())
                     << Qt::endl;
        return ExitFailed;
    }
    // Held until the plugins are torn down: no node starts and claims their hardware meanwhile.
    InstanceLock lock;
    if (!lockForLocalPlugins(lock, !options.dryRun, output)) {
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
    bus.setNodeName(config.nodeName());
    ReadingManager readings(&plugins, &bus);
    readings.applyConfig(config.section(QStringLiteral("readings")));

    plugins.prepare();
    plugins.initializePlugins();
    for (const PluginStatus &s : plugins.statuses()) {
        if (PluginStatus::isProblem(s.state)) {
            output.err() << output.paint(QStringLiteral("%1: %2: %3")
                                             .arg(s.instance.isEmpty() ? s.name : s.instance,
                                                  PluginStatus::stateName(s.state), s.reason),
                                         Output::Color::Yellow)
                         << Qt::endl;
        }
    }

    QEventLoop loop;
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &loop,
                     &QEventLoop::quit);
    if (watch) {
        if (!options.json) {
            printHeader(output);
        }
        QObject::connect(
            &bus, &ReadingBus::readingPublished, &loop,
            [&output, &options](const Reading &r) { printRow(r, output, options.json); });
        readings.start(true);
        loop.exec();
    } else {
        QObject::connect(&readings, &ReadingManager::readCompleted, &loop, [&] {
            if (readings.pendingFirstReads() == 0) {
                loop.quit();
            }
        });
        readings.start(false);
        if (readings.pendingFirstReads() > 0) {
            loop.exec();
        }
        const QList<Reading> latest = readings.latest();
        if (options.json) {
            QJsonArray array;
            for (const Reading &r : latest) {
                array.append(r.toJson());
            }
            output.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        } else if (latest.isEmpty()) {
            output.out() << Tr::tr("No readings: no sensor instance is running (see smollama-cli "
                                   "plugin list).")
                         << Qt::endl;
        } else {
            printHeader(output);
            for (const Reading &r : latest) {
                printRow(r, output, false);
            }
        }
    }
    readings.stop();
    plugins.shutdownPlugins();
    if (plugins.hasAbandonedInstances()) {
        // A plugin thread is stuck in plugin code and may still publish into this stack's
        // objects: leave without unwinding them.
        output.out().flush();
        output.err() << Tr::tr("A plugin did not stop in time; exiting without waiting for it.")
                     << Qt::endl;
        std::fflush(stdout);
        ::_exit(ExitOk);
    }
    return ExitOk;
}

} // namespace Smollama::Cli
