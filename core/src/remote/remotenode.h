// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/pluginstatus.h"
#include "runtime/nodeservices.h"

#include <smollama/reading.h>
#include <smollama/smollama_export.h>

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <QUrl>
#include <functional>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Smollama {

/*!
    Another node, followed through its HTTP API and event stream only (smollama --connect): no
    plugin is set up here and no lock is taken.

    It is the remote implementation of what the dashboard reads (NodeServices): a bus, a
    latest-value table and a history of its own, filled from GET /api/readings, each source's
    /history and the `reading` events of /api/events, so the dashboard's models work on it
    exactly as on a local node. The event stream resumes with Last-Event-ID after a
    disconnection (after a `gap` the readings are read again). When the node stops answering
    (connection lost, or no byte for three heartbeats), every source turns stale with the
    reason and isOnline() is false; it reconnects by itself, every few seconds.
*/
class SMOLLAMA_EXPORT RemoteNode : public QObject
{
    Q_OBJECT

public:
    /*! Follows the node at \a baseUrl (http://host:port), sending \a token with every request
        when it is not empty. Call start(). */
    explicit RemoteNode(const QUrl &baseUrl, const QByteArray &token = QByteArray(),
                        QObject *parent = nullptr);
    ~RemoteNode() override;

    void start();

    /*! The models' sources: bus, readings, history, an empty plugin manager, no tools or agent;
        the node's name once known (else the host). */
    NodeServices services() const;
    QUrl baseUrl() const { return m_baseUrl; }
    QString nodeName() const { return m_nodeName; }
    bool isOnline() const { return m_online; }
    /*! Why the node is offline ("connection refused"), empty while online. */
    QString offlineReason() const { return m_offlineReason; }
    /*! The nodes it knows, as its GET /api/nodes said last (itself included; itself offline
        while it does not answer). Read again every 10 s while it answers. */
    QJsonArray nodes() const { return m_nodes; }
    /*! Its plugins with their states, as GET /api/plugins said last (read again on every
        `plugin_status` event); kept while it is offline. */
    QList<PluginStatus> pluginStatuses() const { return m_pluginStatuses; }
    /*! Whether requests carry an API token (the agent and the tools need one). */
    bool hasToken() const { return !m_token.isEmpty(); }
    /*! A request for \a path (with its query) on the node, with the token when there is one. */
    QNetworkRequest request(const QString &path) const;
    /*! The network access this node's requests go through (owned by it). */
    QNetworkAccessManager *network() const { return m_network; }

    /*! How long without any byte of the stream before it counts as lost (default 45 s: three
        of the server's 15 s heartbeats). */
    void setSilenceTimeout(int ms) { m_silence.setInterval(ms); }

Q_SIGNALS:
    /*! Online or offline, or offline for another reason. */
    void onlineChanged(bool online);
    /*! nodes() changed. */
    void nodesChanged();
    /*! pluginStatuses() changed. */
    void pluginStatusesChanged();

private:
    void connectNow();
    /*! How the current values read from GET /api/readings are taken. */
    enum class Snapshot {
        /*! First contact, the stream already open: a source the stream has brought something
            as new or newer for is left alone; the sparklines' last hour is read once. */
        First,
        /*! Back after an interruption, the stream opened after it, resuming from the last
            event: only a source with nothing newer is set live again. */
        Resume,
        /*! After a `gap` event: all of them. */
        All,
    };
    void readReadings(Snapshot mode);
    void readHistory(const QString &source);
    void readNodes();
    /*! Reads GET /api/plugins; \a then runs when it answered, or failed. */
    void readPlugins(const std::function<void()> &then = {});
    Reading readingFromJson(const QJsonObject &o) const;
    void openStream();
    void onStreamData();
    void dispatch(const QByteArray &event, const QByteArray &data);
    void lost(const QString &reason);
    void setOnline(bool online, const QString &reason = QString());
    QNetworkReply *get(const QString &path);

    QUrl m_baseUrl;
    QByteArray m_token;
    QString m_nodeName;
    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<ReadingBus> m_bus;
    std::unique_ptr<ReadingManager> m_manager;
    std::unique_ptr<ReadingHistory> m_history;
    QNetworkAccessManager *m_network;
    QNetworkReply *m_stream = nullptr;
    QByteArray m_buffer;
    QByteArray m_event;
    QByteArray m_data;
    QByteArray m_lastEventId;
    bool m_online = false;
    bool m_everOnline = false;
    bool m_snapshotPending = false;  //!< read the current values once the stream answers
    bool m_awaitingSnapshot = false; //!< first contact: online once the values are read
    bool m_historyRead = false;
    QString m_offlineReason;
    QTimer m_retry;
    QTimer m_silence;
    QTimer m_nodesTimer;
    QJsonArray m_nodes;
    QList<PluginStatus> m_pluginStatuses;
    QHash<QString, qint64> m_historyNewest; //!< per node and source: the newest value kept
    int m_attempt = 0;
};

} // namespace Smollama
