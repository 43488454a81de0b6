// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/plugincontext.h>
#include <smollama/pluginmetadata.h>

#include <QJsonObject>
#include <QString>

#include <memory>

namespace Smollama {

class PluginManager;
class PublishLimiter;
class RemoteDuplicates;
class PluginInstance;

/*! What PluginManager gives each instance as its PluginContext: it qualifies and bounds the
    readings the instance publishes, and passes its calls of the node's services to the
    manager's thread. Used from any thread. */
class InstanceContext : public PluginContext
{
public:
    InstanceContext(PluginManager *manager, PluginInstance *instance,
                    std::shared_ptr<RemoteDuplicates> duplicates);

    QString instanceName() const override { return m_name; }
    PluginMetadata metadata() const override { return m_metadata; }
    QJsonObject config() const override { return m_config; }
    QString nodeName() const override { return m_nodeName; }

    void setDegraded(const QString &reason) override;
    void updateNode(const QString &node, const QJsonObject &facts) override;
    void callTool(const QString &name, const QJsonObject &arguments, QObject *receiver,
                  std::function<void(const ToolResult &)> done) override;
    void ask(const QString &question, QObject *receiver,
             std::function<void(const QString &, const QString &)> done) override;
    void publish(const Reading &reading) override;

private:
    PluginManager *m_manager;
    QString m_name;
    QString m_sourcePrefix; //!< "<instance>:", which the ids of its sources get
    PluginMetadata m_metadata;
    QJsonObject m_config;
    QString m_nodeName;
    std::shared_ptr<PublishLimiter> m_limiter;
    std::shared_ptr<PublishLimiter> m_remoteLimiter;
    std::shared_ptr<RemoteDuplicates> m_duplicates;
};

} // namespace Smollama
