// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP API as strict clients expect it, over raw sockets: HEAD on every GET resource,
// HTTP/1.0 (close after the answer, close-delimited streams), Host, the event stream's ids and
// its resumption with Last-Event-ID, the last chunk of a stream at shutdown, Vary: Origin, and
// what a caller without the token is told. Independent clients (Python, Node, curl) check the
// same against a real smollama process: tests/http/clients/.
#include "fakeollama.h"
#include "httptestnode.h"

#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QtTest>

using namespace Smollama;

class tst_HttpConformance : public QObject
{
    Q_OBJECT

private:
    HttpTestNode m_node;

    quint16 port() const { return m_node.port(); }

    void publish(int n, const QString &source = QStringLiteral("conf:x"))
    {
        for (int i = 0; i < n; ++i) {
            m_node.runtime()->bus()->publish(Reading(source, double(i), QStringLiteral("V")));
        }
    }

    // The numbers of the ids of \a events ("<run>-<n>"), for the named events only.
    static QList<quint64> numbers(const QList<SseEvent> &events)
    {
        QList<quint64> out;
        for (const SseEvent &e : events) {
            if (!e.name.isEmpty()) {
                out.append(e.id.mid(e.id.lastIndexOf('-') + 1).toULongLong());
            }
        }
        return out;
    }

    static QByteArray runOf(const QByteArray &id) { return id.left(id.lastIndexOf('-')); }

private Q_SLOTS:
    void initTestCase()
    {
        // The node runs without Ollama; its warning about that is not news here.
        QLoggingCategory::setFilterRules(QStringLiteral("smollama.runtime.warning=false"));
    }

    void cleanup() { m_node.stop(); }

    void headOnEveryGetResource_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("stableLength");
        QTest::newRow("health") << QByteArray("/api/health") << false;
        QTest::newRow("readings") << QByteArray("/api/readings") << false;
        QTest::newRow("history") << QByteArray("/api/readings/probe:temp/history?minutes=5")
                                 << false;
        QTest::newRow("plugins") << QByteArray("/api/plugins") << true;
        QTest::newRow("tools") << QByteArray("/api/tools") << true;
    }

    void headOnEveryGetResource()
    {
        QFETCH(QByteArray, path);
        QFETCH(bool, stableLength);
        QVERIFY(m_node.start());
        HttpTestClient client(port());
        const HttpTestResponse get = client.request("GET", path);
        QCOMPARE(get.status, 200);
        const HttpTestResponse head = client.request("HEAD", path);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QCOMPARE(head.headers.value("content-type"), get.headers.value("content-type"));
        QVERIFY(head.headers.contains("content-length"));
        QVERIFY(head.headers.contains("date"));
        if (stableLength) {
            QCOMPARE(head.headers.value("content-length"), QByteArray::number(get.body.size()));
        }
        // Nothing after the head: the same connection answers the next request correctly.
        QVERIFY(client.buffer().isEmpty());
        const HttpTestResponse again = client.request("GET", "/api/plugins");
        QCOMPARE(again.status, 200);
        QVERIFY2(again.json().isArray(), again.describe().constData());
    }

    void headErrorsHaveNoBody_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("404") << QByteArray("/api/nope") << 404 << QByteArray();
        QTest::newRow("405 on a tool")
            << QByteArray("/api/tools/read_source") << 405 << QByteArray("POST");
        QTest::newRow("405 on ask") << QByteArray("/api/agent/ask") << 405 << QByteArray("POST");
        QTest::newRow("404 for an unknown source")
            << QByteArray("/api/readings/nope:x/history") << 404 << QByteArray();
    }

    void headErrorsHaveNoBody()
    {
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QByteArray, allow);
        QVERIFY(m_node.start());
        HttpTestClient client(port());
        const HttpTestResponse head = client.request("HEAD", path);
        QCOMPARE(head.status, status);
        QCOMPARE(head.headers.value("allow"), allow);
        QVERIFY(client.buffer().isEmpty());
        QVERIFY(client.isConnected());
        // Kept alive, and nothing of a body is read as the next answer.
        const HttpTestResponse next = client.request("GET", "/api/health");
        QCOMPARE(next.status, 200);
        QVERIFY(next.json().object().contains(QLatin1String("uptime_s")));
    }

    void headOnEventsOpensNoStream()
    {
        QVERIFY(m_node.start());
        HttpTestClient client(port());
        const HttpTestResponse head = client.request("HEAD", "/api/events");
        QCOMPARE(head.status, 200);
        QCOMPARE(head.headers.value("content-type"), QByteArray("text/event-stream"));
        QCOMPARE(m_node.http()->eventClientCount(), 0);
        publish(3);
        const HttpTestResponse next = client.request("GET", "/api/health");
        QCOMPARE(next.status, 200);
        QVERIFY(!next.body.contains("event:"));
        QCOMPARE(m_node.http()->eventClientCount(), 0);
    }

    void chunkedRequestBody()
    {
        // HTTP/1.1 recipients must read chunked bodies (Node's http sends POST bodies so).
        QVERIFY(m_node.start());
        HttpTestClient client(port());
        client.send("POST /api/tools/read_source HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    "Bearer " +
                    m_node.token() +
                    "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "b\r\n{\"source\": \r\n0d\r\n\"probe:temp\"}\r\n0\r\n\r\n"
                    "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        const HttpTestResponse r = client.response();
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json().object().value(QLatin1String("tool")).toString(),
                 QStringLiteral("read_source"));
        QCOMPARE(client.response().status, 200);
    }

    void http10ClosesAfterTheAnswer()
    {
        QVERIFY(m_node.start()); // idle timeout 30 s: a close now is not the idle timer
        HttpTestClient client(port());
        client.send("GET /api/health HTTP/1.0\r\n\r\n");
        const HttpTestResponse r = client.response();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("connection"), QByteArray("close"));
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 5000));

        // Asked for keep-alive: kept, and said so.
        HttpTestClient kept(port());
        kept.send("GET /api/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        const HttpTestResponse first = kept.response();
        QCOMPARE(first.status, 200);
        QCOMPARE(first.headers.value("connection"), QByteArray("keep-alive"));
        kept.send("HEAD /api/readings HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        const HttpTestResponse head = kept.response(5000, true);
        QCOMPARE(head.status, 200);
        QVERIFY(kept.isConnected());
        kept.send("GET /api/readings HTTP/1.0\r\n\r\n");
        QCOMPARE(kept.response().status, 200);
        QVERIFY(HttpTestClient::waitFor([&] { return kept.isClosed(); }, 5000));
    }

    void http10EventStreamIsCloseDelimited()
    {
        QVERIFY(m_node.start());
        HttpTestClient client(port());
        client.send("GET /api/events HTTP/1.0\r\n\r\n");
        QVERIFY(client.waitForText(": connected", 3000));
        const QByteArray head = client.buffer().left(client.buffer().indexOf("\r\n\r\n"));
        QVERIFY2(!head.toLower().contains("transfer-encoding"), head.constData());
        QVERIFY2(!head.toLower().contains("content-length"), head.constData());
        QVERIFY(head.contains("Connection: close"));
        publish(1);
        QVERIFY(client.waitForText("event: reading", 3000));
        const QList<SseEvent> events = sseEvents(client.buffer(), false);
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.last().name, QByteArray("reading"));
        QVERIFY(events.last().data.startsWith('{'));
        // The body is the events themselves, no chunk sizes in between.
        QVERIFY(client.buffer().mid(client.buffer().indexOf("\r\n\r\n") + 4).startsWith("retry:"));
        // The end of the stream is the end of the connection.
        m_node.http()->stop();
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 5000));
    }

    void eventsHaveIdsAndResume()
    {
        QVERIFY(m_node.start());
        HttpTestClient first(port());
        first.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(first.waitForText(": connected", 3000));
        QTRY_COMPARE(m_node.http()->eventClientCount(), 1);
        publish(5, QStringLiteral("conf:a"));
        QTRY_VERIFY(numbers(sseEvents(first.buffer(), true)).size() >= 5);
        const QList<SseEvent> seen = sseEvents(first.buffer(), true);
        const QList<quint64> ids = numbers(seen);
        for (qsizetype i = 1; i < ids.size(); ++i) {
            QCOMPARE(ids.at(i), ids.at(i - 1) + 1); // consecutive: a client can tell a gap
        }
        const QByteArray lastId = seen.last().id;
        first.socket()->abort();

        // Missed while away.
        publish(7, QStringLiteral("conf:b"));
        HttpTestClient second(port());
        second.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: " + lastId +
                    "\r\n\r\n");
        QTRY_VERIFY(numbers(sseEvents(second.buffer(), true)).size() >= 7);
        const QList<SseEvent> replayed = sseEvents(second.buffer(), true);
        QList<quint64> replayedIds = numbers(replayed);
        QCOMPARE(replayedIds.first(), ids.last() + 1);
        for (qsizetype i = 1; i < replayedIds.size(); ++i) {
            QCOMPARE(replayedIds.at(i), replayedIds.at(i - 1) + 1);
        }
        for (const SseEvent &e : replayed) {
            QVERIFY2(e.name != "gap", e.data.constData());
            if (e.name == "reading") {
                QVERIFY2(e.data.contains("conf:b") || e.data.contains("probe:temp"),
                         e.data.constData());
            }
        }
        // Then live, going on from there.
        publish(1, QStringLiteral("conf:c"));
        QTRY_VERIFY(second.buffer().contains("conf:c"));
        replayedIds = numbers(sseEvents(second.buffer(), true));
        for (qsizetype i = 1; i < replayedIds.size(); ++i) {
            QCOMPARE(replayedIds.at(i), replayedIds.at(i - 1) + 1);
        }
    }

    void connectingGivesThePosition()
    {
        QVERIFY(m_node.start());
        publish(2);
        HttpTestClient client(port());
        client.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(client.waitForText(": connected", 3000));
        QTRY_VERIFY(!sseEvents(client.buffer(), true).isEmpty());
        const SseEvent position = sseEvents(client.buffer(), true).first();
        QVERIFY(position.hasId);
        QVERIFY(position.name.isEmpty());
        QVERIFY(position.data.isEmpty()); // no event is dispatched, only the id is set
        QVERIFY(client.buffer().contains("retry: "));
        // A client that reconnects with it before any event gets what came after.
        client.socket()->abort();
        publish(3, QStringLiteral("conf:after"));
        HttpTestClient again(port());
        again.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: " + position.id +
                   "\r\n\r\n");
        QTRY_VERIFY(again.buffer().count("conf:after") == 3);
    }

    void gapEvents_data()
    {
        QTest::addColumn<QByteArray>("lastEventId");
        QTest::addColumn<QString>("reason");
        QTest::newRow("an earlier run") << QByteArray("0badc0de-3") << QStringLiteral("restarted");
        QTest::newRow("not an id") << QByteArray("hello") << QStringLiteral("unknown");
        QTest::newRow("from the future") << QByteArray("RUN-999999") << QStringLiteral("unknown");
        QTest::newRow("older than kept") << QByteArray("RUN-1") << QStringLiteral("too_old");
    }

    void gapEvents()
    {
        QFETCH(QByteArray, lastEventId);
        QFETCH(QString, reason);
        QVERIFY(m_node.start("event_replay_size: 4"));
        HttpTestClient probe(port());
        probe.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QTRY_VERIFY(!sseEvents(probe.buffer(), true).isEmpty());
        const QByteArray run = runOf(sseEvents(probe.buffer(), true).first().id);
        publish(10);
        // The server has them all once a client has seen them.
        QTRY_COMPARE(probe.buffer().count("\"conf:x\""), qsizetype(10));
        probe.socket()->abort();
        lastEventId.replace("RUN", run);

        HttpTestClient client(port());
        client.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: " + lastEventId +
                    "\r\n\r\n");
        QTRY_VERIFY(client.buffer().contains("event: gap"));
        const QList<SseEvent> events = sseEvents(client.buffer(), true);
        const SseEvent gap = events.last();
        QCOMPARE(gap.name, QByteArray("gap"));
        const QJsonObject data = QJsonDocument::fromJson(gap.data).object();
        QCOMPARE(data.value(QLatin1String("reason")).toString(), reason);
        QCOMPARE(data.value(QLatin1String("last_event_id")).toString(),
                 QString::fromLatin1(lastEventId));
        QVERIFY(!data.value(QLatin1String("message")).toString().isEmpty());
        // Its id is where the stream goes on: the newest event.
        QCOMPARE(gap.id, data.value(QLatin1String("resume_id")).toString().toLatin1());
        QCOMPARE(runOf(gap.id), run);
        if (reason == QLatin1String("too_old")) {
            // Events 2 to the newest happened after event 1; the newest 4 are kept, the rest
            // are missed.
            const int newest = gap.id.mid(gap.id.lastIndexOf('-') + 1).toInt();
            QVERIFY(newest >= 10);
            QCOMPARE(data.value(QLatin1String("missed")).toInt(), newest - 1 - 4);
        } else {
            QVERIFY(data.value(QLatin1String("missed")).isNull());
        }
        // No replay after a gap; live events follow.
        QVERIFY(!client.buffer().contains("event: reading"));
        publish(1, QStringLiteral("conf:live"));
        QTRY_VERIFY(client.buffer().contains("conf:live"));
    }

    void streamsEndWithTheLastChunkAtShutdown()
    {
        QVERIFY(m_node.start());
        HttpTestClient events(port());
        events.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(events.waitForText(": connected", 3000));
        QTRY_COMPARE(m_node.http()->eventClientCount(), 1);
        m_node.stop(); // the whole node, as on SIGTERM
        QVERIFY(HttpTestClient::waitFor([&] { return events.isClosed(); }, 5000));
        QVERIFY2(events.buffer().endsWith("\r\n0\r\n\r\n"), events.buffer().right(80).constData());
    }

    void agentStreamEndsWithTheLastChunkAtShutdown()
    {
        // Ollama answers a little and then never finishes; smollama stops meanwhile.
        FakeOllama ollama;
        QVERIFY(ollama.listen());
        FakeResponse stalled = FakeResponse::lines({FakeChunks::text(QStringLiteral("Thinking"))});
        stalled.stall = true;
        ollama.enqueue(stalled);
        m_node.setOllamaUrl(ollama.url().toUtf8());
        QVERIFY(m_node.start());
        HttpTestClient client(port());
        const QByteArray body = R"({"prompt": "How warm is it?"})";
        client.send("POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                    m_node.token() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY2(client.waitForText("Thinking", 10000), client.buffer().constData());
        m_node.stop();
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 5000));
        QVERIFY2(client.buffer().endsWith("\r\n0\r\n\r\n"), client.buffer().right(80).constData());
        m_node.setOllamaUrl("http://127.0.0.1:9");
    }

    void varyOrigin()
    {
        QVERIFY(m_node.start("cors_origins: [\"http://dash.local:3000\"]"));
        HttpTestClient client(port());
        const QList<QByteArray> paths{"/api/health", "/api/nope", "/api/tools/read_source"};
        for (const QByteArray &origin : {QByteArray("http://dash.local:3000"),
                                         QByteArray("http://other.example"), QByteArray()}) {
            for (const QByteArray &path : paths) {
                QList<QPair<QByteArray, QByteArray>> headers;
                if (!origin.isEmpty()) {
                    headers.append({"Origin", origin});
                }
                const HttpTestResponse r = client.request("GET", path, QByteArray(), headers);
                QVERIFY2(r.headers.value("vary").contains("Origin"), path.constData());
                QCOMPARE(r.headers.contains("access-control-allow-origin"),
                         origin == "http://dash.local:3000");
            }
        }
        // The event stream too.
        HttpTestClient events(port());
        events.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\nOrigin: "
                    "http://dash.local:3000\r\n\r\n");
        QVERIFY(events.waitForText(": connected", 3000));
        QVERIFY(events.buffer().contains("Vary: Origin\r\n"));
        QVERIFY(events.buffer().contains("Access-Control-Allow-Origin: http://dash.local:3000"));

        // Without CORS origins nothing depends on Origin.
        QVERIFY(m_node.start());
        HttpTestClient plain(port());
        const HttpTestResponse r = plain.request("GET", "/api/health", QByteArray(),
                                                 {{"Origin", "http://dash.local:3000"}});
        QVERIFY(!r.headers.contains("vary"));
    }

    void unauthorizedDoesNotShowFolders()
    {
        QVERIFY(m_node.start());
        HttpTestClient client(port());
        // A foreign Host name (DNS rebinding): a read needs the token.
        client.send("GET /api/readings HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        const HttpTestResponse r = client.response();
        QCOMPARE(r.status, 401);
        const QString message = r.json().object().value(QLatin1String("error")).toString();
        QVERIFY2(message.contains(QLatin1String("~/.smollama/api-token")), qPrintable(message));
        QVERIFY2(!message.contains(QDir::homePath()), qPrintable(message));
        QVERIFY2(!r.body.contains(qgetenv("HOME")), r.body.constData());
    }

    void remoteReadsNeedTheToken_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("GET readings") << QByteArray("GET /api/readings");
        QTest::newRow("HEAD health") << QByteArray("HEAD /api/health");
        QTest::newRow("GET history") << QByteArray("GET /api/readings/probe:temp/history");
        QTest::newRow("GET plugins") << QByteArray("GET /api/plugins");
        QTest::newRow("GET tools") << QByteArray("GET /api/tools");
        QTest::newRow("GET events") << QByteArray("GET /api/events");
    }

    void remoteReadsNeedTheToken()
    {
        // http.host not loopback: clients of other machines (here: this machine's LAN
        // address) need the token for every read, unless http.public_read.
        QFETCH(QByteArray, request);
        QHostAddress external;
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback()) {
                external = a;
                break;
            }
        }
        if (external.isNull()) {
            QSKIP("this machine has no non-loopback IPv4 address");
        }
        for (bool publicRead : {false, true}) {
            QVERIFY(m_node.start("host: " + external.toString().toUtf8() +
                                 (publicRead ? ", public_read: true" : "")));
            for (bool withToken : {false, true}) {
                QTcpSocket socket;
                socket.connectToHost(external, port());
                QVERIFY(socket.waitForConnected(3000));
                QByteArray received;
                connect(&socket, &QTcpSocket::readyRead, &socket,
                        [&] { received += socket.readAll(); });
                socket.write(request + " HTTP/1.1\r\nHost: " + external.toString().toUtf8() +
                             "\r\n" +
                             (withToken ? "Authorization: Bearer " + m_node.token() + "\r\n"
                                        : QByteArray()) +
                             "\r\n");
                QVERIFY(
                    HttpTestClient::waitFor([&] { return received.contains("\r\n\r\n"); }, 3000));
                const bool allowed = publicRead || withToken;
                QVERIFY2(received.startsWith(allowed ? "HTTP/1.1 200" : "HTTP/1.1 401"),
                         received.left(200).constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_HttpConformance)
#include "tst_httpconformance.moc"
