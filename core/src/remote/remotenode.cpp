// SPDX-License-Identifier: GPL-3.0-or-later
#include "remotenode.h"

#include "history/readinghistory.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>
#include <limits>

namespace Smollama {

Q_LOGGING_CATEGORY(lcRemote, "smollama.remote")

Reading RemoteNode::readingFromJson(const QJsonObject &o) const
{
    Reading r(
        o.value(QStringLiteral("source")).toString(), o.value(QStringLiteral("value")).toVariant(),
        o.value(QStringLiteral("unit")).toString(),
        QDateTime::fromString(o.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs));
    const QString quality = o.value(QStringLiteral("quality")).toString();
    r.setQuality(quality == QLatin1String("ok")      ? Reading::Quality::Ok
                 : quality == QLatin1String("stale") ? Reading::Quality::Stale
                                                     : Reading::Quality::Error);
    r.setMessage(o.value(QStringLiteral("message")).toString());
    // The node's own readings are this mirror's; those of the nodes it hears of keep their
    // node, so equal source ids of two nodes never collide.
    const QString node = o.value(QStringLiteral("node")).toString();
    if (!node.isEmpty() && node != m_nodeName) {
        r.setNode(node);
    }
    return r;
}

namespace {

QString describe(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 401) {
        return QCoreApplication::translate("RemoteNode", "the node wants its API token "
                                                         "(--token-file)");
    }
    return status >= 400 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString();
}

} // namespace

RemoteNode::RemoteNode(const QUrl &baseUrl, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_token(token)
    , m_nodeName(baseUrl.host())
    , m_plugins(std::make_unique<PluginManager>())
    , m_bus(std::make_unique<ReadingBus>())
    , m_manager(std::make_unique<ReadingManager>(m_plugins.get(), m_bus.get()))
    , m_history(std::make_unique<ReadingHistory>())
    , m_network(new QNetworkAccessManager(this))
{
    m_bus->setNodeName(m_nodeName);
    m_history->setLocalNode(m_nodeName);
    // As in a local node, the history hears every reading once: a value published again (the
    // current values read after a reconnection, a stale source live again) is not a new point.
    connect(
        m_bus.get(), &ReadingBus::readingPublished, this,
        [this](const Reading &r) {
            if (r.quality() == Reading::Quality::Ok) {
                qint64 &newest = m_historyNewest[r.node() + QLatin1Char('\n') + r.source()];
                const qint64 ts = r.timestamp().toMSecsSinceEpoch();
                if (ts <= newest) {
                    return;
                }
                newest = ts;
            }
            m_history->add(r);
        },
        Qt::DirectConnection);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteNode::connectNow);
    m_silence.setSingleShot(true);
    m_silence.setInterval(45000);
    m_nodesTimer.setInterval(10000);
    connect(&m_nodesTimer, &QTimer::timeout, this, &RemoteNode::readNodes);
    connect(&m_silence, &QTimer::timeout, this, [this] {
        lost(QCoreApplication::translate("RemoteNode", "no answer for %n s", nullptr,
                                         m_silence.interval() / 1000));
    });
}

RemoteNode::~RemoteNode()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->abort();
    }
}

NodeServices RemoteNode::services() const
{
    NodeServices s;
    s.plugins = m_plugins.get();
    s.bus = m_bus.get();
    s.readings = m_manager.get();
    s.history = m_history.get();
    s.nodeName = m_nodeName;
    return s;
}

QNetworkReply *RemoteNode::get(const QString &path)
{
    return m_network->get(request(path));
}

QNetworkRequest RemoteNode::request(const QString &path) const
{
    QUrl url = m_baseUrl;
    const int query = path.indexOf(QLatin1Char('?'));
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0) {
        url.setQuery(path.mid(query + 1));
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token);
    }
    return request;
}

void RemoteNode::start()
{
    connectNow();
}

void RemoteNode::connectNow()
{
    // The name first (the window title), then the values, then the stream.
    QNetworkReply *reply = get(QStringLiteral("/api/health"));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            lost(describe(reply));
            return;
        }
        const QString node = QJsonDocument::fromJson(reply->readAll())
                                 .object()
                                 .value(QStringLiteral("node"))
                                 .toString();
        if (!node.isEmpty() && node != m_nodeName) {
            m_nodeName = node;
            // Its readings are this mirror's own (a node's readings without a node are its).
            m_bus->setNodeName(node);
            m_history->setLocalNode(node);
        }
        if (m_lastEventId.isEmpty()) {
            // First contact: the stream first, then the current values once it answers (the
            // node registers the stream before it answers), so a reading that comes between
            // the two is not lost; the stream has it.
            m_snapshotPending = true;
            m_awaitingSnapshot = true;
            openStream();
        } else {
            readReadings(Snapshot::Resume);
        }
    });
}

void RemoteNode::readReadings(Snapshot mode)
{
    QNetworkReply *reply = get(QStringLiteral("/api/readings"));
    connect(reply, &QNetworkReply::finished, this, [this, reply, mode] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            lost(describe(reply));
            return;
        }
        const QJsonArray readings = QJsonDocument::fromJson(reply->readAll()).array();
        // At first contact the node counts as online once its current values and its
        // plugins are here, so that no page of the window is shown half filled.
        const bool firstContact = mode == Snapshot::First && m_awaitingSnapshot;
        if (mode == Snapshot::First && !firstContact) {
            return; // the connection was lost meanwhile: the next contact reads again
        }
        // Back after an interruption, the stream resumes from the last event seen and brings
        // the readings of the outage in order: only a source with nothing newer is set live
        // again here (its last value, stale while offline); newer values wait for the stream,
        // so none arrives twice or out of order. (After a `gap` all are published.)
        const bool readHistories = mode == Snapshot::First && !m_historyRead;
        for (const QJsonValue &v : readings) {
            const Reading r = readingFromJson(v.toObject());
            if (readHistories && r.node().isEmpty()) {
                // The sparklines' last hour, once: later values come with the stream.
                readHistory(r.source());
            }
            const QDateTime newest = m_manager->latest(r.node(), r.source()).timestamp();
            if (mode == Snapshot::Resume && newest != r.timestamp()) {
                continue;
            }
            if (mode == Snapshot::First && newest.isValid() && newest >= r.timestamp()) {
                continue; // the stream brought it, or a newer one
            }
            m_bus->publish(r);
        }
        m_historyRead = m_historyRead || readHistories;
        if (mode == Snapshot::Resume) {
            openStream();
        }
        readNodes();
        if (!firstContact) {
            readPlugins();
            return;
        }
        readPlugins([this] {
            if (!m_awaitingSnapshot) {
                return; // the connection was lost meanwhile
            }
            m_awaitingSnapshot = false;
            if (!m_online) {
                m_attempt = 0;
                setOnline(true);
            }
        });
    });
}

void RemoteNode::readNodes()
{
    QNetworkReply *reply = get(QStringLiteral("/api/nodes"));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            return; // an older node without /api/nodes, or gone: the stream tells
        }
        const QJsonArray nodes = QJsonDocument::fromJson(reply->readAll()).array();
        if (nodes != m_nodes) {
            m_nodes = nodes;
            Q_EMIT nodesChanged();
        }
    });
}

void RemoteNode::readPlugins(const std::function<void()> &then)
{
    QNetworkReply *reply = get(QStringLiteral("/api/plugins"));
    connect(reply, &QNetworkReply::finished, this, [this, reply, then] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            // Gone: the stream tells, and the last states stay shown.
            if (then) {
                then();
            }
            return;
        }
        QList<PluginStatus> statuses;
        const QJsonArray plugins = QJsonDocument::fromJson(reply->readAll()).array();
        for (const QJsonValue &v : plugins) {
            statuses.append(PluginStatus::fromJson(v.toObject()));
        }
        const bool same = statuses.size() == m_pluginStatuses.size() &&
                          std::equal(statuses.cbegin(), statuses.cend(), m_pluginStatuses.cbegin(),
                                     [](const PluginStatus &a, const PluginStatus &b) {
                                         return a.toJson() == b.toJson();
                                     });
        if (!same) {
            m_pluginStatuses = statuses;
            Q_EMIT pluginStatusesChanged();
        }
        if (then) {
            then();
        }
    });
}

void RemoteNode::readHistory(const QString &source)
{
    QNetworkReply *reply =
        get(QStringLiteral("/api/readings/%1/history?minutes=60&max_points=120")
                .arg(QString::fromLatin1(QUrl::toPercentEncoding(source, ":."))));
    connect(reply, &QNetworkReply::finished, this, [this, reply, source] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            return; // the sparkline fills from the stream
        }
        const QJsonArray points = QJsonDocument::fromJson(reply->readAll())
                                      .object()
                                      .value(QStringLiteral("points"))
                                      .toArray();
        // The stream has been adding values since before this was asked for: the last hour
        // fills in only what is older than the first of them.
        const QVector<HistoryPoint> kept =
            m_history->points(source, 0, std::numeric_limits<qint64>::max());
        const qint64 before =
            kept.isEmpty() ? std::numeric_limits<qint64>::max() : kept.first().timestampMs;
        for (const QJsonValue &v : points) {
            const QJsonObject p = v.toObject();
            const qint64 t =
                QDateTime::fromString(p.value(QStringLiteral("t")).toString(), Qt::ISODateWithMs)
                    .toMSecsSinceEpoch();
            if (t < before) {
                m_history->addPoint(source, t, p.value(QStringLiteral("value")).toDouble());
            }
        }
    });
}

void RemoteNode::openStream()
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/api/events"));
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "text/event-stream");
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token);
    }
    if (!m_lastEventId.isEmpty()) {
        request.setRawHeader("Last-Event-ID", m_lastEventId);
    }
    m_buffer.clear();
    m_event.clear();
    m_data.clear();
    m_stream = m_network->get(request);
    connect(m_stream, &QNetworkReply::readyRead, this, &RemoteNode::onStreamData);
    connect(m_stream, &QNetworkReply::finished, this, [this, reply = m_stream] {
        reply->deleteLater();
        if (reply != m_stream) {
            return;
        }
        m_stream = nullptr;
        lost(reply->error() == QNetworkReply::NoError
                 ? QCoreApplication::translate("RemoteNode", "the node closed the event stream")
                 : describe(reply));
    });
    m_silence.start();
}

void RemoteNode::onStreamData()
{
    m_silence.start();
    if (!m_online && !m_awaitingSnapshot) {
        m_attempt = 0;
        setOnline(true);
    }
    m_buffer += m_stream->readAll();
    int end;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.isEmpty()) {
            if (!m_data.isEmpty()) {
                dispatch(m_event.isEmpty() ? QByteArrayLiteral("message") : m_event, m_data);
            }
            m_event.clear();
            m_data.clear();
            continue;
        }
        if (line.startsWith(':')) {
            continue; // a comment: the heartbeat
        }
        const int colon = line.indexOf(':');
        const QByteArray field = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (value.startsWith(' ')) {
            value.remove(0, 1);
        }
        if (field == "event") {
            m_event = value;
        } else if (field == "data") {
            m_data += m_data.isEmpty() ? value : '\n' + value;
        } else if (field == "id") {
            m_lastEventId = value;
        }
    }
    if (m_snapshotPending) {
        m_snapshotPending = false;
        readReadings(Snapshot::First);
    }
}

void RemoteNode::dispatch(const QByteArray &event, const QByteArray &data)
{
    if (event == "reading") {
        m_bus->publish(readingFromJson(QJsonDocument::fromJson(data).object()));
    } else if (event == "plugin_status") {
        readPlugins(); // rare: the whole list, so a new or removed row is seen too
    } else if (event == "gap") {
        // Events were lost (the node restarted, or too many): the current values again.
        readReadings(Snapshot::All);
    }
}

void RemoteNode::lost(const QString &reason)
{
    m_silence.stop();
    m_awaitingSnapshot = false;
    m_snapshotPending = false;
    if (m_stream) {
        QNetworkReply *stream = std::exchange(m_stream, nullptr);
        stream->disconnect(this);
        stream->abort();
        stream->deleteLater();
    }
    if (m_online || m_offlineReason != reason || (!m_everOnline && m_attempt == 0)) {
        setOnline(false, reason);
    }
    // Again after 1, 2, 4, then every 5 s.
    m_retry.start(std::min(5000, 1000 << std::min(m_attempt, 3)));
    ++m_attempt;
}

void RemoteNode::setOnline(bool online, const QString &reason)
{
    // (Also a new reason: "closed the event stream", then "connection refused".)
    const bool changed = online != m_online || (online ? QString() : reason) != m_offlineReason ||
                         (!online && !m_everOnline && m_attempt == 0);
    m_online = online;
    m_offlineReason = online ? QString() : reason;
    if (online) {
        m_everOnline = true;
        m_nodesTimer.start();
        qCInfo(lcRemote, "%s",
               qPrintable(QCoreApplication::translate("RemoteNode", "%1 at %2 is online")
                              .arg(m_nodeName, m_baseUrl.toString())));
    } else {
        qCWarning(lcRemote, "%s",
                  qPrintable(QCoreApplication::translate("RemoteNode", "%1 at %2 is offline: %3")
                                 .arg(m_nodeName, m_baseUrl.toString(), reason)));
        m_nodesTimer.stop();
        // The node itself is offline now, whatever it said last.
        for (int i = 0; i < m_nodes.size(); ++i) {
            QJsonObject o = m_nodes.at(i).toObject();
            if (o.value(QStringLiteral("local")).toBool()) {
                o.insert(QStringLiteral("online"), false);
                o.insert(QStringLiteral("offline_reason"), reason);
                m_nodes.replace(i, o);
                Q_EMIT nodesChanged();
            }
        }
        // Never show old values as live: every source turns stale, with the reason.
        const QString message =
            QCoreApplication::translate("RemoteNode", "node offline: %1").arg(reason);
        for (Reading r : m_manager->latest()) {
            if (r.quality() == Reading::Quality::Ok) {
                r.setQuality(Reading::Quality::Stale);
                r.setMessage(message);
                m_bus->publish(r);
            }
        }
    }
    if (changed) {
        Q_EMIT onlineChanged(online);
    }
}

} // namespace Smollama
