// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the built plugin as smollama does: QPluginLoader, the factory, a PluginContext.
#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingprovider.h>

#include <QJsonObject>
#include <QPluginLoader>
#include <QTest>

#include <memory>

namespace {

class TestContext : public Smollama::PluginContext
{
public:
    explicit TestContext(const QJsonObject &config)
        : m_config(config)
    {
    }
    QString instanceName() const override { return QStringLiteral("%{PluginName}"); }
    Smollama::PluginMetadata metadata() const override { return {}; }
    QJsonObject config() const override { return m_config; }
    void publish(const Smollama::Reading &reading) override { Q_UNUSED(reading) }

private:
    QJsonObject m_config;
};

} // namespace

class tst_%{ClassName} : public QObject
{
    Q_OBJECT

private:
    QPluginLoader m_loader{QStringLiteral(PLUGIN_FILE)};

    std::unique_ptr<QObject> createInstance()
    {
        auto *factory = qobject_cast<Smollama::PluginFactory *>(m_loader.instance());
        return std::unique_ptr<QObject>(factory ? factory->create() : nullptr);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_loader.load(), qPrintable(m_loader.errorString())); }

    void manifestIsStamped()
    {
        const QJsonObject manifest =
            m_loader.metaData().value(QLatin1String("MetaData")).toObject();
        QCOMPARE(manifest.value(QLatin1String("name")).toString(),
                 QStringLiteral("%{PluginName}"));
        QVERIFY(!manifest.value(QLatin1String("sdkVersion")).toString().isEmpty());
    }

    void readsTheConfiguredValue_data()
    {
        QTest::addColumn<double>("value");
        QTest::newRow("default") << 21.5;
        QTest::newRow("negative") << -4.0;
    }

    void readsTheConfiguredValue()
    {
        QFETCH(double, value);
        const QJsonObject config{{QStringLiteral("interval_s"), 5},
                                 {QStringLiteral("demo_value"), value}};
        const std::unique_ptr<QObject> object = createInstance();
        auto *plugin = qobject_cast<Smollama::Plugin *>(object.get());
        auto *sensor = qobject_cast<Smollama::ReadingProvider *>(object.get());
        QVERIFY(plugin && sensor);
        QVERIFY(plugin->checkDependencies(config).isOk());
        TestContext context(config);
        QVERIFY(plugin->setup(config, &context).isOk());
        const QList<Smollama::Reading> readings = sensor->read();
        QCOMPARE(readings.size(), 1);
        QCOMPARE(readings.first().source(), QStringLiteral("demo"));
        QCOMPARE(readings.first().value().toDouble(), value);
        plugin->teardown();
    }
};

QTEST_GUILESS_MAIN(tst_%{ClassName})
#include "tst_%{PluginName}.moc"
