// SPDX-License-Identifier: GPL-3.0-or-later
// plugin new: a plugin project from the templates embedded in the CLI (templates/, the same
// files the Qt Creator wizard in examples/qtcreator-wizard uses, with the same %{Var} fields).
#include "plugininstall.h"

#include <smollama/names.h>
#include <smollama/version.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QSaveFile>

namespace Smollama::Cli {

namespace {

// "bme_280" -> "Bme280": the plugin's C++ namespace and class name prefix.
QString className(const QString &name)
{
    QString out;
    const QStringList parts = name.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        out += part.left(1).toUpper() + part.mid(1);
    }
    return out;
}

QString gitConfig(const QString &key)
{
    QProcess git;
    git.start(QStringLiteral("git"), {QStringLiteral("config"), QStringLiteral("--get"), key});
    if (!git.waitForFinished(3000) || git.exitStatus() != QProcess::NormalExit ||
        git.exitCode() != 0) {
        git.kill();
        return {};
    }
    return QString::fromUtf8(git.readAllStandardOutput()).trimmed();
}

QString author()
{
    const QString name = gitConfig(QStringLiteral("user.name"));
    const QString email = gitConfig(QStringLiteral("user.email"));
    if (name.isEmpty()) {
        return QStringLiteral("Your Name <you@example.org>");
    }
    return email.isEmpty() ? name : QStringLiteral("%1 <%2>").arg(name, email);
}

// %{Var} -> value, as Qt Creator's wizard engine does for the same files.
QString substitute(QString text, const QHash<QString, QString> &fields)
{
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        text.replace(QStringLiteral("%{") + it.key() + QLatin1Char('}'), it.value());
    }
    return text;
}

// JSON string content: the description and author land inside "..." in plugin.json.
QString jsonEscaped(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return text;
}

} // namespace

int pluginNew(const Options &options, Output &output)
{
    const QString name = options.positional.value(2);
    if (name.isEmpty()) {
        output.err() << Tr::tr("smollama-cli: plugin new needs a name: smollama-cli plugin new "
                               "my_sensor --type sensor")
                     << Qt::endl;
        return ExitUnusable;
    }
    if (!isValidPluginName(name)) {
        output.err() << Tr::tr("smollama-cli: '%1' is not a valid plugin name: use lower-case "
                               "letters, digits and '_', starting with a letter (e.g. "
                               "\"greenhouse_temp\")")
                            .arg(name)
                     << Qt::endl;
        return ExitUnusable;
    }
    const QString type =
        options.pluginType.isEmpty() ? QStringLiteral("sensor") : options.pluginType;
    if (type != QLatin1String("sensor") && type != QLatin1String("tool")) {
        output.err() << Tr::tr("smollama-cli: --type must be sensor or tool, not '%1'").arg(type)
                     << Qt::endl;
        return ExitUnusable;
    }
    const QString parent =
        QDir(options.dir.isEmpty() ? QDir::currentPath() : options.dir).absolutePath();
    const QString target = QDir(parent).filePath(name);
    if (QFileInfo::exists(target)) {
        output.err() << Tr::tr("smollama-cli: %1 already exists; nothing was written. Choose "
                               "another name or --dir.")
                            .arg(target)
                     << Qt::endl;
        return ExitFailed;
    }

    const QHash<QString, QString> fields{
        {QStringLiteral("PluginName"), name},
        {QStringLiteral("ClassName"), className(name)},
        {QStringLiteral("PluginType"), type},
        {QStringLiteral("SdkVersion"), QStringLiteral(SMOLLAMA_SDK_VERSION_STRING)},
        {QStringLiteral("Author"), jsonEscaped(author())},
        {QStringLiteral("Description"), type == QLatin1String("sensor")
                                            ? QStringLiteral("A demo sensor: replace this text")
                                            : QStringLiteral("A demo tool: replace this text")},
    };
    // Template (in the resource) -> file in the project.
    const QList<QPair<QString, QString>> files{
        {QStringLiteral("common/CMakeLists.txt"), QStringLiteral("CMakeLists.txt")},
        {QStringLiteral("common/README.md"), QStringLiteral("README.md")},
        {QStringLiteral("common/gitignore"), QStringLiteral(".gitignore")},
        {type + QStringLiteral("/plugin.json"), QStringLiteral("plugin.json")},
        {type + QStringLiteral("/plugin.h"), name + QStringLiteral("plugin.h")},
        {type + QStringLiteral("/plugin.cpp"), name + QStringLiteral("plugin.cpp")},
        {type + QStringLiteral("/tst.cpp"),
         QStringLiteral("tests/tst_") + name + QStringLiteral(".cpp")},
    };

    // Write into a hidden sibling first: an error leaves no half project behind.
    const QString staging = QDir(parent).filePath(QStringLiteral(".%1.new").arg(name));
    QDir(staging).removeRecursively();
    QString error;
    for (const auto &[from, to] : files) {
        QFile in(QStringLiteral(":/smollama/templates/") + from);
        if (!in.open(QIODevice::ReadOnly)) {
            error = Tr::tr("the template %1 is missing from this smollama-cli").arg(from);
            break;
        }
        const QString path = QDir(staging).filePath(to);
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) ||
            out.write(substitute(QString::fromUtf8(in.readAll()), fields).toUtf8()) < 0 ||
            !out.commit()) {
            error = Tr::tr("cannot write %1: %2").arg(path, out.errorString());
            break;
        }
    }
    if (error.isEmpty() && !QDir().rename(staging, target)) {
        error = Tr::tr("cannot create %1").arg(target);
    }
    if (!error.isEmpty()) {
        QDir(staging).removeRecursively();
        output.err() << "smollama-cli: " << error << Qt::endl;
        return ExitFailed;
    }

    QTextStream &out = output.out();
    out << Tr::tr("Created the %1 plugin '%2' in %3:").arg(type, name, target) << Qt::endl;
    for (const auto &file : files) {
        out << "  " << file.second << Qt::endl;
    }
    const QString sdk = Internal::sdkPackageDir();
    out << Qt::endl
        << Tr::tr("Build and test it:") << Qt::endl
        << "  cmake -S " << target << " -B " << target << "/build -DSmollama_DIR=" << sdk
        << Qt::endl
        << "  cmake --build " << target << "/build" << Qt::endl
        << "  ctest --test-dir " << target << "/build --output-on-failure" << Qt::endl
        << Tr::tr("Install it and see it:") << Qt::endl
        << "  smollama-cli plugin install " << target << " --enable" << Qt::endl
        << "  smollama-cli plugin list" << Qt::endl;
    return ExitOk;
}

} // namespace Smollama::Cli
