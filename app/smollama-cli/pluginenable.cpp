// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "instanceclient.h"

#include "plugins/crashguard.h"

#include <QCoreApplication>
#include <QJsonObject>

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
    // A running node starts a plugin host that gave up again at once.
    bool restarted = false;
    QString refused;
    InstanceClient client(config);
    if (known && client.probe()) {
        const InstanceClient::Result result =
            client.postStream(QStringLiteral("/api/plugins/%1/restart").arg(name), QJsonObject(),
                              [](const QByteArray &) {});
        restarted = result.status == 202;
        if (!restarted && result.status != 404) {
            refused = result.error;
        }
    }
    if (restarted) {
        output.out() << Tr::tr("%1: its plugin host is started again by the running smollama "
                               "at %2; smollama-cli plugin list shows when it is loaded.")
                            .arg(name, client.baseUrl().toString())
                     << Qt::endl;
    } else if (wasBlocked) {
        output.out() << Tr::tr("%1 is no longer skipped after its crash; it loads "
                               "at the next start of smollama (systemctl restart "
                               "smollama).")
                            .arg(name)
                     << Qt::endl;
    } else if (!refused.isEmpty()) {
        output.out() << Tr::tr("The running smollama did not start %1 again: %2").arg(name, refused)
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
