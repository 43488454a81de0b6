// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardedserver.h"

namespace Smollama::Http {

GuardedServer::GuardedServer(const GuardedSocket::Limits &limits, int maxConnections,
                             GuardedSocket::Handler handler, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_maxConnections(maxConnections)
    , m_handler(std::move(handler))
{
}

void GuardedServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new GuardedSocket(m_limits, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Answers are written whole (GuardedSocket::send()), so Nagle's algorithm could only hold
    // back the last segment of one until the client acknowledges the one before (with delayed
    // ACKs, up to 40 ms).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_count >= m_maxConnections) {
        // Deletes itself once closed.
        socket->rejectAndClose(503, "too_many_connections",
                               QStringLiteral("the server has %1 open connections, its limit "
                                              "(http.max_connections); try again later")
                                   .arg(m_maxConnections));
        return;
    }
    ++m_count;
    connect(socket, &QObject::destroyed, this, [this] { --m_count; });
    socket->setHandler(m_handler);
}

void GuardedServer::shutdown()
{
    close();
    for (GuardedSocket *socket : findChildren<GuardedSocket *>(Qt::FindDirectChildrenOnly)) {
        socket->shutdown();
    }
}

} // namespace Smollama::Http
