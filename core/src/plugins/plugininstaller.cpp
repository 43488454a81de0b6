// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugininstaller.h"

#include "installprocess_p.h"
#include "plugins/manifestvalidator.h"
#include "plugins/pluginmanager.h"
#include "util/statepaths.h"

#include <smollama/names.h>
#include <smollama/pluginfactory.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPluginLoader>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace Smollama {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(PluginInstaller)
};

using Internal::ProcessResult;
using Internal::runProcess;

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

// A free hidden name beside the target: ".<name>.<what>-XXXXXX" in \a dir.
QString reserveName(const QString &dir, const QString &name, const QString &what)
{
    QTemporaryDir reserve(QDir(dir).filePath(QStringLiteral(".%1.%2-XXXXXX").arg(name, what)));
    const QString path = reserve.path();
    reserve.remove();
    return path;
}

} // namespace

PluginInstaller::PluginInstaller(const QString &installDir)
    : m_installDir(installDir)
{
    m_probeProgram = QCoreApplication::applicationFilePath();
    m_probeArguments = {QStringLiteral("plugin"), QStringLiteral("probe")};
}

PluginInstaller::~PluginInstaller() = default;

void PluginInstaller::setProbeCommand(const QString &program, const QStringList &arguments)
{
    m_probeProgram = program;
    m_probeArguments = arguments;
}

void PluginInstaller::setStepHandler(std::function<void(const QString &)> handler)
{
    m_onStep = std::move(handler);
}

void PluginInstaller::setBuildOutputHandler(std::function<void(const QString &)> handler)
{
    m_onBuildLine = std::move(handler);
}

void PluginInstaller::setBuildProgressHandler(std::function<void(int)> handler)
{
    m_onBuildProgress = std::move(handler);
}

void PluginInstaller::reportStep(const QString &text) const
{
    if (m_onStep) {
        m_onStep(text);
    }
}

QStringList PluginInstaller::builtinNames() const
{
    return m_builtinNamesSet ? m_builtinNames : builtinPluginNames();
}

QString PluginInstaller::workspacePath(QString *error)
{
    if (!m_workspace) {
        m_workspace = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                                      QStringLiteral("/smollama-install-XXXXXX"));
    }
    if (!m_workspace->isValid()) {
        *error = Tr::tr("cannot create a temporary folder: %1").arg(m_workspace->errorString());
        return {};
    }
    return m_workspace->path();
}

QString PluginInstaller::targetOf(const QString &name) const
{
    return QDir(m_installDir).filePath(name);
}

PluginInstaller::Result PluginInstaller::install(const Request &request)
{
    Result result;
    const auto failAt = [&result](Step step, const QString &error) {
        result.failedStep = step;
        result.error = error;
        return result;
    };

    const Fetched fetched = fetch(request);
    if (!fetched.error.isEmpty()) {
        return failAt(Step::Fetch, fetched.error);
    }
    QStringList libraries = fetched.libraries;
    if (!fetched.sourceDir.isEmpty()) {
        QString error;
        libraries = build(fetched.sourceDir, request.source, &error);
        if (!error.isEmpty()) {
            return failAt(Step::Build, error);
        }
    }

    const Verified verified = verify(libraries, request.source, request.expectedName);
    if (!verified.error.isEmpty()) {
        return failAt(Step::Verify, verified.error);
    }
    result.name = verified.name;
    result.version = verified.version;
    result.manifest = verified.manifest;

    if (const QString error = probe(verified.library); !error.isEmpty()) {
        return failAt(Step::Probe, error);
    }

    // Where it goes. Only a validated name makes the folder name.
    if (const QString error = checkTarget(verified.name, request.force); !error.isEmpty()) {
        return failAt(Step::Stage, error);
    }
    result.target = targetOf(verified.name);
    reportStep(Tr::tr("Installing to %1").arg(result.target));
    QString staged;
    if (const QString error = stage(verified, fetched.origin, &staged); !error.isEmpty()) {
        return failAt(Step::Stage, error);
    }
    if (const QString error = swap(staged, result.target); !error.isEmpty()) {
        QDir(staged).removeRecursively();
        return failAt(Step::Swap, error);
    }
    m_workspace.reset();
    result.ok = true;
    return result;
}

PluginInstaller::Fetched PluginInstaller::fetch(const Request &request)
{
    Fetched fetched;
    fetched.origin = QJsonObject{{QStringLiteral("source"), request.source},
                                 {QStringLiteral("ref"), request.ref}};

    if (isGitSource(request.source)) {
        fetched.origin.insert(QStringLiteral("kind"), QStringLiteral("git"));
        reportStep(Tr::tr("Cloning %1").arg(request.source));
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty()) {
            fetched.error = Tr::tr("git is not installed: sudo apt-get install git");
            return fetched;
        }
        const QString workspace = workspacePath(&fetched.error);
        if (workspace.isEmpty()) {
            return fetched;
        }
        const QString sourceDir = workspace + QStringLiteral("/src");
        QDir(sourceDir).removeRecursively();
        const ProcessResult clone =
            runProcess(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("--quiet"),
                                               request.source, sourceDir});
        if (!clone.ok()) {
            fetched.error = Tr::tr("cannot clone %1; nothing was installed:\n%2")
                                .arg(request.source, clone.tail());
            return fetched;
        }
        if (!request.ref.isEmpty()) {
            reportStep(Tr::tr("Checking out %1").arg(request.ref));
            const ProcessResult checkout = runProcess(
                QStringLiteral("git"), {QStringLiteral("-C"), sourceDir, QStringLiteral("checkout"),
                                        QStringLiteral("--quiet"), request.ref});
            if (!checkout.ok()) {
                fetched.error = Tr::tr("%1 has no branch, tag or commit '%2'; nothing was "
                                       "installed:\n%3")
                                    .arg(request.source, request.ref, checkout.tail());
                return fetched;
            }
        }
        const ProcessResult head = runProcess(
            QStringLiteral("git"),
            {QStringLiteral("-C"), sourceDir, QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
        fetched.origin.insert(QStringLiteral("commit"), head.log.trimmed());
        fetched.sourceDir = sourceDir;
        return fetched;
    }

    if (!request.ref.isEmpty()) {
        fetched.error = Tr::tr("--ref needs a git URL; %1 is a local path").arg(request.source);
        return fetched;
    }
    const QFileInfo info(StatePaths::expandHome(request.source));
    if (!info.exists()) {
        fetched.error = Tr::tr("%1 does not exist: give a git URL (https://, ssh://, "
                               "git@host:path, file://, a path ending in .git), a plugin "
                               "source folder, a folder with a built plugin or a .so file")
                            .arg(request.source);
        return fetched;
    }
    fetched.origin.insert(QStringLiteral("source"), info.absoluteFilePath());
    if (info.isDir() &&
        QFileInfo::exists(info.absoluteFilePath() + QStringLiteral("/CMakeLists.txt"))) {
        fetched.origin.insert(QStringLiteral("kind"), QStringLiteral("folder"));
        fetched.sourceDir = info.absoluteFilePath();
        const ProcessResult head = runProcess(
            QStringLiteral("git"),
            {QStringLiteral("-C"), fetched.sourceDir, QStringLiteral("rev-parse"),
             QStringLiteral("--verify"), QStringLiteral("--quiet"), QStringLiteral("HEAD")},
            {}, 10000);
        if (head.ok() && QFileInfo::exists(fetched.sourceDir + QStringLiteral("/.git"))) {
            fetched.origin.insert(QStringLiteral("commit"), head.log.trimmed());
        }
    } else if (info.isDir()) {
        fetched.origin.insert(QStringLiteral("kind"), QStringLiteral("built"));
        reportStep(Tr::tr("Looking for a built plugin in %1").arg(info.absoluteFilePath()));
        fetched.libraries = pluginLibraries(info.absoluteFilePath());
    } else {
        fetched.origin.insert(QStringLiteral("kind"), QStringLiteral("library"));
        fetched.libraries = {info.absoluteFilePath()};
    }
    return fetched;
}

QStringList PluginInstaller::build(const QString &sourceDir, const QString &source, QString *error)
{
    const QString sdk = m_sdkPackageDir;
    if (sdk.isEmpty() || !QFileInfo::exists(sdk + QStringLiteral("/SmollamaConfig.cmake"))) {
        *error = Tr::tr("the smollama plugin SDK (SmollamaConfig.cmake) is not at %1: "
                        "install smollama's SDK, or point SMOLLAMA_SDK_DIR at its "
                        "lib/cmake/Smollama folder")
                     .arg(sdk);
        return {};
    }
    if (QStandardPaths::findExecutable(QStringLiteral("cmake")).isEmpty()) {
        *error = Tr::tr("cmake is not installed: sudo apt-get install cmake "
                        "build-essential qt6-base-dev");
        return {};
    }
    const QString workspace = workspacePath(error);
    if (workspace.isEmpty()) {
        return {};
    }
    const QString buildDir = workspace + QStringLiteral("/build");
    QDir(buildDir).removeRecursively();
    reportStep(Tr::tr("Configuring (CMake, against the SDK in %1)").arg(sdk));
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
        *error = Tr::tr("configuring %1 failed; nothing was installed:\n%2")
                     .arg(source, configured.tail());
        return {};
    }
    reportStep(Tr::tr("Building"));
    // Ninja prints "[3/12] ...", make "[ 25%] ...": report the percentage as it moves.
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
            if (m_onBuildProgress) {
                m_onBuildProgress(percent);
            }
        }
        if (m_onBuildLine) {
            m_onBuildLine(line);
        }
    };
    const ProcessResult built =
        runProcess(QStringLiteral("cmake"),
                   {QStringLiteral("--build"), buildDir, QStringLiteral("--parallel")}, progress);
    if (!built.ok()) {
        *error = Tr::tr("building %1 failed; nothing was installed:\n%2").arg(source, built.tail());
        return {};
    }
    return pluginLibraries(buildDir);
}

PluginInstaller::Verified PluginInstaller::verify(const QStringList &libraries,
                                                  const QString &source,
                                                  const QString &expectedName) const
{
    Verified verified;
    if (libraries.isEmpty()) {
        verified.error = Tr::tr("no smollama plugin library (a .so with the %1 interface) was "
                                "found in %2; nothing was installed")
                             .arg(QStringLiteral(SMOLLAMA_PLUGIN_FACTORY_IID), source);
        return verified;
    }
    if (libraries.size() > 1) {
        verified.error = Tr::tr("%1 has several plugin libraries (%2): install them one by one; "
                                "nothing was installed")
                             .arg(source, libraries.join(QLatin1String(", ")));
        return verified;
    }
    verified.library = libraries.first();

    // The manifest, read from the library without loading it.
    reportStep(Tr::tr("Validating %1").arg(QFileInfo(verified.library).fileName()));
    const ManifestValidator::Result checked =
        ManifestValidator::validate(QPluginLoader(verified.library).metaData(), verified.library);
    if (!checked.ok) {
        verified.error = Tr::tr("%1 is not an installable plugin; nothing was installed:\n    %2")
                             .arg(verified.library, checked.problems.join(QLatin1String("\n    ")));
        return verified;
    }
    verified.manifest = checked.manifest;
    verified.name = verified.manifest.value(QLatin1String("name")).toString();
    verified.version = verified.manifest.value(QLatin1String("version")).toString();
    if (!Smollama::isValidPluginName(
            verified.name)) { // the schema says so too: never let a name pick the folder
        verified.error =
            Tr::tr("the plugin's name '%1' is invalid; nothing was installed").arg(verified.name);
        return verified;
    }
    if (!expectedName.isEmpty() && verified.name != expectedName) {
        verified.error = Tr::tr("%1 now builds the plugin '%2', not '%3'; nothing was changed")
                             .arg(source, verified.name, expectedName);
        return verified;
    }
    return verified;
}

QString PluginInstaller::probe(const QString &library) const
{
    // A trial load in a child process: a crash there cannot take this process down.
    const QJsonObject manifest =
        QPluginLoader(library).metaData().value(QLatin1String("MetaData")).toObject();
    reportStep(Tr::tr("Loading %1 %2 in a separate process")
                   .arg(manifest.value(QLatin1String("name")).toString(),
                        manifest.value(QLatin1String("version")).toString()));
    const ProcessResult probe =
        runProcess(m_probeProgram, m_probeArguments + QStringList{library}, {}, 60000);
    if (!probe.started || probe.timedOut) {
        return Tr::tr("the plugin did not finish loading within a minute; nothing was "
                      "installed");
    }
    if (probe.crashed) {
        return Tr::tr("the plugin crashed when loaded (signal %1); nothing was installed")
            .arg(probe.exitCode);
    }
    if (probe.exitCode != 0) {
        return Tr::tr("the plugin cannot be loaded; nothing was installed:\n%1").arg(probe.tail());
    }
    return {};
}

QString PluginInstaller::checkTarget(const QString &name, bool force) const
{
    if (!Smollama::isValidPluginName(name)) {
        return Tr::tr("the plugin's name '%1' is invalid; nothing was installed").arg(name);
    }
    if (!force && builtinNames().contains(name)) {
        return Tr::tr("'%1' is the name of a builtin plugin; an installed copy would "
                      "never be used. Rename the plugin (nothing was installed).")
            .arg(name);
    }
    const QString target = targetOf(name);
    if (QFileInfo::exists(target) && !force) {
        const QString version = origin(target).value(QLatin1String("version")).toString();
        return Tr::tr("the plugin '%1' is already installed in %2%3; add --force to replace "
                      "it (nothing was changed)")
            .arg(name, target,
                 version.isEmpty() ? QString() : Tr::tr(" (version %1)").arg(version));
    }
    return {};
}

QString PluginInstaller::stage(const Verified &verified, const QJsonObject &origin,
                               QString *staged) const
{
    if (!QDir().mkpath(m_installDir)) {
        return Tr::tr("cannot create %1").arg(m_installDir);
    }
    QTemporaryDir stage(
        QDir(m_installDir).filePath(QStringLiteral(".%1.new-XXXXXX").arg(verified.name)));
    if (!stage.isValid()) {
        return Tr::tr("cannot write to %1: %2").arg(m_installDir, stage.errorString());
    }
    QJsonObject record = origin;
    record.insert(QStringLiteral("name"), verified.name);
    record.insert(QStringLiteral("version"), verified.version);
    record.insert(QStringLiteral("sdkVersion"),
                  verified.manifest.value(QLatin1String("sdkVersion")));
    record.insert(QStringLiteral("installedAt"),
                  QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    const QString installedLibrary = stage.filePath(QFileInfo(verified.library).fileName());
    if (!copyFile(verified.library, installedLibrary) ||
        !writeJson(stage.filePath(QStringLiteral("origin.json")), record)) {
        return Tr::tr("cannot write to %1; nothing was installed").arg(stage.path());
    }
    // QTemporaryDir makes the folder private to this user; an installed plugin is readable.
    QFile::setPermissions(stage.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
    stage.setAutoRemove(false);
    *staged = stage.path();
    return {};
}

QString PluginInstaller::swap(const QString &staged, const QString &target) const
{
    const QString name = QFileInfo(target).fileName();
    QString backup;
    if (QFileInfo::exists(target)) {
        backup = reserveName(QFileInfo(target).path(), name, QStringLiteral("old"));
        if (!QDir().rename(target, backup)) {
            return Tr::tr("cannot move the installed %1 aside; nothing was changed").arg(target);
        }
    }
    if (!QFileInfo(staged).isDir() || !QDir().rename(staged, target)) {
        if (!backup.isEmpty()) {
            QDir().rename(backup, target);
        }
        return Tr::tr("cannot move the new plugin into %1; nothing was changed").arg(target);
    }
    if (!backup.isEmpty()) {
        QDir(backup).removeRecursively();
    }
    return {};
}

QString PluginInstaller::uninstall(const QString &name) const
{
    if (!Smollama::isValidPluginName(name)) {
        return Tr::tr("'%1' is not a plugin name").arg(name);
    }
    const QString dir = targetOf(name);
    if (!QFileInfo(dir).isDir()) {
        if (builtinNames().contains(name)) {
            return Tr::tr("'%1' is a builtin plugin and cannot be uninstalled; to turn "
                          "it off set plugins.builtin.%1.enabled: false in the "
                          "configuration")
                .arg(name);
        }
        return Tr::tr("no plugin '%1' is installed in %2 (see smollama-cli plugin list)")
            .arg(name, m_installDir);
    }
    const QString removed = reserveName(m_installDir, name, QStringLiteral("removed"));
    if (!QDir().rename(dir, removed)) {
        return Tr::tr("cannot remove %1 (permissions?)").arg(dir);
    }
    QDir(removed).removeRecursively();
    return {};
}

bool PluginInstaller::isGitSource(const QString &source)
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

QStringList PluginInstaller::pluginLibraries(const QString &dir)
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

QStringList PluginInstaller::builtinPluginNames()
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

QJsonObject PluginInstaller::origin(const QString &pluginDir)
{
    QFile file(pluginDir + QStringLiteral("/origin.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList PluginInstaller::missingPackages(const QStringList &packages, bool *checked)
{
    *checked = !QStandardPaths::findExecutable(QStringLiteral("dpkg-query")).isEmpty();
    QStringList missing;
    if (!*checked) {
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

} // namespace Smollama
