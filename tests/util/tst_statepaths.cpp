// SPDX-License-Identifier: GPL-3.0-or-later
// Where every program keeps its state: ~/.smollama for a desktop user, the folder systemd gives
// the service (StateDirectory=smollama → $STATE_DIRECTORY), or $SMOLLAMA_STATE_DIR.
#include "config/config.h"
#include "http/apitoken.h"
#include "plugins/crashguard.h"
#include "plugins/pluginmanager.h"
#include "util/instancelock.h"
#include "util/statepaths.h"

#include <smollama/homepath.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Smollama;

namespace {

int modeOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return -1;
    }
    return int(st.st_mode & 0777);
}

} // namespace

class tst_StatePaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", QFile::encodeName(m_home.path()));
        qunsetenv("SMOLLAMA_STATE_DIR");
        qunsetenv("STATE_DIRECTORY");
    }

    void cleanup()
    {
        qunsetenv("SMOLLAMA_STATE_DIR");
        qunsetenv("STATE_DIRECTORY");
    }

    void desktopUserKeepsEverythingInDotSmollama()
    {
        const QString dir = m_home.path() + QStringLiteral("/.smollama");
        QCOMPARE(StatePaths::origin(), StatePaths::Origin::Home);
        QCOMPARE(StatePaths::stateDir(), dir);
        QCOMPARE(StatePaths::configFile(), dir + QStringLiteral("/config.yaml"));
        QCOMPARE(StatePaths::historyDatabase(), dir + QStringLiteral("/readings.db"));
        QCOMPARE(StatePaths::apiTokenFile(), dir + QStringLiteral("/api-token"));
        QCOMPARE(StatePaths::instanceFile(), dir + QStringLiteral("/http.json"));
        QCOMPARE(StatePaths::lockFile(), dir + QStringLiteral("/smollama.lock"));
        QCOMPARE(StatePaths::pluginsDir(), dir + QStringLiteral("/plugins"));
        QCOMPARE(StatePaths::crashNotesDir(), dir + QStringLiteral("/state"));
        QCOMPARE(StatePaths::secretFileMode(), 0600);
        // The CLI also looks for the service's instance.
        QCOMPARE(StatePaths::instanceStateDirs(),
                 QStringList({dir, QStringLiteral("/var/lib/smollama")}));
        // The CLI finds each node's http.json and token in the same places.
        QCOMPARE(StatePaths::instanceFileIn(dir), StatePaths::instanceFile());
        QCOMPARE(StatePaths::apiTokenFileIn(dir), StatePaths::apiTokenFile());
        QCOMPARE(StatePaths::instanceFileIn(StatePaths::systemStateDir()),
                 QStringLiteral("/var/lib/smollama/http.json"));
        QCOMPARE(StatePaths::apiTokenFileIn(StatePaths::systemStateDir()),
                 QStringLiteral("/var/lib/smollama/api-token"));
        // The programs' defaults follow.
        QCOMPARE(CrashGuard().stateDir(), dir + QStringLiteral("/state"));
        QCOMPARE(InstanceLock().path(), dir + QStringLiteral("/smollama.lock"));
    }

    void serviceUsesTheFolderSystemdGives()
    {
        QTemporaryDir varLib;
        const QString dir = varLib.filePath(QStringLiteral("smollama"));
        // StateDirectory=smollama logs → $STATE_DIRECTORY lists both; the first is ours.
        qputenv("STATE_DIRECTORY", QFile::encodeName(dir + QStringLiteral(":/var/log/x")));
        QCOMPARE(StatePaths::origin(), StatePaths::Origin::Service);
        QCOMPARE(StatePaths::stateDir(), dir);
        QCOMPARE(StatePaths::pluginsDir(), dir + QStringLiteral("/plugins"));
        QCOMPARE(StatePaths::secretFileMode(), 0640);
        QCOMPARE(Config::searchLocations(),
                 QStringList({QDir::current().absoluteFilePath(QStringLiteral("config.yaml")),
                              dir + QStringLiteral("/config.yaml"),
                              QStringLiteral("/etc/smollama/config.yaml")}));

        // Plugins installed into the service's folder are found by the service.
        PluginManager manager;
        QVERIFY2(manager.searchPaths().contains(dir + QStringLiteral("/plugins")),
                 qPrintable(manager.searchPaths().join(QLatin1Char(' '))));
        QVERIFY(
            !manager.searchPaths().contains(m_home.path() + QStringLiteral("/.smollama/plugins")));
    }

    void explicitFolderWinsAndIsMadeAbsolute()
    {
        qputenv("STATE_DIRECTORY", "/var/lib/smollama");
        qputenv("SMOLLAMA_STATE_DIR", "rel/state");
        QCOMPARE(StatePaths::origin(), StatePaths::Origin::Explicit);
        QCOMPARE(StatePaths::stateDir(),
                 QDir::current().absoluteFilePath(QStringLiteral("rel/state")));
        QCOMPARE(StatePaths::secretFileMode(), 0600);

        // An administrator working on the service's folder: it is listed once.
        qputenv("SMOLLAMA_STATE_DIR", "/var/lib/smollama");
        QCOMPARE(StatePaths::instanceStateDirs(), QStringList{QStringLiteral("/var/lib/smollama")});
    }

    void serviceTokenIsReadableByTheGroupOnly()
    {
        QTemporaryDir state;
        qputenv("STATE_DIRECTORY", QFile::encodeName(state.path()));
        QString error;
        bool created = false;
        const QByteArray token =
            ApiToken::loadOrCreate(StatePaths::apiTokenFile(), &error, &created);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        QVERIFY(created);
        QCOMPARE(modeOf(StatePaths::apiTokenFile()), 0640);

        // A token left private (0600) by hand is opened to the group at the next start; one
        // readable by everybody is narrowed to the group.
        QVERIFY(QFile::setPermissions(StatePaths::apiTokenFile(),
                                      QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(ApiToken::loadOrCreate(StatePaths::apiTokenFile(), &error), token);
        QCOMPARE(modeOf(StatePaths::apiTokenFile()), 0640);
        QVERIFY(QFile::setPermissions(StatePaths::apiTokenFile(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                          QFile::ReadOther));
        QCOMPARE(ApiToken::loadOrCreate(StatePaths::apiTokenFile(), &error), token);
        QCOMPARE(modeOf(StatePaths::apiTokenFile()), 0640);
    }

    void desktopTokenStaysPrivate()
    {
        QString error;
        const QString path = StatePaths::apiTokenFile();
        QVERIFY2(!ApiToken::loadOrCreate(path, &error).isEmpty(), qPrintable(error));
        QCOMPARE(modeOf(path), 0600);
        QVERIFY(
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        QVERIFY(!ApiToken::loadOrCreate(path, &error).isEmpty());
        QCOMPARE(modeOf(path), 0600);
    }

    void homeIsExpandedOnce_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected"); // "@" stands for the home folder

        QTest::newRow("tilde") << "~"
                               << "/base"
                               << "@";
        QTest::newRow("tilde slash") << "~/plugins"
                                     << "/base"
                                     << "@/plugins";
        QTest::newRow("relative to base") << "plugins/../x"
                                          << "/base"
                                          << "/base/x";
        QTest::newRow("absolute") << "/opt/p"
                                  << "/base"
                                  << "/opt/p";
        // ~user is not expanded (no such rule anywhere in smollama): it is a relative name.
        QTest::newRow("tilde user") << "~pi/x"
                                    << "/base"
                                    << "/base/~pi/x";
    }

    void homeIsExpandedOnce()
    {
        QFETCH(QString, path);
        QFETCH(QString, base);
        QFETCH(QString, expected);
        expected.replace(QLatin1Char('@'), m_home.path());
        QCOMPARE(StatePaths::resolve(path, base), expected);
        // The SDK's expandHome() (what plugins use) is the same rule, without the base folder.
        if (path.startsWith(QLatin1Char('~')) && expected.startsWith(m_home.path())) {
            QCOMPARE(Smollama::expandHome(path), expected);
        } else {
            QCOMPARE(Smollama::expandHome(path), path);
        }
    }

    void configPathsUseTheSameExpansion()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("config.yaml"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("plugins:\n  paths: [~/mine, rel]\n  install_dir: ~/inst\n");
        f.close();
        const Config config = Config::load(file);
        QCOMPARE(config.pluginPaths(), QStringList({m_home.path() + QStringLiteral("/mine"),
                                                    dir.filePath(QStringLiteral("rel"))}));
        QCOMPARE(config.pluginsInstallDir(), m_home.path() + QStringLiteral("/inst"));
        QVERIFY(Config().pluginsInstallDir().isEmpty());
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(tst_StatePaths)
#include "tst_statepaths.moc"
