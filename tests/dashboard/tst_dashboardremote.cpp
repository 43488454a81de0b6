// SPDX-License-Identifier: GPL-3.0-or-later
// smollama --connect: node A runs headless with its HTTP API; dashboard B follows it over the
// API and event stream only (no plugins, no lock: same HOME as A). A stopped → B shows it
// offline with every value stale; A started again → B recovers by itself. B's agent page asks
// A's agent (with A's token) and names A under the answer.
#include "fakeollama.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

class tst_DashboardRemote : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    quint16 m_port = 0;

    QString path(const QString &name) const { return m_tmp->filePath(name); }

    std::unique_ptr<QProcess> start(const QStringList &args, bool window,
                                    const QString &home = QString(), quint16 port = 0)
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "DISPLAY", "WAYLAND_DISPLAY",
              "JOURNAL_STREAM", "GTK_THEME", "DBUS_SESSION_BUS_ADDRESS"}) {
            env.remove(QLatin1String(name));
        }
        env.insert(QStringLiteral("HOME"), home.isEmpty() ? m_tmp->path() : home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        // A second node of its own (another HOME) gets any free port.
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QString::number(port != 0        ? port
                                                                         : home.isEmpty() ? m_port
                                                                                          : 0));
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        if (window) {
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
        } else {
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        }
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(SMOLLAMA_APP), args);
        return p;
    }

    // A free port on 127.0.0.1.
    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
    }

    // Node A (HOME: the test's folder, m_port), or another headless node with its own HOME
    // \a home and \a port.
    std::unique_ptr<QProcess> startNodeA(const QString &home = QString(), quint16 port = 0)
    {
        auto a = start({QStringLiteral("--headless"), QStringLiteral("-c"),
                        home.isEmpty() ? path(QStringLiteral("config.yaml"))
                                       : home + QStringLiteral("/config.yaml"),
                        QStringLiteral("--plugin-path"),
                        QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")},
                       false, home, port);
        QByteArray err;
        const bool up = QTest::qWaitFor(
            [&] { return (err += a->readAllStandardError()).contains("Running headless"); }, 30000);
        if (!up) {
            qWarning("node A did not start: %s", err.constData());
            return nullptr;
        }
        return a;
    }

    std::unique_ptr<QProcess> startDashboardB(const QString &shot, int afterMs)
    {
        return start({QStringLiteral("--connect"),
                      QStringLiteral("http://127.0.0.1:%1").arg(m_port),
                      QStringLiteral("--screenshot"), shot, QStringLiteral("--screenshot-after"),
                      QString::number(afterMs)},
                     true);
    }

    static bool stop(QProcess *p)
    {
        ::kill(pid_t(p->processId()), SIGTERM);
        return p->waitForFinished(20000);
    }

    // Waits until \a p has written \a text \a times times on stderr (collected in \a err).
    static bool waitForLog(QProcess *p, QByteArray *err, const QByteArray &text, int times = 1)
    {
        return QTest::qWaitFor(
            [&] {
                *err += p->readAllStandardError();
                return err->count(text) >= times;
            },
            30000);
    }

    // Pixels inside \a rect close to \a colour.
    static int pixelsLike(const QImage &image, const QRect &rect, const QColor &colour)
    {
        int n = 0;
        const QRect r = rect.intersected(image.rect());
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x) {
                const QColor c = image.pixelColor(x, y);
                n += qAbs(c.red() - colour.red()) + qAbs(c.green() - colour.green()) +
                                 qAbs(c.blue() - colour.blue()) <
                             30
                         ? 1
                         : 0;
            }
        }
        return n;
    }

    static QJsonObject report(const QString &shot)
    {
        QFile f(shot + QStringLiteral(".json"));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                           : QJsonObject();
    }

    // Node A's configuration, its agent talking to \a ollamaUrl.
    void writeConfig(const QByteArray &ollamaUrl = "http://127.0.0.1:9")
    {
        QFile f(path(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: nodea}\n"
                "history: {persist: false}\n"
                "http: {heartbeat_seconds: 2}\n"
                "ollama: {url: \"" +
                ollamaUrl +
                "\", model: \"llama3.2\"}\n"
                "plugins:\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good,\n"
                "       config: {interval_s: 0.2, value: 12.5, sources: [temp, humidity]}}\n");
    }

    // B following A with --token-file \a tokenFile (none when empty), asking \a question on
    // its agent page; the report of its screenshot once the answer is there.
    QJsonObject askFromB(const QString &url, const QString &tokenFile, const QString &question,
                         QByteArray *err)
    {
        const QString shot = path(QStringLiteral("ask.png"));
        QFile::remove(shot + QStringLiteral(".json"));
        QStringList args{QStringLiteral("--connect"), url};
        if (!tokenFile.isEmpty()) {
            args << QStringLiteral("--token-file") << tokenFile;
        }
        args << QStringLiteral("--page") << QStringLiteral("agent:") + question
             << QStringLiteral("--screenshot") << shot << QStringLiteral("--screenshot-after")
             << QStringLiteral("1000");
        auto b = start(args, true);
        // The fake Ollama answers A from this event loop: wait without blocking it.
        if (!QTest::qWaitFor([&] { return b->state() == QProcess::NotRunning; }, 90000)) {
            *err = "B did not finish: " + b->readAllStandardError();
            ::kill(pid_t(b->processId()), SIGKILL);
            b->waitForFinished();
            return {};
        }
        *err = b->readAllStandardError();
        if (b->exitCode() != 0) {
            return {};
        }
        return report(shot);
    }

    static QStringList strings(const QJsonValue &array)
    {
        QStringList out;
        for (const QJsonValue &v : array.toArray()) {
            out.append(v.toString());
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        // A free port, the same for A's restart.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
        probe.close();
        writeConfig();
    }

    void followsAndShowsOffline()
    {
        auto a = startNodeA();
        QVERIFY(a);
        const QString shot = path(QStringLiteral("b.png"));
        auto b = startDashboardB(shot, 4000);
        QByteArray err;
        QVERIFY2(waitForLog(b.get(), &err, "is online"), err.constData());
        QVERIFY(stop(a.get()));
        QVERIFY2(waitForLog(b.get(), &err, "is offline"), err.constData());
        QVERIFY(b->waitForFinished(60000));
        err += b->readAllStandardError();
        QVERIFY2(b->exitCode() == 0, err.constData());
        QVERIFY2(err.contains("no plugins, no lock here"), err.constData());

        const QJsonObject info = report(shot);
        const QByteArray text = QJsonDocument(info).toJson() + err;
        QCOMPARE(info.value(QStringLiteral("title")).toString(),
                 QStringLiteral("smollama – nodea"));
        QVERIFY2(info.value(QStringLiteral("offline")).toString().contains(QLatin1String("nodea")),
                 text.constData());
        // A's two sources, with their last values, stale: never shown as live.
        int probes = 0;
        for (const QJsonValue &v : info.value(QStringLiteral("tiles")).toArray()) {
            const QJsonObject tile = v.toObject();
            if (tile.value(QStringLiteral("source"))
                    .toString()
                    .startsWith(QLatin1String("probe:"))) {
                ++probes;
                QCOMPARE(tile.value(QStringLiteral("value")).toString(), QStringLiteral("12.5"));
                QCOMPARE(tile.value(QStringLiteral("quality")).toString(), QStringLiteral("stale"));
            }
        }
        QVERIFY2(probes == 2, text.constData());
        // The plugins page lists A's plugin instance (from /api/plugins), kept while A is off.
        QCOMPARE(strings(info.value(QStringLiteral("pluginInstances"))),
                 QStringList{QStringLiteral("probe: loaded")});
        // The banner is drawn in the error colour under the bar.
        const QImage image(shot);
        int red = 0;
        for (int x = 0; x < image.width(); x += 4) {
            red += image.pixelColor(x, 70) == QColor(QStringLiteral("#ff6b6b")) ? 1 : 0;
        }
        QVERIFY2(red > 50, text.constData());
    }

    void recoversWhenTheNodeComesBack()
    {
        // B starts while A is down, then A starts: B shows A's readings without a restart.
        const QString shot = path(QStringLiteral("recovered.png"));
        auto b = startDashboardB(shot, 15000);
        QByteArray err;
        QVERIFY2(waitForLog(b.get(), &err, "is offline"), err.constData());
        auto a = startNodeA();
        QVERIFY(a);
        QVERIFY2(waitForLog(b.get(), &err, "is online"), err.constData());
        QVERIFY(b->waitForFinished(60000));
        err += b->readAllStandardError();
        QVERIFY(stop(a.get()));
        const QJsonObject info = report(shot);
        const QByteArray text = QJsonDocument(info).toJson() + err;
        QCOMPARE(info.value(QStringLiteral("offline")).toString(), QString());
        int live = 0;
        for (const QJsonValue &v : info.value(QStringLiteral("tiles")).toArray()) {
            const QJsonObject tile = v.toObject();
            if (tile.value(QStringLiteral("source"))
                    .toString()
                    .startsWith(QLatin1String("probe:")) &&
                tile.value(QStringLiteral("quality")).toString() == QLatin1String("ok") &&
                tile.value(QStringLiteral("value")).toString() == QLatin1String("12.5")) {
                ++live;
            }
        }
        QVERIFY2(live == 2, text.constData());
    }

    void everyConnectGetsItsWindow()
    {
        // Two nodes: A answers, the second address does not. Each has its window and its own
        // state; a token file is read (loopback reads need none, so A accepts it either way).
        auto a = startNodeA();
        QVERIFY(a);
        QFile token(path(QStringLiteral("a-token")));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("0123456789abcdef\n");
        token.close();
        auto b =
            start({QStringLiteral("--connect"), QStringLiteral("http://127.0.0.1:%1").arg(m_port),
                   QStringLiteral("--token-file"), token.fileName(), QStringLiteral("--connect"),
                   QStringLiteral("http://127.0.0.1:9")},
                  true);
        QByteArray err;
        QVERIFY2(waitForLog(b.get(), &err, "over its HTTP API", 2), err.constData());
        QVERIFY2(waitForLog(b.get(), &err, "nodea at http://127.0.0.1:"), err.constData());
        QVERIFY2(waitForLog(b.get(), &err, "http://127.0.0.1:9 is offline"), err.constData());
        QVERIFY2(
            err.contains("nodea at http://127.0.0.1:" + QByteArray::number(m_port) + " is online"),
            err.constData());
        QVERIFY(stop(b.get()));
        QVERIFY(stop(a.get()));

        // A missing token file is an error, not a silent anonymous connection.
        auto c = start({QStringLiteral("--connect"), QStringLiteral("http://127.0.0.1:9"),
                        QStringLiteral("--token-file"), path(QStringLiteral("missing"))},
                       true);
        QVERIFY(c->waitForFinished(30000));
        QCOMPARE(c->exitCode(), 2);
        QVERIFY(c->readAllStandardError().contains("token file " +
                                                   path(QStringLiteral("missing")).toUtf8()));
    }

    void configuredRemotesOpenBesideTheLocalNode()
    {
        // B runs its own node (its own HOME and lock) and follows A from dashboard.remotes,
        // with a token file named relative to its configuration.
        auto a = startNodeA();
        QVERIFY(a);
        QDir().mkpath(path(QStringLiteral("b")));
        QFile token(path(QStringLiteral("b/a-token")));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("0123456789abcdef\n");
        token.close();
        QFile config(path(QStringLiteral("b/config.yaml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("node: {name: nodeb}\nhistory: {persist: false}\n"
                     "plugins:\n  builtin:\n    system: {}\n"
                     "dashboard:\n  remotes:\n    - {url: \"http://127.0.0.1:" +
                     QByteArray::number(m_port) + "\", token_file: a-token}\n");
        config.close();
        auto b = start({QStringLiteral("-c"), config.fileName()}, true, path(QStringLiteral("b")));
        QByteArray err;
        QVERIFY2(waitForLog(b.get(), &err, "Showing the dashboard"), err.constData());
        QVERIFY2(waitForLog(b.get(), &err, "nodea at http://127.0.0.1:"), err.constData());
        QVERIFY2(err.contains("is online"), err.constData());
        QVERIFY(stop(b.get()));
        QCOMPARE(b->exitCode(), 0);
        QVERIFY(stop(a.get()));
    }

    void fleetPageListsTheLocalAndTwoRemoteNodes()
    {
        // B runs its own node and follows A and C from dashboard.remotes: its fleet page lists
        // all three, each online. C stopped → B shows C offline, with the reason, while A and
        // B stay online.
        auto a = startNodeA();
        QVERIFY(a);
        const QString homeC = path(QStringLiteral("c"));
        QVERIFY(QDir().mkpath(homeC));
        {
            QFile config(homeC + QStringLiteral("/config.yaml"));
            QVERIFY(config.open(QIODevice::WriteOnly));
            config.write("node: {name: nodec}\nhistory: {persist: false}\n"
                         "http: {heartbeat_seconds: 2}\n"
                         "plugins:\n  custom:\n    - {name: probe, module: fixture_good,\n"
                         "       config: {interval_s: 0.2, value: 3.5, sources: [level]}}\n");
        }
        const quint16 portC = freePort();
        QVERIFY(portC != 0);
        auto c = startNodeA(homeC, portC);
        QVERIFY(c);
        const QString homeB = path(QStringLiteral("b"));
        QVERIFY(QDir().mkpath(homeB));
        QFile config(homeB + QStringLiteral("/config.yaml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("node: {name: nodeb}\nhistory: {persist: false}\n"
                     "plugins:\n  custom:\n    - {name: probe, module: fixture_good,\n"
                     "       config: {interval_s: 0.2, value: 7.5, sources: [temp]}}\n"
                     "dashboard:\n  remotes:\n"
                     "    - {url: \"http://127.0.0.1:" +
                     QByteArray::number(m_port) +
                     "\"}\n"
                     "    - {url: \"http://127.0.0.1:" +
                     QByteArray::number(portC) + "\"}\n");
        config.close();
        const auto runB = [&](const QString &shot, int afterMs) {
            return start({QStringLiteral("-c"), config.fileName(), QStringLiteral("--plugin-path"),
                          QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good"),
                          QStringLiteral("--page"), QStringLiteral("fleet"),
                          QStringLiteral("--screenshot"), shot,
                          QStringLiteral("--screenshot-after"), QString::number(afterMs)},
                         true, homeB);
        };
        const auto rowsOf = [](const QJsonObject &info) {
            QMap<QString, QJsonObject> rows;
            for (const QJsonValue &v : info.value(QStringLiteral("fleet")).toArray()) {
                rows.insert(v.toObject().value(QStringLiteral("name")).toString(), v.toObject());
            }
            return rows;
        };

        // All three online: the picture waits until both remotes have answered.
        const QString allShot = path(QStringLiteral("fleet-all.png"));
        auto b = runB(allShot, 500);
        QVERIFY(b->waitForFinished(60000));
        QByteArray err = b->readAllStandardError();
        QVERIFY2(b->exitCode() == 0, err.constData());
        QJsonObject info = report(allShot);
        QByteArray text = QJsonDocument(info).toJson() + err;
        QCOMPARE(info.value(QStringLiteral("page")).toInt(), 4);
        QMap<QString, QJsonObject> rows = rowsOf(info);
        QVERIFY2(rows.keys() == QStringList({QStringLiteral("nodea"), QStringLiteral("nodeb"),
                                             QStringLiteral("nodec")}),
                 text.constData());
        for (const QJsonObject &row : std::as_const(rows)) {
            QVERIFY2(row.value(QStringLiteral("online")).toBool(), text.constData());
            QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("online"));
        }
        // This node first; the remotes say where they are reached.
        QCOMPARE(info.value(QStringLiteral("fleet"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("name")),
                 QStringLiteral("nodeb"));
        QCOMPARE(rows.value(QStringLiteral("nodec")).value(QStringLiteral("plugins")).toString(),
                 QStringLiteral("heard through http://127.0.0.1:%1").arg(portC));
        // Every node followed can be asked from this node's agent page too.
        QCOMPARE(info.value(QStringLiteral("askNodes")).toArray().size(), 3);
        // No row in the offline colour.
        const QColor error(QStringLiteral("#ff6b6b"));
        QImage image(allShot);
        const int top = int(info.value(QStringLiteral("fleet"))
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(QStringLiteral("y"))
                                .toDouble());
        QVERIFY2(pixelsLike(image, QRect(0, top, image.width(), image.height() - top), error) < 5,
                 text.constData());

        // Now C stops while B watches.
        const QString shot = path(QStringLiteral("fleet-c-down.png"));
        b = runB(shot, 25000);
        err.clear();
        QVERIFY2(
            waitForLog(b.get(), &err,
                       "nodec at http://127.0.0.1:" + QByteArray::number(portC) + " is online"),
            err.constData());
        QVERIFY(stop(c.get()));
        QVERIFY2(
            waitForLog(b.get(), &err,
                       "nodec at http://127.0.0.1:" + QByteArray::number(portC) + " is offline"),
            err.constData());
        QVERIFY(b->waitForFinished(90000));
        err += b->readAllStandardError();
        QVERIFY(stop(a.get()));
        QVERIFY2(b->exitCode() == 0, err.constData());
        info = report(shot);
        text = QJsonDocument(info).toJson() + err;
        rows = rowsOf(info);
        QCOMPARE(rows.size(), 3);
        QVERIFY2(rows.value(QStringLiteral("nodeb")).value(QStringLiteral("online")).toBool(),
                 text.constData());
        QVERIFY2(rows.value(QStringLiteral("nodea")).value(QStringLiteral("online")).toBool(),
                 text.constData());
        const QJsonObject rowC = rows.value(QStringLiteral("nodec"));
        QCOMPARE(rowC.value(QStringLiteral("online")).toBool(), false);
        QCOMPARE(rowC.value(QStringLiteral("state")).toString(), QStringLiteral("offline"));
        QVERIFY2(!rowC.value(QStringLiteral("reason")).toString().isEmpty(), text.constData());
        // C's row, and only C's, in the offline colours (its dot and its state).
        image = QImage(shot);
        const QJsonArray ordered = info.value(QStringLiteral("fleet")).toArray();
        QCOMPARE(ordered.at(2).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("nodec"));
        const int yC = int(ordered.at(2).toObject().value(QStringLiteral("y")).toDouble());
        QVERIFY2(pixelsLike(image, QRect(0, yC, image.width(), 60), error) > 50, text.constData());
        QVERIFY2(pixelsLike(image, QRect(0, top, image.width(), yC - top), error) < 5,
                 text.constData());
    }

    void asksTheFollowedNodesAgent()
    {
        // A's agent reads its probe through a tool and answers; B asks it from its agent page
        // with A's token, and the answer names A.
        FakeOllama ollama;
        QVERIFY(ollama.listen());
        ollama.shows.insert(QStringLiteral("llama3.2"),
                            {{QStringLiteral("capabilities"),
                              QJsonArray{QStringLiteral("completion"), QStringLiteral("tools")}}});
        ollama.enqueue(FakeResponse::lines(
            {FakeChunks::toolCalls(
                 {FakeChunks::call(QStringLiteral("read_source"),
                                   {{QStringLiteral("source"), QStringLiteral("probe:temp")}},
                                   QStringLiteral("call_1"), 0)}),
             FakeChunks::done()}));
        ollama.enqueue(FakeResponse::lines({FakeChunks::text(QStringLiteral("Node A's probe ")),
                                            FakeChunks::text(QStringLiteral("reads 12.5 °C.")),
                                            FakeChunks::done()}));
        writeConfig(ollama.url().toUtf8());
        auto a = startNodeA();
        QVERIFY(a);
        // A made its token on its first start: B gets a copy, as a user would.
        const QString token = path(QStringLiteral(".smollama/api-token"));
        QVERIFY(QFile::exists(token));

        QByteArray err;
        const QJsonObject info = askFromB(QStringLiteral("http://127.0.0.1:%1").arg(m_port), token,
                                          QStringLiteral("How warm is it?"), &err);
        QVERIFY(stop(a.get()));
        const QByteArray text = QJsonDocument(info).toJson() + err;
        QVERIFY2(!info.isEmpty(), text.constData());
        const QStringList chat = strings(info.value(QStringLiteral("conversation")));
        QVERIFY2(chat.size() == 3, text.constData());
        QCOMPARE(chat.at(0), QStringLiteral("question: How warm is it?"));
        QVERIFY2(chat.at(1).startsWith(QLatin1String("tool: {")) &&
                     chat.at(1).contains(QLatin1String("\"value\":12.5")),
                 text.constData());
        QCOMPARE(chat.at(2), QStringLiteral("answer: Node A's probe reads 12.5 °C."));
        // Asked of A, answered by A, and the page says so under the answer.
        QCOMPARE(strings(info.value(QStringLiteral("conversationNodes"))),
                 QStringList(
                     {QStringLiteral("nodea"), QStringLiteral("nodea"), QStringLiteral("nodea")}));
        QCOMPARE(strings(info.value(QStringLiteral("answeredBy"))),
                 QStringList{QStringLiteral("— nodea")});
        QCOMPARE(info.value(QStringLiteral("askTarget")).toString(), QStringLiteral("nodea"));
        // A's agent did the work: two rounds with its Ollama.
        QCOMPARE(ollama.chatRequests().size(), 2);
    }

    void askProblemsAreShown_data()
    {
        QTest::addColumn<bool>("nodeUp");
        QTest::addColumn<QByteArray>("token"); // what B's --token-file holds; "": no file
        QTest::addColumn<QString>("says");
        QTest::newRow("no token") << true << QByteArray()
                                  << QStringLiteral("nodea answers questions only with its API "
                                                    "token: start with --token-file");
        QTest::newRow("wrong token") << true << QByteArray("not-the-token-0123456789")
                                     << QStringLiteral("nodea refused the API token");
        // A token that would be right, for a node that is not there.
        QTest::newRow("node down") << false << QByteArray("0123456789abcdef0123456789abcdef")
                                   << QStringLiteral("127.0.0.1 cannot be reached");
    }

    void askProblemsAreShown()
    {
        // Each ends the question at once with an error that names the node and says what to
        // do; B does not hang and exits normally.
        QFETCH(bool, nodeUp);
        QFETCH(QByteArray, token);
        QFETCH(QString, says);
        std::unique_ptr<QProcess> a;
        QString tokenFile;
        if (nodeUp) {
            a = startNodeA();
            QVERIFY(a);
        }
        if (!token.isEmpty()) {
            tokenFile = path(QStringLiteral("b-token"));
            QFile f(tokenFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(token + '\n');
        }
        QByteArray err;
        // Down: a port nothing listens on (A's, never started).
        const QJsonObject info = askFromB(QStringLiteral("http://127.0.0.1:%1").arg(m_port),
                                          tokenFile, QStringLiteral("How warm is it?"), &err);
        if (a) {
            QVERIFY(stop(a.get()));
        }
        const QByteArray text = QJsonDocument(info).toJson() + err;
        QVERIFY2(!info.isEmpty(), text.constData());
        const QStringList chat = strings(info.value(QStringLiteral("conversation")));
        QVERIFY2(chat.size() == 2, text.constData());
        QCOMPARE(chat.at(0), QStringLiteral("question: How warm is it?"));
        QVERIFY2(chat.at(1).startsWith(QLatin1String("error: ")) && chat.at(1).contains(says),
                 text.constData());
        const QString node = nodeUp ? QStringLiteral("nodea") : QStringLiteral("127.0.0.1");
        QCOMPARE(strings(info.value(QStringLiteral("answeredBy"))),
                 QStringList{QStringLiteral("— ") + node});
    }
};

QTEST_GUILESS_MAIN(tst_DashboardRemote)
#include "tst_dashboardremote.moc"
