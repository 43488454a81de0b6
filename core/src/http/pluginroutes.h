// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/nodeservices.h"

#include <QString>

namespace Smollama::Http {

class Reply;

/*! GET /api/plugins (the rows of `smollama-cli plugin list --json`) and
    POST /api/plugins/{instance}/restart (a plugin host that gave up, started again). */
class PluginRoutes
{
public:
    explicit PluginRoutes(const NodeServices &services);

    void list(Reply &reply);
    void restart(Reply &reply, const QString &instance);

private:
    NodeServices m_services;
};

} // namespace Smollama::Http
