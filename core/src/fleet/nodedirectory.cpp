// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodedirectory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcNodes, "smollama.nodes")

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class NodesTr
{
    Q_DECLARE_TR_FUNCTIONS(NodeDirectory)
};

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject NodeInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("local"), local},
                  {QStringLiteral("online"), online},
                  {QStringLiteral("last_seen"),
                   lastSeenMs > 0 ? QJsonValue(isoTime(lastSeenMs)) : QJsonValue()},
                  {QStringLiteral("version"), version.isEmpty() ? QJsonValue() : version},
                  {QStringLiteral("url"), url.isEmpty() ? QJsonValue() : url},
                  {QStringLiteral("sources"), sources},
                  {QStringLiteral("errors"), errors},
                  {QStringLiteral("via"), via.isEmpty() ? QJsonValue() : via}};
    if (!online) {
        o.insert(QStringLiteral("offline_reason"), offlineReason);
    }
    return o;
}

NodeDirectory::NodeDirectory(const QString &localName, QObject *parent)
    : QObject(parent)
    , m_localName(localName)
{
    m_entries.insert(m_localName, Entry());
}

NodeDirectory::~NodeDirectory() = default;

void NodeDirectory::setOfflineAfter(qint64 ms)
{
    QMutexLocker locker(&m_mutex);
    m_offlineAfterMs = std::max<qint64>(1, ms);
}

qint64 NodeDirectory::offlineAfter() const
{
    QMutexLocker locker(&m_mutex);
    return m_offlineAfterMs;
}

void NodeDirectory::setLocalFacts(const QString &version, const QString &url)
{
    QMutexLocker locker(&m_mutex);
    m_localVersion = version;
    m_localUrl = url;
}

void NodeDirectory::noteReading(const Reading &reading)
{
    const QString name = reading.node().isEmpty() ? m_localName : reading.node();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool changed = false;
    {
        QMutexLocker locker(&m_mutex);
        auto it = m_entries.find(name);
        if (it == m_entries.end()) {
            it = m_entries.insert(name, Entry());
            changed = true;
            qCInfo(lcNodes, "Node %s joined (its first reading: %s)", qPrintable(name),
                   qPrintable(reading.source()));
        }
        Entry &e = *it;
        const qint64 taken =
            reading.timestamp().isValid() ? reading.timestamp().toMSecsSinceEpoch() : now;
        // A reading taken after the node was said offline says it is back; a late copy of an
        // older one (a QoS 1 duplicate, a retained state) does not.
        if (e.saidOffline && taken > e.saidOfflineMs) {
            e.saidOffline = false;
            changed = true;
        }
        if (!e.saidOffline) {
            e.lastHeardMs = now;
        }
        e.lastSeenMs = std::max(e.lastSeenMs, taken);
        e.sources.insert(reading.source(), reading.quality() == Reading::Quality::Error);
    }
    if (changed) {
        Q_EMIT nodeChanged(name);
    }
}

void NodeDirectory::update(const QString &instance, const QString &node, const QJsonObject &facts)
{
    if (node.isEmpty() || node == m_localName) {
        return; // a bridge never speaks for this node
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool changed = false;
    {
        QMutexLocker locker(&m_mutex);
        auto it = m_entries.find(node);
        if (it == m_entries.end()) {
            it = m_entries.insert(node, Entry());
            changed = true;
        }
        Entry &e = *it;
        e.via = instance;
        const QJsonValue online = facts.value(QLatin1String("online"));
        if (online.isBool()) {
            if (!online.toBool() && !e.saidOffline) {
                e.saidOffline = true;
                e.saidOfflineMs = now;
                e.saidOfflineBy = instance;
                changed = true;
                qCInfo(lcNodes, "Node %s is offline (%s says so)", qPrintable(node),
                       qPrintable(instance));
            } else if (online.toBool()) {
                changed = changed || e.saidOffline;
                e.saidOffline = false;
                e.lastHeardMs = now;
            }
        }
        if (facts.value(QLatin1String("version")).isString()) {
            e.version = facts.value(QLatin1String("version")).toString();
        }
        if (facts.value(QLatin1String("url")).isString()) {
            e.url = facts.value(QLatin1String("url")).toString();
        }
        const QDateTime seen = QDateTime::fromString(
            facts.value(QLatin1String("last_seen")).toString(), Qt::ISODateWithMs);
        if (seen.isValid()) {
            e.lastSeenMs = std::max(e.lastSeenMs, seen.toMSecsSinceEpoch());
        }
    }
    if (changed) {
        Q_EMIT nodeChanged(node);
    }
}

QString NodeDirectory::offlineReasonOf(const Entry &entry, qint64 nowMs) const
{
    if (entry.saidOffline) {
        return NodesTr::tr("%1 said it went offline at %2")
            .arg(entry.saidOfflineBy, isoTime(entry.saidOfflineMs));
    }
    if (entry.lastHeardMs == 0) {
        return NodesTr::tr("nothing heard from it yet");
    }
    const qint64 silent = nowMs - entry.lastHeardMs;
    if (silent > m_offlineAfterMs) {
        return NodesTr::tr("nothing heard from it for %1 s (readings.node_offline_after_s: %2)")
            .arg(silent / 1000)
            .arg(m_offlineAfterMs / 1000.0);
    }
    return QString();
}

NodeInfo NodeDirectory::infoOf(const QString &name, const Entry &e, qint64 nowMs) const
{
    NodeInfo info;
    info.name = name;
    info.local = name == m_localName;
    info.lastSeenMs = e.lastSeenMs;
    info.version = info.local ? m_localVersion : e.version;
    info.url = info.local ? m_localUrl : e.url;
    info.via = e.via;
    info.sources = int(e.sources.size());
    info.errors = int(std::count(e.sources.cbegin(), e.sources.cend(), true));
    if (info.local) {
        info.online = true;
    } else {
        info.offlineReason = offlineReasonOf(e, nowMs);
        info.online = info.offlineReason.isEmpty();
    }
    return info;
}

QList<NodeInfo> NodeDirectory::nodes() const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<NodeInfo> out;
    {
        QMutexLocker locker(&m_mutex);
        out.reserve(m_entries.size());
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            out.append(infoOf(it.key(), it.value(), now));
        }
    }
    std::sort(out.begin(), out.end(), [](const NodeInfo &a, const NodeInfo &b) {
        if (a.local != b.local) {
            return a.local;
        }
        return a.name < b.name;
    });
    return out;
}

std::optional<NodeInfo> NodeDirectory::node(const QString &name) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_entries.constFind(name);
    if (it == m_entries.cend()) {
        return std::nullopt;
    }
    return infoOf(name, *it, QDateTime::currentMSecsSinceEpoch());
}

bool NodeDirectory::contains(const QString &name) const
{
    QMutexLocker locker(&m_mutex);
    return m_entries.contains(name);
}

bool NodeDirectory::isOnline(const QString &name) const
{
    if (name.isEmpty() || name == m_localName) {
        return true;
    }
    QMutexLocker locker(&m_mutex);
    const auto it = m_entries.constFind(name);
    return it != m_entries.cend() &&
           offlineReasonOf(*it, QDateTime::currentMSecsSinceEpoch()).isEmpty();
}

QString NodeDirectory::offlineReason(const QString &name) const
{
    if (name.isEmpty() || name == m_localName) {
        return QString();
    }
    QMutexLocker locker(&m_mutex);
    const auto it = m_entries.constFind(name);
    return it == m_entries.cend() ? QString()
                                  : offlineReasonOf(*it, QDateTime::currentMSecsSinceEpoch());
}

} // namespace Smollama
