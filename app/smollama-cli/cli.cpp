// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

namespace Smollama::Cli {

QString usage()
{
    return QCoreApplication::translate(
        "smollama-cli",
        "Usage: smollama-cli [options] <command> [arguments]\n"
        "\n"
        "Commands:\n"
        "  plugin list            every discovered plugin and instance with its status\n"
        "  config check           check the configuration; exit 1 when it has errors\n"
        "  readings [--watch]     read every enabled source once (or keep printing)\n"
        "\n"
        "Options (before or after the command):\n"
        "  -c, --config FILE      the configuration file (default: ./config.yaml,\n"
        "                         ~/.smollama/config.yaml, /etc/smollama/config.yaml)\n"
        "  --plugin-path DIR      also search DIR for plugins (repeatable)\n"
        "  --json                 print JSON for scripts\n"
        "  --no-color             no colours (also: NO_COLOR=1)\n"
        "  -w, --watch            (readings) keep printing new readings until Ctrl+C\n"
        "  -v, --verbose          log what happens\n"
        "  -h, --help             this help\n"
        "  --version              print the version\n");
}

QString parseArguments(const QStringList &arguments, Options &options)
{
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const auto takeValue = [&](QString &target) -> QString {
            const int eq = arg.indexOf(QLatin1Char('='));
            if (arg.startsWith(QLatin1String("--")) && eq > 0) {
                target = arg.mid(eq + 1);
                return {};
            }
            if (i + 1 >= arguments.size()) {
                return QStringLiteral("option %1 needs a value").arg(arg);
            }
            target = arguments.at(++i);
            return {};
        };
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        if (name == QLatin1String("-c") || name == QLatin1String("--config")) {
            if (QString e = takeValue(options.configPath); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--plugin-path")) {
            QString dir;
            if (QString e = takeValue(dir); !e.isEmpty()) {
                return e;
            }
            options.pluginPaths.append(dir);
        } else if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("--no-color") || arg == QLatin1String("--no-colour")) {
            options.noColor = true;
        } else if (arg == QLatin1String("-v") || arg == QLatin1String("--verbose")) {
            options.verbose = true;
        } else if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            options.help = true;
        } else if (arg == QLatin1String("--watch") || arg == QLatin1String("-w")) {
            options.watch = true;
        } else if (arg == QLatin1String("--version")) {
            options.version = true;
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            return QStringLiteral("unknown option %1").arg(arg);
        } else {
            options.positional.append(arg);
        }
    }
    return {};
}

Output::Output(const Options &options)
    : m_out(stdout)
    , m_err(stderr)
{
    m_colors = !options.noColor && !options.json && qEnvironmentVariableIsEmpty("NO_COLOR") &&
               isatty(STDOUT_FILENO) && qEnvironmentVariable("TERM") != QLatin1String("dumb");
}

QString Output::paint(const QString &text, Color color) const
{
    if (!m_colors) {
        return text;
    }
    const char *code = "";
    switch (color) {
    case Color::Green:
        code = "32";
        break;
    case Color::Yellow:
        code = "33";
        break;
    case Color::Red:
        code = "31";
        break;
    case Color::Dim:
        code = "2";
        break;
    case Color::Bold:
        code = "1";
        break;
    }
    return QStringLiteral("\x1b[%1m%2\x1b[0m").arg(QLatin1String(code), text);
}

int unknownSubcommand(const QString &command, const QString &sub, Output &output)
{
    output.err() << (sub.isEmpty() ? QCoreApplication::translate(
                                         "smollama-cli", "smollama-cli: %1 needs a subcommand")
                                         .arg(command)
                                   : QCoreApplication::translate(
                                         "smollama-cli", "smollama-cli: unknown %1 subcommand '%2'")
                                         .arg(command, sub))
                 << Qt::endl
                 << Qt::endl
                 << usage();
    return ExitUnusable;
}

bool loadConfig(const Options &options, Output &output, Config &config)
{
    const QString path = Config::findConfigFile(options.configPath);
    config = Config::load(path);
    if (!config.hasErrors()) {
        return true;
    }
    output.err() << QCoreApplication::translate("smollama-cli",
                                                "smollama-cli: the configuration %1 cannot be "
                                                "used:")
                        .arg(path)
                 << Qt::endl;
    const QList<ConfigDiagnostic> diagnostics = config.diagnostics();
    for (const ConfigDiagnostic &d : diagnostics) {
        if (d.severity == ConfigDiagnostic::Severity::Error) {
            output.err() << "  " << d.toString() << Qt::endl;
        }
    }
    output.err() << QCoreApplication::translate(
                        "smollama-cli", "Fix it, or check it with: smollama-cli config check -c %1")
                        .arg(path)
                 << Qt::endl;
    return false;
}

} // namespace Smollama::Cli
