// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/nodeservices.h"

#include <QString>

namespace Smollama::Http {

class Reply;
class Request;

/*! GET /api/tools and POST /api/tools/{name}: the tool runs on its own thread and answers
    later; the connection waits for that answer before it serves its next request. */
class ToolRoutes
{
public:
    explicit ToolRoutes(const NodeServices &services);

    void list(Reply &reply);
    void call(const Request &request, Reply &reply, const QString &name);

private:
    NodeServices m_services;
};

} // namespace Smollama::Http
