// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
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

namespace {

// Every option smollama-cli knows, by its long name.
struct OptionDef
{
    QStringList names;
    QString valueName; //!< empty for a switch
};

const QList<OptionDef> &optionDefs()
{
    static const QList<OptionDef> defs{
        {{QStringLiteral("c"), QStringLiteral("config")}, QStringLiteral("FILE")},
        {{QStringLiteral("lang")}, QStringLiteral("CODE")},
        {{QStringLiteral("no-color"), QStringLiteral("no-colour")}, {}},
        {{QStringLiteral("v"), QStringLiteral("verbose")}, {}},
        {{QStringLiteral("h"), QStringLiteral("help")}, {}},
        {{QStringLiteral("version")}, {}},
        {{QStringLiteral("json")}, {}},
        {{QStringLiteral("plugin-path")}, QStringLiteral("DIR")},
        {{QStringLiteral("dry-run")}, {}},
        {{QStringLiteral("w"), QStringLiteral("watch")}, {}},
        {{QStringLiteral("node")}, QStringLiteral("NAME")},
        {{QStringLiteral("model")}, QStringLiteral("M")},
        {{QStringLiteral("ollama")}, QStringLiteral("URL")},
        {{QStringLiteral("type")}, QStringLiteral("sensor|tool")},
        {{QStringLiteral("dir")}, QStringLiteral("DIR")},
        {{QStringLiteral("ref")}, QStringLiteral("REF")},
        {{QStringLiteral("force")}, {}},
        {{QStringLiteral("enable")}, {}},
        {{QStringLiteral("plugins-dir")}, QStringLiteral("DIR")},
    };
    return defs;
}

// What every command takes.
const QStringList s_globalOptions{QStringLiteral("config"),   QStringLiteral("lang"),
                                  QStringLiteral("no-color"), QStringLiteral("verbose"),
                                  QStringLiteral("help"),     QStringLiteral("version")};

QCommandLineOption makeOption(const OptionDef &def)
{
    return def.valueName.isEmpty() ? QCommandLineOption(def.names)
                                   : QCommandLineOption(def.names, QString(), def.valueName);
}

const OptionDef *findDef(const QString &name)
{
    for (const OptionDef &def : optionDefs()) {
        if (def.names.contains(name)) {
            return &def;
        }
    }
    return nullptr;
}

// "--ref REF", "-c, --config FILE".
QString optionText(const OptionDef &def)
{
    QStringList names;
    for (const QString &n : def.names) {
        if (n == QLatin1String("no-colour")) {
            continue;
        }
        names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
    }
    return names.join(QLatin1String(", ")) +
           (def.valueName.isEmpty() ? QString() : QLatin1Char(' ') + def.valueName);
}

} // namespace

const QList<CommandSpec> &commandSpecs()
{
    static const QList<CommandSpec> specs{
        {QStringLiteral("status"), {QStringLiteral("json"), QStringLiteral("plugin-path")}},
        {QStringLiteral("plugin list"),
         {QStringLiteral("json"), QStringLiteral("plugin-path"), QStringLiteral("dry-run")}},
        {QStringLiteral("plugin enable"), {}},
        {QStringLiteral("plugin info"),
         {QStringLiteral("json"), QStringLiteral("plugin-path"), QStringLiteral("plugins-dir")}},
        {QStringLiteral("plugin new"), {QStringLiteral("type"), QStringLiteral("dir")}},
        {QStringLiteral("plugin install"),
         {QStringLiteral("ref"), QStringLiteral("force"), QStringLiteral("enable"),
          QStringLiteral("plugins-dir")}},
        {QStringLiteral("plugin upgrade"), {QStringLiteral("ref"), QStringLiteral("plugins-dir")}},
        {QStringLiteral("plugin uninstall"), {QStringLiteral("plugins-dir")}},
        {QStringLiteral("plugin probe"), {}},
        {QStringLiteral("config check"), {QStringLiteral("json"), QStringLiteral("plugin-path")}},
        {QStringLiteral("readings"),
         {QStringLiteral("json"), QStringLiteral("plugin-path"), QStringLiteral("dry-run"),
          QStringLiteral("watch"), QStringLiteral("node")}},
        {QStringLiteral("ask"),
         {QStringLiteral("json"), QStringLiteral("plugin-path"), QStringLiteral("dry-run"),
          QStringLiteral("model"), QStringLiteral("ollama")}},
        {QStringLiteral("help"), {}},
    };
    return specs;
}

QString commandOptionsText(const CommandSpec &spec)
{
    QStringList texts;
    for (const QString &name : spec.options + s_globalOptions) {
        if (const OptionDef *def = findDef(name)) {
            texts << optionText(*def);
        }
    }
    return texts.join(QLatin1String(", "));
}

QString parseArguments(const QStringList &arguments, Options &options)
{
    // Scripts and the test suite can keep every command away from a running instance.
    options.dryRun = qEnvironmentVariable("SMOLLAMA_DRY_RUN") == QLatin1String("1");
    const QStringList argv = QStringList{QCoreApplication::applicationName()} + arguments;

    // First with every option, to tell option values from the command words.
    QCommandLineParser all;
    for (const OptionDef &def : optionDefs()) {
        all.addOption(makeOption(def));
    }
    if (!all.parse(argv)) {
        const QStringList unknown = all.unknownOptionNames();
        if (!unknown.isEmpty()) {
            const QString name = unknown.first();
            return Tr::tr("unknown option %1")
                .arg((name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name);
        }
        return all.errorText();
    }
    const QStringList words = all.positionalArguments();
    const CommandSpec *spec = nullptr;
    for (const CommandSpec &candidate : commandSpecs()) {
        const QStringList needed = candidate.words.split(QLatin1Char(' '));
        if (words.mid(0, needed.size()) == needed) {
            spec = &candidate;
            break;
        }
    }

    // Then with the command's own options: anything else is an error naming them.
    QCommandLineParser own;
    QStringList allowed = s_globalOptions;
    if (spec) {
        allowed += spec->options;
    } else {
        for (const OptionDef &def : optionDefs()) {
            allowed << def.names.last();
        }
    }
    // The global options are among every option too: adding one twice (under either of its
    // names) makes QCommandLineParser warn on stderr (smollama-cli --help printed 6 lines).
    QList<const OptionDef *> added;
    for (const QString &name : std::as_const(allowed)) {
        const OptionDef *def = findDef(name);
        if (def && !added.contains(def)) {
            added.append(def);
            own.addOption(makeOption(*def));
        }
    }
    if (!own.parse(argv)) {
        const QStringList unknown = own.unknownOptionNames();
        const QString name = unknown.value(0);
        const OptionDef *def = findDef(name);
        if (spec && def) {
            return Tr::tr("%1 does not take %2; its options are: %3")
                .arg(spec->words, optionText(*def), commandOptionsText(*spec));
        }
        return all.errorText();
    }
    const auto value = [&own](const char *name) { return own.value(QLatin1String(name)); };
    const auto isSet = [&own](const char *name) { return own.isSet(QLatin1String(name)); };
    options.configPath = value("config");
    options.language = value("lang");
    options.noColor = isSet("no-color");
    options.verbose = isSet("verbose");
    options.help = isSet("help");
    options.version = isSet("version");
    if (spec == nullptr || spec->options.contains(QLatin1String("plugin-path"))) {
        options.pluginPaths = own.values(QStringLiteral("plugin-path"));
    }
    const auto has = [spec](const char *name) {
        return spec == nullptr || spec->options.contains(QLatin1String(name));
    };
    options.json = has("json") && isSet("json");
    options.dryRun = options.dryRun || (has("dry-run") && isSet("dry-run"));
    options.watch = has("watch") && isSet("watch");
    if (has("node")) {
        options.node = value("node");
    }
    if (has("model")) {
        options.model = value("model");
        options.ollamaUrl = value("ollama");
    }
    if (has("type")) {
        options.pluginType = value("type");
        options.dir = value("dir");
    }
    if (has("ref")) {
        options.ref = value("ref");
    }
    if (has("force")) {
        options.force = isSet("force");
        options.enable = isSet("enable");
    }
    if (has("plugins-dir")) {
        options.pluginsDir = value("plugins-dir");
    }
    options.positional = words;
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
