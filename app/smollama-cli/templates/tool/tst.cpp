// SPDX-License-Identifier: GPL-3.0-or-later
// Loads the built plugin as smollama does (smollama/testing.h): the manifest and SDK stamp
// checked, the library loaded, an instance from the factory, the config completed with the
// schema's defaults, and a PluginContext that records what the instance reports.
#include <smollama/plugin.h>
#include <smollama/testing.h>
#include <smollama/toolprovider.h>

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

    void echoes_data()
    {
        QTest::addColumn<QJsonObject>("config");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default prefix") << QJsonObject() << "hello" << "echo: hello";
        QTest::newRow("no prefix") << QJsonObject{{QStringLiteral("prefix"), QString()}} << "hi"
                                   << "hi";
    }

    void echoes()
    {
        QFETCH(QJsonObject, config);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString invalid;
        const QJsonObject full = m_library.config(config, &invalid); // as the host passes it
        QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
        const std::unique_ptr<QObject> object = m_library.createInstance();
        auto *plugin = qobject_cast<Smollama::Plugin *>(object.get());
        auto *provider = qobject_cast<Smollama::ToolProvider *>(object.get());
        QVERIFY2(plugin && provider, qPrintable(m_library.errorString()));
        Smollama::Testing::FakePluginContext context(QStringLiteral("%{PluginName}"), full,
                                                     m_library.metadata());
        QVERIFY(plugin->setup(full, &context).isOk());
        QCOMPARE(provider->tools().size(), 1);
        Smollama::Tool *tool = provider->tools().first();
        QCOMPARE(tool->name(), QStringLiteral("%{PluginName}_echo"));
        const Smollama::ToolResult result = tool->call({{QStringLiteral("text"), text}});
        QVERIFY2(result.isOk(), qPrintable(result.message()));
        QCOMPARE(result.value().toString(), expected);
        plugin->teardown();
        QVERIFY(provider->tools().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_%{ClassName})
#include "tst_%{PluginName}.moc"
