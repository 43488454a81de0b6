// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleet/nodedirectory.h"

#include <QAbstractListModel>
#include <QJsonArray>
#include <QList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace Smollama {

class PluginsModel;
class RemoteNode;

/*!
    The fleet page's rows: every node this instance knows, this one first, then by name, with
    whether it is online, when it was last heard of, its sources and errors, and for this node
    the states of its plugins.

    The nodes come from the node's NodeDirectory, or, for a node followed over its HTTP API
    (--connect), from that node's GET /api/nodes (setNodes()). The other nodes this process
    follows over their API (addRemote()) are listed too, online while they answer, with their
    address. Read again when a node changes and every few seconds (last seen grows, silent
    nodes turn offline).
*/
class FleetModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dashboard creates the fleet model")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int offline READ offline NOTIFY countChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        LocalRole,
        OnlineRole,
        OfflineReasonRole,
        LastSeenRole,     //!< ms since the epoch; 0: never
        LastSeenTextRole, //!< "12 s ago", "never"
        VersionRole,
        UrlRole,
        SourcesRole,
        ErrorsRole,
        ViaRole,
        PluginsRole, //!< this node's plugin states ("4 running, 1 failed"); empty for others
    };
    Q_ENUM(Role)

    /*! Rows of \a nodes (not owned; may be null until setNodes()); \a plugins (not owned,
        may be null) gives this node's plugin states. */
    FleetModel(NodeDirectory *nodes, PluginsModel *plugins, QObject *parent = nullptr);
    ~FleetModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    int offline() const;
    /*! Every role of \a row by name. */
    Q_INVOKABLE QVariantMap get(int row) const;
    /*! The row of node \a name, -1 when unknown. */
    Q_INVOKABLE int indexOf(const QString &name) const;

    /*! The nodes as GET /api/nodes returns them (a node followed over its API); replaces
        what the directory says. */
    void setNodes(const QJsonArray &nodes);
    /*! Lists \a node (not owned; must outlive this model), followed over its HTTP API. */
    void addRemote(RemoteNode *node);
    /*! "12 s ago" from \a lastSeenMs at \a nowMs, through the value formatter's durations. */
    static QString lastSeenText(qint64 lastSeenMs, qint64 nowMs);

    /*! Reads the nodes again. */
    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void countChanged();

private:
    QString pluginStates() const;
    static NodeInfo nodeFromJson(const QJsonObject &o);
    NodeInfo remoteRow(const RemoteNode *node) const;

    NodeDirectory *m_nodes;
    PluginsModel *m_plugins;
    QList<NodeInfo> m_rows;
    bool m_fromApi = false;
    QJsonArray m_apiNodes;
    QList<RemoteNode *> m_remotes;
    QTimer m_timer;
};

} // namespace Smollama
