// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include "hostprotocol.h"

#include <QHash>
#include <QObject>

#include <memory>

class QSocketNotifier;

namespace Smollama {

class HostContext;
class Plugin;
struct PluginSpec;
class ReadingProvider;
class ReadingSink;
class Tool;
class ToolProvider;

/*!
    The plugin host's side of the protocol (hostprotocol.h): runs one plugin instance in this
    process, on this (the main) thread, and answers the node's requests one at a time, as the
    instance's own thread does in the node. A call that hangs blocks only this process; one that
    crashes ends only it.
*/
class SMOLLAMA_EXPORT HostServer : public QObject
{
    Q_OBJECT

public:
    explicit HostServer(int fd, QObject *parent = nullptr);
    ~HostServer() override;

    /*! Says hello to the node; false when the node is already gone. */
    bool start();

    /*! Sends \a message to the node (any thread). */
    bool send(const QCborMap &message);
    /*! A message already encoded (HostProtocol::publishMessage()). */
    bool send(const QByteArray &message);

private:
    void onReadable();
    void handle(const QCborMap &request);
    QCborMap load(const QCborMap &request);
    QCborMap check();
    QCborMap setup();
    QCborMap read();
    QCborMap callTool(const QCborMap &request);
    QCborMap write(const QCborMap &request);
    QCborMap teardown();
    void finish(int code);

    int m_fd;
    QMutex m_writeLock;
    HostProtocol::FrameReader m_reader;
    QSocketNotifier *m_notifier = nullptr;
    std::unique_ptr<PluginSpec> m_spec;
    std::unique_ptr<QObject> m_object;
    Plugin *m_plugin = nullptr;
    ReadingProvider *m_readings = nullptr;
    ToolProvider *m_tools = nullptr;
    ReadingSink *m_sink = nullptr;
    std::unique_ptr<HostContext> m_context;
    QJsonObject m_config;
    QHash<QString, Tool *> m_toolByName;
    bool m_setUp = false;

    friend class HostContext;
};

} // namespace Smollama
