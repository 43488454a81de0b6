// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-plugin-host: runs one plugin instance for a node, out of the node's process
// (isolation: process; docs/resilience.md). The node starts it with its end of a socketpair
// as file descriptor 3; it is not run by hand.
#include "pluginhost/hostprotocol.h"
#include "pluginhost/hostserver.h"

#include <smollama/version.h>

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    // The host ends with its node, also when the node is killed: no orphan holds a device.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const char *parent = std::getenv("SMOLLAMA_HOST_PARENT");
    if (parent && ::getppid() != pid_t(std::atoll(parent))) {
        return 1; // the node died before the line above
    }
    // The node ends its hosts (teardown(), then their socket closes). A SIGINT or SIGTERM meant
    // for the node also reaches them from a terminal's Ctrl+C or a service manager that signals
    // the whole group: they wait for the node's word instead of dying before their plugin's
    // teardown(). SIGKILL (and the death signal above) still ends them.
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGTERM, SIG_IGN);
    // A plugin that crashes here is the node's business, not a core file's.
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("smollama-plugin-host"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMOLLAMA_VERSION_STRING));
    if (::fcntl(Smollama::HostProtocol::kHostFd, F_GETFD) < 0 || !parent) {
        std::fprintf(stderr,
                     "smollama-plugin-host runs a plugin instance for smollama (the instance "
                     "entry's isolation: process); smollama starts it, it is not run by hand.\n");
        return 2;
    }
    Smollama::HostServer server(Smollama::HostProtocol::kHostFd);
    if (!server.start()) {
        return 1;
    }
    return app.exec();
}
