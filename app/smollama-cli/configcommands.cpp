// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "agent/ruleengine.h"
#include "plugins/pluginmanager.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Smollama::Cli {

namespace {

int configCheck(const Options &options, Output &output)
{
    const QString path = Config::findConfigFile(options.configPath);
    const Config config = Config::load(path);
    QList<ConfigDiagnostic> diagnostics = config.diagnostics();

    // Plugin instance configs are checked against each plugin's schema, also when the file has
    // errors of its own, so every error is listed at once. Then the plugins' own checks run
    // (checkDependencies(): contradicting values, missing devices); nothing is set up, so no
    // hardware is claimed.
    {
        PluginManager manager;
        manager.setConfig(config);
        manager.setExtraPluginPaths(options.pluginPaths);
        manager.prepare();
        const QList<PluginInstance *> instances = manager.instances();
        for (const PluginInstance *inst : instances) {
            ConfigDiagnostic d;
            d.location = inst->declared().location;
            d.key = inst->declared().configKeyPath.section(QLatin1Char('.'), 0, -2);
            if (inst->state() == PluginState::InvalidConfig) {
                d.severity = ConfigDiagnostic::Severity::Error;
                d.message = Tr::tr("invalid config for plugin '%1': %2")
                                .arg(inst->module(), inst->reason());
            } else if (inst->state() == PluginState::Failed ||
                       inst->state() == PluginState::Conflict ||
                       inst->state() == PluginState::Incompatible ||
                       inst->state() == PluginState::MissingDependencies) {
                d.severity = ConfigDiagnostic::Severity::Warning;
                d.message =
                    Tr::tr("instance '%1' will not load: %2").arg(inst->name(), inst->reason());
            } else {
                continue;
            }
            diagnostics.append(d);
        }
    }

    // Agent rules: a malformed one is an error naming the rule.
    QStringList ruleErrors;
    RuleEngine::parse(
        config.section(QStringLiteral("agent")).value(QStringLiteral("rules")).toArray(),
        &ruleErrors);
    static const QRegularExpression ruleKey(QStringLiteral("^(agent\\.rules\\[\\d+\\])"));
    for (const QString &e : std::as_const(ruleErrors)) {
        ConfigDiagnostic d;
        d.severity = ConfigDiagnostic::Severity::Error;
        d.key = ruleKey.match(e).captured(1);
        d.location = config.locate(d.key);
        d.message = e.mid(d.key.size()).trimmed();
        diagnostics.append(d);
    }

    int errors = 0;
    int warnings = 0;
    for (const ConfigDiagnostic &d : std::as_const(diagnostics)) {
        errors += d.severity == ConfigDiagnostic::Severity::Error;
        warnings += d.severity == ConfigDiagnostic::Severity::Warning;
    }
    const QString shownPath = path.isEmpty() ? Tr::tr("(no config file: defaults)") : path;
    if (options.json) {
        QJsonArray array;
        for (const ConfigDiagnostic &d : std::as_const(diagnostics)) {
            array.append(QJsonObject{
                {QStringLiteral("severity"), ConfigDiagnostic::severityName(d.severity)},
                {QStringLiteral("file"), d.location.file},
                {QStringLiteral("line"), d.location.line},
                {QStringLiteral("column"), d.location.column},
                {QStringLiteral("key"), d.key},
                {QStringLiteral("message"), d.message}});
        }
        const QJsonObject result{{QStringLiteral("file"), path},
                                 {QStringLiteral("ok"), errors == 0},
                                 {QStringLiteral("errors"), errors},
                                 {QStringLiteral("warnings"), warnings},
                                 {QStringLiteral("diagnostics"), array}};
        output.out() << QJsonDocument(result).toJson(QJsonDocument::Indented);
        return errors == 0 ? ExitOk : ExitFailed;
    }
    for (const ConfigDiagnostic &d : std::as_const(diagnostics)) {
        const Output::Color color =
            d.severity == ConfigDiagnostic::Severity::Error     ? Output::Color::Red
            : d.severity == ConfigDiagnostic::Severity::Warning ? Output::Color::Yellow
                                                                : Output::Color::Dim;
        output.out() << output.paint(d.toString(), color) << Qt::endl;
    }
    if (errors == 0) {
        output.out() << output.paint(Tr::tr("%1: OK").arg(shownPath), Output::Color::Green);
        if (warnings > 0) {
            output.out() << Tr::tr(" (%n warning(s))", nullptr, warnings);
        }
        output.out() << Qt::endl;
        return ExitOk;
    }
    output.out() << output.paint(Tr::tr("%1: %n error(s)", nullptr, errors).arg(shownPath),
                                 Output::Color::Red)
                 << Qt::endl;
    return ExitFailed;
}

} // namespace

int runConfigCommand(const Options &options, Output &output)
{
    const QString sub = options.positional.value(1);
    if (sub == QLatin1String("check")) {
        return configCheck(options, output);
    }
    return unknownSubcommand(QStringLiteral("config"), sub, output);
}

} // namespace Smollama::Cli
