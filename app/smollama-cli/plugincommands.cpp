// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"
#include "instanceclient.h"
#include "plugininstall.h"

#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace Smollama::Cli {

QString sinkText(const PluginStatus &s)
{
    //: a reading sink's counters; %1 is the queue size, %2 and %3 numbers of readings
    return Tr::tr("sink: queue %1, %2 written, %3 dropped")
        .arg(s.sinkQueue)
        .arg(s.sinkDelivered)
        .arg(s.sinkDropped);
}

namespace {

Output::Color stateColor(PluginState state)
{
    switch (state) {
    case PluginState::Loaded:
    case PluginState::Enabled:
        return Output::Color::Green;
    case PluginState::Disabled:
    case PluginState::Degraded:
    case PluginState::Retrying:
    case PluginState::Restarting:
        return Output::Color::Yellow;
    default:
        return Output::Color::Red;
    }
}

void printStatus(const PluginStatus &s, Output &output)
{
    QTextStream &out = output.out();
    QString title = output.paint(s.instance.isEmpty() ? s.name : s.instance, Output::Color::Bold);
    if (!s.instance.isEmpty() && s.instance != s.name) {
        title += QStringLiteral(" (%1)").arg(s.name);
    }
    if (!s.version.isEmpty()) {
        title += QLatin1Char(' ') + s.version;
    }
    if (!s.types.isEmpty()) {
        title += QStringLiteral("  ") + s.types.join(QLatin1Char('+'));
    }
    out << title << "  " << output.paint(PluginStatus::stateName(s.state), stateColor(s.state))
        << Qt::endl;
    if (!s.reason.isEmpty()) {
        out << "    " << output.paint(s.reason, stateColor(s.state)) << Qt::endl;
    }
    if (!s.description.isEmpty()) {
        out << "    " << s.description << Qt::endl;
    }
    QStringList facts;
    if (!s.author.isEmpty()) {
        facts << Tr::tr("author: %1").arg(s.author);
    }
    facts << Tr::tr("dependencies: %1")
                 .arg(s.dependencies.isEmpty() ? Tr::tr("none")
                                               : s.dependencies.join(QLatin1String(", ")));
    facts << (s.builtin ? Tr::tr("builtin") : Tr::tr("custom"));
    if (s.isolation == QLatin1String("process")) {
        facts << Tr::tr("in a plugin host process");
    }
    out << "    " << output.paint(facts.join(QStringLiteral(" · ")), Output::Color::Dim)
        << Qt::endl;
    if (!s.path.isEmpty()) {
        out << "    " << output.paint(s.path, Output::Color::Dim) << Qt::endl;
    }
    if (s.sinkQueue > 0) {
        out << "    "
            << output.paint(sinkText(s),
                            s.sinkDropped > 0 ? Output::Color::Yellow : Output::Color::Dim)
            << Qt::endl;
    }
}

void printSummary(const QList<PluginStatus> &statuses, Output &output, const QString &footer)
{
    QMap<QString, int> counts;
    for (const PluginStatus &s : statuses) {
        printStatus(s, output);
        counts[PluginStatus::stateName(s.state)] += 1;
    }
    QStringList summary;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        summary << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    }
    output.out() << Qt::endl
                 << Tr::tr("%n entry(s): %1", nullptr, int(statuses.size()))
                        .arg(summary.join(QLatin1String(", ")))
                 << Qt::endl
                 << output.paint(footer, Output::Color::Dim) << Qt::endl;
}

// The live statuses of the running instance; false when it does not answer.
bool pluginListFromInstance(const Options &options, const Config &config, Output &output)
{
    InstanceClient client(config);
    if (!client.probe()) {
        return false;
    }
    const InstanceClient::Result result = client.get(QStringLiteral("/api/plugins"));
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    if (!result.ok() || !doc.isArray()) {
        output.err() << output.paint(
                            Tr::tr("The running smollama at %1 did not list its plugins "
                                   "(%2); showing the dry run instead.")
                                .arg(client.baseUrl().toString(),
                                     result.error.isEmpty() ? Tr::tr("not a list") : result.error),
                            Output::Color::Yellow)
                     << Qt::endl;
        return false;
    }
    if (options.json) {
        output.out() << doc.toJson(QJsonDocument::Indented);
        return true;
    }
    QList<PluginStatus> statuses;
    for (const QJsonValue &v : doc.array()) {
        statuses.append(PluginStatus::fromJson(v.toObject()));
    }
    if (statuses.isEmpty()) {
        output.out()
            << Tr::tr("The running smollama at %1 has no plugins.").arg(client.baseUrl().toString())
            << Qt::endl;
        return true;
    }
    printSummary(statuses, output,
                 Tr::tr("From the running smollama at %1: statuses as they are now.")
                     .arg(client.baseUrl().toString()));
    return true;
}

int pluginList(const Options &options, Output &output)
{
    Config config;
    if (!loadConfig(options, output, config)) {
        return ExitUnusable;
    }
    if (!options.dryRun && pluginListFromInstance(options, config, output)) {
        return ExitOk;
    }
    // Dry run: manifests, configuration and dependency checks; setup() is never called, so
    // no hardware is claimed.
    PluginManager manager;
    CrashGuard guard; // read only: shows the instances a crash keeps from loading
    manager.setCrashGuard(&guard);
    manager.setConfig(config);
    manager.setExtraPluginPaths(options.pluginPaths);
    manager.prepare();
    const QList<PluginStatus> statuses = manager.statuses();

    if (options.json) {
        QJsonArray array;
        for (const PluginStatus &s : statuses) {
            array.append(s.toJson());
        }
        output.out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (statuses.isEmpty()) {
        output.out() << Tr::tr("No plugins found. Searched: %1")
                            .arg(manager.searchPaths().join(QLatin1String(", ")))
                     << Qt::endl;
        return ExitOk;
    }
    printSummary(statuses, output,
                 Tr::tr("Dry run: nothing was set up. \"enabled\" means the instance "
                        "would load when smollama starts."));
    return ExitOk;
}

} // namespace

int runPluginCommand(const Options &options, Output &output)
{
    const QString sub = options.positional.value(1);
    if (sub == QLatin1String("enable")) {
        return pluginEnable(options, output);
    }
    if (sub == QLatin1String("list")) {
        return pluginList(options, output);
    }
    if (sub == QLatin1String("info")) {
        return pluginInfo(options, output);
    }
    if (sub == QLatin1String("new")) {
        return pluginNew(options, output);
    }
    if (sub == QLatin1String("install")) {
        return pluginInstall(options, output);
    }
    if (sub == QLatin1String("upgrade")) {
        return pluginUpgrade(options, output);
    }
    if (sub == QLatin1String("uninstall")) {
        return pluginUninstall(options, output);
    }
    if (sub == QLatin1String("probe")) { // hidden: the trial load of plugin install
        return pluginProbe(options, output);
    }
    return unknownSubcommand(QStringLiteral("plugin"), sub, output);
}

} // namespace Smollama::Cli
