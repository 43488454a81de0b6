// SPDX-License-Identifier: GPL-3.0-or-later
// A dashboard following a node over its API (RemoteNode) loses its event stream while the node
// keeps running: a proxy between them cuts every connection and refuses new ones for a while.
// The follower resumes with Last-Event-ID, and its history (what the charts draw) then holds
// exactly the node's own readings: none lost in the outage, none twice. At first contact, a
// slow answer to the current values loses nothing either.
#include "history/readinghistory.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "remote/remotenode.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <memory>

namespace {

/*! Forwards 127.0.0.1:port() to a target port, keeps what clients sent, can hold back the
    answers to one kind of request, and can cut. */
class CuttingProxy : public QObject
{
public:
    explicit CuttingProxy(quint16 target)
        : m_target(target)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &CuttingProxy::accept);
    }

    bool listen(quint16 port = 0)
    {
        if (!m_server.listen(QHostAddress::LocalHost, port)) {
            return false;
        }
        m_port = m_server.serverPort();
        return true;
    }
    quint16 port() const { return m_port; }

    /*! Drops every connection and accepts none until listen(port()). */
    void cut()
    {
        m_server.close();
        for (const auto &[client, upstream] : std::as_const(m_pairs)) {
            if (client) {
                client->abort();
            }
            if (upstream) {
                upstream->abort();
            }
        }
        m_pairs.clear();
    }

    /*! Answers to requests starting with \a head reach the client \a ms late. */
    void delayAnswers(const QByteArray &head, int ms)
    {
        m_delayedHead = head;
        m_delayMs = ms;
    }

    /*! Every request head the clients sent, in order. */
    QList<QByteArray> requests;

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            m_pairs.append(qMakePair(QPointer<QTcpSocket>(client), QPointer<QTcpSocket>(upstream)));
            auto pending = std::make_shared<QByteArray>();
            auto lastRequest = std::make_shared<QByteArray>();
            connect(client, &QTcpSocket::readyRead, client,
                    [this, client, upstream, pending, lastRequest] {
                        const QByteArray data = client->readAll();
                        if (data.contains("HTTP/1.")) {
                            requests.append(data);
                            *lastRequest = data;
                        }
                        if (upstream->state() == QAbstractSocket::ConnectedState) {
                            upstream->write(data);
                        } else {
                            *pending += data;
                        }
                    });
            connect(upstream, &QTcpSocket::connected, client,
                    [upstream, pending] { upstream->write(std::exchange(*pending, {})); });
            connect(upstream, &QTcpSocket::readyRead, client,
                    [this, client, upstream, lastRequest] {
                        const QByteArray data = upstream->readAll();
                        if (!m_delayedHead.isEmpty() && lastRequest->startsWith(m_delayedHead)) {
                            QTimer::singleShot(m_delayMs, client,
                                               [client, data] { client->write(data); });
                        } else {
                            client->write(data);
                        }
                    });
            connect(upstream, &QTcpSocket::disconnected, client,
                    [client] { client->disconnectFromHost(); });
            connect(client, &QTcpSocket::disconnected, client, [client] { client->deleteLater(); });
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
        }
    }

    QTcpServer m_server;
    QByteArray m_delayedHead;
    int m_delayMs = 0;
    quint16 m_target;
    quint16 m_port = 0;
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

} // namespace

using namespace Smollama;

class tst_RemoteResume : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<QProcess> m_node;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;

    // GET \a path on the node itself (not through the proxy).
    QJsonDocument getDirect(const QString &path)
    {
        QNetworkReply *reply = m_network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path))));
        QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll());
    }

    // The node's own raw history of probe:temp: timestamps in ms.
    QList<qint64> nodeTimes()
    {
        QList<qint64> out;
        const QJsonArray points =
            getDirect(QStringLiteral("/api/readings/probe:temp/history?minutes=60"))
                .object()
                .value(QStringLiteral("points"))
                .toArray();
        for (const QJsonValue &v : points) {
            out.append(QDateTime::fromString(v.toObject().value(QStringLiteral("t")).toString(),
                                             Qt::ISODateWithMs)
                           .toMSecsSinceEpoch());
        }
        return out;
    }

    static QList<qint64> between(const QList<qint64> &times, qint64 from, qint64 to)
    {
        QList<qint64> out;
        for (qint64 t : times) {
            if (t >= from && t <= to) {
                out.append(t);
            }
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
        probe.close();
        QFile f(m_tmp->filePath(QStringLiteral("config.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("node: {name: nodea}\n"
                "history: {persist: false}\n"
                "http: {heartbeat_seconds: 2}\n"
                "plugins:\n"
                "  custom:\n"
                "    - {name: probe, module: fixture_good,\n"
                "       config: {interval_s: 0.1, value: 12.5, sources: [temp]}}\n");
        f.close();
        m_node = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_tmp->path());
        env.insert(QStringLiteral("SMOLLAMA_HTTP_PORT"), QString::number(m_port));
        env.insert(QStringLiteral("SMOLLAMA_BUILTIN_PLUGIN_DIR"),
                   QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR));
        for (const char *name :
             {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "JOURNAL_STREAM"}) {
            env.remove(QLatin1String(name));
        }
        m_node->setProcessEnvironment(env);
        m_node->start(QStringLiteral(SMOLLAMA_APP),
                      {QStringLiteral("--headless"), QStringLiteral("-c"), f.fileName(),
                       QStringLiteral("--plugin-path"),
                       QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
        QByteArray err;
        QVERIFY2(
            QTest::qWaitFor(
                [&] {
                    return (err += m_node->readAllStandardError()).contains("Running headless");
                },
                30000),
            err.constData());
    }

    void cleanup()
    {
        if (m_node) {
            ::kill(pid_t(m_node->processId()), SIGTERM);
            QVERIFY(m_node->waitForFinished(20000));
            m_node.reset();
        }
    }

    void firstContactLosesNothingWhileTheValuesAreRead()
    {
        // The current values take 1.5 s to come (a slow link): the node reads ten times
        // meanwhile, and the follower's bus must still carry every one of them.
        CuttingProxy proxy(m_port);
        QVERIFY(proxy.listen());
        proxy.delayAnswers("GET /api/readings HTTP/", 1500);
        RemoteNode remote(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())));
        QList<qint64> live;
        connect(remote.services().bus, &ReadingBus::readingPublished, this,
                [&live](const Reading &r) {
                    if (r.source() == QLatin1String("probe:temp")) {
                        live.append(r.timestamp().toMSecsSinceEpoch());
                    }
                });
        remote.start();
        QTRY_VERIFY_WITH_TIMEOUT(live.size() >= 25, 30000);
        // The values were read (after the stream had opened) and not published over newer ones.
        QVERIFY(
            std::any_of(proxy.requests.cbegin(), proxy.requests.cend(),
                        [](const QByteArray &r) { return r.startsWith("GET /api/readings "); }));
        const qint64 last = live.last();
        QCOMPARE(live, between(nodeTimes(), live.first(), last));
        // The last hour read for the sparkline (after the stream had opened) fills in only what
        // came before the stream: the history holds each of these once.
        QTRY_VERIFY(remote.services()
                        .history->points(QStringLiteral("probe:temp"), 0, live.first() - 1)
                        .size() > 0);
        QList<qint64> kept;
        for (const HistoryPoint &p :
             remote.services().history->points(QStringLiteral("probe:temp"), live.first(), last)) {
            kept.append(p.timestampMs);
        }
        QCOMPARE(kept, live);
    }

    void resumesWithoutLosingOrRepeatingReadings()
    {
        CuttingProxy proxy(m_port);
        QVERIFY(proxy.listen());
        RemoteNode remote(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())));
        const NodeServices services = remote.services();
        QList<qint64> live; // what the follower's bus carried of probe:temp
        connect(services.bus, &ReadingBus::readingPublished, this, [&live](const Reading &r) {
            if (r.source() == QLatin1String("probe:temp")) {
                live.append(r.timestamp().toMSecsSinceEpoch());
            }
        });
        remote.start();
        QTRY_VERIFY_WITH_TIMEOUT(remote.isOnline(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(live.size() >= 5, 30000);
        // From here on the follower's history holds what the stream brought (before, the
        // sparkline's history was read in slices).
        const qint64 from = live.at(1);
        const int eventsRequests =
            int(std::count_if(proxy.requests.cbegin(), proxy.requests.cend(),
                              [](const QByteArray &r) { return r.startsWith("GET /api/events"); }));
        QCOMPARE(eventsRequests, 1);

        // The connection drops while the node goes on reading: it holds some readings the
        // follower has not seen when the proxy lets it back in.
        proxy.cut();
        QTRY_VERIFY_WITH_TIMEOUT(!remote.isOnline(), 30000);
        const qint64 lastSeen = live.last();
        QTRY_VERIFY_WITH_TIMEOUT(between(nodeTimes(), lastSeen + 1, INT64_MAX).size() >= 5, 30000);
        QVERIFY(proxy.listen(proxy.port()));
        QTRY_VERIFY_WITH_TIMEOUT(remote.isOnline(), 30000);
        // It came back on the same run: the stream resumed from the last event it had.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::count_if(proxy.requests.cbegin(), proxy.requests.cend(),
                          [](const QByteArray &r) { return r.startsWith("GET /api/events"); }) >= 2,
            30000);
        // The first request for the stream after the cut.
        QByteArray resumed;
        int streams = 0;
        for (const QByteArray &r : std::as_const(proxy.requests)) {
            if (r.startsWith("GET /api/events") && ++streams == 2) {
                resumed = r;
            }
        }
        QVERIFY2(resumed.toLower().contains("last-event-id: "), resumed.constData());
        // Until the outage's readings and ten more have come.
        const int inOutage = int(between(nodeTimes(), lastSeen + 1, INT64_MAX).size());
        QTRY_VERIFY_WITH_TIMEOUT(between(live, lastSeen + 1, INT64_MAX).size() >= inOutage + 10,
                                 30000);

        // Every reading of the node in the span, once each, in the follower's history.
        const qint64 to = *std::max_element(live.cbegin(), live.cend());
        const QList<qint64> expected = between(nodeTimes(), from, to);
        QList<qint64> got;
        for (const HistoryPoint &p :
             services.history->points(QString(), QStringLiteral("probe:temp"), from, to)) {
            got.append(p.timestampMs);
        }
        // The readings before the cut, those of the outage and ten after it.
        QVERIFY(expected.size() >= 15);
        QCOMPARE(got, expected);
        // The newest value is live again.
        QCOMPARE(services.readings->latest(QStringLiteral("probe:temp")).quality(),
                 Reading::Quality::Ok);
    }
};

QTEST_GUILESS_MAIN(tst_RemoteResume)
#include "tst_remoteresume.moc"
