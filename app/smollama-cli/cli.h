// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"
#include "plugins/pluginstatus.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Smollama {
class InstanceLock;
}

namespace Smollama::Cli {

/*! The translation context of every message of smollama-cli: Tr::tr("..."). */
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(SmollamaCli)
};

/*! Exit codes shared by every command. */
enum ExitCode {
    ExitOk = 0,
    ExitFailed = 1,   //!< the command ran and found problems (config check)
    ExitUnusable = 2, //!< the CLI cannot work: bad usage, broken configuration
};

/*! Options accepted before or after the command words. */
struct Options
{
    QString configPath;
    /*! --lang CODE: the language of the messages instead of the locale's. */
    QString language;
    QStringList pluginPaths;
    bool json = false;
    bool noColor = false;
    bool verbose = false;
    bool help = false;
    bool version = false;
    bool watch = false;
    /*! Never ask the running instance (plugin list, readings, ask). */
    bool dryRun = false;
    /*! ask: --model M, --ollama URL. */
    QString model;
    QString ollamaUrl;
    /*! readings: --node NAME (one node of the fleet). */
    QString node;
    /*! plugin new: --type sensor|tool, --dir (the folder to create the project in). */
    QString pluginType;
    QString dir;
    /*! plugin install: --ref (git branch, tag or commit), --force, --enable, --plugins-dir. */
    QString ref;
    bool force = false;
    bool enable = false;
    QString pluginsDir;
    /*! The command words and their own arguments, global options removed. */
    QStringList positional;
};

/*! A command and the options it takes besides the global ones (-c, --lang, --no-color, -v,
    -h, --version). */
struct CommandSpec
{
    QString words;       //!< "plugin install"
    QStringList options; //!< long names: "ref", "force", ...
};

/*! Every command, in the order of the usage text. */
const QList<CommandSpec> &commandSpecs();
/*! "--ref REF, --force, ..., -c, --config FILE, ...": what \a spec accepts. */
QString commandOptionsText(const CommandSpec &spec);

/*! Splits \a arguments (without the program name) with QCommandLineParser: the command
    words, then the options that command takes. Returns an error text on bad usage, e.g. an
    option the command does not take, naming the command's options. */
QString parseArguments(const QStringList &arguments, Options &options);

/*! Output helpers: colour only on a terminal and never with NO_COLOR or --no-color. */
class Output
{
public:
    explicit Output(const Options &options);
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    bool colors() const { return m_colors; }
    enum class Color { Green, Yellow, Red, Dim, Bold };
    QString paint(const QString &text, Color color) const;

private:
    QTextStream m_out;
    QTextStream m_err;
    bool m_colors = false;
};

/*! Loads the configuration the options point at. A missing explicit file or a file with
    errors returns false after printing what is wrong. */
bool loadConfig(const Options &options, Output &output, Config &config);

int runPluginCommand(const Options &options, Output &output);
int runConfigCommand(const Options &options, Output &output);
int runReadingsCommand(const Options &options, Output &output);
int runAskCommand(const Options &options, Output &output);
int runStatusCommand(const Options &options, Output &output);
int pluginEnable(const Options &options, Output &output);

QString usage();

/*! "sink: queue 10000, 52 written, 3 dropped": a reading sink's counters (plugin list, info). */
QString sinkText(const PluginStatus &status);

/*! Takes \a lock before readings or ask set plugins up in this process: the CLI sets plugins up
    only while it holds the instance lock (no node runs), so it never claims hardware a running
    node owns. False after saying why (\a nodeAsked: whether the command asked the node over
    its HTTP API first); the command then exits with ExitFailed. */
bool lockForLocalPlugins(InstanceLock &lock, bool nodeAsked, Output &output);

/*! Says that \a command needs a (known) subcommand, shows the usage; returns ExitUnusable. */
int unknownSubcommand(const QString &command, const QString &sub, Output &output);

} // namespace Smollama::Cli
