// SPDX-License-Identifier: GPL-3.0-or-later
// readings and ask set plugins up in this process when no node answers; they do so only while
// they hold the instance lock, so the CLI can never claim hardware a running node owns.
#include "cli.h"

#include "util/instancelock.h"

namespace Smollama::Cli {

bool lockForLocalPlugins(InstanceLock &lock, bool nodeAsked, Output &output)
{
    if (lock.tryLock()) {
        return true;
    }
    QString text;
    if (lock.holderPid() <= 0) {
        text = Tr::tr("%1; smollama-cli sets plugins up only while it holds the instance lock")
                   .arg(lock.errorString());
    } else if (nodeAsked) {
        text = Tr::tr("smollama is running (PID %1) and owns the hardware, but it did not "
                      "answer over its HTTP API (see smollama-cli status; is http.enabled "
                      "off?); smollama-cli sets plugins up only when no node runs")
                   .arg(lock.holderPid());
    } else {
        text = Tr::tr("smollama is running (PID %1) and owns the hardware; smollama-cli sets "
                      "plugins up only when no node runs. Without --dry-run (for ask: without "
                      "--model and --ollama) the command asks the node")
                   .arg(lock.holderPid());
    }
    output.err() << output.paint(QStringLiteral("smollama-cli: "), Output::Color::Red) << text
                 << Qt::endl;
    return false;
}

} // namespace Smollama::Cli
