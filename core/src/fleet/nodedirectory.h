// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/smollama_export.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <optional>

namespace Smollama {

/*! What the node knows of one node of its fleet (itself included). */
struct SMOLLAMA_EXPORT NodeInfo
{
    QString name;
    bool local = false;  //!< this node
    bool online = false; //!< this node always is
    /*! Why it is offline ("said offline by mqtt", "nothing heard for 300 s"); empty online. */
    QString offlineReason;
    qint64 lastSeenMs = 0; //!< its newest reading's time, or what a bridge said; 0: never
    QString version;       //!< its smollama version, when known
    QString url;           //!< its HTTP API beyond loopback, when known
    int sources = 0;       //!< sources seen from it
    int errors = 0;        //!< of those, the ones whose latest reading is an error
    QString via;           //!< the instance that last said something about it (a bridge)

    /*! name, local, online, last_seen (ISO 8601 UTC or null), version, url, sources, errors,
        via and, when offline, offline_reason: one element of GET /api/nodes. */
    QJsonObject toJson() const;
};

/*!
    The nodes of the fleet: this one and every node seen through readings of other nodes (a
    bridge such as mqtt publishes them with their node set) or through what a bridge says of
    them (PluginContext::updateNode()).

    A node other than this one is offline when a bridge said so (online: false, e.g. its MQTT
    last will) until it is heard from again, or when nothing came from it for offlineAfter
    (readings.node_offline_after_s). The latest readings of an offline node are shown stale,
    never as live values (ReadingManager asks isOnline()).

    Thread-safe: readings are noted in the publishing thread, facts in the bridge's thread.
*/
class SMOLLAMA_EXPORT NodeDirectory : public QObject
{
    Q_OBJECT

public:
    explicit NodeDirectory(const QString &localName, QObject *parent = nullptr);
    ~NodeDirectory() override;

    QString localName() const { return m_localName; }
    /*! Nothing heard from a node for this long turns it offline (ms; from the configuration's
        readings.node_offline_after_s). */
    void setOfflineAfter(qint64 ms);
    qint64 offlineAfter() const;
    /*! This node's version and URL, as /api/nodes shows them. */
    void setLocalFacts(const QString &version, const QString &url);

    /*! A reading reached the bus (any node, this one included). */
    void noteReading(const Reading &reading);
    /*! A bridge (\a instance) says what it knows of \a node; see PluginContext::updateNode(). */
    void update(const QString &instance, const QString &node, const QJsonObject &facts);

    /*! Every known node, this one first, then by name. */
    QList<NodeInfo> nodes() const;
    std::optional<NodeInfo> node(const QString &name) const;
    bool contains(const QString &name) const;
    /*! True for this node and for a node that is online now; false for an unknown one. */
    bool isOnline(const QString &name) const;
    /*! Why \a name is offline now; empty when it is online or unknown. */
    QString offlineReason(const QString &name) const;

Q_SIGNALS:
    /*! A node appeared, or a bridge said it is online or offline; emitted in the thread that
        noted it. A node that goes offline because nothing came from it is not signalled:
        isOnline() and nodes() say so when asked. */
    void nodeChanged(const QString &name);

private:
    struct Entry
    {
        bool saidOffline = false;
        qint64 saidOfflineMs = 0;
        QString saidOfflineBy;
        qint64 lastSeenMs = 0;  //!< newest reading's timestamp or stated last_seen
        qint64 lastHeardMs = 0; //!< this machine's clock when it was last heard of
        QString version;
        QString url;
        QString via;
        QHash<QString, bool> sources; //!< source -> latest reading is an error
    };
    NodeInfo infoOf(const QString &name, const Entry &entry, qint64 nowMs) const;
    QString offlineReasonOf(const Entry &entry, qint64 nowMs) const;

    const QString m_localName;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
    qint64 m_offlineAfterMs = 300000;
    QString m_localVersion;
    QString m_localUrl;
};

} // namespace Smollama
