// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/pluginmetadata.h>
#include <smollama/reading.h>
#include <smollama/toolresult.h>

#include <QJsonObject>
#include <QString>

#include <functional>

class QObject;

namespace Smollama {

/*!
    What the host gives a plugin instance at setup(). It stays valid until teardown() returns.

    The functions after publish() were added in SDK 1.1; a plugin that calls them needs a host
    of SDK 1.1 or newer (the build's SDK stamp makes an older host refuse it with "rebuild").
    They are not pure, so a test double written for SDK 1.0 still compiles; the host
    implements them all.
*/
class PluginContext
{
public:
    virtual ~PluginContext() = default;

    /*! The instance name from the configuration ("system", "greenhouse_bme280"). */
    virtual QString instanceName() const = 0;

    /*! The plugin's manifest: name, version, config schema, ... */
    virtual PluginMetadata metadata() const = 0;

    /*! The validated configuration with defaults filled in (the one setup() received). */
    virtual QJsonObject config() const = 0;

    /*! Publishes a reading now, outside the poll cycle (an input edge, an event). Give the local
        source id; the host prefixes the instance name. Safe to call from any thread.

        A reading received from another node (its node() set to that node's name, not this
        one's) keeps its source as the other node named it ("system:cpu_temp"). */
    virtual void publish(const Reading &reading) = 0;

    // --- SDK 1.1 -----------------------------------------------------------------------

    /*! This node's name (the configuration's node.name; the host name by default). Every
        reading this instance publishes carries it as Reading::node(). */
    virtual QString nodeName() const { return QString(); }

    /*! Says that the instance runs but not fully: "2 of 3 Modbus devices do not answer", "the
        broker at mqtt.local:1883 refused the connection". The instance is shown as `degraded`
        with \a reason until the next call with an empty reason, which says it is healthy again
        (`loaded`). Safe to call from any thread; calling it again with the same text costs
        nothing. */
    virtual void setDegraded(const QString &reason) { Q_UNUSED(reason) }

    /*! Calls the node's tool \a name (a core tool such as list_sources or read_source, or
        another plugin's tool) with \a arguments, validated against its schema as for the agent.
        \a done runs once with the result on \a receiver's thread; it is not called when
        \a receiver is destroyed first. Never blocks; an unknown tool or a call that times out
        gives ToolResult::error() with the reason. */
    virtual void callTool(const QString &name, const QJsonObject &arguments, QObject *receiver,
                          std::function<void(const ToolResult &result)> done)
    {
        Q_UNUSED(arguments)
        Q_UNUSED(receiver)
        if (done) {
            done(ToolResult::error(QStringLiteral("%1: this host cannot call tools").arg(name)));
        }
    }

    /*! Asks the node's agent \a question (as `smollama-cli ask` does). \a done runs once on
        \a receiver's thread with the final answer, or with an empty answer and the reason in
        \a error (Ollama down, no model, the agent is busy). Never blocks. */
    virtual void ask(const QString &question, QObject *receiver,
                     std::function<void(const QString &answer, const QString &error)> done)
    {
        Q_UNUSED(question)
        Q_UNUSED(receiver)
        if (done) {
            done(QString(), QStringLiteral("this host has no agent"));
        }
    }

    /*! For plugins that receive readings from other nodes (a bridge to a broker): what is known
        of node \a name, merged into what the node already knows of it. Keys: "online" (bool;
        false turns that node's latest readings stale everywhere), "version" (its smollama
        version), "url" (its HTTP API, when it serves one beyond loopback), "last_seen" (ISO 8601
        UTC; the time of its newest reading when not given). Safe to call from any thread. */
    virtual void updateNode(const QString &name, const QJsonObject &facts)
    {
        Q_UNUSED(name)
        Q_UNUSED(facts)
    }
};

} // namespace Smollama
