// SPDX-License-Identifier: GPL-3.0-or-later
// plugin info NAME: everything about one plugin, without loading more than `plugin list` does.
#include "instanceclient.h"
#include "plugininstall.h"

#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPluginLoader>

namespace Smollama::Cli {

namespace {

// The running instance's statuses of plugin \a name (state, reason, sink counters); empty when
// nothing answers.
QList<PluginStatus> liveStatuses(const Options &options, const Config &config, const QString &name)
{
    QList<PluginStatus> out;
    if (options.dryRun) {
        return out;
    }
    InstanceClient client(config);
    if (!client.probe()) {
        return out;
    }
    const InstanceClient::Result result = client.get(QStringLiteral("/api/plugins"));
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    if (!result.ok() || !doc.isArray()) {
        return out;
    }
    for (const QJsonValue &v : doc.array()) {
        const PluginStatus s = PluginStatus::fromJson(v.toObject());
        if (s.name == name) {
            out.append(s);
        }
    }
    return out;
}

} // namespace

int pluginInfo(const Options &options, Output &output)
{
    const QString name = options.positional.value(2);
    if (name.isEmpty()) {
        output.err() << Tr::tr("smollama-cli: plugin info needs a plugin name") << Qt::endl;
        return ExitUnusable;
    }
    Config config;
    if (!loadConfig(options, output, config)) {
        return ExitUnusable;
    }
    PluginManager manager;
    CrashGuard guard; // read only, as in plugin list
    manager.setCrashGuard(&guard);
    manager.setConfig(config);
    QStringList extra = options.pluginPaths;
    if (!options.pluginsDir.isEmpty()) {
        extra << options.pluginsDir;
    }
    manager.setExtraPluginPaths(extra);
    manager.prepare();

    QList<PluginStatus> rows;
    const QList<PluginStatus> statuses = manager.statuses();
    for (const PluginStatus &s : statuses) {
        if (s.name == name) {
            rows << s;
        }
    }
    if (rows.isEmpty()) {
        output.err() << Tr::tr("smollama-cli: no plugin named '%1' was found (searched: %2); see "
                               "smollama-cli plugin list")
                            .arg(name, manager.searchPaths().join(QLatin1String(", ")))
                     << Qt::endl;
        return ExitFailed;
    }
    // A running smollama knows more than the dry run: how its instances run now.
    const QList<PluginStatus> live = liveStatuses(options, config, name);
    for (PluginStatus &row : rows) {
        for (const PluginStatus &l : live) {
            if (l.instance == row.instance && !row.instance.isEmpty()) {
                row = l;
            }
        }
    }
    const QString library = rows.first().path;
    const QJsonObject manifest =
        QPluginLoader(library).metaData().value(QLatin1String("MetaData")).toObject();
    const QJsonObject schema = manifest.value(QLatin1String("configSchema")).toObject();
    QJsonObject origin;
    {
        QFile file(QFileInfo(library).absolutePath() + QStringLiteral("/origin.json"));
        if (file.open(QIODevice::ReadOnly)) {
            origin = QJsonDocument::fromJson(file.readAll()).object();
        }
    }
    const QString example = Internal::exampleConfigYaml(name, schema);

    if (options.json) {
        QJsonArray instances;
        for (const PluginStatus &s : rows) {
            instances.append(s.toJson());
        }
        const QJsonObject out{{QStringLiteral("name"), name},
                              {QStringLiteral("path"), library},
                              {QStringLiteral("builtin"), rows.first().builtin},
                              {QStringLiteral("manifest"), manifest},
                              {QStringLiteral("defaults"), Internal::schemaDefaults(schema)},
                              {QStringLiteral("exampleConfig"), example},
                              {QStringLiteral("origin"), origin},
                              {QStringLiteral("statuses"), instances}};
        output.out() << QJsonDocument(out).toJson(QJsonDocument::Indented);
        return ExitOk;
    }

    QTextStream &out = output.out();
    const auto field = [&](const QString &label, const QString &value) {
        if (!value.isEmpty()) {
            out << "  " << output.paint(label, Output::Color::Dim) << " " << value << Qt::endl;
        }
    };
    const QJsonValue type = manifest.value(QLatin1String("type"));
    out << output.paint(name, Output::Color::Bold) << " "
        << manifest.value(QLatin1String("version")).toString() << "  "
        << (type.isArray() ? type.toVariant().toStringList().join(QLatin1Char('+'))
                           : type.toString())
        << Qt::endl;
    field(Tr::tr("description:"), manifest.value(QLatin1String("description")).toString());
    field(Tr::tr("author:"), manifest.value(QLatin1String("author")).toString());
    field(Tr::tr("license:"), manifest.value(QLatin1String("license")).toString());
    field(Tr::tr("url:"), manifest.value(QLatin1String("url")).toString());
    field(Tr::tr("dependencies:"), manifest.value(QLatin1String("dependencies"))
                                       .toVariant()
                                       .toStringList()
                                       .join(QLatin1String(", ")));
    field(Tr::tr("packages:"), manifest.value(QLatin1String("packages"))
                                   .toVariant()
                                   .toStringList()
                                   .join(QLatin1Char(' ')));
    field(Tr::tr("SDK:"), manifest.value(QLatin1String("sdkVersion")).toString());
    field(Tr::tr("library:"), library);
    field(Tr::tr("kind:"), rows.first().builtin ? Tr::tr("builtin") : Tr::tr("custom"));
    if (!origin.isEmpty()) {
        QString from = origin.value(QLatin1String("source")).toString();
        const QString ref = origin.value(QLatin1String("ref")).toString();
        const QString commit = origin.value(QLatin1String("commit")).toString();
        if (!ref.isEmpty()) {
            from += Tr::tr(" (ref %1)").arg(ref);
        }
        if (!commit.isEmpty()) {
            from += Tr::tr(" commit %1").arg(commit.left(12));
        }
        field(Tr::tr("installed from:"), from);
        field(Tr::tr("installed at:"), origin.value(QLatin1String("installedAt")).toString());
    }
    out << "  " << output.paint(Tr::tr("status:"), Output::Color::Dim) << Qt::endl;
    for (const PluginStatus &s : rows) {
        out << "    " << (s.instance.isEmpty() ? Tr::tr("(no instance)") : s.instance) << ": "
            << PluginStatus::stateName(s.state);
        if (s.isolation == QLatin1String("process")) {
            out << " " << Tr::tr("(in a plugin host process)");
        }
        if (!s.reason.isEmpty()) {
            out << " - " << s.reason;
        }
        out << Qt::endl;
        if (s.sinkQueue > 0) {
            out << "      " << sinkText(s) << Qt::endl;
        }
    }
    out << Qt::endl << Tr::tr("Example configuration, with the defaults:") << Qt::endl << example;
    return ExitOk;
}

} // namespace Smollama::Cli
