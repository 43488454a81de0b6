// SPDX-License-Identifier: GPL-3.0-or-later
// plugin install | upgrade | uninstall | probe: getting a plugin from a git repository, a source
// folder or a built library into <state folder>/plugins/<name>/ (StatePaths::pluginsDir()),
// checked, atomically.
#include "plugininstall.h"

#include "config/config.h"
#include "plugins/manifestvalidator.h"
#include "plugins/pluginmanager.h"
#include "util/statepaths.h"

#include <smollama/plugin.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingprovider.h>
#include <smollama/toolprovider.h>
#include <smollama/version.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPluginLoader>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace Smollama::Cli {

namespace {

const QRegularExpression &nameRule()
{
    static const QRegularExpression s_rule(QStringLiteral("^[a-z][a-z0-9_]*$"));
    return s_rule;
}

bool isValidName(const QString &name)
{
    return nameRule().match(name).hasMatch() && name.size() <= 64;
}

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

struct ProcessResult
{
    bool started = false;
    bool timedOut = false;
    bool crashed = false;
    int exitCode = -1;
    QString log;

    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }
    /*! The last \a lines lines of the output, indented, for error messages. */
    QString tail(int lines = 25) const
    {
        QStringList all = log.trimmed().split(QLatin1Char('\n'));
        if (all.size() > lines) {
            all = all.mid(all.size() - lines);
        }
        return QStringLiteral("    ") + all.join(QLatin1String("\n    "));
    }
};

// Runs a program to its end, passing each output line to onLine. Stdout and stderr are merged.
ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const std::function<void(const QString &)> &onLine = {},
                         int timeoutMs = 30 * 60 * 1000)
{
    ProcessResult result;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Never wait for a password nobody will type.
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_SSH_COMMAND"), QStringLiteral("ssh -o BatchMode=yes"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        result.log = process.errorString();
        return result;
    }
    result.started = true;
    QByteArray pending;
    const auto drain = [&](bool all) {
        pending += process.readAll();
        int nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(pending.left(nl));
            pending.remove(0, nl + 1);
            result.log += line + QLatin1Char('\n');
            if (onLine) {
                onLine(line);
            }
        }
        if (all && !pending.isEmpty()) {
            result.log += QString::fromUtf8(pending);
            pending.clear();
        }
    };
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(200);
        drain(false);
        if (timer.elapsed() > timeoutMs) {
            process.kill();
            process.waitForFinished();
            result.timedOut = true;
            break;
        }
    }
    drain(true);
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    // After a crash Qt keeps the terminating signal's number here.
    result.exitCode = process.exitCode();
    return result;
}

bool isGitSource(const QString &source)
{
    static const QRegularExpression s_scp(QStringLiteral("^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:"));
    for (const char *scheme :
         {"https://", "http://", "ssh://", "git://", "file://", "git+ssh://"}) {
        if (source.startsWith(QLatin1String(scheme))) {
            return true;
        }
    }
    if (s_scp.match(source).hasMatch()) {
        return true;
    }
    QString trimmed = source;
    while (trimmed.endsWith(QLatin1Char('/'))) {
        trimmed.chop(1);
    }
    return trimmed.endsWith(QLatin1String(".git"));
}

// Built plugin libraries under \a dir (CMake's own folders skipped).
QStringList pluginLibrariesIn(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, {QStringLiteral("*.so")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/CMakeFiles/"))) {
            continue;
        }
        const QJsonObject meta = QPluginLoader(path).metaData();
        if (meta.value(QLatin1String("IID")).toString() ==
            QLatin1String(SMOLLAMA_PLUGIN_FACTORY_IID)) {
            out.append(path);
        }
    }
    out.sort();
    return out;
}

// The names of the builtin plugins (read from their manifests, nothing loaded).
QStringList builtinPluginNames()
{
    QStringList names;
    const QDir dir(PluginManager::defaultBuiltinPluginDir());
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.so")}, QDir::Files);
    for (const QFileInfo &f : files) {
        const QJsonObject manifest = QPluginLoader(f.absoluteFilePath())
                                         .metaData()
                                         .value(QLatin1String("MetaData"))
                                         .toObject();
        const QString name = manifest.value(QLatin1String("name")).toString();
        if (!name.isEmpty()) {
            names.append(name);
        }
    }
    return names;
}

bool copyFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

bool writeJson(const QString &path, const QJsonObject &object)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    return file.commit();
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Debian packages of the manifest that dpkg does not list as installed.
QStringList missingPackages(const QStringList &packages, bool &checked)
{
    checked = !QStandardPaths::findExecutable(QStringLiteral("dpkg-query")).isEmpty();
    QStringList missing;
    if (!checked) {
        return missing;
    }
    for (const QString &package : packages) {
        const ProcessResult r =
            runProcess(QStringLiteral("dpkg-query"),
                       {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), package}, {}, 30000);
        if (!r.ok() || !r.log.contains(QLatin1String("install ok installed"))) {
            missing.append(package);
        }
    }
    return missing;
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
    QTemporaryDir workspace(QDir::tempPath() + QStringLiteral("/smollama-install-XXXXXX"));
    if (!workspace.isValid()) {
        return fail(output,
                    Tr::tr("cannot create a temporary folder: %1").arg(workspace.errorString()));
    }

    QJsonObject origin{{QStringLiteral("source"), request.source},
                       {QStringLiteral("ref"), request.ref}};
    QString sourceDir;
    QStringList candidates;

    if (isGitSource(request.source)) {
        origin.insert(QStringLiteral("kind"), QStringLiteral("git"));
        step(output, Tr::tr("Cloning %1").arg(request.source));
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty()) {
            return fail(output, Tr::tr("git is not installed: sudo apt-get install git"));
        }
        sourceDir = workspace.filePath(QStringLiteral("src"));
        const ProcessResult clone =
            runProcess(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("--quiet"),
                                               request.source, sourceDir});
        if (!clone.ok()) {
            return fail(output, Tr::tr("cannot clone %1; nothing was installed:\n%2")
                                    .arg(request.source, clone.tail()));
        }
        if (!request.ref.isEmpty()) {
            step(output, Tr::tr("Checking out %1").arg(request.ref));
            const ProcessResult checkout = runProcess(
                QStringLiteral("git"), {QStringLiteral("-C"), sourceDir, QStringLiteral("checkout"),
                                        QStringLiteral("--quiet"), request.ref});
            if (!checkout.ok()) {
                return fail(output, Tr::tr("%1 has no branch, tag or commit '%2'; nothing was "
                                           "installed:\n%3")
                                        .arg(request.source, request.ref, checkout.tail()));
            }
        }
        const ProcessResult head = runProcess(
            QStringLiteral("git"),
            {QStringLiteral("-C"), sourceDir, QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
        origin.insert(QStringLiteral("commit"), head.log.trimmed());
    } else {
        if (!request.ref.isEmpty()) {
            return fail(output,
                        Tr::tr("--ref needs a git URL; %1 is a local path").arg(request.source));
        }
        const QFileInfo info(StatePaths::expandHome(request.source));
        if (!info.exists()) {
            return fail(output, Tr::tr("%1 does not exist: give a git URL (https://, ssh://, "
                                       "git@host:path, file://, a path ending in .git), a plugin "
                                       "source folder, a folder with a built plugin or a .so file")
                                    .arg(request.source));
        }
        origin.insert(QStringLiteral("source"), info.absoluteFilePath());
        if (info.isDir() &&
            QFileInfo::exists(info.absoluteFilePath() + QStringLiteral("/CMakeLists.txt"))) {
            origin.insert(QStringLiteral("kind"), QStringLiteral("folder"));
            sourceDir = info.absoluteFilePath();
            const ProcessResult head = runProcess(
                QStringLiteral("git"),
                {QStringLiteral("-C"), sourceDir, QStringLiteral("rev-parse"),
                 QStringLiteral("--verify"), QStringLiteral("--quiet"), QStringLiteral("HEAD")},
                {}, 10000);
            if (head.ok() && QFileInfo::exists(sourceDir + QStringLiteral("/.git"))) {
                origin.insert(QStringLiteral("commit"), head.log.trimmed());
            }
        } else if (info.isDir()) {
            origin.insert(QStringLiteral("kind"), QStringLiteral("built"));
            step(output, Tr::tr("Looking for a built plugin in %1").arg(info.absoluteFilePath()));
            candidates = pluginLibrariesIn(info.absoluteFilePath());
        } else {
            origin.insert(QStringLiteral("kind"), QStringLiteral("library"));
            candidates = {info.absoluteFilePath()};
        }
    }

    if (!sourceDir.isEmpty()) {
        const QString sdk = Internal::sdkPackageDir();
        if (!QFileInfo::exists(sdk + QStringLiteral("/SmollamaConfig.cmake"))) {
            return fail(output,
                        Tr::tr("the smollama plugin SDK (SmollamaConfig.cmake) is not at %1: "
                               "install smollama's SDK, or point SMOLLAMA_SDK_DIR at its "
                               "lib/cmake/Smollama folder")
                            .arg(sdk));
        }
        if (QStandardPaths::findExecutable(QStringLiteral("cmake")).isEmpty()) {
            return fail(output, Tr::tr("cmake is not installed: sudo apt-get install cmake "
                                       "build-essential qt6-base-dev"));
        }
        const QString buildDir = workspace.filePath(QStringLiteral("build"));
        step(output, Tr::tr("Configuring (CMake, against the SDK in %1)").arg(sdk));
        QStringList configure{QStringLiteral("-S"),
                              sourceDir,
                              QStringLiteral("-B"),
                              buildDir,
                              QStringLiteral("-DCMAKE_BUILD_TYPE=Release"),
                              QStringLiteral("-DBUILD_TESTING=OFF"),
                              QStringLiteral("-DSmollama_DIR=") + sdk};
        if (!QStandardPaths::findExecutable(QStringLiteral("ninja")).isEmpty()) {
            configure << QStringLiteral("-G") << QStringLiteral("Ninja");
        }
        const ProcessResult configured = runProcess(QStringLiteral("cmake"), configure);
        if (!configured.ok()) {
            return fail(output, Tr::tr("configuring %1 failed; nothing was installed:\n%2")
                                    .arg(request.source, configured.tail()));
        }
        step(output, Tr::tr("Building"));
        // Ninja prints "[3/12] ...", make "[ 25%] ...": show the percentage as it moves.
        static const QRegularExpression s_ninja(QStringLiteral("^\\[(\\d+)/(\\d+)\\]"));
        static const QRegularExpression s_make(QStringLiteral("^\\[\\s*(\\d+)%\\]"));
        int shown = -1;
        const auto progress = [&](const QString &line) {
            int percent = -1;
            if (const auto m = s_ninja.match(line); m.hasMatch() && m.captured(2).toInt() > 0) {
                percent = m.captured(1).toInt() * 100 / m.captured(2).toInt();
            } else if (const auto m2 = s_make.match(line); m2.hasMatch()) {
                percent = m2.captured(1).toInt();
            }
            if (percent > shown) {
                shown = percent;
                output.out() << QStringLiteral("    building: %1%").arg(percent) << Qt::endl;
            }
            if (options.verbose) {
                output.out() << "    " << output.paint(line, Output::Color::Dim) << Qt::endl;
            }
        };
        const ProcessResult built = runProcess(
            QStringLiteral("cmake"),
            {QStringLiteral("--build"), buildDir, QStringLiteral("--parallel")}, progress);
        if (!built.ok()) {
            return fail(output, Tr::tr("building %1 failed; nothing was installed:\n%2")
                                    .arg(request.source, built.tail()));
        }
        candidates = pluginLibrariesIn(buildDir);
    }

    if (candidates.isEmpty()) {
        return fail(output, Tr::tr("no smollama plugin library (a .so with the %1 interface) was "
                                   "found in %2; nothing was installed")
                                .arg(QStringLiteral(SMOLLAMA_PLUGIN_FACTORY_IID), request.source));
    }
    if (candidates.size() > 1) {
        return fail(output, Tr::tr("%1 has several plugin libraries (%2): install them one by one; "
                                   "nothing was installed")
                                .arg(request.source, candidates.join(QLatin1String(", "))));
    }
    const QString library = candidates.first();

    // 1. The manifest, read from the library without loading it.
    step(output, Tr::tr("Validating %1").arg(QFileInfo(library).fileName()));
    const ManifestValidator::Result checked =
        ManifestValidator::validate(QPluginLoader(library).metaData(), library);
    if (!checked.ok) {
        return fail(output,
                    Tr::tr("%1 is not an installable plugin; nothing was installed:\n    %2")
                        .arg(library, checked.problems.join(QLatin1String("\n    "))));
    }
    const QJsonObject manifest = checked.manifest;
    const QString name = manifest.value(QLatin1String("name")).toString();
    const QString version = manifest.value(QLatin1String("version")).toString();
    if (!isValidName(name)) { // the schema says so too: never let a name pick the folder
        return fail(output,
                    Tr::tr("the plugin's name '%1' is invalid; nothing was installed").arg(name));
    }
    if (!request.expectedName.isEmpty() && name != request.expectedName) {
        return fail(output, Tr::tr("%1 now builds the plugin '%2', not '%3'; nothing was changed")
                                .arg(request.source, name, request.expectedName));
    }

    // 2. A trial load in a child process: a crash there cannot take this process down.
    step(output, Tr::tr("Loading %1 %2 in a separate process").arg(name, version));
    const ProcessResult probe =
        runProcess(QCoreApplication::applicationFilePath(),
                   {QStringLiteral("plugin"), QStringLiteral("probe"), library}, {}, 60000);
    if (!probe.started || probe.timedOut) {
        return fail(output, Tr::tr("the plugin did not finish loading within a minute; nothing was "
                                   "installed"));
    }
    if (probe.crashed) {
        return fail(output, Tr::tr("the plugin crashed when loaded (signal %1); nothing was "
                                   "installed")
                                .arg(probe.exitCode));
    }
    if (probe.exitCode != 0) {
        return fail(
            output,
            Tr::tr("the plugin cannot be loaded; nothing was installed:\n%1").arg(probe.tail()));
    }

    // 3. Where it goes. Only a validated name makes the folder name.
    if (builtinPluginNames().contains(name) && !request.force) {
        return fail(output, Tr::tr("'%1' is the name of a builtin plugin; an installed copy would "
                                   "never be used. Rename the plugin (nothing was installed).")
                                .arg(name));
    }
    const QString target = QDir(installDir).filePath(name);
    if (QFileInfo::exists(target) && !request.force) {
        const QJsonObject old = readJson(target + QStringLiteral("/origin.json"));
        return fail(output,
                    Tr::tr("the plugin '%1' is already installed in %2%3; add --force to replace "
                           "it (nothing was changed)")
                        .arg(name, target,
                             old.value(QLatin1String("version")).toString().isEmpty()
                                 ? QString()
                                 : Tr::tr(" (version %1)")
                                       .arg(old.value(QLatin1String("version")).toString())));
    }

    // 4. Stage next to the target (same file system), then rename into place.
    step(output, Tr::tr("Installing to %1").arg(target));
    if (!QDir().mkpath(installDir)) {
        return fail(output, Tr::tr("cannot create %1").arg(installDir));
    }
    QTemporaryDir stage(QDir(installDir).filePath(QStringLiteral(".%1.new-XXXXXX").arg(name)));
    if (!stage.isValid()) {
        return fail(output, Tr::tr("cannot write to %1: %2").arg(installDir, stage.errorString()));
    }
    origin.insert(QStringLiteral("name"), name);
    origin.insert(QStringLiteral("version"), version);
    origin.insert(QStringLiteral("sdkVersion"), manifest.value(QLatin1String("sdkVersion")));
    origin.insert(QStringLiteral("installedAt"),
                  QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    const QString installedLibrary = stage.filePath(QFileInfo(library).fileName());
    if (!copyFile(library, installedLibrary) ||
        !writeJson(stage.filePath(QStringLiteral("origin.json")), origin)) {
        return fail(output, Tr::tr("cannot write to %1; nothing was installed").arg(stage.path()));
    }
    // QTemporaryDir makes the folder private to this user; an installed plugin is readable.
    QFile::setPermissions(stage.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
    QString backup;
    if (QFileInfo::exists(target)) {
        QTemporaryDir reserve(
            QDir(installDir).filePath(QStringLiteral(".%1.old-XXXXXX").arg(name)));
        backup = reserve.path();
        reserve.remove();
        if (!QDir().rename(target, backup)) {
            return fail(
                output,
                Tr::tr("cannot move the installed %1 aside; nothing was changed").arg(target));
        }
    }
    if (!QDir().rename(stage.path(), target)) {
        if (!backup.isEmpty()) {
            QDir().rename(backup, target);
        }
        return fail(output,
                    Tr::tr("cannot move the new plugin into %1; nothing was changed").arg(target));
    }
    stage.setAutoRemove(false);
    if (!backup.isEmpty()) {
        QDir(backup).removeRecursively();
    }
    output.out() << output.paint((request.upgrade ? Tr::tr("Upgraded %1 %2 in %3")
                                                  : Tr::tr("Installed %1 %2 in %3"))
                                     .arg(name, version, target),
                                 Output::Color::Green)
                 << Qt::endl;

    // Debian packages the plugin needs at run time.
    const QStringList packages =
        manifest.value(QLatin1String("packages")).toVariant().toStringList();
    if (!packages.isEmpty()) {
        bool dpkg = false;
        const QStringList missing = missingPackages(packages, dpkg);
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
        const QStringList builtins = builtinPluginNames();
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
    QJsonObject out;
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (property.contains(QLatin1String("default"))) {
            out.insert(it.key(), property.value(QLatin1String("default")));
        } else if (property.contains(QLatin1String("properties"))) {
            const QJsonObject nested = schemaDefaults(property);
            if (!nested.isEmpty()) {
                out.insert(it.key(), nested);
            }
        }
    }
    return out;
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
    if (!isValidName(name)) {
        output.err() << Tr::tr("smollama-cli: plugin upgrade needs a plugin name") << Qt::endl;
        return ExitUnusable;
    }
    const QString dir = QDir(Internal::pluginsInstallDir(options)).filePath(name);
    const QJsonObject origin = readJson(dir + QStringLiteral("/origin.json"));
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
    if (!isValidName(name)) {
        return fail(output, Tr::tr("'%1' is not a plugin name").arg(name));
    }
    const QString installDir = Internal::pluginsInstallDir(options);
    const QString dir = QDir(installDir).filePath(name);
    if (!QFileInfo(dir).isDir()) {
        if (builtinPluginNames().contains(name)) {
            return fail(output,
                        Tr::tr("'%1' is a builtin plugin and cannot be uninstalled; to turn "
                               "it off set plugins.builtin.%1.enabled: false in the "
                               "configuration")
                            .arg(name));
        }
        return fail(output,
                    Tr::tr("no plugin '%1' is installed in %2 (see smollama-cli plugin list)")
                        .arg(name, installDir));
    }
    // Move it out of the search path first, then delete: never half a plugin in place.
    QTemporaryDir reserve(
        QDir(installDir).filePath(QStringLiteral(".%1.removed-XXXXXX").arg(name)));
    const QString removed = reserve.path();
    reserve.remove();
    if (!QDir().rename(dir, removed)) {
        return fail(output, Tr::tr("cannot remove %1 (permissions?)").arg(dir));
    }
    QDir(removed).removeRecursively();
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
    const QString library = options.positional.value(2);
    QJsonObject result{{QStringLiteral("library"), library}};
    const auto finish = [&](bool ok, const QString &error) {
        result.insert(QStringLiteral("ok"), ok);
        if (!error.isEmpty()) {
            result.insert(QStringLiteral("error"), error);
        }
        output.out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
        return ok ? ExitOk : ExitFailed;
    };
    QPluginLoader loader(library);
    const QJsonObject manifest = loader.metaData().value(QLatin1String("MetaData")).toObject();
    result.insert(QStringLiteral("name"), manifest.value(QLatin1String("name")));
    if (!loader.load()) {
        return finish(false, loader.errorString());
    }
    auto *factory = qobject_cast<PluginFactory *>(loader.instance());
    if (!factory) {
        return finish(false, Tr::tr("its root object is not a Smollama::PluginFactory"));
    }
    std::unique_ptr<QObject> object;
    try {
        object.reset(factory->create());
    } catch (...) {
        return finish(false, Tr::tr("PluginFactory::create() threw an exception"));
    }
    if (!object) {
        return finish(false, Tr::tr("PluginFactory::create() returned no object"));
    }
    const PluginMetadata metadata(manifest);
    QJsonArray interfaces;
    QStringList missing;
    const auto check = [&](bool has, const char *iface) {
        if (has) {
            interfaces.append(QLatin1String(iface));
        } else {
            missing << QLatin1String(iface);
        }
    };
    check(qobject_cast<Plugin *>(object.get()), "Smollama::Plugin");
    if (metadata.isSensor()) {
        check(qobject_cast<ReadingProvider *>(object.get()), "Smollama::ReadingProvider");
    }
    if (metadata.isTool()) {
        check(qobject_cast<ToolProvider *>(object.get()), "Smollama::ToolProvider");
    }
    result.insert(QStringLiteral("interfaces"), interfaces);
    object.reset();
    if (!missing.isEmpty()) {
        return finish(false, QStringLiteral("its instance object does not implement %1 (list it "
                                            "in Q_INTERFACES)")
                                 .arg(missing.join(QLatin1String(", "))));
    }
    return finish(true, {});
}

} // namespace Smollama::Cli
