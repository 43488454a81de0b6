// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the built plugin as smollama does (smollama/testing.h): the manifest and SDK stamp
// checked, the library loaded, an instance from the factory, the config completed with the
// schema's defaults, and a PluginContext that records what the instance publishes.
#include <smollama/plugin.h>
#include <smollama/readingprovider.h>
#include <smollama/testing.h>

#include <QJsonObject>
#include <QTest>

#include <memory>

class tst_%{ClassName} : public QObject
{
    Q_OBJECT

private:
    Smollama::Testing::PluginLibrary m_library{QStringLiteral(PLUGIN_FILE)};

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_library.load(), qPrintable(m_library.errorString())); }

    void manifestIsStamped()
    {
        QCOMPARE(m_library.metadata().name(), QStringLiteral("%{PluginName}"));
        QVERIFY(!m_library.metadata().sdkVersion().isEmpty());
    }

    void readsTheConfiguredValue_data()
    {
        QTest::addColumn<QJsonObject>("config");
        QTest::addColumn<double>("value");
        QTest::newRow("default") << QJsonObject() << 21.5;
        QTest::newRow("negative") << QJsonObject{{QStringLiteral("demo_value"), -4.0}} << -4.0;
    }

    void readsTheConfiguredValue()
    {
        QFETCH(QJsonObject, config);
        QFETCH(double, value);
        QString invalid;
        const QJsonObject full = m_library.config(config, &invalid); // as the host passes it
        QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
        const std::unique_ptr<QObject> object = m_library.createInstance();
        auto *plugin = qobject_cast<Smollama::Plugin *>(object.get());
        auto *sensor = qobject_cast<Smollama::ReadingProvider *>(object.get());
        QVERIFY2(plugin && sensor, qPrintable(m_library.errorString()));
        QVERIFY(plugin->checkDependencies(full).isOk());
        Smollama::Testing::FakePluginContext context(QStringLiteral("%{PluginName}"), full,
                                                     m_library.metadata());
        QVERIFY(plugin->setup(full, &context).isOk());
        const QList<Smollama::Reading> readings = sensor->read();
        QCOMPARE(readings.size(), 1);
        QCOMPARE(readings.first().source(), QStringLiteral("demo"));
        QCOMPARE(readings.first().value().toDouble(), value);
        QCOMPARE(context.publishedCount(), 0); // polled: nothing pushed
        plugin->teardown();
    }
};

QTEST_GUILESS_MAIN(tst_%{ClassName})
#include "tst_%{PluginName}.moc"
