// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/nodeservices.h"

#include <QByteArray>
#include <QString>

namespace Smollama::Http {

class Reply;
class Request;

/*! GET /api/readings (the latest reading of every source of every node, its JSON kept until a
    reading arrives; ?node=NAME for one node's), GET /api/readings/{source}/history and
    GET /api/nodes. */
class ReadingRoutes
{
public:
    explicit ReadingRoutes(const NodeServices &services);

    void readings(const Request &request, Reply &reply);
    void nodes(Reply &reply);
    void history(const Request &request, Reply &reply, const QString &source);
    /*! A reading arrived: the next GET /api/readings builds its JSON anew. */
    void invalidate() { m_cache.dirty = true; }

private:
    /*! True for this node and every node seen; otherwise answers 404 naming the known ones. */
    bool knownNode(Reply &reply, const QString &node) const;

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
