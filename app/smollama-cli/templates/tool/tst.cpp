// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the built plugin as smollama does: QPluginLoader, the factory, a PluginContext.
#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/toolprovider.h>

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

    void echoes_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default prefix") << "echo: " << "hello" << "echo: hello";
        QTest::newRow("no prefix") << "" << "hi" << "hi";
    }

    void echoes()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QJsonObject config{{QStringLiteral("prefix"), prefix}};
        const std::unique_ptr<QObject> object = createInstance();
        auto *plugin = qobject_cast<Smollama::Plugin *>(object.get());
        auto *provider = qobject_cast<Smollama::ToolProvider *>(object.get());
        QVERIFY(plugin && provider);
        TestContext context(config);
        QVERIFY(plugin->setup(config, &context).isOk());
        QCOMPARE(provider->tools().size(), 1);
        Smollama::Tool *tool = provider->tools().first();
        QCOMPARE(tool->name(), QStringLiteral("%{PluginName}_echo"));
        const Smollama::ToolResult result = tool->call({{QStringLiteral("text"), text}});
        QVERIFY(result.isOk());
        QCOMPARE(result.value().toString(), expected);
        plugin->teardown();
        QVERIFY(provider->tools().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_%{ClassName})
#include "tst_%{PluginName}.moc"
