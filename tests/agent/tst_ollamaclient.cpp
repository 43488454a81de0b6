// SPDX-License-Identifier: GPL-3.0-or-later
// OllamaClient against a fake Ollama: the stream shapes of ollama-api.md, errors, timeouts.
#include "fakeollama.h"

#include "agent/ollamachatreply.h"
#include "agent/ollamaclient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Smollama;
using namespace FakeChunks;

Q_DECLARE_METATYPE(OllamaChatReply::Error)

class tst_OllamaClient : public QObject
{
    Q_OBJECT

private:
    OllamaSettings settingsFor(const QString &url)
    {
        OllamaSettings s;
        s.baseUrl = QUrl(url);
        s.model = QStringLiteral("llama3.2");
        s.retries = 0;
        s.retryBackoffMs = 10;
        s.connectTimeoutMs = 5000;
        s.inactivityTimeoutMs = 5000;
        return s;
    }

    std::unique_ptr<OllamaChatReply> runChat(OllamaClient &client)
    {
        std::unique_ptr<OllamaChatReply> reply(client.chat(
            {QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                         {QStringLiteral("content"), QStringLiteral("why is the sky blue?")}}}));
        QSignalSpy finished(reply.get(), &OllamaChatReply::finished);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000); }();
        return reply;
    }

private Q_SLOTS:
    void stream_data()
    {
        QTest::addColumn<FakeResponse>("response");
        QTest::addColumn<OllamaChatReply::Error>("error");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QStringList>("toolNames");
        QTest::addColumn<QStringList>("toolIds");
        QTest::addColumn<QString>("errorContains");

        using E = OllamaChatReply::Error;
        const QByteArray first = text(QStringLiteral("The"));
        const QByteArray second = text(QStringLiteral(" sky"));
        {
            // Lines split in the middle across HTTP chunks.
            FakeResponse r;
            const QByteArray all = first + '\n' + second + '\n' + text(QStringLiteral(" appears")) +
                                   '\n' + done() + '\n';
            r.pieces = {all.left(10), all.mid(10, 60), all.mid(70, 3), all.mid(73)};
            QTest::newRow("text split mid-line")
                << r << E::None << QStringLiteral("The sky appears") << QStringList()
                << QStringList() << QString();
        }
        const QJsonObject tokyo{{QStringLiteral("city"), QStringLiteral("Tokyo")}};
        QTest::newRow("tool call without id")
            << FakeResponse::lines(
                   {toolCalls({call(QStringLiteral("get_weather"), tokyo)}), done()})
            << E::None << QString() << QStringList{QStringLiteral("get_weather")}
            << QStringList{QString()} << QString();
        QTest::newRow("tool call with id and index")
            << FakeResponse::lines({toolCalls({call(QStringLiteral("get_weather"), tokyo,
                                                    QStringLiteral("call_k3f9x0qa"), 0)}),
                                    done()})
            << E::None << QString() << QStringList{QStringLiteral("get_weather")}
            << QStringList{QStringLiteral("call_k3f9x0qa")} << QString();
        QTest::newRow("parallel calls")
            << FakeResponse::lines(
                   {toolCalls({call(QStringLiteral("a"), {}, QStringLiteral("call_a0000000"), 0),
                               call(QStringLiteral("b"), {}, QStringLiteral("call_b0000000"), 1),
                               call(QStringLiteral("c"), {}, QStringLiteral("call_c0000000"), 2)}),
                    done()})
            << E::None << QString()
            << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}
            << QStringList{QStringLiteral("call_a0000000"), QStringLiteral("call_b0000000"),
                           QStringLiteral("call_c0000000")}
            << QString();
        QTest::newRow("tool call in the done chunk")
            << FakeResponse::lines({done({call(QStringLiteral("get_weather"), tokyo)})}) << E::None
            << QString() << QStringList{QStringLiteral("get_weather")} << QStringList{QString()}
            << QString();
        QTest::newRow("calls in two chunks")
            << FakeResponse::lines({toolCalls({call(QStringLiteral("a"), {})}),
                                    done({call(QStringLiteral("b"), {})})})
            << E::None << QString() << QStringList{QStringLiteral("a"), QStringLiteral("b")}
            << QStringList{QString(), QString()} << QString();
        QTest::newRow("error line mid-stream, HTTP 200")
            << FakeResponse::lines(
                   {first, R"({"error":"an error was encountered while running the model"})"})
            << E::Stream << QStringLiteral("The") << QStringList() << QStringList()
            << QStringLiteral("an error was encountered while running the model");
        QTest::newRow("body ends without done")
            << FakeResponse::lines({first, second}) << E::Stream << QStringLiteral("The sky")
            << QStringList() << QStringList() << QStringLiteral("done");
        QTest::newRow("404 model not found")
            << FakeResponse::error(404, QStringLiteral("model 'llama3.2' not found"))
            << E::ModelNotFound << QString() << QStringList() << QStringList()
            << QStringLiteral("model 'llama3.2' is not installed: ollama pull llama3.2");
        QTest::newRow("400 does not support tools")
            << FakeResponse::error(
                   400,
                   QStringLiteral("registry.ollama.ai/library/gemma3:4b does not support tools"))
            << E::NoToolSupport << QString() << QStringList() << QStringList()
            << QStringLiteral("does not support tools");
        QTest::newRow("500 with error field")
            << FakeResponse::error(500, QStringLiteral("no user query found in messages"))
            << E::Http << QString() << QStringList() << QStringList()
            << QStringLiteral("HTTP 500: no user query found in messages");
        QTest::newRow("unparsable line is skipped")
            << FakeResponse::lines({first, "{not json", done()}) << E::None << QStringLiteral("The")
            << QStringList() << QStringList() << QString();
    }

    void stream()
    {
        QFETCH(FakeResponse, response);
        QFETCH(OllamaChatReply::Error, error);
        QFETCH(QString, content);
        QFETCH(QStringList, toolNames);
        QFETCH(QStringList, toolIds);
        QFETCH(QString, errorContains);

        FakeOllama server;
        QVERIFY(server.listen());
        server.enqueue(response);
        OllamaClient client(settingsFor(server.url()));
        std::unique_ptr<OllamaChatReply> reply(client.chat(
            {QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                         {QStringLiteral("content"), QStringLiteral("why is the sky blue?")}}}));
        QSignalSpy finished(reply.get(), &OllamaChatReply::finished);
        QSignalSpy deltas(reply.get(), &OllamaChatReply::contentDelta);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);

        QCOMPARE(reply->error(), error);
        QVERIFY2(reply->errorString().contains(errorContains), qPrintable(reply->errorString()));
        QCOMPARE(reply->content(), content);
        QString streamed;
        for (const QList<QVariant> &args : std::as_const(deltas)) {
            streamed += args.at(0).toString();
        }
        QCOMPARE(streamed, content);
        QStringList names;
        QStringList ids;
        for (const QJsonValue &c : reply->toolCalls()) {
            names << c[QStringLiteral("function")][QStringLiteral("name")].toString();
            ids << c[QStringLiteral("id")].toString();
            QVERIFY(c[QStringLiteral("function")][QStringLiteral("arguments")].isObject());
        }
        QCOMPARE(names, toolNames);
        QCOMPARE(ids, toolIds);
        if (error == OllamaChatReply::Error::None) {
            QCOMPARE(reply->final().value(QStringLiteral("done_reason")).toString(),
                     QStringLiteral("stop"));
            QCOMPARE(reply->message().value(QStringLiteral("tool_calls")).toArray(),
                     reply->toolCalls());
        }
    }

    void requestBody()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::lines({text(QStringLiteral("hi")), done()}));
        OllamaSettings s = settingsFor(server.url() + QStringLiteral("/"));
        s.keepAlive = QStringLiteral("10m");
        s.options = {{QStringLiteral("temperature"), 0.2}, {QStringLiteral("num_ctx"), 4096}};
        OllamaClient client(s);
        const QJsonArray tools{QJsonObject{{QStringLiteral("type"), QStringLiteral("function")}}};
        std::unique_ptr<OllamaChatReply> reply(
            client.chat({QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                     {QStringLiteral("content"), QStringLiteral("hi")}}},
                        tools));
        QSignalSpy finished(reply.get(), &OllamaChatReply::finished);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(reply->error(), OllamaChatReply::Error::None);
        QCOMPARE(server.requests.size(), 1);
        const FakeRequest r = server.requests.first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/api/chat"));
        QCOMPARE(r.body.value(QStringLiteral("model")).toString(), QStringLiteral("llama3.2"));
        QCOMPARE(r.body.value(QStringLiteral("stream")), QJsonValue(true));
        QCOMPARE(r.body.value(QStringLiteral("think")), QJsonValue(false));
        QCOMPARE(r.body.value(QStringLiteral("keep_alive")).toString(), QStringLiteral("10m"));
        QCOMPARE(r.body.value(QStringLiteral("options")).toObject(), s.options);
        QCOMPARE(r.body.value(QStringLiteral("tools")).toArray(), tools);
    }

    void inactivityTimeout()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        FakeResponse stalled = FakeResponse::lines({text(QStringLiteral("The"))});
        stalled.stall = true;
        server.enqueue(stalled);
        OllamaSettings s = settingsFor(server.url());
        s.inactivityTimeoutMs = 300;
        OllamaClient client(s);
        const auto reply = runChat(client);
        QCOMPARE(reply->error(), OllamaChatReply::Error::Timeout);
        QVERIFY2(reply->errorString().contains(QStringLiteral("sent nothing for 0.3 s")),
                 qPrintable(reply->errorString()));
        QCOMPARE(reply->content(), QStringLiteral("The"));
    }

    void connectionRefused_data()
    {
        QTest::addColumn<int>("retries");
        QTest::newRow("no retry") << 0;
        QTest::newRow("two retries") << 2;
    }

    void connectionRefused()
    {
        QFETCH(int, retries);
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        } // closed: nothing listens there now
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        OllamaSettings s = settingsFor(url);
        s.retries = retries;
        OllamaClient client(s);
        const auto reply = runChat(client);
        QCOMPARE(reply->error(), OllamaChatReply::Error::Unreachable);
        QCOMPARE(reply->errorString(),
                 QStringLiteral("Ollama is not reachable at %1 — start it with `ollama serve` or "
                                "set ollama.host")
                     .arg(url));
        QCOMPARE(reply->retries(), retries);
    }

    void noRetryAfterBytes()
    {
        // A stream cut after bytes arrived is an error, never sent again.
        FakeOllama server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::lines({text(QStringLiteral("The"))}));
        OllamaSettings s = settingsFor(server.url());
        s.retries = 3;
        OllamaClient client(s);
        const auto reply = runChat(client);
        QCOMPARE(reply->error(), OllamaChatReply::Error::Stream);
        QCOMPARE(server.requests.size(), 1);
    }

    void capabilities_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("capabilities");
        QTest::addColumn<QString>("error");
        QTest::newRow("tools") << QStringLiteral("qwen3:0.6b")
                               << QStringList{QStringLiteral("completion"), QStringLiteral("tools"),
                                              QStringLiteral("thinking")}
                               << QString();
        QTest::newRow("not installed")
            << QStringLiteral("llama3.2") << QStringList()
            << QStringLiteral("model 'llama3.2' is not installed: ollama pull llama3.2");
    }

    void capabilities()
    {
        QFETCH(QString, model);
        QFETCH(QStringList, capabilities);
        QFETCH(QString, error);
        FakeOllama server;
        QVERIFY(server.listen());
        server.shows.insert(
            QStringLiteral("qwen3:0.6b"),
            QJsonObject{{QStringLiteral("capabilities"),
                         QJsonArray{QStringLiteral("completion"), QStringLiteral("tools"),
                                    QStringLiteral("thinking")}}});
        OllamaClient client(settingsFor(server.url()));
        std::optional<QPair<QStringList, QString>> got;
        client.capabilities(model, this, [&](const QStringList &caps, const QString &e) {
            got = qMakePair(caps, e);
        });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->first, capabilities);
        QCOMPARE(got->second, error);
        QCOMPARE(server.requests.last().path, QByteArray("/api/show"));
    }

    void toolModels()
    {
        FakeOllama server;
        QVERIFY(server.listen());
        server.setTags(QJsonObject{
            {QStringLiteral("models"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("name"), QStringLiteral("qwen3:0.6b")},
                             {QStringLiteral("capabilities"),
                              QJsonArray{QStringLiteral("completion"), QStringLiteral("tools")}}},
                 QJsonObject{{QStringLiteral("name"), QStringLiteral("gemma3:1b")},
                             {QStringLiteral("capabilities"),
                              QJsonArray{QStringLiteral("completion")}}}}}});
        OllamaClient client(settingsFor(server.url()));
        QStringList models;
        bool called = false;
        client.toolModels(this, [&](const QStringList &m) {
            models = m;
            called = true;
        });
        QTRY_VERIFY(called);
        QCOMPARE(models, QStringList{QStringLiteral("qwen3:0.6b")});
    }
};

QTEST_GUILESS_MAIN(tst_OllamaClient)
#include "tst_ollamaclient.moc"
