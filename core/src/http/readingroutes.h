// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/nodeservices.h"

#include <QByteArray>
#include <QString>

namespace Smollama::Http {

class Reply;
class Request;

/*! GET /api/readings (the latest reading of every source, its JSON kept until a reading
    arrives) and GET /api/readings/{source}/history. */
class ReadingRoutes
{
public:
    explicit ReadingRoutes(const NodeServices &services);

    void readings(Reply &reply);
    void history(const Request &request, Reply &reply, const QString &source);
    /*! A reading arrived: the next GET /api/readings builds its JSON anew. */
    void invalidate() { m_cache.dirty = true; }

private:
    NodeServices m_services;
    struct Cache
    {
        QByteArray body;
        qint64 builtMs = 0;
        bool dirty = true;
    };
    Cache m_cache;
};

} // namespace Smollama::Http
