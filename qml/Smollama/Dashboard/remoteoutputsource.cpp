// SPDX-License-Identifier: GPL-3.0-or-later
#include "remoteoutputsource.h"

#include "outputsmodel.h"
#include "readings/readingmanager.h"
#include "remote/remotenode.h"
#include "remote/remotetools.h"

#include <QJsonArray>

namespace Smollama {

RemoteOutputSource::RemoteOutputSource(RemoteNode *node, QObject *parent)
    : OutputSource(parent)
    , m_node(node)
    , m_tools(new RemoteTools(node, this))
{
    connect(m_tools, &RemoteTools::toolsChanged, this, &OutputSource::outputsChanged);
    connect(m_tools, &RemoteTools::toolsChanged, this, &OutputSource::blockedReasonChanged);
    connect(m_tools, &RemoteTools::tokenRefusedChanged, this, &OutputSource::blockedReasonChanged);
    connect(m_node, &RemoteNode::onlineChanged, this, &OutputSource::blockedReasonChanged);
    // An instance's outputs are those it has readings of: known once the node is online.
    connect(m_node, &RemoteNode::onlineChanged, this, [this](bool online) {
        if (online) {
            Q_EMIT outputsChanged();
        }
    });
}

RemoteOutputSource::~RemoteOutputSource() = default;

QList<OutputSource::Output> RemoteOutputSource::outputs() const
{
    const ReadingManager *readings = m_node->services().readings;
    QList<Output> out;
    for (const QJsonValue &v : m_tools->tools()) {
        const QJsonObject tool = v.toObject();
        const QString name = tool.value(QStringLiteral("name")).toString();
        const QStringList outputs =
            OutputsModel::switchedOutputs(tool.value(QStringLiteral("parameters")).toObject());
        const QJsonArray instances = tool.value(QStringLiteral("instances")).toArray();
        if (instances.isEmpty()) {
            const QString owner = tool.value(QStringLiteral("owner")).toString();
            for (const QString &output : outputs) {
                out.append({name, owner, QString(), output});
            }
            continue;
        }
        for (const QJsonValue &instance : instances) {
            const QString owner = instance.toString();
            for (const QString &output : outputs) {
                if (readings->latest(owner + QLatin1Char(':') + output).isValid()) {
                    out.append({name, owner, owner, output});
                }
            }
        }
    }
    return out;
}

QString RemoteOutputSource::blockedReason() const
{
    const QString node = m_node->nodeName();
    if (!m_node->isOnline()) {
        return tr("%1 is offline: its outputs can be switched again once it answers.").arg(node);
    }
    if (!m_node->hasToken()) {
        return tr("Switching the outputs of %1 needs its API token: start with --token-file FILE "
                  "(or token_file in dashboard.remotes), FILE holding the node's api-token.")
            .arg(node);
    }
    if (m_tools->tokenRefused()) {
        return tr("%1 refused the API token: copy the file api-token from that node again into "
                  "the --token-file (or dashboard.remotes token_file).")
            .arg(node);
    }
    return {};
}

bool RemoteOutputSource::isReady() const
{
    return m_tools->hasAnswered() || !m_node->offlineReason().isEmpty();
}

void RemoteOutputSource::call(const QString &tool, const QJsonObject &arguments, QObject *context,
                              std::function<void(const ToolResult &)> done)
{
    m_tools->call(tool, arguments, context, std::move(done));
}

} // namespace Smollama
