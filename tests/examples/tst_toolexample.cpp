// SPDX-License-Identifier: GPL-3.0-or-later
#include <smollama/plugin.h>
#include <smollama/testing.h>
#include <smollama/tool.h>
#include <smollama/toolprovider.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

class tst_ToolExample : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void schemas();
    void unitConvert_data();
    void unitConvert();
    void unitConvertErrors_data();
    void unitConvertErrors();
    void uptimeText();

private:
    Smollama::Tool *tool(const QString &name) const;

    std::unique_ptr<Smollama::Testing::PluginLibrary> m_library;
    std::unique_ptr<QObject> m_instance;
    Smollama::Plugin *m_plugin = nullptr;
    Smollama::ToolProvider *m_provider = nullptr;
    std::unique_ptr<Smollama::Testing::FakePluginContext> m_context;
};

Smollama::Tool *tst_ToolExample::tool(const QString &name) const
{
    const QList<Smollama::Tool *> tools = m_provider->tools();
    for (Smollama::Tool *t : tools) {
        if (t->name() == name) {
            return t;
        }
    }
    return nullptr;
}

void tst_ToolExample::initTestCase()
{
    m_library = std::make_unique<Smollama::Testing::PluginLibrary>(
        QStringLiteral(SMOLLAMA_TOOL_EXAMPLE_PLUGIN));
    QVERIFY2(m_library->load(), qPrintable(m_library->errorString()));
    QCOMPARE(m_library->metadata().name(), QStringLiteral("tool_example"));
    m_instance = m_library->createInstance();
    m_plugin = qobject_cast<Smollama::Plugin *>(m_instance.get());
    m_provider = qobject_cast<Smollama::ToolProvider *>(m_instance.get());
    QVERIFY2(m_plugin && m_provider, qPrintable(m_library->errorString()));
    const QJsonObject config = m_library->config();
    m_context = std::make_unique<Smollama::Testing::FakePluginContext>(
        QStringLiteral("tool_example"), config, m_library->metadata());
    QVERIFY(m_plugin->checkDependencies(config).isOk());
    QVERIFY(m_plugin->setup(config, m_context.get()).isOk());
}

void tst_ToolExample::cleanupTestCase()
{
    if (m_plugin) {
        m_plugin->teardown();
    }
    m_instance.reset();
}

void tst_ToolExample::schemas()
{
    const QList<Smollama::Tool *> tools = m_provider->tools();
    QCOMPARE(tools.size(), 2);
    Smollama::Tool *convert = tool(QStringLiteral("unit_convert"));
    QVERIFY(convert);
    const QJsonObject schema = convert->parametersSchema();
    QCOMPARE(schema.value(QLatin1String("type")).toString(), QStringLiteral("object"));
    QCOMPARE(schema.value(QLatin1String("required")).toArray().size(), 3);
    QVERIFY(tool(QStringLiteral("uptime_text")));
    for (Smollama::Tool *t : tools) {
        QVERIFY(!t->description().isEmpty());
    }
}

void tst_ToolExample::unitConvert_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<double>("expected");
    QTest::newRow("C to F") << 100.0 << "C"
                            << "F" << 212.0;
    QTest::newRow("F to C") << 32.0 << "F"
                            << "C" << 0.0;
    QTest::newRow("C to K") << 25.0 << "C"
                            << "K" << 298.15;
    QTest::newRow("K to F") << 0.0 << "K"
                            << "F" << -459.67;
    QTest::newRow("-40 meets") << -40.0 << "F"
                               << "C" << -40.0;
    QTest::newRow("same unit") << 21.5 << "C"
                               << "C" << 21.5;
}

void tst_ToolExample::unitConvert()
{
    QFETCH(double, value);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(double, expected);
    Smollama::Tool *convert = tool(QStringLiteral("unit_convert"));
    QVERIFY(convert);
    const Smollama::ToolResult result = convert->call(QJsonObject{{QStringLiteral("value"), value},
                                                                  {QStringLiteral("from"), from},
                                                                  {QStringLiteral("to"), to}});
    QVERIFY2(result.isOk(), qPrintable(result.errorMessage()));
    const QJsonObject out = result.value().toObject();
    QVERIFY2(qAbs(out.value(QLatin1String("value")).toDouble() - expected) < 0.005,
             qPrintable(QString::number(out.value(QLatin1String("value")).toDouble())));
    QCOMPARE(out.value(QLatin1String("unit")).toString(), to);
}

void tst_ToolExample::unitConvertErrors_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("message");
    QTest::newRow("below absolute zero") << -300.0 << "C"
                                         << "K"
                                         << "below absolute zero";
    QTest::newRow("unknown from") << 1.0 << "R"
                                  << "C"
                                  << "unknown unit 'R'";
    QTest::newRow("unknown to") << 1.0 << "C"
                                << "X"
                                << "unknown unit 'X'";
}

void tst_ToolExample::unitConvertErrors()
{
    QFETCH(double, value);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, message);
    const Smollama::ToolResult result = tool(QStringLiteral("unit_convert"))
                                            ->call(QJsonObject{{QStringLiteral("value"), value},
                                                               {QStringLiteral("from"), from},
                                                               {QStringLiteral("to"), to}});
    QVERIFY(!result.isOk());
    QVERIFY2(result.errorMessage().contains(message), qPrintable(result.errorMessage()));
}

void tst_ToolExample::uptimeText()
{
    Smollama::Tool *uptime = tool(QStringLiteral("uptime_text"));
    QVERIFY(uptime);
    const Smollama::ToolResult result = uptime->call({});
    QVERIFY2(result.isOk(), qPrintable(result.errorMessage()));
    const QJsonObject out = result.value().toObject();
    QVERIFY(out.value(QLatin1String("seconds")).toDouble() > 0);
    const QString text = out.value(QLatin1String("text")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+ (day|hour|minute)s?(, \\d+ \\w+)*$"))
                 .match(text)
                 .hasMatch(),
             qPrintable(text));
}

QTEST_GUILESS_MAIN(tst_ToolExample)

#include "tst_toolexample.moc"
