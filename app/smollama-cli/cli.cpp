// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

namespace Smollama::Cli {

QString usage()
{
    return Tr::tr(
        "Usage: smollama-cli [options] <command> [arguments]\n"
        "\n"
        "Commands:\n"
        "  status                 the running smollama: health, plugins, Ollama, safe mode\n"
        "  plugin list            every discovered plugin and instance with its status\n"
        "  plugin enable NAME     load an instance again that a crash disabled\n"
        "  plugin info NAME       manifest, example configuration, origin and status\n"
        "  plugin new NAME [--type sensor|tool] [--dir DIR]\n"
        "                         create a plugin project that builds against the SDK\n"
        "  plugin install SOURCE [--ref REF] [--force] [--enable] [--plugins-dir DIR]\n"
        "                         build, check and install a plugin from a git URL, a\n"
        "                         source folder, a folder with a built plugin or a .so\n"
        "  plugin upgrade NAME    install a plugin again from where it came from\n"
        "  plugin uninstall NAME  remove an installed (not a builtin) plugin\n"
        "  config check           check the configuration; exit 1 when it has errors\n"
        "  readings [--watch] [--node NAME]\n"
        "                         read every enabled source once (or keep printing);\n"
        "                         from the running smollama also other nodes' readings\n"
        "  ask \"QUESTION\" [--model M] [--ollama URL]  ask the local model (it can use tools)\n"
        "\n"
        "plugin list, readings and ask use the running smollama when it answers on its HTTP\n"
        "API (~/.smollama/http.json, else http.host:http.port), and a dry run otherwise.\n"
        "\n"
        "Options (before or after the command):\n"
        "  -c, --config FILE      the configuration file (default: ./config.yaml,\n"
        "                         ~/.smollama/config.yaml, /etc/smollama/config.yaml)\n"
        "  --plugin-path DIR      also search DIR for plugins (repeatable)\n"
        "  --json                 print JSON for scripts\n"
        "  --no-color             no colours (also: NO_COLOR=1)\n"
        "  --lang CODE            messages in language CODE (de, es, en) instead of the\n"
        "                         locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)\n"
        "  -w, --watch            (readings) keep printing new readings until Ctrl+C\n"
        "  --node NAME            (readings) only the readings of node NAME of the fleet\n"
        "  --dry-run              (plugin list, readings, ask) do not ask the running\n"
        "                         smollama; work from the configuration alone (also:\n"
        "                         SMOLLAMA_DRY_RUN=1)\n"
        "  --type sensor|tool     (plugin new) the kind of plugin (default: sensor)\n"
        "  --dir DIR              (plugin new) create the project in DIR/NAME (default: .)\n"
        "  --ref REF              (plugin install) the git branch, tag or commit\n"
        "  --force                (plugin install) replace an installed plugin of that name\n"
        "  --enable               (plugin install) add an instance to ~/.smollama/config.yaml\n"
        "  --plugins-dir DIR      (plugin install|uninstall|upgrade) instead of\n"
        "                         plugins.install_dir or ~/.smollama/plugins\n"
        "  -v, --verbose          log what happens\n"
        "  -h, --help             this help\n"
        "  --version              print the version\n");
}

QString parseArguments(const QStringList &arguments, Options &options)
{
    // Scripts and the test suite can keep every command away from a running instance.
    options.dryRun = qEnvironmentVariable("SMOLLAMA_DRY_RUN") == QLatin1String("1");
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const auto takeValue = [&](QString &target) -> QString {
            const int eq = arg.indexOf(QLatin1Char('='));
            if (arg.startsWith(QLatin1String("--")) && eq > 0) {
                target = arg.mid(eq + 1);
                return {};
            }
            if (i + 1 >= arguments.size()) {
                return Tr::tr("option %1 needs a value").arg(arg);
            }
            target = arguments.at(++i);
            return {};
        };
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        if (name == QLatin1String("-c") || name == QLatin1String("--config")) {
            if (QString e = takeValue(options.configPath); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--lang")) {
            if (QString e = takeValue(options.language); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--model")) {
            if (QString e = takeValue(options.model); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--node")) {
            if (QString e = takeValue(options.node); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--ollama")) {
            if (QString e = takeValue(options.ollamaUrl); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--plugin-path")) {
            QString dir;
            if (QString e = takeValue(dir); !e.isEmpty()) {
                return e;
            }
            options.pluginPaths.append(dir);
        } else if (name == QLatin1String("--type")) {
            if (QString e = takeValue(options.pluginType); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--dir")) {
            if (QString e = takeValue(options.dir); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--ref")) {
            if (QString e = takeValue(options.ref); !e.isEmpty()) {
                return e;
            }
        } else if (name == QLatin1String("--plugins-dir")) {
            if (QString e = takeValue(options.pluginsDir); !e.isEmpty()) {
                return e;
            }
        } else if (arg == QLatin1String("--force")) {
            options.force = true;
        } else if (arg == QLatin1String("--enable")) {
            options.enable = true;
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
        } else if (arg == QLatin1String("--dry-run")) {
            options.dryRun = true;
        } else if (arg == QLatin1String("--version")) {
            options.version = true;
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            return Tr::tr("unknown option %1").arg(arg);
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
    output.err() << (sub.isEmpty()
                         ? Tr::tr("smollama-cli: %1 needs a subcommand").arg(command)
                         : Tr::tr("smollama-cli: unknown %1 subcommand '%2'").arg(command, sub))
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
    output.err() << Tr::tr("smollama-cli: the configuration %1 cannot be "
                           "used:")
                        .arg(path)
                 << Qt::endl;
    const QList<ConfigDiagnostic> diagnostics = config.diagnostics();
    for (const ConfigDiagnostic &d : diagnostics) {
        if (d.severity == ConfigDiagnostic::Severity::Error) {
            output.err() << "  " << d.toString() << Qt::endl;
        }
    }
    output.err() << Tr::tr("Fix it, or check it with: smollama-cli config check -c %1").arg(path)
                 << Qt::endl;
    return false;
}

} // namespace Smollama::Cli
