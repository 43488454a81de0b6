// SPDX-License-Identifier: GPL-3.0-or-later
// The agent's tool loop against a fake Ollama whose answers depend on what it was sent.
#include "fakeollama.h"

#include "agent/agent.h"
#include "agent/ollamaclient.h"
#include "tools/toolregistry.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <atomic>
#include <memory>
#include <stdexcept>

using namespace Smollama;
using namespace FakeChunks;

namespace {

const QString s_cpu = QStringLiteral("system:cpu_temp");

QJsonObject sourceArgs()
{
    return {{QStringLiteral("source"), s_cpu}};
}

QJsonObject lastMessage(const FakeRequest &r)
{
    const QJsonArray messages = r.body.value(QStringLiteral("messages")).toArray();
    return messages.isEmpty() ? QJsonObject() : messages.last().toObject();
}

} // namespace

class tst_Agent : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_server;
    std::unique_ptr<ToolRegistry> m_tools;
    std::unique_ptr<OllamaClient> m_client;
    std::unique_ptr<Agent> m_agent;
    std::atomic<int> m_readCalls{0};
    QList<QJsonObject> m_events;

    QStringList eventTypes() const
    {
        QStringList out;
        for (const QJsonObject &e : m_events) {
            const QString type = e.value(QStringLiteral("type")).toString();
            if (type != QLatin1String("delta") || out.value(out.size() - 1) != type) {
                out << type;
            }
        }
        return out;
    }

    QJsonObject lastEvent(const QString &type) const
    {
        for (auto it = m_events.crbegin(); it != m_events.crend(); ++it) {
            if (it->value(QStringLiteral("type")).toString() == type) {
                return *it;
            }
        }
        return {};
    }

    bool runQuestion(const QString &question, const QString &conversation = QString())
    {
        QSignalSpy done(m_agent.get(), &Agent::runFinished);
        m_agent->ask(question, conversation);
        return done.wait(15000) || done.count() > 0;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeOllama>();
        QVERIFY(m_server->listen());
        m_tools = std::make_unique<ToolRegistry>();
        m_readCalls = 0;
        ToolRegistry::ToolSpec read;
        read.name = QStringLiteral("read_source");
        read.description = QStringLiteral("Latest reading of a source.");
        read.parameters = QJsonDocument::fromJson(R"({"type":"object","properties":{"source":)"
                                                  R"({"type":"string"}},"required":["source"]})")
                              .object();
        read.handler = [this](const QJsonObject &args) {
            ++m_readCalls;
            if (args.value(QStringLiteral("source")).toString() != s_cpu) {
                return ToolResult::error(QStringLiteral("unknown source"));
            }
            return ToolResult::ok(QJsonObject{{QStringLiteral("source"), s_cpu},
                                              {QStringLiteral("value"), 48.5},
                                              {QStringLiteral("unit"), QStringLiteral("°C")},
                                              {QStringLiteral("quality"), QStringLiteral("ok")}});
        };
        QCOMPARE(m_tools->registerTool(read), QString());
        ToolRegistry::ToolSpec explode;
        explode.name = QStringLiteral("explode");
        explode.handler = [](const QJsonObject &) -> ToolResult {
            throw std::runtime_error("relay board on fire");
        };
        QCOMPARE(m_tools->registerTool(explode), QString());

        OllamaSettings s;
        s.baseUrl = QUrl(m_server->url());
        s.model = QStringLiteral("llama3.2");
        s.retries = 0;
        m_client = std::make_unique<OllamaClient>(s);
        m_agent = std::make_unique<Agent>(m_client.get(), m_tools.get());
        m_agent->setSystemPrompt(QStringLiteral("You are a test."));
        m_events.clear();
        connect(m_agent.get(), &Agent::event, this,
                [this](const QJsonObject &e) { m_events.append(e); });
    }

    void cleanup()
    {
        m_agent.reset();
        m_client.reset();
        m_tools.reset();
        m_server.reset();
    }

    void toolLoopAnswersWithTheValue()
    {
        m_server->enqueue(
            FakeResponse::lines({toolCalls({call(QStringLiteral("read_source"), sourceArgs(),
                                                 QStringLiteral("call_ab12cd34"), 0)}),
                                 done()}));
        // The second answer depends on the tool message the agent sent.
        m_server->setHandler([](const FakeRequest &r) {
            const QJsonObject tool = lastMessage(r);
            if (tool.value(QStringLiteral("role")).toString() != QLatin1String("tool")) {
                return FakeResponse::lines({text(QStringLiteral("no tool message")), done()});
            }
            const double value =
                QJsonDocument::fromJson(tool.value(QStringLiteral("content")).toString().toUtf8())
                    .object()
                    .value(QStringLiteral("value"))
                    .toDouble();
            return FakeResponse::lines({text(QStringLiteral("The CPU is at ")),
                                        text(QString::number(value) + QStringLiteral(" °C.")),
                                        done()});
        });
        QVERIFY(runQuestion(QStringLiteral("How warm is the CPU?")));

        QCOMPARE(eventTypes(), (QStringList{QStringLiteral("question"), QStringLiteral("tool_call"),
                                            QStringLiteral("tool_result"), QStringLiteral("delta"),
                                            QStringLiteral("answer")}));
        QCOMPARE(lastEvent(QStringLiteral("answer")).value(QStringLiteral("text")).toString(),
                 QStringLiteral("The CPU is at 48.5 °C."));
        const QJsonObject callEvent = lastEvent(QStringLiteral("tool_call"));
        QCOMPARE(callEvent.value(QStringLiteral("name")).toString(), QStringLiteral("read_source"));
        QCOMPARE(callEvent.value(QStringLiteral("arguments")).toObject(), sourceArgs());
        QCOMPARE(lastEvent(QStringLiteral("tool_result"))
                     .value(QStringLiteral("result"))[QStringLiteral("value")]
                     .toDouble(),
                 48.5);
        QCOMPARE(m_readCalls.load(), 1);

        const QList<FakeRequest> requests = m_server->chatRequests();
        QCOMPARE(requests.size(), 2);
        QVERIFY(!requests.at(0).body.value(QStringLiteral("tools")).toArray().isEmpty());
        const QJsonArray messages = requests.at(1).body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.at(0)[QStringLiteral("role")].toString(), QStringLiteral("system"));
        QCOMPARE(messages.at(1)[QStringLiteral("role")].toString(), QStringLiteral("user"));
        // The assistant message as received, tool_calls included.
        const QJsonObject assistant = messages.at(2).toObject();
        QCOMPARE(assistant.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(assistant.value(QStringLiteral("tool_calls"))[0][QStringLiteral("id")].toString(),
                 QStringLiteral("call_ab12cd34"));
        const QJsonObject tool = messages.at(3).toObject();
        QCOMPARE(tool.value(QStringLiteral("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(tool.value(QStringLiteral("tool_name")).toString(), QStringLiteral("read_source"));
        QCOMPARE(tool.value(QStringLiteral("tool_call_id")).toString(),
                 QStringLiteral("call_ab12cd34"));
        QVERIFY2(tool.value(QStringLiteral("content")).toString().contains(QStringLiteral("48.5")),
                 qPrintable(tool.value(QStringLiteral("content")).toString()));
    }

    void conversationKeepsContext()
    {
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("Hello.")), done()}));
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("Again.")), done()}));
        QVERIFY(runQuestion(QStringLiteral("hi"), QStringLiteral("kitchen")));
        QVERIFY(runQuestion(QStringLiteral("and now?"), QStringLiteral("kitchen")));
        const QJsonArray sent =
            m_server->chatRequests().at(1).body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(sent.size(), 4); // system, hi, Hello., and now?
        QCOMPARE(sent.at(2)[QStringLiteral("content")].toString(), QStringLiteral("Hello."));
        QCOMPARE(m_agent->messages(QStringLiteral("kitchen")).size(), 5);
        QCOMPARE(lastEvent(QStringLiteral("answer")).value(QStringLiteral("conversation")),
                 QJsonValue(QStringLiteral("kitchen")));
    }

    void parallelCallsAnsweredInOrder()
    {
        m_server->enqueue(FakeResponse::lines(
            {toolCalls({call(QStringLiteral("read_source"), sourceArgs(),
                             QStringLiteral("call_first000"), 0),
                        call(QStringLiteral("explode"), {}, QStringLiteral("call_second00"), 1),
                        call(QStringLiteral("read_source"),
                             {{QStringLiteral("source"), QStringLiteral("nope")}},
                             QStringLiteral("call_third000"), 2)}),
             done()}));
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("Done.")), done()}));
        QVERIFY(runQuestion(QStringLiteral("all of it")));
        const QJsonArray messages =
            m_server->chatRequests().at(1).body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 6);
        QStringList ids;
        for (int i = 3; i < 6; ++i) {
            QCOMPARE(messages.at(i)[QStringLiteral("role")].toString(), QStringLiteral("tool"));
            ids << messages.at(i)[QStringLiteral("tool_call_id")].toString();
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("call_first000"), QStringLiteral("call_second00"),
                                   QStringLiteral("call_third000")}));
        // A throwing tool becomes an error for the model; the run goes on.
        QCOMPARE(messages.at(4)[QStringLiteral("content")].toString(),
                 QStringLiteral("error: tool explode failed: it threw relay board on fire"));
        QCOMPARE(messages.at(5)[QStringLiteral("content")].toString(),
                 QStringLiteral("error: unknown source"));
        QCOMPARE(lastEvent(QStringLiteral("answer")).value(QStringLiteral("text")).toString(),
                 QStringLiteral("Done."));
    }

    void invalidArgumentsGoBackToTheModel()
    {
        m_server->enqueue(FakeResponse::lines(
            {toolCalls({call(QStringLiteral("read_source"), {{QStringLiteral("src"), 1}})}),
             done()}));
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("Sorry.")), done()}));
        QVERIFY(runQuestion(QStringLiteral("temp?")));
        QCOMPARE(m_readCalls.load(), 0);
        const QJsonObject tool = lastMessage(m_server->chatRequests().at(1));
        QCOMPARE(tool.value(QStringLiteral("tool_name")).toString(), QStringLiteral("read_source"));
        QVERIFY(!tool.contains(QStringLiteral("tool_call_id"))); // the call had no id
        const QString content = tool.value(QStringLiteral("content")).toString();
        QVERIFY2(content.startsWith(QStringLiteral("error: invalid arguments for tool "
                                                   "'read_source'")),
                 qPrintable(content));
        QVERIFY2(content.contains(QStringLiteral("source")), qPrintable(content));
        QVERIFY(lastEvent(QStringLiteral("tool_result")).contains(QStringLiteral("error")));
    }

    void maxIterations()
    {
        m_agent->setMaxToolIterations(3);
        m_server->setHandler([](const FakeRequest &) {
            return FakeResponse::lines(
                {toolCalls({call(QStringLiteral("read_source"), sourceArgs())}), done()});
        });
        QVERIFY(runQuestion(QStringLiteral("loop forever")));
        QCOMPARE(m_readCalls.load(), 3);
        const QList<FakeRequest> requests = m_server->chatRequests();
        QCOMPARE(requests.size(), 4);
        // The last request leaves the tools out, so the model has to answer.
        QVERIFY(requests.at(2).body.contains(QStringLiteral("tools")));
        QVERIFY(!requests.at(3).body.contains(QStringLiteral("tools")));
        const QJsonObject error = lastEvent(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("max_iterations"));
        QVERIFY(!m_agent->isBusy());
    }

    void plainJsonToolCall_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<bool>("executed");
        QTest::newRow("arguments")
            << QList<QByteArray>{text(QStringLiteral("{\"name\": \"read_source\", ")),
                                 text(QStringLiteral(
                                     "\"arguments\": {\"source\": \"system:cpu_temp\"}}"))}
            << true;
        QTest::newRow("parameters, leading space")
            << QList<QByteArray>{text(QStringLiteral(
                   "  {\"name\":\"read_source\",\"parameters\":{\"source\":\"system:cpu_temp\"}}"))}
            << true;
        QTest::newRow("not a registered tool")
            << QList<QByteArray>{text(QStringLiteral("{\"name\":\"fly\",\"arguments\":{}}"))}
            << false;
        QTest::newRow("text before the json")
            << QList<QByteArray>{text(QStringLiteral(
                   "Sure: {\"name\":\"read_source\",\"arguments\":{\"source\":\"x\"}}"))}
            << false;
    }

    void plainJsonToolCall()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(bool, executed);
        pieces.append(done());
        m_server->enqueue(FakeResponse::lines(pieces));
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("It is 48.5 °C.")), done()}));
        QVERIFY(runQuestion(QStringLiteral("temp?")));
        QCOMPARE(m_readCalls.load(), executed ? 1 : 0);
        QCOMPARE(m_server->chatRequests().size(), executed ? 2 : 1);
        if (executed) {
            QCOMPARE(eventTypes(),
                     (QStringList{QStringLiteral("question"), QStringLiteral("tool_call"),
                                  QStringLiteral("tool_result"), QStringLiteral("delta"),
                                  QStringLiteral("answer")}));
            // The JSON text was held back: the only delta is the real answer.
            QCOMPARE(lastEvent(QStringLiteral("delta")).value(QStringLiteral("text")).toString(),
                     QStringLiteral("It is 48.5 °C."));
        } else {
            QCOMPARE(lastEvent(QStringLiteral("answer")).value(QStringLiteral("text")).toString(),
                     lastEvent(QStringLiteral("delta")).value(QStringLiteral("text")).toString());
        }
    }

    void unreachable()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        OllamaSettings s = m_client->settings();
        s.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        m_client->setSettings(s);
        QVERIFY(runQuestion(QStringLiteral("anyone?")));
        const QJsonObject error = lastEvent(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unreachable"));
        QVERIFY(error.value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QStringLiteral("Ollama is not reachable at http://127.0.0.1:")));
    }

    void queueAndCancel()
    {
        FakeResponse stalled = FakeResponse::lines({text(QStringLiteral("thinking"))});
        stalled.stall = true;
        m_server->enqueue(stalled);
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("second")), done()}));
        m_agent->setQueueLimit(1);
        QSignalSpy finished(m_agent.get(), &Agent::runFinished);
        QVERIFY(m_agent->ask(QStringLiteral("one")));
        QVERIFY(m_agent->ask(QStringLiteral("two")));
        QVERIFY(!m_agent->ask(QStringLiteral("three"))); // the queue holds one
        QCOMPARE(lastEvent(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
                 QStringLiteral("busy"));
        QTRY_COMPARE(m_server->chatRequests().size(), 1);
        QTRY_VERIFY(!lastEvent(QStringLiteral("delta")).isEmpty());
        m_agent->cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(lastEvent(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
                 QStringLiteral("canceled"));
        QVERIFY(!m_agent->isBusy());
        // The waiting question was dropped with the cancel: the next request is a new one.
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("third")), done()}));
        QVERIFY(runQuestion(QStringLiteral("three")));
        const QList<FakeRequest> requests = m_server->chatRequests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(lastMessage(requests.at(1)).value(QStringLiteral("content")).toString(),
                 QStringLiteral("three"));
    }

    void queuedQuestionsRunInOrder()
    {
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("first")), done()}));
        m_server->enqueue(FakeResponse::lines({text(QStringLiteral("second")), done()}));
        QSignalSpy answers(m_agent.get(), &Agent::answered);
        QVERIFY(m_agent->ask(QStringLiteral("one")));
        QVERIFY(m_agent->ask(QStringLiteral("two")));
        QTRY_COMPARE(answers.count(), 2);
        QCOMPARE(answers.at(0).at(1).toString(), QStringLiteral("first"));
        QCOMPARE(answers.at(1).at(1).toString(), QStringLiteral("second"));
    }
};

QTEST_GUILESS_MAIN(tst_Agent)
#include "tst_agent.moc"
