// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetmodel.h"

#include "pluginsmodel.h"
#include "remote/remotenode.h"
#include "util/valueformatter.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLocale>
#include <QMap>

#include <algorithm>

namespace Smollama {

FleetModel::FleetModel(NodeDirectory *nodes, PluginsModel *plugins, QObject *parent)
    : QAbstractListModel(parent)
    , m_nodes(nodes)
    , m_plugins(plugins)
{
    if (m_nodes) {
        // Emitted in the thread that noted the change (a bridge's): queued to this one.
        connect(m_nodes, &NodeDirectory::nodeChanged, this, &FleetModel::refresh,
                Qt::QueuedConnection);
    }
    if (m_plugins) {
        connect(m_plugins, &QAbstractItemModel::dataChanged, this, &FleetModel::refresh);
        connect(m_plugins, &QAbstractItemModel::modelReset, this, &FleetModel::refresh);
        connect(m_plugins, &QAbstractItemModel::rowsInserted, this, &FleetModel::refresh);
    }
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &FleetModel::refresh);
    m_timer.start();
    refresh();
}

FleetModel::~FleetModel() = default;

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> FleetModel::roleNames() const
{
    return {{NameRole, "name"},         {LocalRole, "local"},
            {OnlineRole, "online"},     {OfflineReasonRole, "offlineReason"},
            {LastSeenRole, "lastSeen"}, {LastSeenTextRole, "lastSeenText"},
            {VersionRole, "version"},   {UrlRole, "url"},
            {SourcesRole, "sources"},   {ErrorsRole, "errors"},
            {ViaRole, "via"},           {PluginsRole, "plugins"}};
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const NodeInfo &n = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return n.name;
    case LocalRole:
        return n.local;
    case OnlineRole:
        return n.online;
    case OfflineReasonRole:
        return n.offlineReason;
    case LastSeenRole:
        return n.lastSeenMs;
    case LastSeenTextRole:
        return lastSeenText(n.lastSeenMs, QDateTime::currentMSecsSinceEpoch());
    case VersionRole:
        return n.version;
    case UrlRole:
        return n.url;
    case SourcesRole:
        return n.sources;
    case ErrorsRole:
        return n.errors;
    case ViaRole:
        return n.via;
    case PluginsRole:
        return n.local && !m_fromApi ? pluginStates() : QString();
    default:
        return {};
    }
}

int FleetModel::offline() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const NodeInfo &n) { return !n.online; }));
}

QVariantMap FleetModel::get(int row) const
{
    QVariantMap out;
    if (row < 0 || row >= m_rows.size()) {
        return out;
    }
    const QHash<int, QByteArray> roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
        out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    }
    return out;
}

int FleetModel::indexOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == name) {
            return i;
        }
    }
    return -1;
}

QString FleetModel::lastSeenText(qint64 lastSeenMs, qint64 nowMs)
{
    if (lastSeenMs <= 0) {
        return tr("never");
    }
    // A clock a little ahead of ours is "now", not a negative time.
    const double seconds = std::max<qint64>(0, nowMs - lastSeenMs) / 1000.0;
    if (seconds < 1) {
        return tr("just now");
    }
    // Whole seconds: the formatter's durations ("1 min 5 s", "1 d 2 h"), below a minute
    // without the decimal it gives measured durations ("42 s", not "42.0 s").
    const QString text = seconds < 60 ? QLocale().toString(qint64(seconds)) + QStringLiteral(" s")
                                      : ValueFormatter().duration(std::floor(seconds));
    return tr("%1 ago").arg(text);
}

void FleetModel::setNodes(const QJsonArray &nodes)
{
    m_fromApi = true;
    m_apiNodes = nodes;
    refresh();
}

NodeInfo FleetModel::nodeFromJson(const QJsonObject &o)
{
    NodeInfo n;
    n.name = o.value(QStringLiteral("name")).toString();
    n.local = o.value(QStringLiteral("local")).toBool();
    n.online = o.value(QStringLiteral("online")).toBool();
    n.offlineReason = o.value(QStringLiteral("offline_reason")).toString();
    const QDateTime seen =
        QDateTime::fromString(o.value(QStringLiteral("last_seen")).toString(), Qt::ISODateWithMs);
    n.lastSeenMs = seen.isValid() ? seen.toMSecsSinceEpoch() : 0;
    n.version = o.value(QStringLiteral("version")).toString();
    n.url = o.value(QStringLiteral("url")).toString();
    n.sources = o.value(QStringLiteral("sources")).toInt();
    n.errors = o.value(QStringLiteral("errors")).toInt();
    n.via = o.value(QStringLiteral("via")).toString();
    return n;
}

NodeInfo FleetModel::remoteRow(const RemoteNode *node) const
{
    NodeInfo n;
    const QJsonArray nodes = node->nodes();
    for (const QJsonValue &v : nodes) {
        if (v.toObject().value(QStringLiteral("local")).toBool()) {
            n = nodeFromJson(v.toObject());
            break;
        }
    }
    n.name = node->nodeName();
    n.local = false;
    n.online = node->isOnline();
    n.offlineReason = node->offlineReason();
    n.url = node->baseUrl().toString();
    n.via = n.url; // "heard through http://pi:8080"
    return n;
}

void FleetModel::addRemote(RemoteNode *node)
{
    m_remotes.append(node);
    connect(node, &RemoteNode::onlineChanged, this, &FleetModel::refresh);
    connect(node, &RemoteNode::nodesChanged, this, &FleetModel::refresh);
    refresh();
}

void FleetModel::refresh()
{
    QList<NodeInfo> rows;
    if (m_fromApi) {
        for (const QJsonValue &v : std::as_const(m_apiNodes)) {
            const NodeInfo n = nodeFromJson(v.toObject());
            if (!n.name.isEmpty()) {
                rows.append(n);
            }
        }
    } else if (m_nodes) {
        rows = m_nodes->nodes();
    }
    // The nodes followed over their API: what they say of themselves, online while they
    // answer. One a bridge also brings is listed once, by what its API says.
    for (const RemoteNode *remote : std::as_const(m_remotes)) {
        const NodeInfo n = remoteRow(remote);
        const auto same = std::find_if(rows.begin(), rows.end(),
                                       [&n](const NodeInfo &row) { return row.name == n.name; });
        if (same == rows.end()) {
            rows.append(n);
        } else if (!same->local) {
            *same = n;
        }
    }
    // As the directory orders them: the answering node first, then by name.
    std::stable_sort(rows.begin(), rows.end(), [](const NodeInfo &a, const NodeInfo &b) {
        return a.local != b.local ? a.local : a.name < b.name;
    });

    // The same nodes in the same order (the usual case): only the values change.
    bool sameNodes = rows.size() == m_rows.size();
    for (int i = 0; sameNodes && i < rows.size(); ++i) {
        sameNodes = rows.at(i).name == m_rows.at(i).name;
    }
    if (sameNodes) {
        const int before = offline();
        m_rows = rows;
        if (!m_rows.isEmpty()) {
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
        }
        if (offline() != before) {
            Q_EMIT countChanged();
        }
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    Q_EMIT countChanged();
}

QString FleetModel::pluginStates() const
{
    if (!m_plugins) {
        return QString();
    }
    // "4 running, 1 failed": how many instances are in each state, most first.
    QMap<QString, int> byState;
    for (int i = 0; i < m_plugins->rowCount(); ++i) {
        ++byState[m_plugins->data(m_plugins->index(i), PluginsModel::StateTextRole).toString()];
    }
    QList<QPair<int, QString>> ordered;
    for (auto it = byState.cbegin(); it != byState.cend(); ++it) {
        ordered.append({it.value(), it.key()});
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList parts;
    for (const auto &p : std::as_const(ordered)) {
        parts.append(QStringLiteral("%1 %2").arg(p.first).arg(p.second));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace Smollama
