// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/config.h"
#include "plugins/manifestcache.h"
#include "plugins/pluginmanager.h"

#include <smollama/toolprovider.h>

#include <smollama/version.h>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Smollama;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/") + name;
}

struct LogLine
{
    QString event;
    QString instance;
    QString thread;
    QJsonObject data;
};

} // namespace

class tst_PluginManager : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_log;

    // A manager over \a dirs (extra plugin paths) with an empty builtin dir unless given.
    std::unique_ptr<PluginManager> makeManager(const QByteArray &yaml, const QStringList &dirs,
                                               const QString &builtinDir = QString())
    {
        const Config config = Config::fromYaml(yaml, m_tmp.filePath(QStringLiteral("config.yaml")));
        [&] {
            QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        }();
        auto manager = std::make_unique<PluginManager>();
        manager->setBuiltinPluginDir(
            builtinDir.isEmpty() ? m_tmp.filePath(QStringLiteral("no-builtins")) : builtinDir);
        manager->setConfig(config);
        QStringList paths;
        for (const QString &d : dirs) {
            paths.append(fixture(d));
        }
        manager->setExtraPluginPaths(paths);
        return manager;
    }

    static PluginStatus statusOf(const PluginManager &manager, const QString &instance,
                                 const QString &name = QString())
    {
        const QList<PluginStatus> all = manager.statuses();
        for (const PluginStatus &s : all) {
            if ((!instance.isEmpty() && s.instance == instance) ||
                (instance.isEmpty() && s.instance.isEmpty() && s.name == name)) {
                return s;
            }
        }
        return PluginStatus{};
    }

    QList<LogLine> logLines(const QString &event = QString()) const
    {
        QList<LogLine> out;
        QFile file(m_log);
        if (!file.open(QIODevice::ReadOnly)) {
            return out;
        }
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() < 4) {
                continue;
            }
            LogLine l{QString::fromUtf8(parts[0]), QString::fromUtf8(parts[1]),
                      QString::fromUtf8(parts[2]),
                      QJsonDocument::fromJson(
                          line.mid(parts[0].size() + parts[1].size() + parts[2].size() + 3))
                          .object()};
            if (event.isEmpty() || l.event == event) {
                out.append(l);
            }
        }
        return out;
    }

    QStringList instancesOf(const QString &event) const
    {
        QStringList out;
        for (const LogLine &l : logLines(event)) {
            out.append(l.instance);
        }
        return out;
    }

    static bool libraryMapped(const QString &fragment)
    {
        QFile maps(QStringLiteral("/proc/self/maps"));
        maps.open(QIODevice::ReadOnly);
        return QString::fromLocal8Bit(maps.readAll()).contains(fragment);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_log = m_tmp.filePath(QStringLiteral("lifecycle.log"));
        qputenv("SMOLLAMA_FIXTURE_LOG", m_log.toLocal8Bit());
    }

    void init() { QFile::remove(m_log); }

    void discoveryLoadsNoLibrary()
    {
        // Every fixture, including ones that would fail or throw when loaded.
        auto manager = makeManager("plugins: {}\n", {QString()});
        manager->discover();
        manager->resolve();
        const QList<PluginStatus> statuses = manager->statuses();
        QVERIFY2(statuses.size() >= 10, qPrintable(QString::number(statuses.size())));
        QVERIFY(!libraryMapped(QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR)));

        const PluginStatus good = statusOf(*manager, QString(), QStringLiteral("fixture_good"));
        QCOMPARE(good.version, QStringLiteral("1.2.3"));
        QCOMPARE(good.author, QStringLiteral("smollama tests"));
        QCOMPARE(good.description, QStringLiteral("A sensor that works"));
        QCOMPARE(good.types, QStringList{QStringLiteral("sensor")});
        QVERIFY(good.path.endsWith(QLatin1String("good/libsmollama_fixture_good.so")));
        QCOMPARE(good.state, PluginState::Disabled);
        QVERIFY2(good.reason.contains(QLatin1String("installed but not configured")),
                 qPrintable(good.reason));
        QVERIFY(logLines().isEmpty());
    }

    // Discovery remembers each library's manifest while the file stays the same, and reads it
    // again when the library is replaced at the same path, even when the replacement keeps the
    // old modification time.
    void manifestCacheFollowsTheLibrary()
    {
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("libsmollama_cached.so"));
        QVERIFY(QFile::copy(fixture(QStringLiteral("good/libsmollama_fixture_good.so")), library));
        const auto namesFound = [&dir] {
            PluginManager manager;
            manager.setBuiltinPluginDir(dir.path());
            manager.setConfig(Config::fromYaml("plugins: {}\n", QStringLiteral("c.yaml")));
            manager.discover();
            manager.resolve();
            QStringList names;
            for (const PluginStatus &s : manager.statuses()) {
                names.append(s.name);
            }
            return names;
        };
        QCOMPARE(namesFound(), QStringList{QStringLiteral("fixture_good")});
        const qint64 misses = ManifestCache::misses();
        const qint64 hits = ManifestCache::hits();
        QCOMPARE(namesFound(), QStringList{QStringLiteral("fixture_good")});
        QCOMPARE(ManifestCache::misses(), misses); // answered from the cache
        QCOMPARE(ManifestCache::hits(), hits + 1);

        // Another plugin written over the same file, its modification time set back.
        const QDateTime modified = QFileInfo(library).lastModified();
        QFile replacement(fixture(QStringLiteral("tools/libsmollama_fixture_tools.so")));
        QVERIFY(replacement.open(QIODevice::ReadOnly));
        QFile target(library);
        QVERIFY(target.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(target.write(replacement.readAll()) > 0);
        QVERIFY(target.setFileTime(modified, QFileDevice::FileModificationTime));
        target.close();
        QCOMPARE(QFileInfo(library).lastModified(), modified);
        QCOMPARE(namesFound(), QStringList{QStringLiteral("fixture_tools")});
        QCOMPARE(ManifestCache::misses(), misses + 1);

        // Replaced by a rename (a new file, as plugin install does it).
        const QString staged = dir.filePath(QStringLiteral("staged"));
        QVERIFY(QFile::copy(fixture(QStringLiteral("good/libsmollama_fixture_good.so")), staged));
        QVERIFY(::rename(QFile::encodeName(staged).constData(),
                         QFile::encodeName(library).constData()) == 0);
        QCOMPARE(namesFound(), QStringList{QStringLiteral("fixture_good")});
    }

    void loadOrderIsAlphabeticalAndTeardownReversed()
    {
        auto manager = makeManager("plugins:\n"
                                   "  custom:\n"
                                   "    - {name: charlie, module: fixture_good}\n"
                                   "    - {name: alpha, module: fixture_good}\n"
                                   "    - {name: bravo, module: fixture_good}\n",
                                   {QStringLiteral("good")});
        manager->prepare();
        manager->initializePlugins();
        QCOMPARE(instancesOf(QStringLiteral("setup")),
                 (QStringList{QStringLiteral("alpha"), QStringLiteral("bravo"),
                              QStringLiteral("charlie")}));
        for (const QString &name :
             {QStringLiteral("alpha"), QStringLiteral("bravo"), QStringLiteral("charlie")}) {
            QCOMPARE(statusOf(*manager, name).state, PluginState::Loaded);
        }
        manager->shutdownPlugins();
        QCOMPARE(instancesOf(QStringLiteral("teardown")),
                 (QStringList{QStringLiteral("charlie"), QStringLiteral("bravo"),
                              QStringLiteral("alpha")}));
        manager->shutdownPlugins(); // idempotent: nothing is torn down twice
        QCOMPARE(instancesOf(QStringLiteral("teardown")).size(), 3);
    }

    void duplicatePluginNameFirstWins()
    {
        auto manager = makeManager("plugins:\n  custom:\n    - {name: dup, module: duplicate}\n",
                                   {QStringLiteral("dup_a"), QStringLiteral("dup_b")});
        manager->prepare();
        manager->initializePlugins();
        const PluginStatus used = statusOf(*manager, QStringLiteral("dup"));
        QCOMPARE(used.state, PluginState::Loaded);
        QVERIFY(used.path.contains(QLatin1String("/dup_a/")));
        QCOMPARE(used.version, QStringLiteral("1.0.0"));
        const PluginStatus second = statusOf(*manager, QString(), QStringLiteral("duplicate"));
        QCOMPARE(second.state, PluginState::Conflict);
        QVERIFY(second.path.contains(QLatin1String("/dup_b/")));
        QVERIFY2(second.reason.contains(used.path), qPrintable(second.reason));
    }

    void duplicateInstanceNameFirstWins()
    {
        auto manager =
            makeManager("plugins:\n"
                        "  builtin:\n"
                        "    fixture_good: {enabled: true}\n"
                        "  custom:\n"
                        "    - {name: fixture_good, module: fixture_good, config: {value: 2}}\n",
                        {QStringLiteral("good")});
        manager->prepare();
        manager->initializePlugins();
        QCOMPARE(instancesOf(QStringLiteral("setup")).size(), 1);
        QCOMPARE(logLines(QStringLiteral("setup"))
                     .first()
                     .data.value(QStringLiteral("value"))
                     .toDouble(),
                 42.0);
        int conflicts = 0;
        for (const PluginStatus &s : manager->statuses()) {
            if (s.instance == QLatin1String("fixture_good") && s.state == PluginState::Conflict) {
                ++conflicts;
                QVERIFY2(s.reason.contains(QLatin1String("plugins.builtin.fixture_good")),
                         qPrintable(s.reason));
            }
        }
        QCOMPARE(conflicts, 1);
    }

    void instancesOfOnePluginShareToolNames()
    {
        // Two instances of one plugin offer the same tools: both load (the agent sees one tool
        // with an `instance` argument, see tst_toolregistry).
        auto manager = makeManager("plugins:\n"
                                   "  custom:\n"
                                   "    - {name: tools_b, module: fixture_tools}\n"
                                   "    - {name: tools_a, module: fixture_tools}\n",
                                   {QStringLiteral("tools")});
        manager->prepare();
        manager->initializePlugins();
        QCOMPARE(statusOf(*manager, QStringLiteral("tools_a")).state, PluginState::Loaded);
        QCOMPARE(statusOf(*manager, QStringLiteral("tools_b")).state, PluginState::Loaded);
        QCOMPARE(manager->runningInstances().size(), 2);
    }

    void duplicateToolNameOfAnotherPluginFirstWins()
    {
        auto manager = makeManager("plugins:\n"
                                   "  custom:\n"
                                   "    - {name: tools_b, module: fixture_tools2}\n"
                                   "    - {name: tools_a, module: fixture_tools}\n",
                                   {QStringLiteral("tools"), QStringLiteral("tools2")});
        manager->prepare();
        manager->initializePlugins();
        QCOMPARE(statusOf(*manager, QStringLiteral("tools_a")).state, PluginState::Loaded);
        const PluginStatus second = statusOf(*manager, QStringLiteral("tools_b"));
        QCOMPARE(second.state, PluginState::Conflict);
        QVERIFY2(second.reason.contains(
                     QLatin1String("'fixture_echo' is already provided by instance 'tools_a'")),
                 qPrintable(second.reason));
        QCOMPARE(manager->runningInstances().size(), 1);
        QCOMPARE(manager->instance(QStringLiteral("tools_a"))->toolProvider()->tools().size(), 2);
    }

    void duplicateSourceIdIsAConflict()
    {
        auto manager = makeManager(
            "plugins:\n"
            "  custom:\n"
            "    - {name: twice, module: fixture_good, config: {sources: [temp, temp]}}\n"
            "    - {name: once, module: fixture_good}\n",
            {QStringLiteral("good")});
        manager->prepare();
        manager->initializePlugins();
        const PluginStatus twice = statusOf(*manager, QStringLiteral("twice"));
        QCOMPARE(twice.state, PluginState::Conflict);
        QVERIFY2(twice.reason.contains(QLatin1String("'twice:temp' is already taken")),
                 qPrintable(twice.reason));
        // It was set up, so it is torn down right away, and the other instance runs on.
        QCOMPARE(instancesOf(QStringLiteral("teardown")), QStringList{QStringLiteral("twice")});
        QCOMPARE(statusOf(*manager, QStringLiteral("once")).state, PluginState::Loaded);
    }

    void skipReasons_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("module");
        QTest::addColumn<PluginState>("state");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unmet dependency")
            << "missingdep"
            << "fixture_missingdep" << PluginState::MissingDependencies
            << "no fixture device /dev/fixture0 (connect the fixture board)";
        QTest::newRow("absent shared library")
            << "needslib"
            << "fixture_needslib" << PluginState::MissingDependencies
            << "needs the shared library libsmollama_fixture_absent.so";
        QTest::newRow("manifest without version")
            << "noversion"
            << "fixture_noversion" << PluginState::Incompatible
            << "invalid manifest: missing required key 'version'";
        QTest::newRow("wrong SDK stamp")
            << "oldsdk"
            << "fixture_oldsdk" << PluginState::Incompatible
            << "built for SDK 0.3, this is " SMOLLAMA_SDK_VERSION_STRING
               ": rebuild it against this SDK";
        QTest::newRow("setup throws") << "throwing"
                                      << "fixture_throwing" << PluginState::Failed
                                      << "setup() threw an exception: sensor bus exploded";
        QTest::newRow("setup returns an error")
            << "failing"
            << "fixture_failing" << PluginState::Failed << "device 0x76 did not answer";
        QTest::newRow("no such plugin") << "good"
                                        << "fixture_nonexistent" << PluginState::Failed
                                        << "no plugin named 'fixture_nonexistent' was found";
    }

    void skipReasons()
    {
        QFETCH(QString, dir);
        QFETCH(QString, module);
        QFETCH(PluginState, state);
        QFETCH(QString, reason);
        // The broken instance sorts first, so the good one is loaded after it.
        auto manager = makeManager(QStringLiteral("plugins:\n"
                                                  "  custom:\n"
                                                  "    - {name: a_broken, module: %1}\n"
                                                  "    - {name: b_good, module: fixture_good}\n")
                                       .arg(module)
                                       .toUtf8(),
                                   {dir, QStringLiteral("good")});
        manager->prepare();
        manager->initializePlugins();
        const PluginStatus broken = statusOf(*manager, QStringLiteral("a_broken"));
        QCOMPARE(PluginStatus::stateName(broken.state), PluginStatus::stateName(state));
        QVERIFY2(broken.reason.contains(reason), qPrintable(broken.reason));
        QCOMPARE(statusOf(*manager, QStringLiteral("b_good")).state, PluginState::Loaded);
        const QJsonObject json = broken.toJson();
        QCOMPARE(json.value(QStringLiteral("status")).toString(), PluginStatus::stateName(state));
        QCOMPARE(json.value(QStringLiteral("reason")).toString(), broken.reason);
        manager->shutdownPlugins();
        // Only instances whose setup() succeeded are torn down.
        QCOMPARE(instancesOf(QStringLiteral("teardown")), QStringList{QStringLiteral("b_good")});
    }

    void schemaDefaultsReachSetup()
    {
        auto manager = makeManager("plugins:\n"
                                   "  custom:\n"
                                   "    - name: probe\n"
                                   "      module: fixture_good\n"
                                   "      config: {value: 7, nested: {}}\n",
                                   {QStringLiteral("good")});
        manager->prepare();
        manager->initializePlugins();
        const QList<LogLine> setups = logLines(QStringLiteral("setup"));
        QCOMPARE(setups.size(), 1);
        const QJsonObject config = setups.first().data;
        QCOMPARE(config.value(QStringLiteral("value")).toDouble(), 7.0);
        QCOMPARE(config.value(QStringLiteral("label")).toString(), QStringLiteral("fixture"));
        QCOMPARE(config.value(QStringLiteral("mode")).toString(), QStringLiteral("fast"));
        QCOMPARE(config.value(QStringLiteral("sources")).toArray(),
                 QJsonArray{QStringLiteral("value")});
        QCOMPARE(config.value(QStringLiteral("nested"))
                     .toObject()
                     .value(QStringLiteral("depth"))
                     .toInt(),
                 3);
    }

    void invalidConfigIsNotLoaded_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong type")
            << QByteArray("{value: abc}") << "plugins.custom[0].config.value:";
        QTest::newRow("not in enum") << QByteArray("{mode: turbo}")
                                     << "plugins.custom[0].config.mode: must be one of: fast, slow";
        QTest::newRow("below minimum")
            << QByteArray("{nested: {depth: 0}}") << "plugins.custom[0].config.nested.depth:";
        QTest::newRow("unknown key")
            << QByteArray("{valeu: 3}")
            << "plugins.custom[0].config.valeu: unknown key 'valeu' (did you mean 'value'?)";
    }

    void invalidConfigIsNotLoaded()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, expected);
        auto manager = makeManager("plugins:\n"
                                   "  custom:\n"
                                   "    - name: probe\n"
                                   "      module: fixture_good\n"
                                   "      config: " +
                                       config + "\n",
                                   {QStringLiteral("good")});
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral(
                                                "Invalid configuration for instance 'probe'.*")));
        manager->prepare();
        manager->initializePlugins();
        const PluginStatus s = statusOf(*manager, QStringLiteral("probe"));
        QCOMPARE(s.state, PluginState::InvalidConfig);
        QVERIFY2(s.reason.contains(expected), qPrintable(s.reason));
        QVERIFY2(s.reason.contains(QLatin1String("config.yaml:5:")), qPrintable(s.reason));
        QVERIFY(logLines().isEmpty());
    }

    void teardownRunsForEveryInstanceEvenWhenOneThrows()
    {
        auto manager = makeManager("plugins:\n"
                                   "  custom:\n"
                                   "    - {name: a, module: fixture_teardown_throws}\n"
                                   "    - {name: b, module: fixture_good}\n"
                                   "    - {name: c, module: fixture_teardown_throws}\n",
                                   {QStringLiteral("good"), QStringLiteral("teardown_throws")});
        manager->prepare();
        manager->initializePlugins();
        QCOMPARE(manager->runningInstances().size(), 3);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral(
                                 ".*teardown\\(\\) threw an exception: teardown went wrong")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral(
                                 ".*teardown\\(\\) threw an exception: teardown went wrong")));
        manager->shutdownPlugins();
        QCOMPARE(instancesOf(QStringLiteral("teardown")),
                 (QStringList{QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")}));
        QVERIFY(manager->runningInstances().isEmpty());
    }

    void dryRunNeverCallsSetup()
    {
        auto manager =
            makeManager("plugins:\n  custom:\n    - {name: probe, module: fixture_good}\n",
                        {QStringLiteral("good")});
        manager->prepare();
        QCOMPARE(statusOf(*manager, QStringLiteral("probe")).state, PluginState::Enabled);
        QVERIFY(logLines().isEmpty());
    }

    void builtinsWithoutPluginsSection()
    {
        // No plugins: section (the Python smollama's format): builtins run with defaults.
        auto legacy = makeManager("node: {name: kitchen}\n", {}, fixture(QStringLiteral("good")));
        legacy->prepare();
        const PluginStatus s = statusOf(*legacy, QStringLiteral("fixture_good"));
        QCOMPARE(s.state, PluginState::Enabled);
        QVERIFY(s.builtin);

        // With a plugins: section, an unmentioned builtin stays off and says how to enable it.
        auto modern = makeManager("plugins: {builtin: {}}\n", {}, fixture(QStringLiteral("good")));
        modern->prepare();
        const PluginStatus off = statusOf(*modern, QString(), QStringLiteral("fixture_good"));
        QCOMPARE(off.state, PluginState::Disabled);
        QVERIFY2(
            off.reason.contains(QLatin1String("plugins.builtin.fixture_good: {enabled: true}")),
            qPrintable(off.reason));
    }

    void installDirIsSearched()
    {
        auto manager = makeManager("plugins:\n  install_dir: " SMOLLAMA_FIXTURE_PLUGIN_DIR "/good\n"
                                   "  custom:\n    - {name: probe, module: fixture_good}\n",
                                   {});
        manager->prepare();
        QCOMPARE(statusOf(*manager, QStringLiteral("probe")).state, PluginState::Enabled);
        QVERIFY(
            manager->searchPaths().contains(QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")));
    }

    void disabledInstance()
    {
        auto manager = makeManager(
            "plugins:\n  custom:\n    - {name: probe, module: fixture_good, enabled: false}\n",
            {QStringLiteral("good")});
        manager->prepare();
        manager->initializePlugins();
        const PluginStatus s = statusOf(*manager, QStringLiteral("probe"));
        QCOMPARE(s.state, PluginState::Disabled);
        QVERIFY2(s.reason.contains(QLatin1String("plugins.custom[0].enabled: false")),
                 qPrintable(s.reason));
        QVERIFY(logLines().isEmpty());
    }

    void publishedReadingsAreQualified()
    {
        auto manager = makeManager("plugins:\n  custom:\n    - {name: pusher, module: "
                                   "fixture_good, config: {publish_on_setup: true}}\n",
                                   {QStringLiteral("good")});
        QSignalSpy spy(manager.get(), &PluginManager::readingPublished);
        manager->prepare();
        manager->initializePlugins();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().first().value<Reading>().source(), QStringLiteral("pusher:pushed"));
    }
};

QTEST_GUILESS_MAIN(tst_PluginManager)
#include "tst_pluginmanager.moc"
