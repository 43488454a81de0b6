// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "outputsource.h"

namespace Smollama {

class RemoteNode;
class RemoteTools;

/*!
    The outputs of a node followed over its HTTP API: its output tools from GET /api/tools,
    switched with POST /api/tools/{name} and the node's token. Without a token, with a token the
    node refused, or while the node is offline, blockedReason() says why and what to do.

    A tool several instances offer is listed once by the node, with the instances' output
    names joined: an instance's output is one the node has a reading `<instance>:<name>` of.
*/
class RemoteOutputSource : public OutputSource
{
    Q_OBJECT

public:
    /*! \a node is not owned and must outlive this object. */
    explicit RemoteOutputSource(RemoteNode *node, QObject *parent = nullptr);
    ~RemoteOutputSource() override;

    QList<Output> outputs() const override;
    QString blockedReason() const override;
    bool isReady() const override;
    void call(const QString &tool, const QJsonObject &arguments, QObject *context,
              std::function<void(const ToolResult &)> done) override;

private:
    RemoteNode *m_node;
    RemoteTools *m_tools;
};

} // namespace Smollama
