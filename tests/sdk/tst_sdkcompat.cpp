// SPDX-License-Identifier: GPL-3.0-or-later
// SDK compatibility and the test kit: a plugin built for SDK 1.0 (against the frozen 1.0
// headers in tests/fixtures/sdk-1.0) loads and runs in this host, and smollama/testing.h loads
// plugin libraries with the host's checks.
#include "config/config.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "tools/toolregistry.h"

#include <smollama/plugin.h>
#include <smollama/readingprovider.h>
#include <smollama/testing.h>
#include <smollama/toolprovider.h>
#include <smollama/version.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Smollama;

namespace {

const QString s_sdk10 =
    QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/sdk10/libsmollama_fixture_sdk10.so");

QString fixture(const QString &dir, const QString &name)
{
    return QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/%1/libsmollama_%2.so").arg(dir, name);
}

} // namespace

class tst_SdkCompat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostIsNewerThanTheFixture()
    {
        // The point of the fixture: this host is SDK 1.x with x > 0.
        QCOMPARE(SMOLLAMA_SDK_VERSION_MAJOR, 1);
        QVERIFY(SMOLLAMA_SDK_VERSION_MINOR >= 1);
        Testing::PluginLibrary library(s_sdk10);
        QCOMPARE(library.metadata().sdkVersion(), QStringLiteral("1.0"));
    }

    void sdk10PluginRunsInTheHost()
    {
        QTemporaryDir tmp;
        const Config config = Config::fromYaml("plugins:\n  custom:\n"
                                               "    - {name: old, module: fixture_sdk10}\n",
                                               tmp.filePath(QStringLiteral("config.yaml")));
        QVERIFY2(!config.hasErrors(), qPrintable(config.diagnostics().value(0).toString()));
        PluginManager manager;
        manager.setBuiltinPluginDir(tmp.filePath(QStringLiteral("none")));
        manager.setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/sdk10")});
        manager.setConfig(config);
        QSignalSpy published(&manager, &PluginManager::readingPublished);
        ReadingBus bus;
        ReadingManager readings(&manager, &bus);
        manager.prepare();
        manager.initializePlugins();

        const QList<PluginStatus> statuses = manager.statuses();
        QCOMPARE(statuses.size(), 1);
        QVERIFY2(statuses.first().state == PluginState::Loaded,
                 qPrintable(PluginStatus::stateName(statuses.first().state) + QLatin1Char(' ') +
                            statuses.first().reason));

        // publish() from setup(), through the 1.0 context's vtable.
        QTRY_VERIFY(!published.isEmpty());
        const Reading started = published.first().first().value<Reading>();
        QCOMPARE(started.source(), QStringLiteral("old:started"));
        QCOMPARE(started.value().toString(), QStringLiteral("old/fixture_sdk10"));

        // Polled with the schema's default.
        readings.start(false);
        QTRY_COMPARE(readings.pendingFirstReads(), 0);
        QCOMPARE(readings.latest(QStringLiteral("old:value")).value().toDouble(), 10.5);

        // Its tool, called as the agent calls it.
        ToolRegistry registry;
        QCOMPARE(registry.registerPluginTools(&manager), QStringList());
        const ToolResult echoed = registry.call(QStringLiteral("sdk10_echo"),
                                                {{QStringLiteral("text"), QStringLiteral("hi")}});
        QVERIFY2(echoed.isOk(), qPrintable(echoed.message()));
        QCOMPARE(echoed.value().toString(), QStringLiteral("hi"));
        const ToolResult empty =
            registry.call(QStringLiteral("sdk10_echo"), {{QStringLiteral("text"), QString()}});
        QCOMPARE(empty.message(), QStringLiteral("nothing to echo"));

        registry.unregisterOwner(QStringLiteral("old"));
        readings.stop();
        manager.shutdownPlugins();
    }

    void testKitRunsTheSdk10Plugin()
    {
        Testing::PluginLibrary library(s_sdk10);
        QVERIFY2(library.load(), qPrintable(library.errorString()));
        const QJsonObject config = library.config();
        QCOMPARE(config.value(QLatin1String("value")).toDouble(), 10.5);

        Testing::FakePluginContext context(QStringLiteral("old"), config, library.metadata());
        const std::unique_ptr<QObject> object = library.createInstance();
        QVERIFY2(object, qPrintable(library.errorString()));
        auto *plugin = qobject_cast<Plugin *>(object.get());
        QVERIFY(plugin->setup(config, &context).isOk());
        QCOMPARE(context.publishedCount(), 1);
        QCOMPARE(context.lastPublished(QStringLiteral("started")).value().toString(),
                 QStringLiteral("old/fixture_sdk10"));
        const QList<Reading> read = qobject_cast<ReadingProvider *>(object.get())->read();
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first().value().toDouble(), 10.5);
        QCOMPARE(qobject_cast<ToolProvider *>(object.get())->tools().size(), 1);
        plugin->teardown();
    }

    void testKitRefusesWhatTheHostRefuses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("older SDK")
            << fixture(QStringLiteral("oldsdk"), QStringLiteral("fixture_oldsdk"))
            << QStringLiteral("0.3");
        QTest::newRow("no version")
            << fixture(QStringLiteral("noversion"), QStringLiteral("fixture_noversion"))
            << QStringLiteral("version");
        QTest::newRow("not a library")
            << QStringLiteral("/nonexistent/libsmollama_x.so") << QStringLiteral("does not exist");
    }

    void testKitRefusesWhatTheHostRefuses()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        Testing::PluginLibrary library(file);
        QVERIFY(!library.load());
        QVERIFY2(library.errorString().contains(expected), qPrintable(library.errorString()));
        QVERIFY(!library.createInstance());
    }

    void testKitConfigIsValidated()
    {
        Testing::PluginLibrary library(
            fixture(QStringLiteral("good"), QStringLiteral("fixture_good")));
        QString error;
        const QJsonObject filled =
            library.config({{QStringLiteral("mode"), QStringLiteral("slow")}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(filled.value(QLatin1String("mode")).toString(), QStringLiteral("slow"));
        QCOMPARE(filled.value(QLatin1String("value")).toDouble(), 42.0);
        QCOMPARE(filled.value(QLatin1String("nested")).toObject().value(QLatin1String("depth")),
                 QJsonValue(3));

        const QJsonObject bad =
            library.config({{QStringLiteral("mode"), QStringLiteral("medium")}}, &error);
        QVERIFY(bad.isEmpty());
        QVERIFY2(error.contains(QLatin1String("mode")), qPrintable(error));
    }

    void fakeContextRecords()
    {
        Testing::FakePluginContext context;
        context.setDegraded(QStringLiteral("2 of 3 devices down"));
        QVERIFY(context.isDegraded());
        context.setDegraded(QString());
        QVERIFY(!context.isDegraded());
        QCOMPARE(context.degradedReasons(),
                 (QStringList{QStringLiteral("2 of 3 devices down"), QString()}));

        context.setToolHandler(
            [](const QString &name, const QJsonObject &) { return ToolResult::ok(name); });
        QString answered;
        context.callTool(QStringLiteral("read_source"), {}, this,
                         [&](const ToolResult &result) { answered = result.value().toString(); });
        QVERIFY(answered.isEmpty()); // on the receiver's thread, from its event loop
        QTRY_COMPARE(answered, QStringLiteral("read_source"));
        QCOMPARE(context.toolCalls().size(), 1);

        QString error;
        context.ask(QStringLiteral("how warm?"), this,
                    [&](const QString &, const QString &e) { error = e; });
        QTRY_VERIFY(!error.isEmpty());
        QCOMPARE(context.questions(), QStringList{QStringLiteral("how warm?")});
    }
};

QTEST_GUILESS_MAIN(tst_SdkCompat)
#include "tst_sdkcompat.moc"
