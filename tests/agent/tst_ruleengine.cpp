// SPDX-License-Identifier: GPL-3.0-or-later
// agent.rules: parsing with errors naming the rule, firing after `for`, once per cooldown, and
// the agent's answer published as a notification.
#include "fakeollama.h"

#include "agent/agent.h"
#include "agent/ollamaclient.h"
#include "agent/ruleengine.h"
#include "tools/toolregistry.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Smollama;

namespace {

QJsonArray rulesFrom(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).array();
}

Reading reading(const QString &source, const QVariant &value)
{
    return Reading(source, value, QStringLiteral("°C"));
}

} // namespace

class tst_RuleEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("rule");
        QTest::addColumn<QString>("error");
        QTest::newRow("ok") << QByteArray(R"({"name":"hot","when":"system:cpu_temp > 70",)"
                                          R"("for":"60s","cooldown":"10m","prompt":"Why?"})")
                            << QString();
        QTest::newRow("bad when")
            << QByteArray(R"({"name":"hot","when":"cpu_temp is hot","prompt":"x"})")
            << QStringLiteral("agent.rules[0] (hot): when: expected \"<source> <op> <value>\"");
        QTest::newRow("bad value")
            << QByteArray(R"({"name":"hot","when":"system:cpu_temp > warm","prompt":"x"})")
            << QStringLiteral("agent.rules[0] (hot): when: 'warm' is neither a number");
        QTest::newRow("bad for")
            << QByteArray(
                   R"({"name":"hot","when":"system:cpu_temp > 1","for":"soon","prompt":"x"})")
            << QStringLiteral("agent.rules[0] (hot): for: expected a duration");
        QTest::newRow("boolean with >")
            << QByteArray(R"({"name":"door","when":"gpio:door > true","prompt":"x"})")
            << QStringLiteral("agent.rules[0] (door): when: a boolean compares only with ==");
        QTest::newRow("no prompt") << QByteArray(R"({"name":"hot","when":"system:cpu_temp > 1"})")
                                   << QStringLiteral("agent.rules[0] (hot): prompt: missing");
        QTest::newRow("no name") << QByteArray(R"({"when":"system:cpu_temp > 1","prompt":"x"})")
                                 << QStringLiteral("agent.rules[0]: name: missing");
    }

    void parseErrors()
    {
        QFETCH(QByteArray, rule);
        QFETCH(QString, error);
        QStringList errors;
        const QList<AgentRule> rules =
            RuleEngine::parse(QJsonArray{QJsonDocument::fromJson(rule).object()}, &errors);
        if (error.isEmpty()) {
            QCOMPARE(errors, QStringList());
            QCOMPARE(rules.size(), 1);
            QCOMPARE(rules.first().forMs, 60000);
            QCOMPARE(rules.first().cooldownMs, 600000);
            return;
        }
        QCOMPARE(rules.size(), 0);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(error), qPrintable(errors.first()));
    }

    void firesAfterForOncePerCooldown()
    {
        qint64 now = 1000000;
        RuleEngine engine;
        engine.setClock([&now] { return now; });
        QCOMPARE(engine.setRules(
                     rulesFrom(R"([{"name":"hot","when":"system:cpu_temp >= 70","for":"60s",)"
                               R"("cooldown":"10m","prompt":"The CPU is hot: why?"}])")),
                 QStringList());
        QSignalSpy fired(&engine, &RuleEngine::fired);
        const QString cpu = QStringLiteral("system:cpu_temp");
        const auto at = [&](qint64 seconds, double value) {
            now = 1000000 + seconds * 1000;
            engine.onReading(reading(cpu, value));
        };
        at(0, 75);
        at(30, 71);
        QCOMPARE(fired.count(), 0); // not for 60 s yet
        at(60, 70);
        QCOMPARE(fired.count(), 1);
        QCOMPARE(fired.at(0).at(0).toString(), QStringLiteral("hot"));
        at(120, 80);
        at(500, 80);
        QCOMPARE(fired.count(), 1); // cooldown
        engine.onReading(reading(QStringLiteral("system:other"), 99));
        at(600, 50); // the condition breaks: `for` starts over
        at(700, 75);
        at(730, 75);
        QCOMPARE(fired.count(), 1);
        at(760, 75);
        QCOMPARE(fired.count(), 2);
        // An error reading breaks the condition too.
        now = 1000000 + 2000 * 1000;
        engine.onReading(Reading::error(cpu, QStringLiteral("sensor gone")));
        at(2001, 90);
        QCOMPARE(fired.count(), 2);
    }

    void booleanAndNoFor()
    {
        RuleEngine engine;
        QCOMPARE(engine.setRules(rulesFrom(R"([{"name":"door","when":"gpio:door == true",)"
                                           R"("cooldown":0,"prompt":"Door open"}])")),
                 QStringList());
        QSignalSpy fired(&engine, &RuleEngine::fired);
        engine.onReading(Reading(QStringLiteral("gpio:door"), false));
        QCOMPARE(fired.count(), 0);
        engine.onReading(Reading(QStringLiteral("gpio:door"), true));
        QCOMPARE(fired.count(), 1);
    }

    void answerBecomesNotification()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::lines(
            {FakeChunks::text(QStringLiteral("The CPU is at 85 °C: check the fan.")),
             FakeChunks::done()}));
        ToolRegistry tools;
        OllamaSettings settings;
        settings.baseUrl = QUrl(server.url());
        settings.retries = 0;
        OllamaClient client(settings);
        Agent agent(&client, &tools);
        RuleEngine engine;
        engine.setAgent(&agent);
        QCOMPARE(engine.setRules(rulesFrom(R"([{"name":"hot","when":"system:cpu_temp > 80",)"
                                           R"("prompt":"The CPU is hot; tell me why."}])")),
                 QStringList());
        QSignalSpy notifications(&engine, &RuleEngine::notification);
        engine.onReading(reading(QStringLiteral("system:cpu_temp"), 85));
        QTRY_COMPARE(notifications.count(), 1);
        QCOMPARE(notifications.at(0).at(0).toString(), QStringLiteral("hot"));
        QCOMPARE(notifications.at(0).at(1).toString(),
                 QStringLiteral("The CPU is at 85 °C: check the fan."));
        QCOMPARE(notifications.at(0).at(2).toJsonObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("notification"));
        const QJsonArray sent =
            server.chatRequests().first().body.value(QStringLiteral("messages")).toArray();
        QVERIFY(sent.last()[QStringLiteral("content")].toString().startsWith(
            QStringLiteral("The CPU is hot; tell me why.")));
    }
};

QTEST_GUILESS_MAIN(tst_RuleEngine)
#include "tst_ruleengine.moc"
