// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"
#include "plugininstall.h"

#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace Smollama::Cli {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("smollama-cli", text, disambiguation, n);
}

Output::Color stateColor(PluginState state)
{
    switch (state) {
    case PluginState::Loaded:
    case PluginState::Enabled:
        return Output::Color::Green;
    case PluginState::Disabled:
    case PluginState::Degraded:
    case PluginState::Retrying:
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
        facts << tr("author: %1").arg(s.author);
    }
    facts << tr("dependencies: %1")
                 .arg(s.dependencies.isEmpty() ? tr("none")
                                               : s.dependencies.join(QLatin1String(", ")));
    facts << (s.builtin ? tr("builtin") : tr("custom"));
    out << "    " << output.paint(facts.join(QStringLiteral(" · ")), Output::Color::Dim)
        << Qt::endl;
    if (!s.path.isEmpty()) {
        out << "    " << output.paint(s.path, Output::Color::Dim) << Qt::endl;
    }
}

int pluginList(const Options &options, Output &output)
{
    Config config;
    if (!loadConfig(options, output, config)) {
        return ExitUnusable;
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
        output.out() << tr("No plugins found. Searched: %1")
                            .arg(manager.searchPaths().join(QLatin1String(", ")))
                     << Qt::endl;
        return ExitOk;
    }
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
                 << tr("%n entry(s): %1", nullptr, int(statuses.size()))
                        .arg(summary.join(QLatin1String(", ")))
                 << Qt::endl
                 << output.paint(tr("Dry run: nothing was set up. \"enabled\" means the instance "
                                    "would load when smollama starts."),
                                 Output::Color::Dim)
                 << Qt::endl;
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
