// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-cli: inspects plugins and configuration without claiming hardware.
#include "cli.h"

#include "util/i18n.h"

#include <smollama/version.h>

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Smollama::Cli;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("smollama-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMOLLAMA_VERSION_STRING));

    // Before anything is printed, so that usage errors are in the chosen language too.
    const QString language = Smollama::languageArgument(app.arguments().mid(1));
    const QString installed = Smollama::installTranslations(language);

    Options options;
    const QString error = parseArguments(app.arguments().mid(1), options);
    Output output(options);
    if (!language.isEmpty() && installed.isEmpty() && !Smollama::isEnglish(language)) {
        output.err() << Tr::tr("smollama-cli: no translation for language '%1' (there are: %2); "
                               "the messages stay in English")
                            .arg(language, Smollama::availableLanguages().join(QLatin1String(", ")))
                     << Qt::endl;
    }
    if (!error.isEmpty()) {
        output.err() << Tr::tr("smollama-cli: %1").arg(error) << Qt::endl << Qt::endl << usage();
        return ExitUnusable;
    }
    // The commands report problems themselves; logging is for -v.
    QLoggingCategory::setFilterRules(options.verbose ? QStringLiteral("smollama.*=true")
                                                     : QStringLiteral("smollama.*=false"));
    if (options.version) {
        output.out() << Tr::tr("smollama-cli %1 (plugin SDK %2)")
                            .arg(QStringLiteral(SMOLLAMA_VERSION_STRING),
                                 QStringLiteral(SMOLLAMA_SDK_VERSION_STRING))
                     << Qt::endl;
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
    output.err() << Tr::tr("smollama-cli: unknown command '%1'").arg(command) << Qt::endl
                 << Qt::endl
                 << usage();
    return ExitUnusable;
}
