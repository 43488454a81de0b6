// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-cli: inspects plugins and configuration without claiming hardware.
#include "cli.h"

#include <smollama/version.h>

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Smollama::Cli;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("smollama-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMOLLAMA_VERSION_STRING));

    Options options;
    const QString error = parseArguments(app.arguments().mid(1), options);
    Output output(options);
    if (!error.isEmpty()) {
        output.err() << "smollama-cli: " << error << Qt::endl << Qt::endl << usage();
        return ExitUnusable;
    }
    // The commands report problems themselves; logging is for -v.
    QLoggingCategory::setFilterRules(options.verbose ? QStringLiteral("smollama.*=true")
                                                     : QStringLiteral("smollama.*=false"));
    if (options.version) {
        output.out() << "smollama-cli " << SMOLLAMA_VERSION_STRING << " (plugin SDK "
                     << SMOLLAMA_SDK_VERSION_STRING << ")" << Qt::endl;
        return ExitOk;
    }
    const QString command = options.positional.value(0);
    if (options.help || command == QLatin1String("help")) {
        output.out() << usage();
        return ExitOk;
    }
    if (command.isEmpty()) {
        output.err() << usage();
        return ExitUnusable;
    }
    if (command == QLatin1String("plugin")) {
        return runPluginCommand(options, output);
    }
    if (command == QLatin1String("status")) {
        return runStatusCommand(options, output);
    }
    if (command == QLatin1String("readings")) {
        return runReadingsCommand(options, output);
    }
    if (command == QLatin1String("ask")) {
        return runAskCommand(options, output);
    }
    if (command == QLatin1String("config")) {
        return runConfigCommand(options, output);
    }
    output.err() << "smollama-cli: unknown command '" << command << "'" << Qt::endl
                 << Qt::endl
                 << usage();
    return ExitUnusable;
}
