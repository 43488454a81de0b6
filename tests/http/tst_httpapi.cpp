// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP API of a NodeRuntime, over real sockets on 127.0.0.1: every endpoint, the token,
// each limit, and a list of malformed requests after which the server still answers.
#include "fakeollama.h"
#include "httptestclient.h"

#include "agent/ruleengine.h"
#include "config/config.h"
#include "http/apitoken.h"
#include "http/httpapi.h"
#include "http/instancefile.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"
#include "util/statepaths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Smollama;

class tst_HttpApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<NodeRuntime> m_runtime;
    std::unique_ptr<FakeOllama> m_ollama;
    QTemporaryDir m_tmp;

    QByteArray token() const { return m_runtime->http()->token(); }
    QList<QPair<QByteArray, QByteArray>> auth() const
    {
        return {{"Authorization", "Bearer " + token()}, {"Content-Type", "application/json"}};
    }
    quint16 port() const { return m_runtime->http()->serverPort(); }

    // A runtime with the fixture sensor "probe" (source probe:temp = 12.5), the fake Ollama and
    // the HTTP API on a free port; \a http adds keys to the http section.
    bool start(const QByteArray &http = QByteArray(), bool safeMode = false)
    {
        m_runtime.reset();
        const QByteArray yaml = "node: {name: httptest}\n"
                                "history: {persist: false}\n"
                                "ollama: {url: \"" +
                                m_ollama->url().toUtf8() +
                                "\"}\n"
                                "agent: {ollama_retry_attempts: 0}\n"
                                "http: {" +
                                (http.contains("port:") ? http : "port: 0, " + http) +
                                "}\n"
                                "plugins:\n"
                                "  custom:\n"
                                "    - {name: probe, module: fixture_good, config: {value: 12.5, "
                                "sources: [temp]}}\n";
        const Config config = Config::fromYaml(yaml, QStringLiteral("config.yaml"));
        if (config.hasErrors()) {
            qWarning("%s", qPrintable(config.diagnostics().first().toString()));
            return false;
        }
        m_runtime = std::make_unique<NodeRuntime>(config);
        m_runtime->setBuiltinPluginDir(m_tmp.filePath(QStringLiteral("no-builtins")));
        m_runtime->setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
        NodeRuntime::StartOptions options;
        options.safeMode = safeMode;
        options.crashCheck = false;
        if (safeMode) {
            options.load = {QStringLiteral("probe")};
        }
        m_runtime->setStartOptions(options);
        m_runtime->start();
        if (!m_runtime->http() || !m_runtime->http()->isListening()) {
            return false;
        }
        // The first read has happened, so the readings are there.
        return HttpTestClient::waitFor(
            [this] { return !m_runtime->readings()->latest().isEmpty(); }, 5000);
    }

    // After whatever happened before, a new client is still served.
    void verifyStillAnswers()
    {
        HttpTestClient client(port());
        const HttpTestResponse r = client.request("GET", "/api/health");
        QVERIFY2(r.status == 200, r.describe().constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
    }

    void cleanup() { m_runtime.reset(); }

    void urlNamesWhereTheApiIsReached_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("loopback") << QStringLiteral("127.0.0.1");
        QTest::newRow("every interface") << QStringLiteral("0.0.0.0");
    }

    void urlNamesWhereTheApiIsReached()
    {
        QFETCH(QString, host);
        // The schema's defaults, as a node has them, with the host and port of the row.
        HttpApi::Settings settings = HttpApi::Settings::fromConfig(
            Config::fromYaml(QByteArray(), QStringLiteral("config.yaml"))
                .section(QStringLiteral("http")));
        settings.host = host;
        settings.port = 0;
        HttpApi api(HttpApi::Sources{}, settings);
        api.setTokenPath(m_tmp.filePath(QStringLiteral("url-token")));
        api.setInstanceFilePath(m_tmp.filePath(QStringLiteral("url-http.json")));
        QCOMPARE(api.url(), QString()); // not listening yet
        QVERIFY(api.start());
        const QUrl url(api.url());
        QCOMPARE(url.scheme(), QStringLiteral("http"));
        QCOMPARE(url.port(), int(api.serverPort()));
        // Never the wildcard address, which no other machine can connect to.
        QVERIFY2(!url.host().isEmpty() && url.host() != QLatin1String("0.0.0.0"),
                 qPrintable(api.url()));
        if (host == QLatin1String("127.0.0.1")) {
            QCOMPARE(url.host(), host);
        }
        // It answers there.
        QTcpSocket socket;
        socket.connectToHost(url.host(), quint16(url.port()));
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.abort();
        api.stop();
    }

    void health()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        HttpTestResponse r = client.request("GET", "/api/health");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QJsonObject o = r.json().object();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QVERIFY(!o.value(QLatin1String("version")).toString().isEmpty());
        QCOMPARE(o.value(QLatin1String("node")).toString(), QStringLiteral("httptest"));
        QVERIFY(o.value(QLatin1String("uptime_s")).isDouble());
        QCOMPARE(
            o.value(QLatin1String("plugins")).toObject().value(QLatin1String("loaded")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("safe_mode")).toObject().value(QLatin1String("on")),
                 QJsonValue(false));
        // Ollama's reachability comes from a check in the background.
        QVERIFY(HttpTestClient::waitFor(
            [&] {
                return m_runtime->http()
                    ->health()
                    .value(QLatin1String("ollama"))
                    .toObject()
                    .value(QLatin1String("reachable"))
                    .isBool();
            },
            5000));
        r = client.request("GET", "/api/health");
        const QJsonObject ollama = r.json().object().value(QLatin1String("ollama")).toObject();
        QCOMPARE(ollama.value(QLatin1String("reachable")), QJsonValue(true));
        QVERIFY(!ollama.value(QLatin1String("model")).toString().isEmpty());
    }

    // Health keeps its JSON between requests: every figure in it still follows what changes,
    // also within the same second.
    void healthFollowsChanges()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        const auto health = [&client] {
            return client.request("GET", "/api/health").json().object();
        };
        QJsonObject o = health();
        QCOMPARE(o.value(QLatin1String("sources")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("event_clients")).toInt(), 0);

        m_runtime->bus()->publish(Reading(QStringLiteral("probe:extra"), 1.0, QStringLiteral("V")));
        QTRY_COMPARE(m_runtime->readings()->sourceCount(), 2);
        QCOMPARE(health().value(QLatin1String("sources")).toInt(), 2);

        HttpTestClient events(port());
        events.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(events.waitForText(": connected", 3000));
        QCOMPARE(health().value(QLatin1String("event_clients")).toInt(), 1);

        PluginInstance *probe = m_runtime->plugins()->instance(QStringLiteral("probe"));
        QVERIFY(probe);
        m_runtime->plugins()->setReportedHealth(QStringLiteral("probe"), QStringLiteral("half"));
        o = health();
        QCOMPARE(o.value(QLatin1String("plugins")).toObject().value(QLatin1String("degraded")),
                 QJsonValue(1));
        QVERIFY(!o.value(QLatin1String("plugins")).toObject().contains(QLatin1String("loaded")));
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("degraded"));
    }

    void healthInSafeMode()
    {
        QVERIFY(start(QByteArray(), true));
        HttpTestClient client(port());
        const QJsonObject o = client.request("GET", "/api/health").json().object();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("degraded"));
        const QJsonObject safe = o.value(QLatin1String("safe_mode")).toObject();
        QCOMPARE(safe.value(QLatin1String("on")), QJsonValue(true));
        QVERIFY2(
            safe.value(QLatin1String("reason")).toString().contains(QLatin1String("safe-mode")),
            qPrintable(safe.value(QLatin1String("reason")).toString()));
    }

    void readings()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        const HttpTestResponse r = client.request("GET", "/api/readings");
        QCOMPARE(r.status, 200);
        const QJsonArray array = r.json().array();
        QCOMPARE(array.size(), 1);
        // The CLI's objects: Reading::toJson().
        const Reading latest = m_runtime->readings()->latest(QStringLiteral("probe:temp"));
        QJsonObject expected = latest.toJson();
        QCOMPARE(array.at(0).toObject().keys(), expected.keys());
        QCOMPARE(array.at(0).toObject().value(QLatin1String("source")).toString(),
                 QStringLiteral("probe:temp"));
        QCOMPARE(array.at(0).toObject().value(QLatin1String("value")).toDouble(), 12.5);
    }

    void history()
    {
        QVERIFY(start());
        m_runtime->bus()->publish(
            Reading(QStringLiteral("probe:temp"), 20.0, QStringLiteral("°C")));
        m_runtime->bus()->publish(
            Reading(QStringLiteral("probe:temp"), 30.0, QStringLiteral("°C")));
        HttpTestClient client(port());
        QVERIFY(HttpTestClient::waitFor(
            [&] {
                return client.request("GET", "/api/readings/probe%3Atemp/history?minutes=5")
                           .json()
                           .object()
                           .value(QLatin1String("count"))
                           .toInt() >= 3;
            },
            5000));
        const HttpTestResponse r =
            client.request("GET", "/api/readings/probe:temp/history?minutes=60");
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json().object();
        QCOMPARE(o.value(QLatin1String("source")).toString(), QStringLiteral("probe:temp"));
        QCOMPARE(o.value(QLatin1String("max")).toDouble(), 30.0);
        QCOMPARE(o.value(QLatin1String("min")).toDouble(), 12.5);
        QVERIFY(o.value(QLatin1String("avg")).isDouble());
        QCOMPARE(o.value(QLatin1String("last")).toDouble(), 30.0);
        QCOMPARE(o.value(QLatin1String("points")).toArray().size(),
                 o.value(QLatin1String("count")).toInt());
    }

    void historyErrors_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("text");
        QTest::newRow("minutes not a number")
            << QByteArray("/api/readings/probe:temp/history?minutes=abc") << 400 << "minutes";
        QTest::newRow("minutes too large")
            << QByteArray("/api/readings/probe:temp/history?minutes=5000") << 400 << "minutes";
        QTest::newRow("unknown source")
            << QByteArray("/api/readings/probe:tmep/history") << 404 << "did you mean 'probe:temp'";
    }

    void historyErrors()
    {
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QString, text);
        if (!m_runtime) {
            QVERIFY(start());
        }
        HttpTestClient client(port());
        const HttpTestResponse r = client.request("GET", path);
        QCOMPARE(r.status, status);
        QVERIFY2(r.json().object().value(QLatin1String("error")).toString().contains(text),
                 r.describe().constData());
    }

    void plugins()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        const HttpTestResponse r = client.request("GET", "/api/plugins");
        QCOMPARE(r.status, 200);
        const QJsonArray array = r.json().array();
        QCOMPARE(array.size(), 1);
        const QJsonObject probe = array.at(0).toObject();
        QCOMPARE(probe.value(QLatin1String("instance")).toString(), QStringLiteral("probe"));
        // Live: the dry run of the CLI would say "enabled".
        QCOMPARE(probe.value(QLatin1String("status")).toString(), QStringLiteral("loaded"));
        QCOMPARE(probe, m_runtime->plugins()->statuses().first().toJson());
    }

    // POST /api/plugins/{instance}/restart restarts only a plugin host that gave up
    // (tst_pluginhost and tst_faults start one again); others get 404 or 409 with the reason.
    void pluginRestart()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        HttpTestResponse r = client.request("POST", "/api/plugins/prbe/restart", "", auth());
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().object().value(QLatin1String("code")).toString(),
                 QStringLiteral("unknown_instance"));
        QVERIFY2(r.json()
                     .object()
                     .value(QLatin1String("error"))
                     .toString()
                     .contains(QLatin1String("did you mean 'probe'")),
                 r.describe().constData());
        r = client.request("POST", "/api/plugins/probe/restart", "", auth());
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json().object().value(QLatin1String("code")).toString(),
                 QStringLiteral("not_restartable"));
        QVERIFY2(r.json()
                     .object()
                     .value(QLatin1String("error"))
                     .toString()
                     .contains(QLatin1String("it is loaded")),
                 r.describe().constData());
        r = client.request("GET", "/api/plugins/probe/restart");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.headers.value("allow"), QByteArray("POST"));
        QCOMPARE(m_runtime->plugins()->statuses().first().state, PluginState::Loaded);
    }

    void tools()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        const HttpTestResponse r = client.request("GET", "/api/tools");
        QCOMPARE(r.status, 200);
        QJsonObject readSource;
        for (const QJsonValue &v : r.json().array()) {
            if (v.toObject().value(QLatin1String("name")).toString() ==
                QLatin1String("read_source")) {
                readSource = v.toObject();
            }
        }
        QVERIFY2(!readSource.isEmpty(), r.describe().constData());
        QVERIFY(!readSource.value(QLatin1String("description")).toString().isEmpty());
        QCOMPARE(
            readSource.value(QLatin1String("parameters")).toObject().value(QLatin1String("type")),
            QJsonValue(QStringLiteral("object")));
    }

    void postTool()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        const HttpTestResponse r =
            client.request("POST", "/api/tools/read_source", R"({"source": "probe:temp"})", auth());
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json().object();
        QCOMPARE(o.value(QLatin1String("tool")).toString(), QStringLiteral("read_source"));
        QCOMPARE(
            o.value(QLatin1String("result")).toObject().value(QLatin1String("value")).toDouble(),
            12.5);
        // Keep-alive: the same connection serves the next request.
        QCOMPARE(client.request("GET", "/api/health").status, 200);
    }

    void postNeedsToken_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("no token") << QByteArray();
        QTest::newRow("wrong token") << QByteArray("Bearer 0123456789abcdef0123456789abcdef");
        QTest::newRow("not bearer") << QByteArray("Basic dXNlcjpwYXNz");
        QTest::newRow("empty bearer") << QByteArray("Bearer ");
    }

    void postNeedsToken()
    {
        QFETCH(QByteArray, authorization);
        if (!m_runtime) {
            QVERIFY(start());
        }
        QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
        if (!authorization.isEmpty()) {
            headers.append({"Authorization", authorization});
        }
        HttpTestClient client(port());
        for (const QByteArray &path :
             {QByteArray("/api/tools/list_sources"), QByteArray("/api/agent/ask"),
              QByteArray("/api/plugins/probe/restart")}) {
            const HttpTestResponse r = client.request("POST", path, R"({"prompt": "hi"})", headers);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.headers.value("www-authenticate"), QByteArray("Bearer"));
            QVERIFY2(r.json()
                         .object()
                         .value(QLatin1String("error"))
                         .toString()
                         .contains(QLatin1String("api-token")),
                     r.describe().constData());
        }
    }

    void tokenFile()
    {
        QVERIFY(start());
        const QString path = StatePaths::apiTokenFile();
        QVERIFY(QFile::exists(path));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QCOMPARE(ApiToken::read(path), token());
        QVERIFY(token().size() >= 32);
        // The instance file tells the CLI where the API is.
        const InstanceFile::Info info = InstanceFile::read(StatePaths::instanceFile());
        QCOMPARE(info.port, port());
        m_runtime->stop();
        QVERIFY(!QFile::exists(StatePaths::instanceFile()));
    }

    void postToolErrors_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("text");
        const QByteArray json = "application/json";
        QTest::newRow("bad JSON") << QByteArray("/api/tools/read_source") << json
                                  << QByteArray(R"({"source": )") << 400 << "not valid JSON";
        QTest::newRow("array") << QByteArray("/api/tools/read_source") << json
                               << QByteArray("[1, 2]") << 400 << "JSON object";
        QTest::newRow("wrong content type")
            << QByteArray("/api/tools/read_source") << QByteArray("text/plain")
            << QByteArray(R"({"source": "probe:temp"})") << 415 << "application/json";
        QTest::newRow("form content type")
            << QByteArray("/api/tools/read_source")
            << QByteArray("application/x-www-form-urlencoded") << QByteArray("source=probe:temp")
            << 415 << "application/json";
        QTest::newRow("invalid arguments") << QByteArray("/api/tools/read_source") << json
                                           << QByteArray(R"({"source": 5})") << 400 << "source";
        QTest::newRow("missing argument")
            << QByteArray("/api/tools/read_source") << json << QByteArray("{}") << 400 << "source";
        QTest::newRow("unknown tool") << QByteArray("/api/tools/read_sorce") << json
                                      << QByteArray("{}") << 404 << "did you mean 'read_source'";
        QTest::newRow("tool error")
            << QByteArray("/api/tools/read_source") << json
            << QByteArray(R"({"source": "probe:nothing"})") << 422 << "probe:nothing";
        QTest::newRow("ask without prompt")
            << QByteArray("/api/agent/ask") << json << QByteArray(R"({"question": "hi"})") << 400
            << "prompt";
        QTest::newRow("ask with empty body")
            << QByteArray("/api/agent/ask") << json << QByteArray() << 400 << "JSON object";
    }

    void postToolErrors()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, text);
        if (!m_runtime) {
            QVERIFY(start());
        }
        HttpTestClient client(port());
        const HttpTestResponse r =
            client.request("POST", path, body,
                           {{"Authorization", "Bearer " + token()}, {"Content-Type", contentType}});
        QCOMPARE(r.status, status);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QVERIFY2(r.json().object().value(QLatin1String("error")).toString().contains(text),
                 r.describe().constData());
        // The connection stays usable after an error answer.
        QCOMPARE(client.request("GET", "/api/health").status, 200);
    }

    void routing_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("unknown /api route")
            << QByteArray("GET") << QByteArray("/api/nope") << 404 << QByteArray();
        QTest::newRow("outside /api")
            << QByteArray("GET") << QByteArray("/") << 404 << QByteArray();
        QTest::newRow("too deep") << QByteArray("GET") << QByteArray("/api/health/x") << 404
                                  << QByteArray();
        QTest::newRow("POST a read endpoint")
            << QByteArray("POST") << QByteArray("/api/readings") << 405 << QByteArray("GET, HEAD");
        QTest::newRow("DELETE plugins")
            << QByteArray("DELETE") << QByteArray("/api/plugins") << 405 << QByteArray("GET, HEAD");
        QTest::newRow("GET a tool") << QByteArray("GET") << QByteArray("/api/tools/read_source")
                                    << 405 << QByteArray("POST");
        QTest::newRow("GET ask") << QByteArray("GET") << QByteArray("/api/agent/ask") << 405
                                 << QByteArray("POST");
        QTest::newRow("unknown method")
            << QByteArray("BREW") << QByteArray("/api/health") << 405 << QByteArray("GET, HEAD");
        QTest::newRow("lower-case method")
            << QByteArray("get") << QByteArray("/api/health") << 405 << QByteArray("GET, HEAD");
        QTest::newRow("OPTIONS without CORS")
            << QByteArray("OPTIONS") << QByteArray("/api/health") << 405 << QByteArray("GET, HEAD");
    }

    void routing()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QByteArray, allow);
        if (!m_runtime) {
            QVERIFY(start());
        }
        HttpTestClient client(port());
        const HttpTestResponse r = client.request(method, path);
        QCOMPARE(r.status, status);
        QCOMPARE(r.headers.value("allow"), allow);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QVERIFY2(!r.json().object().value(QLatin1String("error")).toString().isEmpty(),
                 r.describe().constData());
        // No CORS unless configured.
        QVERIFY(!r.headers.contains("access-control-allow-origin"));
    }

    void cors()
    {
        QVERIFY(start("cors_origins: [\"http://dash.local:3000\"]"));
        HttpTestClient client(port());
        HttpTestResponse r = client.request("GET", "/api/health", QByteArray(),
                                            {{"Origin", "http://dash.local:3000"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("access-control-allow-origin"),
                 QByteArray("http://dash.local:3000"));
        r = client.request("OPTIONS", "/api/tools/read_source", QByteArray(),
                           {{"Origin", "http://dash.local:3000"}});
        QCOMPARE(r.status, 204);
        QVERIFY(r.headers.value("access-control-allow-methods").contains("POST"));
        QVERIFY(r.headers.value("access-control-allow-headers").contains("Authorization"));
        r = client.request("GET", "/api/health", QByteArray(), {{"Origin", "http://evil.example"}});
        QCOMPARE(r.status, 200);
        QVERIFY(!r.headers.contains("access-control-allow-origin"));
    }

    void agentAsk()
    {
        QVERIFY(start());
        m_ollama->enqueue(
            FakeResponse::lines({FakeChunks::text(QStringLiteral("It is ")),
                                 FakeChunks::text(QStringLiteral("warm.")), FakeChunks::done()}));
        HttpTestClient client(port());
        const HttpTestResponse r =
            client.request("POST", "/api/agent/ask",
                           R"({"prompt": "How warm is it?", "conversation": "c1"})", auth(), 10000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/x-ndjson"));
        QStringList types;
        QString answer;
        for (const QByteArray &line : r.body.split('\n')) {
            if (line.trimmed().isEmpty()) {
                continue;
            }
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            QVERIFY2(!e.isEmpty(), line.constData());
            QCOMPARE(e.value(QLatin1String("conversation")).toString(), QStringLiteral("c1"));
            types << e.value(QLatin1String("type")).toString();
            if (types.last() == QLatin1String("answer")) {
                answer = e.value(QLatin1String("text")).toString();
            }
        }
        QCOMPARE(types.first(), QStringLiteral("question"));
        QVERIFY2(types.contains(QStringLiteral("delta")), qPrintable(types.join(QLatin1Char(','))));
        QCOMPARE(types.last(), QStringLiteral("answer"));
        QCOMPARE(answer, QStringLiteral("It is warm."));
        // The connection is kept for the next request.
        QCOMPARE(client.request("GET", "/api/health").status, 200);
    }

    void agentAskOllamaDown()
    {
        QVERIFY(start());
        m_ollama->enqueue(FakeResponse::error(500, QStringLiteral("model crashed")));
        HttpTestClient client(port());
        const HttpTestResponse r =
            client.request("POST", "/api/agent/ask", R"({"prompt": "hi"})", auth(), 10000);
        QCOMPARE(r.status, 200);
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(last.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QVERIFY(!last.value(QLatin1String("message")).toString().isEmpty());
    }

    void eventStreamGetsBusReadings()
    {
        QVERIFY(start());
        HttpTestClient events(port());
        events.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(events.waitForText(": connected", 3000));
        QVERIFY(events.buffer().startsWith("HTTP/1.1 200"));
        QVERIFY(events.buffer().contains("Content-Type: text/event-stream"));
        QTRY_COMPARE(m_runtime->http()->eventClientCount(), 1);
        m_runtime->bus()->publish(Reading(QStringLiteral("bus_test:x"), 42.5, QStringLiteral("V")));
        QVERIFY2(events.waitForText("\"source\":\"bus_test:x\"", 5000),
                 events.buffer().constData());
        const QByteArray buffer = events.buffer();
        const qsizetype at = buffer.indexOf("\"source\":\"bus_test:x\"");
        const qsizetype eventLine = buffer.lastIndexOf("event: ", at);
        QCOMPARE(buffer.mid(eventLine, 14), QByteArray("event: reading"));
        QVERIFY(buffer.mid(at - 200, 400).contains("42.5"));
    }

    void eventStreamStatusAndNotifications()
    {
        QVERIFY(start());
        HttpTestClient events(port());
        events.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(events.waitForText(": connected", 3000));
        PluginManager *plugins = m_runtime->plugins();
        plugins->setInstanceState(plugins->instance(QStringLiteral("probe")), PluginState::Degraded,
                                  QStringLiteral("reads time out"));
        QVERIFY2(events.waitForText("event: plugin_status", 3000), events.buffer().constData());
        QVERIFY(events.waitForText("\"reason\":\"reads time out\"", 3000));
        QVERIFY(events.buffer().contains("\"status\":\"degraded\""));
        Q_EMIT m_runtime->rules()->notification(
            QStringLiteral("cpu_hot"), QStringLiteral("The CPU is hot."),
            QJsonObject{{QStringLiteral("type"), QStringLiteral("notification")}});
        QVERIFY2(events.waitForText("event: notification", 3000), events.buffer().constData());
        QVERIFY(events.waitForText("\"rule\":\"cpu_hot\"", 3000));
        QVERIFY(events.buffer().contains("The CPU is hot."));
    }

    void eventStreamHeartbeat()
    {
        QVERIFY(start("heartbeat_seconds: 0.2, idle_timeout_seconds: 0.3"));
        HttpTestClient events(port());
        events.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(events.waitForText(": heartbeat", 3000));
        // A stream is not an idle connection: three heartbeats span twice the idle timeout, and
        // the stream is still open after them.
        QVERIFY2(HttpTestClient::waitFor([&] { return events.buffer().count(": heartbeat") >= 3; },
                                         5000),
                 events.buffer().constData());
        QVERIFY(events.isConnected());
    }

    void eventClientLimit()
    {
        QVERIFY(start("max_event_clients: 2"));
        auto first = std::make_unique<HttpTestClient>(port());
        HttpTestClient second(port());
        for (HttpTestClient *c : {first.get(), &second}) {
            c->send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
            QVERIFY(c->waitForText(": connected", 3000));
        }
        HttpTestClient third(port());
        const HttpTestResponse refused = third.request("GET", "/api/events");
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.json().object().value(QLatin1String("code")).toString(),
                 QStringLiteral("too_many_event_clients"));
        QVERIFY(refused.json()
                    .object()
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("http.max_event_clients")));
        // A place frees up when a client leaves.
        first.reset();
        QVERIFY(HttpTestClient::waitFor(
            [&] {
                HttpTestClient fourth(port());
                fourth.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
                return fourth.waitForText(": connected", 300);
            },
            5000));
    }

    void bodyTooLarge()
    {
        QVERIFY(start("max_body_bytes: 1024"));
        HttpTestClient client(port());
        // Only the head is sent: the answer must not wait for the body.
        client.send(
            "POST /api/tools/list_sources HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
            token() + "\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n");
        const HttpTestResponse r = client.response(3000);
        QCOMPARE(r.status, 413);
        QVERIFY2(r.json()
                     .object()
                     .value(QLatin1String("error"))
                     .toString()
                     .contains(QLatin1String("http.max_body_bytes")),
                 r.describe().constData());
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 3000));
        // Just under the limit is fine.
        HttpTestClient ok(port());
        QCOMPARE(ok.request("POST", "/api/tools/list_sources",
                            "{\"x\": \"" + QByteArray(900, 'a') + "\"}", auth())
                     .status,
                 200); // under the limit: read and served
        verifyStillAnswers();
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage line") << QByteArray("HELLO THERE\r\n\r\n") << 400;
        static const char tlsHello[] = "\x16\x03\x01\x02\x00\x01\x00\r\n\r\n";
        QTest::newRow("binary") << QByteArray(tlsHello, sizeof(tlsHello) - 1) << 400;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
        QTest::newRow("HTTP/0.9 style") << QByteArray("GET /api/health\r\n\r\n") << 400;
        QTest::newRow("header without colon")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost x\r\n\r\n") << 400;
        QTest::newRow("space in header name")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
        QTest::newRow("control character in value")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX: a\x01z\r\n\r\n")
            << 400;
        QTest::newRow("control character in path")
            << QByteArray("GET /api/\x7fhealth HTTP/1.1\r\nHost: localhost\r\n\r\n") << 400;
        QTest::newRow("HTTP/1.1 without Host")
            << QByteArray("GET /api/health HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("two Host headers")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n\r\n")
            << 400;
        QTest::newRow("two Host headers, one foreign (before the token check)")
            << QByteArray(
                   "GET /api/health HTTP/1.1\r\nHost: evil.example\r\nHost: localhost\r\n\r\n")
            << 400;
        QTest::newRow("folded header")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX: a\r\n b\r\n\r\n")
            << 400;
        QTest::newRow("Content-Length not a number")
            << QByteArray(
                   "POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n")
            << 400;
        QTest::newRow("negative Content-Length")
            << QByteArray(
                   "POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n")
            << 400;
        QTest::newRow("two Content-Lengths")
            << QByteArray("POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                          "2\r\nContent-Length: 3\r\n\r\n")
            << 400;
        QTest::newRow("huge Content-Length")
            << QByteArray("POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                          "99999999999999999999\r\n"
                          "\r\n")
            << 400;
        QTest::newRow("unknown transfer coding")
            << QByteArray("POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: "
                          "gzip\r\n\r\n")
            << 501;
        QTest::newRow("Content-Length and chunked")
            << QByteArray("POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: "
                          "chunked\r\nContent-Length: 5\r\n\r\nhello")
            << 400;
        QTest::newRow("body over the limit")
            << QByteArray("POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                          "70000\r\n\r\n{")
            << 413;
        QTest::newRow("huge header")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " +
                          QByteArray(20000, 'a') + "\r\n\r\n")
            << 431;
        QTest::newRow("many headers")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: localhost\r\n" +
                          QByteArray("X-Many: aaaaaaaaaaaaaaaaaaaaaaa\r\n").repeated(2000) + "\r\n")
            << 431;
        QTest::newRow("endless header")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX: " +
                          QByteArray(40000, 'b'))
            << 431;
        QTest::newRow("huge URL") << QByteArray("GET /api/" + QByteArray(30000, 'u') +
                                                " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                  << 431;
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        if (!m_runtime) {
            QVERIFY(start());
        }
        HttpTestClient client(port());
        client.send(bytes);
        const HttpTestResponse r = client.response(5000);
        QVERIFY2(r.status == status, r.describe().constData());
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QVERIFY2(!r.json().object().value(QLatin1String("error")).toString().isEmpty(),
                 r.describe().constData());
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 3000));
        verifyStillAnswers();
    }

    void expectContinue()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        const QByteArray body = R"({"source": "probe:temp"})";
        client.send(
            "POST /api/tools/read_source HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
            token() +
            "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
            "Content-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY(client.waitForText("HTTP/1.1 100 Continue\r\n\r\n", 3000));
        client.buffer().clear();
        client.send(body);
        const HttpTestResponse r = client.response();
        QVERIFY2(r.status == 200, r.describe().constData());
    }

    void lenientButValid()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        // Bare LF line ends and blank lines between requests are accepted.
        client.send("\r\nGET /api/health HTTP/1.1\nHost: localhost\n\n");
        QCOMPARE(client.response().status, 200);
        client.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n\r\n\r\n");
        QCOMPARE(client.response().status, 200);
        const HttpTestResponse closing =
            client.request("GET", "/api/health", QByteArray(), {{"Connection", "close"}});
        QCOMPARE(closing.status, 200);
        QCOMPARE(closing.headers.value("connection"), QByteArray("close"));
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 3000));
    }

    void slowClients_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QByteArray>("drip");
        QTest::newRow("slowloris headers")
            << QByteArray("GET /api/health HTTP/1.1\r\n") << QByteArray("X-Slow: 1\r\n");
        QTest::newRow("truncated body")
            << QByteArray("POST /api/agent/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                          "application/json\r\nContent-Length: 100\r\n\r\n{\"prompt\"")
            << QByteArray(" ");
        QTest::newRow("half a request line") << QByteArray("GET /api/hea") << QByteArray();
    }

    void slowClients()
    {
        QFETCH(QByteArray, first);
        QFETCH(QByteArray, drip);
        QVERIFY(start("request_timeout_seconds: 0.5"));
        HttpTestClient client(port());
        client.send(first);
        // Dripping bytes does not extend the time a request may take.
        HttpTestResponse r;
        QVERIFY(HttpTestClient::waitFor(
            [&] {
                if (!drip.isEmpty() && client.isConnected()) {
                    client.send(drip);
                }
                QTest::qWait(50);
                return client.buffer().contains("\r\n\r\n") || client.isClosed();
            },
            5000));
        r = client.response(2000);
        QCOMPARE(r.status, 408);
        QVERIFY(r.json()
                    .object()
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("http.request_timeout_seconds")));
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 3000));
        verifyStillAnswers();
    }

    void idleConnectionCloses()
    {
        QVERIFY(start("idle_timeout_seconds: 0.3, request_timeout_seconds: 0.5"));
        // Never sends a request: closed after the request timeout, quietly.
        HttpTestClient silent(port());
        HttpTestClient used(port());
        QCOMPARE(used.request("GET", "/api/health").status, 200);
        QVERIFY(
            HttpTestClient::waitFor([&] { return silent.isClosed() && used.isClosed(); }, 5000));
        verifyStillAnswers();
    }

    void emptyLinesDoNotKeepAConnectionOpen()
    {
        QVERIFY(start("idle_timeout_seconds: 0.3, request_timeout_seconds: 0.5"));
        // Empty lines are allowed between requests, but they are no activity: a client that
        // only trickles them is closed like an idle one.
        HttpTestClient trickle(port());
        bool closed = false;
        for (int i = 0; i < 100 && !closed; ++i) {
            trickle.send("\r\n");
            closed = HttpTestClient::waitFor([&] { return trickle.isClosed(); }, 100);
        }
        QVERIFY(closed);
        verifyStillAnswers();
    }

    void pipelining()
    {
        QVERIFY(start());
        HttpTestClient client(port());
        // Two requests in one write: both are answered, in order, and the connection stays.
        client.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    "GET /api/readings HTTP/1.1\r\nHost: localhost\r\n\r\n");
        const HttpTestResponse first = client.response();
        QCOMPARE(first.status, 200);
        QVERIFY(first.json().object().contains(QLatin1String("uptime_s")));
        const HttpTestResponse second = client.response();
        QCOMPARE(second.status, 200);
        QVERIFY2(second.json().isArray(), second.describe().constData());
        QVERIFY(!second.headers.contains("connection"));

        // A POST whose tool answers later, and a GET right behind it: the tool's answer comes
        // first, then the GET's; neither is refused (the bytes of the GET are counted once).
        const QByteArray body = R"({"source": "probe:temp"})";
        client.send("POST /api/tools/read_source HTTP/1.1\r\nHost: localhost\r\n"
                    "Authorization: Bearer " +
                    token() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body +
                    "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    "HEAD /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    "GET /api/plugins HTTP/1.1\r\nHost: localhost\r\n\r\n");
        const HttpTestResponse tool = client.response();
        QVERIFY2(tool.status == 200, tool.describe().constData());
        QCOMPARE(tool.json().object().value(QLatin1String("tool")).toString(),
                 QStringLiteral("read_source"));
        const HttpTestResponse health = client.response();
        QCOMPARE(health.status, 200);
        QVERIFY(health.json().object().contains(QLatin1String("uptime_s")));
        const HttpTestResponse head = client.response(5000, true);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        const HttpTestResponse plugins = client.response();
        QCOMPARE(plugins.status, 200);
        QVERIFY2(plugins.json().isArray(), plugins.describe().constData());
        QVERIFY(client.buffer().isEmpty());
        QVERIFY(client.isConnected());

        // A bad request behind a good one: the good one is answered, then the 400.
        client.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\nNONSENSE\r\n\r\n");
        QCOMPARE(client.response().status, 200);
        QCOMPARE(client.response().status, 400);
        QVERIFY(HttpTestClient::waitFor([&] { return client.isClosed(); }, 3000));
        verifyStillAnswers();
    }

    void connectionLimit()
    {
        QVERIFY(start("max_connections: 3"));
        std::vector<std::unique_ptr<HttpTestClient>> open;
        for (int i = 0; i < 3; ++i) {
            open.push_back(std::make_unique<HttpTestClient>(port()));
            QCOMPARE(open.back()->request("GET", "/api/health").status, 200);
        }
        HttpTestClient extra(port());
        const HttpTestResponse r = extra.response(3000);
        QCOMPARE(r.status, 503);
        QVERIFY(r.json()
                    .object()
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("http.max_connections")));
        open.clear();
        QVERIFY(HttpTestClient::waitFor(
            [&] {
                return HttpTestClient(port()).request("GET", "/api/health", {}, {}, 300).status ==
                       200;
            },
            5000));
    }

    void busyPort()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("cannot listen on 127\\.0\\.0\\.1:%1.*"
                                                            "http\\.port")
                                                 .arg(blocker.serverPort())));
        m_runtime.reset();
        const QByteArray port = QByteArray::number(blocker.serverPort());
        // start() fails on purpose: check that the runtime runs on without the API.
        QVERIFY(!start("enabled: true, host: 127.0.0.1, port: " + port + ", max_connections: 4"));
        QVERIFY(m_runtime);
        QVERIFY(!m_runtime->http()->isListening());
        QVERIFY(HttpTestClient::waitFor(
            [this] { return !m_runtime->readings()->latest().isEmpty(); }, 5000));
    }

    void foreignHostNamesNeedToken_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        QTest::newRow("localhost") << QByteArray("localhost") << 200;
        QTest::newRow("127.0.0.1 with port") << QByteArray("127.0.0.1:8080") << 200;
        QTest::newRow("[::1] with port") << QByteArray("[::1]:8080") << 200;
        QTest::newRow("a *.localhost name") << QByteArray("smollama.localhost") << 200;
        QTest::newRow("another domain (DNS rebinding)") << QByteArray("evil.example.com") << 401;
        QTest::newRow("another domain with port") << QByteArray("evil.example.com:8080") << 401;
        QTest::newRow("a LAN address") << QByteArray("192.168.1.20:8080") << 401;
    }

    void foreignHostNamesNeedToken()
    {
        // A page in the user's browser that points its own domain at 127.0.0.1 reaches the
        // loopback port, but sends its domain as Host: such reads need the token.
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        QVERIFY(start());
        HttpTestClient client(port());
        client.send("GET /api/readings HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        QCOMPARE(client.response().status, status);
        HttpTestClient withToken(port());
        withToken.send("GET /api/readings HTTP/1.1\r\nHost: " + host +
                       "\r\nAuthorization: Bearer " + token() + "\r\n\r\n");
        QCOMPARE(withToken.response().status, 200);
    }

    // Reads from other machines: tst_httpconformance (remoteReadsNeedTheToken).
};

QTEST_GUILESS_MAIN(tst_HttpApi)
#include "tst_httpapi.moc"
