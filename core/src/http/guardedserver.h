// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "guardedsocket.h"

#include <QTcpServer>

namespace Smollama::Http {

/*! The listening socket of the HTTP API: hands QtHttpServer GuardedSockets and refuses
    connections over the limit with a 503. */
class GuardedServer : public QTcpServer
{
    Q_OBJECT

public:
    GuardedServer(const GuardedSocket::Limits &limits, int maxConnections,
                  QObject *parent = nullptr);

    int connectionCount() const { return m_count; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    GuardedSocket::Limits m_limits;
    int m_maxConnections;
    int m_count = 0;
};

} // namespace Smollama::Http
