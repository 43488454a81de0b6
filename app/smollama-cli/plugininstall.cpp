// SPDX-License-Identifier: GPL-3.0-or-later
// plugin install | upgrade | uninstall | probe: the commands around PluginInstaller (core), which
// gets a plugin from a git repository, a source folder or a built library into
// <state folder>/plugins/<name>/ (StatePaths::pluginsDir()), checked, atomically. Here: the
// options, the output and the configuration edit of --enable.
#include "plugininstall.h"

#include "config/config.h"
#include "plugins/plugininstaller.h"
#include "plugins/pluginprobe.h"
#include "util/jsonschema.h"
#include "util/statepaths.h"

#include <smollama/names.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace Smollama::Cli {

namespace {

void step(Output &output, const QString &text)
{
    output.out() << output.paint(QStringLiteral("==> "), Output::Color::Bold) << text << Qt::endl;
}

int fail(Output &output, const QString &text)
{
    output.err() << output.paint(QStringLiteral("smollama-cli: "), Output::Color::Red) << text
                 << Qt::endl;
    return ExitFailed;
}

struct InstallRequest
{
    QString source;
    QString ref;
    bool force = false;
    bool enable = false;
    bool upgrade = false;
    QString expectedName; // upgrade: the origin must still build this plugin
};

int enableInstance(const Options &options, Output &output, const QString &name);

int install(const Options &options, Output &output, const InstallRequest &request)
{
    const QString installDir = Internal::pluginsInstallDir(options);
    PluginInstaller installer(installDir);
    installer.setSdkPackageDir(Internal::sdkPackageDir());
    installer.setStepHandler([&output](const QString &text) { step(output, text); });
    installer.setBuildProgressHandler([&output](int percent) {
        output.out() << QStringLiteral("    building: %1%").arg(percent) << Qt::endl;
    });
    if (options.verbose) {
        installer.setBuildOutputHandler([&output](const QString &line) {
            output.out() << "    " << output.paint(line, Output::Color::Dim) << Qt::endl;
        });
    }
    PluginInstaller::Request what;
    what.source = request.source;
    what.ref = request.ref;
    what.force = request.force;
    what.expectedName = request.expectedName;
    const PluginInstaller::Result result = installer.install(what);
    if (!result.ok) {
        return fail(output, result.error);
    }
    const QString &name = result.name;
    const QJsonObject &manifest = result.manifest;
    output.out() << output.paint((request.upgrade ? Tr::tr("Upgraded %1 %2 in %3")
                                                  : Tr::tr("Installed %1 %2 in %3"))
                                     .arg(name, result.version, result.target),
                                 Output::Color::Green)
                 << Qt::endl;

    // Debian packages the plugin needs at run time.
    const QStringList packages =
        manifest.value(QLatin1String("packages")).toVariant().toStringList();
    if (!packages.isEmpty()) {
        bool dpkg = false;
        const QStringList missing = PluginInstaller::missingPackages(packages, &dpkg);
        if (!dpkg) {
            output.out() << Tr::tr("The plugin needs the Debian packages %1 (dpkg-query is not "
                                   "available to check them).")
                                .arg(packages.join(QLatin1String(" ")))
                         << Qt::endl;
        } else if (!missing.isEmpty()) {
            output.out() << output.paint(Tr::tr("Missing packages: %1. Install them with:")
                                             .arg(missing.join(QLatin1String(", "))),
                                         Output::Color::Yellow)
                         << Qt::endl
                         << "  sudo apt-get install " << missing.join(QLatin1Char(' ')) << Qt::endl;
        }
    }

    // StatePaths::pluginsDir() and plugins.install_dir are searched; a folder given only with
    // --plugins-dir is not.
    Options withoutDir = options;
    withoutDir.pluginsDir.clear();
    if (QDir(installDir).absolutePath() !=
        QDir(Internal::pluginsInstallDir(withoutDir)).absolutePath()) {
        output.out() << Tr::tr("Note: %1 is not searched by default; add it to plugins.paths in "
                               "the configuration or pass --plugin-path %1.")
                            .arg(installDir)
                     << Qt::endl;
    }
    if (request.upgrade) {
        return ExitOk;
    }
    if (request.enable) {
        return enableInstance(options, output, name);
    }
    output.out() << Tr::tr("To run it, add an instance to your configuration (%1):")
                        .arg(Internal::userConfigPath(options))
                 << Qt::endl
                 << Internal::exampleConfigYaml(
                        name, manifest.value(QLatin1String("configSchema")).toObject())
                 << Tr::tr("or install with --enable to add it for you.") << Qt::endl;
    return ExitOk;
}

int enableInstance(const Options &options, Output &output, const QString &name)
{
    const QString path = Internal::userConfigPath(options);
    QString text;
    const bool existed = QFileInfo::exists(path);
    if (existed) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(output, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
        }
        text = QString::fromUtf8(file.readAll());
        const Config current = Config::fromYaml(text.toUtf8(), path);
        const QList<InstanceConfig> instances = current.instances();
        for (const InstanceConfig &ic : instances) {
            if (ic.name == name) {
                output.out() << Tr::tr("%1 already has an instance '%2'; it was left as it is.")
                                    .arg(path, name)
                             << Qt::endl;
                return ExitOk;
            }
        }
    } else {
        // A new file has a plugins: section, which means "only what is listed runs": list the
        // builtins so they keep running as they did without a file.
        text = QStringLiteral("# smollama configuration, created by `smollama-cli plugin install "
                              "--enable`.\n# See config.example.yaml for every setting.\n"
                              "plugins:\n  builtin:\n");
        const QStringList builtins = PluginInstaller::builtinPluginNames();
        for (const QString &b : builtins) {
            text += QStringLiteral("    %1: {}\n").arg(b);
        }
        if (builtins.isEmpty()) {
            text = text.replace(QLatin1String("  builtin:\n"), QLatin1String("  builtin: {}\n"));
        }
    }
    QString error;
    if (!Internal::insertCustomInstance(text, name, name, error)) {
        output.out()
            << Tr::tr("Could not add the instance to %1 (%2). Add this yourself:").arg(path, error)
            << Qt::endl
            << Internal::exampleConfigYaml(name, {});
        return ExitOk;
    }
    // Check the edit: the file must still read, now with the new instance.
    const Config edited = Config::fromYaml(text.toUtf8(), path);
    bool found = false;
    const QList<InstanceConfig> instances = edited.instances();
    for (const InstanceConfig &ic : instances) {
        found = found || (ic.name == name && !ic.builtin);
    }
    if (!found) {
        output.out()
            << Tr::tr("Could not add the instance to %1 safely. Add this yourself:").arg(path)
            << Qt::endl
            << Internal::exampleConfigYaml(name, {});
        return ExitOk;
    }
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        return fail(output, Tr::tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    output.out() << Tr::tr("Enabled: added the instance '%1' to %2%3.")
                        .arg(name, path, existed ? QString() : Tr::tr(" (created)"))
                 << Qt::endl;
    return ExitOk;
}

int countIndent(const QString &line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == QLatin1Char(' ')) {
        ++n;
    }
    return n;
}

bool isContent(const QString &line)
{
    const QString t = line.trimmed();
    return !t.isEmpty() && !t.startsWith(QLatin1Char('#'));
}

} // namespace

namespace Internal {

QString sdkPackageDir()
{
    const QString env = qEnvironmentVariable("SMOLLAMA_SDK_DIR");
    if (!env.isEmpty()) {
        return QDir(env).absolutePath();
    }
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1Char('/') +
                           QLatin1String(SMOLLAMA_BIN_TO_PACKAGE));
}

QString pluginsInstallDir(const Options &options)
{
    if (!options.pluginsDir.isEmpty()) {
        return StatePaths::resolve(options.pluginsDir);
    }
    const QString configFile = Config::findConfigFile(options.configPath);
    if (!configFile.isEmpty() && QFileInfo::exists(configFile)) {
        const QString dir = Config::load(configFile).pluginsInstallDir();
        if (!dir.isEmpty()) {
            return dir;
        }
    }
    return StatePaths::pluginsDir();
}

QString userConfigPath(const Options &options)
{
    if (!options.configPath.isEmpty()) {
        return QFileInfo(options.configPath).absoluteFilePath();
    }
    return StatePaths::configFile();
}

bool insertCustomInstance(QString &text, const QString &instance, const QString &module,
                          QString &error)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    const auto entry = [&](int indent) {
        const QString pad(indent, QLatin1Char(' '));
        return QStringList{pad + QStringLiteral("- name: ") + instance,
                           pad + QStringLiteral("  module: ") + module,
                           pad + QStringLiteral("  enabled: true")};
    };
    static const QRegularExpression s_plugins(QStringLiteral("^plugins:\\s*(#.*)?$"));
    int p = -1;
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).startsWith(QLatin1String("plugins:"))) {
            if (!s_plugins.match(lines.at(i)).hasMatch()) {
                error = Tr::tr("plugins: is written in flow style");
                return false;
            }
            p = i;
            break;
        }
    }
    if (p < 0) {
        lines << QString() << QStringLiteral("plugins:") << QStringLiteral("  custom:") << entry(4);
        text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        return true;
    }
    // The plugins: block: up to the next top-level key.
    int end = p + 1;
    int lastContent = p;
    int childIndent = -1;
    int custom = -1;
    for (; end < lines.size(); ++end) {
        const QString &line = lines.at(end);
        if (!isContent(line)) {
            continue;
        }
        const int indent = countIndent(line);
        if (indent == 0) {
            break;
        }
        if (childIndent < 0) {
            childIndent = indent;
        }
        if (indent == childIndent && line.trimmed().startsWith(QLatin1String("custom:"))) {
            custom = end;
        }
        lastContent = end;
    }
    if (childIndent < 0) {
        childIndent = 2;
    }
    if (custom < 0) {
        QStringList add{QString(childIndent, QLatin1Char(' ')) + QStringLiteral("custom:")};
        add << entry(childIndent + 2);
        for (int i = add.size() - 1; i >= 0; --i) {
            lines.insert(lastContent + 1, add.at(i));
        }
        text = lines.join(QLatin1String("\n")) + QLatin1Char('\n');
        return true;
    }
    static const QRegularExpression s_customBlock(QStringLiteral("^\\s*custom:\\s*(#.*)?$"));
    static const QRegularExpression s_customEmpty(
        QStringLiteral("^\\s*custom:\\s*\\[\\s*\\]\\s*(#.*)?$"));
    if (s_customEmpty.match(lines.at(custom)).hasMatch()) {
        lines[custom] = QString(childIndent, QLatin1Char(' ')) + QStringLiteral("custom:");
    } else if (!s_customBlock.match(lines.at(custom)).hasMatch()) {
        error = Tr::tr("plugins.custom is written in flow style");
        return false;
    }
    // The list: lines indented deeper than custom:, or "- " at the same indent.
    int itemIndent = -1;
    int last = custom;
    for (int i = custom + 1; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (!isContent(line)) {
            continue;
        }
        const int indent = countIndent(line);
        const bool item = line.trimmed().startsWith(QLatin1Char('-'));
        if (indent > childIndent || (indent == childIndent && item)) {
            if (item && itemIndent < 0) {
                itemIndent = indent;
            }
            last = i;
            continue;
        }
        break;
    }
    if (itemIndent < 0) {
        itemIndent = childIndent + 2;
    }
    const QStringList add = entry(itemIndent);
    for (int i = add.size() - 1; i >= 0; --i) {
        lines.insert(last + 1, add.at(i));
    }
    text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return true;
}

QJsonObject schemaDefaults(const QJsonObject &schema)
{
    return JsonSchema::applyDefaults(schema, QJsonObject()).toObject();
}

QString exampleConfigYaml(const QString &name, const QJsonObject &schema)
{
    // Scalars and flow collections in JSON syntax are valid YAML.
    const auto yamlValue = [](const QJsonValue &value) {
        if (value.isObject() || value.isArray()) {
            return QString::fromUtf8(
                value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        }
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
    };
    QString out =
        QStringLiteral("plugins:\n  custom:\n    - name: %1\n      module: %1\n").arg(name);
    out += QStringLiteral("      enabled: true\n");
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    const QJsonObject defaults = schemaDefaults(schema);
    if (!properties.isEmpty()) {
        out += QStringLiteral("      config:\n");
        for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
            const QJsonObject property = it.value().toObject();
            const QString description = property.value(QLatin1String("description")).toString();
            QString line = QStringLiteral("        ");
            if (defaults.contains(it.key())) {
                line += it.key() + QStringLiteral(": ") + yamlValue(defaults.value(it.key()));
            } else {
                // No default: the user must choose; shown commented out.
                line += QStringLiteral("# ") + it.key() + QStringLiteral(": (no default)");
            }
            if (!description.isEmpty()) {
                line += QStringLiteral("  # ") + description;
            }
            out += line + QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace Internal

int pluginInstall(const Options &options, Output &output)
{
    const QString source = options.positional.value(2);
    if (source.isEmpty()) {
        output.err() << Tr::tr("smollama-cli: plugin install needs a source: a git URL, a plugin "
                               "source folder, a folder with a built plugin or a .so file")
                     << Qt::endl;
        return ExitUnusable;
    }
    InstallRequest request;
    request.source = source;
    request.ref = options.ref;
    request.force = options.force;
    request.enable = options.enable;
    return install(options, output, request);
}

int pluginUpgrade(const Options &options, Output &output)
{
    const QString name = options.positional.value(2);
    if (!Smollama::isValidPluginName(name)) {
        output.err() << Tr::tr("smollama-cli: plugin upgrade needs a plugin name") << Qt::endl;
        return ExitUnusable;
    }
    const QString dir = QDir(Internal::pluginsInstallDir(options)).filePath(name);
    const QJsonObject origin = PluginInstaller::origin(dir);
    if (origin.isEmpty()) {
        return fail(output, Tr::tr("'%1' was not installed with `smollama-cli plugin install` (no "
                                   "%2/origin.json): install it again from its source")
                                .arg(name, dir));
    }
    const QString kind = origin.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("library") || kind == QLatin1String("built")) {
        output.out() << Tr::tr(
                            "'%1' was installed from a built library (%2): installing that again.")
                            .arg(name, origin.value(QLatin1String("source")).toString())
                     << Qt::endl;
    }
    InstallRequest request;
    request.source = origin.value(QLatin1String("source")).toString();
    request.ref =
        options.ref.isEmpty() ? origin.value(QLatin1String("ref")).toString() : options.ref;
    request.force = true;
    request.upgrade = true;
    request.expectedName = name;
    return install(options, output, request);
}

int pluginUninstall(const Options &options, Output &output)
{
    const QString name = options.positional.value(2);
    if (name.isEmpty()) {
        output.err() << Tr::tr("smollama-cli: plugin uninstall needs a plugin name") << Qt::endl;
        return ExitUnusable;
    }
    const PluginInstaller installer(Internal::pluginsInstallDir(options));
    const QString dir = installer.targetOf(name);
    if (const QString error = installer.uninstall(name); !error.isEmpty()) {
        return fail(output, error);
    }
    output.out() << Tr::tr("Uninstalled %1 (removed %2).").arg(name, dir) << Qt::endl;

    const Config config = Config::load(Config::findConfigFile(options.configPath));
    QStringList users;
    const QList<InstanceConfig> instances = config.instances();
    for (const InstanceConfig &ic : instances) {
        if (!ic.builtin && ic.module == name) {
            users << ic.name;
        }
    }
    if (!users.isEmpty()) {
        output.out() << Tr::tr(
                            "The configuration %1 still has instances of it (%2): remove them, or "
                            "they are reported as missing.")
                            .arg(config.filePath(), users.join(QLatin1String(", ")))
                     << Qt::endl;
    }
    return ExitOk;
}

int pluginProbe(const Options &options, Output &output)
{
    const QJsonObject result = PluginProbe::run(options.positional.value(2));
    output.out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return result.value(QLatin1String("ok")).toBool() ? ExitOk : ExitFailed;
}

} // namespace Smollama::Cli
