// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboard.h"

#include "remote/remotenode.h"

#include <QJsonObject>

#include <algorithm>

namespace Smollama {

Dashboard::Dashboard(const DashboardSources &sources, QObject *parent)
    : QObject(parent)
    , m_readings(new ReadingsModel(sources.readings, sources.history, sources.bus, this))
    , m_history(new HistoryModel(sources.history, this))
    , m_plugins(sources.remote ? new PluginsModel(sources.remote, this)
                               : new PluginsModel(sources.plugins, this))
    , m_conversation(new ConversationModel(sources.agent, sources.rules, sources.ollama, this))
    , m_outputs(sources.remote
                    ? new OutputsModel(sources.remote, this)
                    : new OutputsModel(sources.tools, sources.readings, sources.bus, this))
    , m_fleet(new FleetModel(sources.remote ? nullptr : sources.nodes, m_plugins, this))
    , m_remote(sources.remote)
    , m_peers(sources.peers)
    , m_nodeName(sources.nodeName)
    , m_safeModeReason(sources.safeModeReason)
    , m_dark(sources.theme != QLatin1String("light"))
{
    m_readings->setNodeDirectory(sources.nodes);
    // The agent page asks this node, or any node followed over its API: the one this window
    // shows first.
    m_conversation->setLocalName(sources.nodeName);
    if (m_remote) {
        m_conversation->addRemote(m_remote);
    }
    for (RemoteNode *peer : sources.peers) {
        if (peer != m_remote) {
            m_conversation->addRemote(peer);
            // The fleet page lists them beside the nodes this one knows.
            m_fleet->addRemote(peer);
        }
    }
    if (m_remote) {
        followRemote();
        connect(m_remote, &RemoteNode::onlineChanged, this, &Dashboard::followRemote);
        // The followed node's fleet, as its GET /api/nodes says.
        followRemoteNodes();
        connect(m_remote, &RemoteNode::nodesChanged, this, &Dashboard::followRemoteNodes);
    }
}

QString Dashboard::remoteUrl() const
{
    return m_remote ? m_remote->baseUrl().toString() : QString();
}

void Dashboard::followRemote()
{
    // Before the first answer the node has no name yet, and is not offline yet either.
    m_nodeName = m_remote->nodeName();
    m_offlineReason = m_remote->offlineReason();
    Q_EMIT nodeChanged();
}

void Dashboard::followRemoteNodes()
{
    const QJsonArray nodes = m_remote->nodes();
    m_fleet->setNodes(nodes);
    QHash<QString, bool> online;
    for (const QJsonValue &v : nodes) {
        const QJsonObject o = v.toObject();
        online.insert(o.value(QStringLiteral("name")).toString(),
                      o.value(QStringLiteral("online")).toBool());
    }
    m_readings->setNodeStates(online);
}

Dashboard::~Dashboard() = default;

bool Dashboard::remotesAnswered() const
{
    return std::all_of(m_peers.cbegin(), m_peers.cend(), [](const RemoteNode *node) {
        return node->isOnline() || !node->offlineReason().isEmpty();
    });
}

void Dashboard::setDark(bool dark)
{
    if (dark != m_dark) {
        m_dark = dark;
        Q_EMIT darkChanged();
    }
}

} // namespace Smollama
