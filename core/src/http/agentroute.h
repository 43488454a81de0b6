// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/nodeservices.h"

namespace Smollama::Http {

class Reply;
class Request;

/*! POST /api/agent/ask: the agent's events of one question as NDJSON, streamed until the
    answer (or error); a client that goes away cancels the question. */
class AgentRoute
{
public:
    explicit AgentRoute(const NodeServices &services);

    void ask(const Request &request, Reply &reply);

private:
    NodeServices m_services;
};

} // namespace Smollama::Http
