// SPDX-License-Identifier: GPL-3.0-or-later
#include "statepaths.h"

#include <smollama/homepath.h>

#include <QDir>
#include <QFileInfo>

namespace Smollama {

namespace {

// systemd passes absolute paths; a relative one would depend on the working folder.
QString fromEnvironment(const char *name)
{
    QString value = qEnvironmentVariable(name);
    const int colon = value.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        value.truncate(colon);
    }
    return value.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(value).absoluteFilePath());
}

QString inState(const char *name, const QString &stateDir = StatePaths::stateDir())
{
    return stateDir + QLatin1Char('/') + QLatin1String(name);
}

// The names of the files a running node leaves for its clients, each written once.
constexpr char s_apiToken[] = "api-token";
constexpr char s_instanceFile[] = "http.json";

} // namespace

StatePaths::Origin StatePaths::origin()
{
    if (!qEnvironmentVariableIsEmpty("SMOLLAMA_STATE_DIR")) {
        return Origin::Explicit;
    }
    if (!qEnvironmentVariableIsEmpty("STATE_DIRECTORY")) {
        return Origin::Service;
    }
    return Origin::Home;
}

QString StatePaths::stateDir()
{
    switch (origin()) {
    case Origin::Explicit:
        // A list is systemd's convention, not ours: the whole value is the folder.
        return QDir::cleanPath(
            QFileInfo(qEnvironmentVariable("SMOLLAMA_STATE_DIR")).absoluteFilePath());
    case Origin::Service:
        return fromEnvironment("STATE_DIRECTORY");
    case Origin::Home:
        break;
    }
    return QDir::homePath() + QLatin1String("/.smollama");
}

QString StatePaths::systemStateDir()
{
    return QStringLiteral("/var/lib/smollama");
}

QString StatePaths::systemConfigFile()
{
    return QStringLiteral("/etc/smollama/config.yaml");
}

QString StatePaths::configFile()
{
    return inState("config.yaml");
}

QStringList StatePaths::configSearchPath()
{
    return {QDir::current().absoluteFilePath(QStringLiteral("config.yaml")), configFile(),
            systemConfigFile()};
}

QString StatePaths::historyDatabase()
{
    return inState("readings.db");
}

QString StatePaths::apiTokenFile()
{
    return inState(s_apiToken);
}

QString StatePaths::instanceFile()
{
    return inState(s_instanceFile);
}

QString StatePaths::lockFile()
{
    return inState("smollama.lock");
}

QString StatePaths::pluginsDir()
{
    return inState("plugins");
}

QString StatePaths::crashNotesDir()
{
    return inState("state");
}

QStringList StatePaths::instanceStateDirs()
{
    QStringList dirs{stateDir()};
    if (dirs.first() != systemStateDir()) {
        dirs.append(systemStateDir());
    }
    return dirs;
}

QString StatePaths::instanceFileIn(const QString &stateDir)
{
    return inState(s_instanceFile, stateDir);
}

QString StatePaths::apiTokenFileIn(const QString &stateDir)
{
    return inState(s_apiToken, stateDir);
}

int StatePaths::secretFileMode()
{
    return origin() == Origin::Service ? 0640 : 0600;
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) {
        return QDir::homePath() + path.mid(1);
    }
    return path;
}

QString StatePaths::expandHome(const QString &path)
{
    return Smollama::expandHome(path);
}

QString StatePaths::resolve(const QString &path, const QString &baseDir)
{
    const QString expanded = expandHome(path);
    const QDir base(baseDir.isEmpty() ? QDir::currentPath() : baseDir);
    return QDir::cleanPath(base.absoluteFilePath(expanded));
}

} // namespace Smollama
