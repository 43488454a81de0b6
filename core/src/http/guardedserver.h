// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "guardedsocket.h"

#include <QTcpServer>

namespace Smollama::Http {

/*! The listening socket of the HTTP API: each connection becomes a GuardedSocket that hands
    its requests to the handler; connections over the limit are refused with a 503. */
class GuardedServer : public QTcpServer
{
    Q_OBJECT

public:
    GuardedServer(const GuardedSocket::Limits &limits, int maxConnections,
                  GuardedSocket::Handler handler, QObject *parent = nullptr);

    int connectionCount() const { return m_count; }
    /*! Stops listening and ends every connection properly (GuardedSocket::shutdown()). */
    void shutdown();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    GuardedSocket::Limits m_limits;
    int m_maxConnections;
    GuardedSocket::Handler m_handler;
    int m_count = 0;
};

} // namespace Smollama::Http
