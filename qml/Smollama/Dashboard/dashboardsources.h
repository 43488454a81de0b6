// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/nodeservices.h"

#include <QList>
#include <QString>

namespace Smollama {

class RemoteNode;

/*!
    What the dashboard shows: the node's services (so the dashboard can live in its own library
    that the headless process never loads) and its theme.
*/
struct DashboardSources : NodeServices
{
    QString theme; //!< dashboard.theme from the configuration: "auto", "light", "dark" or empty
    /*! The node followed over its HTTP API (--connect), or null for this process's node. */
    RemoteNode *remote = nullptr;
    /*! Every node this process follows over its HTTP API (--connect, dashboard.remotes; not
        owned): the agent page can ask each of them. */
    QList<RemoteNode *> peers;
};

} // namespace Smollama
