// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "plugins/crashguard.h"

#include <QCoreApplication>

namespace Smollama::Cli {

int pluginEnable(const Options &options, Output &output)
{
    const QString name = options.positional.value(2);
    if (name.isEmpty()) {
        output.err() << Tr::tr("smollama-cli: plugin enable needs an "
                               "instance name")
                     << Qt::endl;
        return ExitUnusable;
    }
    Config config;
    if (!loadConfig(options, output, config)) {
        return ExitUnusable;
    }
    CrashGuard guard;
    const bool wasBlocked = guard.unblock(name);
    bool disabledInConfig = false;
    bool known = false;
    for (const InstanceConfig &ic : config.instances()) {
        if (ic.name == name) {
            known = true;
            disabledInConfig = !ic.enabled;
        }
    }
    if (wasBlocked) {
        output.out() << Tr::tr("%1 is no longer skipped after its crash; it loads "
                               "at the next start of smollama (systemctl restart "
                               "smollama).")
                            .arg(name)
                     << Qt::endl;
    } else {
        output.out() << Tr::tr("%1 was not disabled by a crash.").arg(name) << Qt::endl;
    }
    if (disabledInConfig) {
        output.out() << Tr::tr("It is switched off in %1: set enabled: "
                               "true for it there.")
                            .arg(config.filePath())
                     << Qt::endl;
    } else if (!known && !config.filePath().isEmpty()) {
        output.out() << Tr::tr("Note: %1 has no instance named %2.").arg(config.filePath(), name)
                     << Qt::endl;
    }
    return ExitOk;
}

} // namespace Smollama::Cli
