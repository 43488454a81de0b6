// SPDX-License-Identifier: GPL-3.0-or-later
#include "readingroutes.h"

#include "reply.h"
#include "request.h"

#include "fleet/nodedirectory.h"
#include "history/readinghistory.h"
#include "readings/readingmanager.h"
#include "util/didyoumean.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Smollama::Http {

namespace {

// How long GET /api/readings may serve the same JSON when no reading arrived meanwhile.
constexpr qint64 s_readingsCacheMs = 1000;

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

ReadingRoutes::ReadingRoutes(const NodeServices &services)
    : m_services(services)
{
}

void ReadingRoutes::readings(const Request &request, Reply &reply)
{
    if (!m_services.readings) {
        reply.sendError(503, "unavailable", QStringLiteral("readings are not available"));
        return;
    }
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(QStringLiteral("node"))) {
        const QString node = query.queryItemValue(QStringLiteral("node"), QUrl::FullyDecoded);
        if (!knownNode(reply, node)) {
            return;
        }
        QJsonArray array;
        for (const Reading &r : m_services.readings->latestOf(node)) {
            array.append(r.toJson());
        }
        reply.sendJson(200, QJsonDocument(array));
        return;
    }
    // Building the JSON of every source costs far more than serving it: it is kept until a
    // reading arrives on the bus, and at most s_readingsCacheMs (stale marks depend on time).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_cache.dirty || now - m_cache.builtMs > s_readingsCacheMs || now < m_cache.builtMs) {
        QJsonArray array;
        for (const Reading &r : m_services.readings->latest()) {
            array.append(r.toJson());
        }
        m_cache.body = QJsonDocument(array).toJson(QJsonDocument::Compact) + '\n';
        m_cache.builtMs = now;
        m_cache.dirty = false;
    }
    reply.send(200, "application/json", m_cache.body);
}

bool ReadingRoutes::knownNode(Reply &reply, const QString &node) const
{
    if (node == m_services.nodeName || (m_services.nodes && m_services.nodes->contains(node))) {
        return true;
    }
    QStringList names{m_services.nodeName};
    if (m_services.nodes) {
        for (const NodeInfo &n : m_services.nodes->nodes()) {
            names.append(n.name);
        }
    }
    reply.sendError(404, "unknown_node",
                    QStringLiteral("no node '%1'%2; GET /api/nodes lists them")
                        .arg(node.left(100), didYouMeanSuffix(node, names)));
    return false;
}

void ReadingRoutes::nodes(Reply &reply)
{
    if (!m_services.nodes) {
        reply.sendError(503, "unavailable", QStringLiteral("nodes are not available"));
        return;
    }
    QJsonArray array;
    for (const NodeInfo &n : m_services.nodes->nodes()) {
        array.append(n.toJson());
    }
    reply.sendJson(200, QJsonDocument(array));
}

void ReadingRoutes::history(const Request &request, Reply &reply, const QString &source)
{
    if (!m_services.history) {
        reply.sendError(503, "unavailable", QStringLiteral("the history is not available"));
        return;
    }
    const QUrlQuery query = request.query();
    double minutes = 60;
    if (query.hasQueryItem(QStringLiteral("minutes"))) {
        bool ok = false;
        minutes = query.queryItemValue(QStringLiteral("minutes")).toDouble(&ok);
        if (!ok || !(minutes >= 1 && minutes <= 1440)) {
            reply.sendError(400, "bad_request",
                            QStringLiteral("minutes must be a number from 1 to 1440 (got '%1')")
                                .arg(query.queryItemValue(QStringLiteral("minutes")).left(40)));
            return;
        }
    }
    int maxPoints = 0;
    if (query.hasQueryItem(QStringLiteral("max_points"))) {
        bool ok = false;
        maxPoints = query.queryItemValue(QStringLiteral("max_points")).toInt(&ok);
        if (!ok || maxPoints < 1 || maxPoints > 100000) {
            reply.sendError(400, "bad_request",
                            QStringLiteral("max_points must be a whole number from 1 to 100000"));
            return;
        }
    }
    // ?node=NAME: a source of another node (this node's when not given).
    QString node = m_services.nodeName;
    if (query.hasQueryItem(QStringLiteral("node"))) {
        node = query.queryItemValue(QStringLiteral("node"), QUrl::FullyDecoded);
        if (!knownNode(reply, node)) {
            return;
        }
    }
    QStringList known = m_services.history->sources(node);
    if (m_services.readings) {
        for (const Reading &r : m_services.readings->latestOf(node)) {
            if (!known.contains(r.source())) {
                known.append(r.source());
            }
        }
    }
    if (!known.contains(source)) {
        reply.sendError(404, "unknown_source",
                        QStringLiteral("no source '%1' on node %2%3; GET /api/readings?node=%2 "
                                       "lists them")
                            .arg(source, node, didYouMeanSuffix(source, known)));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(minutes * 60000.0);
    const HistorySummary s = m_services.history->summary(node, source, from, now);
    QJsonArray points;
    for (const HistoryPoint &p : m_services.history->points(node, source, from, now, maxPoints)) {
        points.append(QJsonObject{{QStringLiteral("t"), isoTime(p.timestampMs)},
                                  {QStringLiteral("value"), number(p.value)},
                                  {QStringLiteral("min"), number(p.min)},
                                  {QStringLiteral("max"), number(p.max)}});
    }
    QJsonObject out{{QStringLiteral("node"), node},
                    {QStringLiteral("source"), source},
                    {QStringLiteral("unit"), m_services.history->unit(node, source)},
                    {QStringLiteral("minutes"), minutes},
                    {QStringLiteral("from"), isoTime(from)},
                    {QStringLiteral("to"), isoTime(now)},
                    {QStringLiteral("count"), s.count},
                    {QStringLiteral("min"), number(s.min)},
                    {QStringLiteral("max"), number(s.max)},
                    {QStringLiteral("avg"), number(s.avg)},
                    {QStringLiteral("last"), number(s.last)},
                    {QStringLiteral("points"), points}};
    if (const auto err = m_services.history->lastError(node, source)) {
        out.insert(QStringLiteral("last_error"),
                   QJsonObject{{QStringLiteral("t"), isoTime(err->timestampMs)},
                               {QStringLiteral("message"), err->message}});
    }
    reply.sendJson(200, QJsonDocument(out));
}

} // namespace Smollama::Http
