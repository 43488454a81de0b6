// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-cli status: what the running instance says about itself.
#include "cli.h"
#include "instanceclient.h"

#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"
#include "util/statepaths.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace Smollama::Cli {

namespace {

// The http.json files InstanceClient reads, for the message when none names an instance.
QString instanceFiles()
{
    QStringList files;
    for (const QString &dir : StatePaths::instanceStateDirs()) {
        files.append(StatePaths::instanceFileIn(dir));
    }
    return files.join(QLatin1String(", "));
}

QString countsText(const QJsonObject &counts)
{
    QStringList parts;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        parts << QStringLiteral("%1 %2").arg(it.value().toInt()).arg(it.key());
    }
    return parts.isEmpty() ? Tr::tr("none") : parts.join(QLatin1String(", "));
}

} // namespace

int runStatusCommand(const Options &options, Output &output)
{
    if (options.positional.size() > 1) {
        output.err()
            << Tr::tr("smollama-cli: status takes no argument '%1'").arg(options.positional.at(1))
            << Qt::endl;
        return ExitUnusable;
    }
    Config config;
    if (!loadConfig(options, output, config)) {
        return ExitUnusable;
    }
    InstanceClient client(config);
    if (client.probe()) {
        QJsonObject health = client.health();
        if (options.json) {
            health.insert(QStringLiteral("running"), true);
            health.insert(QStringLiteral("url"), client.baseUrl().toString());
            output.out() << QJsonDocument(health).toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        const QString status = health.value(QStringLiteral("status")).toString();
        QTextStream &out = output.out();
        out << output.paint(Tr::tr("smollama %1 is running at %2")
                                .arg(health.value(QStringLiteral("version")).toString(),
                                     client.baseUrl().toString()),
                            Output::Color::Bold)
            << Qt::endl;
        //: A label of smollama-cli status: pad it with spaces to 10 characters so the values
        //: line up
        out << "  " << Tr::tr("status:   ")
            << output.paint(status, status == QLatin1String("ok") ? Output::Color::Green
                                                                  : Output::Color::Yellow)
            << Qt::endl;
        //: A label of smollama-cli status: pad it with spaces to 10 characters so the values
        //: line up
        out << "  " << Tr::tr("node:     ") << health.value(QStringLiteral("node")).toString()
            << Qt::endl;
        //: A label of smollama-cli status: pad it with spaces to 10 characters so the values
        //: line up
        out << "  " << Tr::tr("pid:      ") << health.value(QStringLiteral("pid")).toInteger()
            << Qt::endl;
        const qint64 up = health.value(QStringLiteral("uptime_s")).toInteger();
        //: A label of smollama-cli status: pad it with spaces to 10 characters so the values
        //: line up
        out << "  " << Tr::tr("uptime:   ")
            << QStringLiteral("%1 h %2 min %3 s").arg(up / 3600).arg((up / 60) % 60).arg(up % 60)
            << Qt::endl;
        //: A label of smollama-cli status: pad it with spaces to 10 characters so the values
        //: line up
        out << "  " << Tr::tr("plugins:  ")
            << countsText(health.value(QStringLiteral("plugins")).toObject()) << Qt::endl;
        //: A label of smollama-cli status: pad it with spaces to 10 characters so the values
        //: line up
        out << "  " << Tr::tr("sources:  ") << health.value(QStringLiteral("sources")).toInt()
            << Qt::endl;
        const QJsonObject memory = health.value(QStringLiteral("memory")).toObject();
        if (!memory.isEmpty()) {
            const QString warning = memory.value(QStringLiteral("warning")).toString();
            //: A label of smollama-cli status: pad it with spaces to 10 characters so the
            //: values line up
            out << "  " << Tr::tr("memory:   ")
                << output.paint(Tr::tr("%1 MiB (%2 MiB when the start finished)")
                                    .arg(memory.value(QStringLiteral("rss_mb")).toDouble())
                                    .arg(memory.value(QStringLiteral("start_rss_mb")).toDouble()),
                                warning.isEmpty() ? Output::Color::Green : Output::Color::Yellow)
                << Qt::endl;
            if (!warning.isEmpty()) {
                out << "            " << output.paint(warning, Output::Color::Yellow) << Qt::endl;
            }
        }
        const QJsonObject safe = health.value(QStringLiteral("safe_mode")).toObject();
        if (safe.value(QStringLiteral("on")).toBool()) {
            out << "  " << Tr::tr("safe mode: ")
                << output.paint(safe.value(QStringLiteral("reason")).toString(),
                                Output::Color::Yellow)
                << Qt::endl;
        }
        const QJsonObject ollama = health.value(QStringLiteral("ollama")).toObject();
        const QJsonValue reachable = ollama.value(QStringLiteral("reachable"));
        QString ollamaText = reachable.isNull() ? Tr::tr("not checked yet")
                                                : (reachable.toBool() ? Tr::tr("reachable")
                                                                      : Tr::tr("not reachable"));
        //: A label of smollama-cli status: pad it with spaces to 10 characters so the values
        //: line up
        out << "  " << Tr::tr("ollama:   ")
            << output.paint(ollamaText,
                            reachable.toBool() ? Output::Color::Green : Output::Color::Yellow)
            << Tr::tr(" (%1, model %2)")
                   .arg(ollama.value(QStringLiteral("url")).toString(),
                        ollama.value(QStringLiteral("model")).toString())
            << Qt::endl;
        if (!ollama.value(QStringLiteral("error")).toString().isEmpty()) {
            out << "            "
                << output.paint(ollama.value(QStringLiteral("error")).toString(),
                                Output::Color::Dim)
                << Qt::endl;
        }
        return ExitOk;
    }

    // Not running: say so, with what the dry run would load.
    PluginManager manager;
    CrashGuard guard;
    manager.setCrashGuard(&guard);
    manager.setConfig(config);
    manager.setExtraPluginPaths(options.pluginPaths);
    manager.prepare();
    QMap<QString, int> counts;
    for (const PluginStatus &s : manager.statuses()) {
        counts[PluginStatus::stateName(s.state)] += 1;
    }
    QJsonObject plugins;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        plugins.insert(it.key(), it.value());
    }
    const QString why =
        client.baseUrl().isValid()
            ? Tr::tr("no answer at %1").arg(client.baseUrl().toString())
            : Tr::tr("no instance in %1, and http.enabled is false or http.port is 0")
                  .arg(instanceFiles());
    if (options.json) {
        output.out() << QJsonDocument(
                            QJsonObject{{QStringLiteral("running"), false},
                                        {QStringLiteral("url"), client.baseUrl().toString()},
                                        {QStringLiteral("plugins"), plugins},
                                        {QStringLiteral("dry_run"), true}})
                            .toJson(QJsonDocument::Indented);
    } else {
        output.out() << output.paint(Tr::tr("smollama is not running (%1)").arg(why),
                                     Output::Color::Yellow)
                     << Qt::endl
                     << "  " << Tr::tr("plugins (dry run): ") << countsText(plugins) << Qt::endl
                     << output.paint(
                            Tr::tr("Start it with `smollama --headless` (or the desktop "
                                   "app); `smollama-cli plugin list` explains each plugin."),
                            Output::Color::Dim)
                     << Qt::endl;
    }
    return ExitFailed;
}

} // namespace Smollama::Cli
