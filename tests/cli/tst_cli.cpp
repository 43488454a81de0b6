// SPDX-License-Identifier: GPL-3.0-or-later
// smollama-cli as people and scripts use it: the real binary, run with QProcess (and through
// script(1) for a terminal), against the builtin and the fixture plugins.
#include "requiredtool.h"

#include <smollama/version.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const char s_esc = '\x1b';

QString cliPath()
{
    return QStringLiteral(SMOLLAMA_CLI);
}

QString dataFile(const QString &name)
{
    return QStringLiteral(SMOLLAMA_SOURCE_DIR "/tests/cli/data/") + name;
}

QString fixturePluginDir()
{
    return QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR);
}

// The 1-based line of the first line of \a file containing \a text; 0 when none does. Tests
// name lines by their content so the data files can change without breaking line numbers.
int lineOf(const QString &file, const QString &text)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(text)) {
            return i + 1;
        }
    }
    return 0;
}

QString shellQuote(const QString &arg)
{
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QString joined(const QSet<QString> &set)
{
    QStringList list = set.values();
    list.sort();
    return list.join(QLatin1String(", "));
}

// One run of the program: what a person or a script would see.
struct CliRun
{
    QStringList arguments;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString failure; // set when the program could not be run at all

    QByteArray describe() const
    {
        return QStringLiteral("smollama-cli %1\nexit code %2%3\n--- stdout:\n%4\n--- stderr:\n%5")
            .arg(arguments.join(QLatin1Char(' ')))
            .arg(exitCode)
            .arg(failure.isEmpty() ? QString() : QStringLiteral(" (") + failure + QLatin1Char(')'),
                 QString::fromUtf8(out), QString::fromUtf8(err))
            .toUtf8();
    }
};

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_work;

    // A clean environment: an empty HOME, no SMOLLAMA_* overrides, no colours unless asked.
    QProcessEnvironment environment(bool noColor = true) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QStringList keys = env.keys();
        for (const QString &key : keys) {
            if (key.startsWith(QLatin1String("SMOLLAMA_"))) {
                env.remove(key);
            }
        }
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        // The dry run: never the smollama that another test (or the machine) runs on 8080.
        env.insert(QStringLiteral("SMOLLAMA_DRY_RUN"), QStringLiteral("1"));
        env.remove(QStringLiteral("NO_COLOR"));
        if (noColor) {
            env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
        }
        return env;
    }

    // Runs \a program with \a arguments in an empty working folder (so no ./config.yaml).
    CliRun runProgram(const QString &program, const QStringList &arguments,
                      const QProcessEnvironment &env, const QStringList &shownArguments) const
    {
        CliRun run;
        run.arguments = shownArguments;
        QProcess process;
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_work.path());
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(program, arguments);
        if (!process.waitForStarted(30000)) {
            run.failure = QStringLiteral("did not start: ") + process.errorString();
            return run;
        }
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            run.failure = QStringLiteral("did not finish within 60 s");
            return run;
        }
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        if (process.exitStatus() != QProcess::NormalExit) {
            run.failure = QStringLiteral("crashed");
            return run;
        }
        run.exitCode = process.exitCode();
        return run;
    }

    CliRun cli(const QStringList &arguments, const QProcessEnvironment &env) const
    {
        return runProgram(cliPath(), arguments, env, arguments);
    }

    CliRun cli(const QStringList &arguments) const { return cli(arguments, environment()); }

    // Runs the program with a pseudo-terminal as stdout, as in a person's terminal.
    CliRun cliOnTerminal(const QStringList &arguments, const QProcessEnvironment &env) const
    {
        QStringList command{shellQuote(cliPath())};
        for (const QString &arg : arguments) {
            command.append(shellQuote(arg));
        }
        QProcessEnvironment terminalEnv = env;
        terminalEnv.insert(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
        terminalEnv.insert(QStringLiteral("SHELL"), QStringLiteral("/bin/sh"));
        // -q: no "Script started" banner; -e: the program's exit code; -f: flush at once.
        return runProgram(
            QStringLiteral("script"),
            {QStringLiteral("-qefc"), command.join(QLatin1Char(' ')), QStringLiteral("/dev/null")},
            terminalEnv, QStringList{QStringLiteral("(on a terminal)")} + arguments);
    }

    static QJsonArray parseArray(const CliRun &run)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        return (error.error == QJsonParseError::NoError && doc.isArray()) ? doc.array()
                                                                          : QJsonArray();
    }

    static QJsonObject parseObject(const CliRun &run)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        return (error.error == QJsonParseError::NoError && doc.isObject()) ? doc.object()
                                                                           : QJsonObject();
    }

    // The row of `plugin list --json` for \a instance of plugin \a name (instance "" for a
    // plugin without an instance).
    static QJsonObject rowOf(const QJsonArray &rows, const QString &instance, const QString &name)
    {
        for (const QJsonValue &value : rows) {
            const QJsonObject row = value.toObject();
            if (row.value(QLatin1String("instance")).toString() == instance &&
                row.value(QLatin1String("name")).toString() == name) {
                return row;
            }
        }
        return {};
    }

    static QStringList fixtureListArguments()
    {
        return {QStringLiteral("-c"),
                dataFile(QStringLiteral("fixtures.yaml")),
                QStringLiteral("--plugin-path"),
                fixturePluginDir(),
                QStringLiteral("plugin"),
                QStringLiteral("list"),
                QStringLiteral("--json")};
    }

    static const QStringList &usageWords()
    {
        static const QStringList words{QStringLiteral("Usage: smollama-cli"),
                                       QStringLiteral("plugin list"),
                                       QStringLiteral("config check")};
        return words;
    }

    // Rows shared by the tests of syntactically broken files: file, the text of the bad line.
    static void brokenYamlRows()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("badLine");
        QTest::newRow("wrong indentation")
            << dataFile(QStringLiteral("broken-indent.yaml")) << QStringLiteral("    module: y");
        QTest::newRow("unbalanced flow map")
            << dataFile(QStringLiteral("broken-flow.yaml")) << QStringLiteral("{port: 1]");
        QTest::newRow("value with a colon")
            << dataFile(QStringLiteral("broken-value.yaml")) << QStringLiteral("   host: x");
        QTest::newRow("tab indentation")
            << dataFile(QStringLiteral("broken-tab.yaml")) << QStringLiteral("\tollama: 1");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_work.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), SMOLLAMA_CLI " is not built");
        QVERIFY2(QFileInfo::exists(
                     QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_system.so")),
                 "the builtin system plugin is not built");
        QVERIFY2(QFileInfo::exists(fixturePluginDir() + QStringLiteral("/good")),
                 "the fixture plugins are not built");
    }

    void configCheckReportsMalformedRules()
    {
        const QString config = m_work.filePath(QStringLiteral("rules.yaml"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("agent:\n"
                   "  rules:\n"
                   "    - {name: ok, when: \"system:cpu_temp > 70\", prompt: \"hot?\"}\n"
                   "    - {name: broken, when: \"system:cpu_temp >>> 70\", prompt: \"x\"}\n");
        file.close();
        const CliRun run =
            cli({QStringLiteral("config"), QStringLiteral("check"), QStringLiteral("-c"), config});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("rules.yaml:4:") && run.out.contains("agent.rules[1]") &&
                     run.out.contains("(broken)"),
                 run.describe());
        QVERIFY2(!run.out.contains("agent.rules[0]"), run.describe());
    }

    void readingsJsonReadsEverySourceOnce()
    {
        const QString config = m_work.filePath(QStringLiteral("readings.yaml"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "plugins:\n"
            "  custom:\n"
            "    - {name: probe, module: fixture_good, config: {value: 7.25, sources: [a, b]}}\n"
            "    - {name: broken, module: fixture_good, config: {throw_in_read: true}}\n"
            "    - {name: absent, module: fixture_missingdep}\n");
        file.close();
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("SMOLLAMA_FIXTURE_LOG"),
                   m_work.filePath(QStringLiteral("readings.log")));
        const CliRun run =
            cli({QStringLiteral("readings"), QStringLiteral("--json"), QStringLiteral("-c"), config,
                 QStringLiteral("--plugin-path"), fixturePluginDir()},
                env);
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonArray rows = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(rows.size(), 3);
        const QSet<QString> keys{QStringLiteral("node"),      QStringLiteral("source"),
                                 QStringLiteral("value"),     QStringLiteral("unit"),
                                 QStringLiteral("timestamp"), QStringLiteral("quality"),
                                 QStringLiteral("message")};
        for (const QJsonValue &row : rows) {
            QCOMPARE(keysOf(row.toObject()), keys);
        }
        QCOMPARE(rows.at(0).toObject().value(QLatin1String("source")).toString(),
                 QStringLiteral("broken:value"));
        QCOMPARE(rows.at(0).toObject().value(QLatin1String("quality")).toString(),
                 QStringLiteral("error"));
        QCOMPARE(rows.at(0).toObject().value(QLatin1String("message")).toString(),
                 QStringLiteral("read() threw an exception: i2c bus error"));
        QCOMPARE(rows.at(1).toObject().value(QLatin1String("source")).toString(),
                 QStringLiteral("probe:a"));
        QCOMPARE(rows.at(1).toObject().value(QLatin1String("value")).toDouble(), 7.25);
        QCOMPARE(rows.at(1).toObject().value(QLatin1String("unit")).toString(),
                 QStringLiteral("°C"));
        QCOMPARE(rows.at(1).toObject().value(QLatin1String("quality")).toString(),
                 QStringLiteral("ok"));
        QVERIFY(QDateTime::fromString(
                    rows.at(1).toObject().value(QLatin1String("timestamp")).toString(),
                    Qt::ISODateWithMs)
                    .isValid());
        // Why a source is missing is said on stderr.
        QVERIFY2(run.err.contains("absent: missing_dependencies: no fixture device /dev/fixture0"),
                 run.describe());
        // Set up, read once, torn down.
        QFile log(m_work.filePath(QStringLiteral("readings.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray lines = log.readAll();
        QCOMPARE(lines.count("setup probe"), 1);
        QCOMPARE(lines.count("read probe"), 1);
        QCOMPARE(lines.count("teardown probe"), 1);

        const CliRun table = cli({QStringLiteral("readings"), QStringLiteral("-c"), config,
                                  QStringLiteral("--plugin-path"), fixturePluginDir()},
                                 env);
        QVERIFY2(table.exitCode == 0, table.describe());
        QVERIFY2(table.out.contains("probe:a") && table.out.contains("7.25") &&
                     table.out.contains("ok"),
                 table.describe());
    }

    void readingsWatchKeepsPrintingUntilInterrupted()
    {
        const QString config = m_work.filePath(QStringLiteral("watch.yaml"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("plugins:\n  custom:\n    - {name: probe, module: fixture_good, config: "
                   "{interval_s: 0.05}}\n");
        file.close();
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(m_work.path());
        process.start(cliPath(), {QStringLiteral("readings"), QStringLiteral("--watch"),
                                  QStringLiteral("--json"), QStringLiteral("-c"), config,
                                  QStringLiteral("--plugin-path"), fixturePluginDir()});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).count('\n') >= 5, 15000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        for (const QByteArray &line : lines) {
            QCOMPARE(
                QJsonDocument::fromJson(line).object().value(QLatin1String("source")).toString(),
                QStringLiteral("probe:value"));
        }
    }

    void pluginListWithoutConfigShowsSystem()
    {
        const CliRun run =
            cli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonArray rows = parseArray(run);
        QVERIFY2(!rows.isEmpty(), run.describe());

        // No config file: the builtins run with their defaults.
        const QJsonObject system = rowOf(rows, QStringLiteral("system"), QStringLiteral("system"));
        QVERIFY2(!system.isEmpty(), run.describe());
        QCOMPARE(system.value(QLatin1String("status")).toString(), QStringLiteral("enabled"));
        QCOMPARE(system.value(QLatin1String("reason")).toString(), QString());
        QCOMPARE(system.value(QLatin1String("type")).toString(), QStringLiteral("sensor"));
        QCOMPARE(system.value(QLatin1String("builtin")).toBool(), true);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+"))
                     .match(system.value(QLatin1String("version")).toString())
                     .hasMatch(),
                 run.describe());
        QVERIFY(!system.value(QLatin1String("author")).toString().isEmpty());
        QVERIFY(system.value(QLatin1String("description"))
                    .toString()
                    .contains(QLatin1String("CPU temperature")));
        QVERIFY(system.value(QLatin1String("dependencies")).isArray());
        const QFileInfo path(system.value(QLatin1String("path")).toString());
        QVERIFY2(path.isAbsolute() && path.exists(), qPrintable(path.filePath()));
        QCOMPARE(
            path.canonicalFilePath(),
            QFileInfo(QStringLiteral(SMOLLAMA_BUILTIN_PLUGIN_BUILD_DIR "/libsmollama_system.so"))
                .canonicalFilePath());
    }

    void pluginListJsonKeys_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no config") << QStringList{QStringLiteral("plugin"), QStringLiteral("list"),
                                                  QStringLiteral("--json")};
        QTest::newRow("fixture instances") << fixtureListArguments();
    }

    void pluginListJsonKeys()
    {
        QFETCH(QStringList, arguments);
        const CliRun run = cli(arguments);
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonArray rows = parseArray(run);
        QVERIFY2(!rows.isEmpty(), run.describe());
        const QSet<QString> expected{QStringLiteral("name"),         QStringLiteral("instance"),
                                     QStringLiteral("version"),      QStringLiteral("author"),
                                     QStringLiteral("description"),  QStringLiteral("type"),
                                     QStringLiteral("dependencies"), QStringLiteral("path"),
                                     QStringLiteral("status"),       QStringLiteral("reason"),
                                     QStringLiteral("builtin"),      QStringLiteral("isolation")};
        for (const QJsonValue &value : rows) {
            QVERIFY(value.isObject());
            const QJsonObject row = value.toObject();
            QCOMPARE(joined(keysOf(row)), joined(expected));
            // Builtins run in smollama's process, other plugins (sinks too) in a plugin host
            // (auto; "auto" stays while the plugin is not found).
            const QString isolation = row.value(QLatin1String("isolation")).toString();
            if (!row.value(QLatin1String("path")).toString().isEmpty()) {
                QCOMPARE(isolation, row.value(QLatin1String("builtin")).toBool()
                                        ? QStringLiteral("inprocess")
                                        : QStringLiteral("process"));
            } else {
                QCOMPARE(isolation, QStringLiteral("auto"));
            }
            QVERIFY(row.value(QLatin1String("name")).isString());
            QVERIFY(row.value(QLatin1String("status")).isString());
            QVERIFY(row.value(QLatin1String("reason")).isString());
            QVERIFY(row.value(QLatin1String("dependencies")).isArray());
            QVERIFY(row.value(QLatin1String("builtin")).isBool());
        }
    }

    void optionsBeforeOrAfterCommand_data()
    {
        QTest::addColumn<QStringList>("first");
        QTest::addColumn<QStringList>("second");
        // Text that shows the option took effect (empty: nothing to check).
        QTest::addColumn<QString>("effect");

        const QString config = dataFile(QStringLiteral("fixtures.yaml"));
        const QString fixtures = fixturePluginDir();
        const QString plugin = QStringLiteral("plugin");
        const QString list = QStringLiteral("list");
        const QString json = QStringLiteral("--json");
        const QString c = QStringLiteral("-c");
        const QString path = QStringLiteral("--plugin-path");

        QTest::newRow("-c") << QStringList{c, config, plugin, list, json}
                            << QStringList{plugin, list, json, c, config}
                            << QStringLiteral("\"parked\"");
        QTest::newRow("--config=FILE")
            << QStringList{QStringLiteral("--config=") + config, plugin, list, json}
            << QStringList{plugin, list, json, QStringLiteral("--config"), config}
            << QStringLiteral("\"parked\"");
        QTest::newRow("--plugin-path") << QStringList{path, fixtures, c, config, plugin, list, json}
                                       << QStringList{c, config, plugin, list, json, path, fixtures}
                                       << QStringLiteral("fixture_missingdep");
        QTest::newRow("--plugin-path between the words")
            << QStringList{c, config, plugin, path, fixtures, list, json}
            << QStringList{c,    config, plugin,
                           list, json,   QStringLiteral("--plugin-path=") + fixtures}
            << QStringLiteral("fixture_missingdep");
        QTest::newRow("--json first/last")
            << QStringList{json, c, config, path, fixtures, plugin, list}
            << QStringList{c, config, path, fixtures, plugin, list, json}
            << QStringLiteral("\"status\": \"missing_dependencies\"");
        QTest::newRow("--json between the words")
            << QStringList{c, config, path, fixtures, plugin, json, list}
            << QStringList{c, config, path, fixtures, plugin, list, json}
            << QStringLiteral("\"status\": \"missing_dependencies\"");
        QTest::newRow("-v") << QStringList{QStringLiteral("-v"), plugin, list, json}
                            << QStringList{plugin, list, json, QStringLiteral("-v")}
                            << QStringLiteral("\"system\"");
        QTest::newRow("config check -c")
            << QStringList{c, dataFile(QStringLiteral("file-errors.yaml")),
                           QStringLiteral("config"), QStringLiteral("check"), json}
            << QStringList{QStringLiteral("config"), QStringLiteral("check"), json, c,
                           dataFile(QStringLiteral("file-errors.yaml"))}
            << QStringLiteral("http.port");
    }

    void optionsBeforeOrAfterCommand()
    {
        QFETCH(QStringList, first);
        QFETCH(QStringList, second);
        QFETCH(QString, effect);
        const CliRun a = cli(first);
        const CliRun b = cli(second);
        QVERIFY2(a.failure.isEmpty() && a.exitCode != 2, a.describe());
        QVERIFY2(b.failure.isEmpty() && b.exitCode != 2, b.describe());
        QCOMPARE(a.exitCode, b.exitCode);
        QCOMPARE(a.out, b.out);
        QVERIFY2(!QJsonDocument::fromJson(a.out).isNull(), a.describe());
        QVERIFY2(a.out.contains(effect.toUtf8()), a.describe());
    }

    void pluginListStatuses_data()
    {
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("status");
        // Texts the reason must contain; an empty list means the reason must be empty.
        QTest::addColumn<QStringList>("reason");

        const QString config = QFileInfo(dataFile(QStringLiteral("fixtures.yaml"))).fileName();
        const int turboLine =
            lineOf(dataFile(QStringLiteral("fixtures.yaml")), QStringLiteral("mode: turbo"));
        const int firstGood =
            lineOf(dataFile(QStringLiteral("fixtures.yaml")), QStringLiteral("- name: good"));

        QTest::newRow("builtin enabled in plugins.builtin")
            << QStringLiteral("system") << QStringLiteral("system") << QStringLiteral("enabled")
            << QStringList{};
        QTest::newRow("good instance") << QStringLiteral("good") << QStringLiteral("fixture_good")
                                       << QStringLiteral("enabled") << QStringList{};
        QTest::newRow("setup would throw: the dry run never calls it")
            << QStringLiteral("thrower") << QStringLiteral("fixture_throwing")
            << QStringLiteral("enabled") << QStringList{};
        QTest::newRow("invalid config names key and line")
            << QStringLiteral("badcfg") << QStringLiteral("fixture_good")
            << QStringLiteral("invalid_config")
            << QStringList{QStringLiteral("plugins.custom[1].config.mode"),
                           QStringLiteral("fast, slow"),
                           QStringLiteral("%1:%2:").arg(config).arg(turboLine)};
        QTest::newRow("checkDependencies() fails")
            << QStringLiteral("nodev") << QStringLiteral("fixture_missingdep")
            << QStringLiteral("missing_dependencies")
            << QStringList{QStringLiteral("/dev/fixture0")};
        QTest::newRow("shared library missing")
            << QStringLiteral("lib") << QStringLiteral("fixture_needslib")
            << QStringLiteral("missing_dependencies")
            << QStringList{QStringLiteral("libsmollama_fixture_absent.so")};
        QTest::newRow("built for another SDK")
            << QStringLiteral("old") << QStringLiteral("fixture_oldsdk")
            << QStringLiteral("incompatible")
            << QStringList{
                   QStringLiteral("built for SDK 0.3, this is " SMOLLAMA_SDK_VERSION_STRING)};
        QTest::newRow("enabled: false")
            << QStringLiteral("parked") << QStringLiteral("fixture_good")
            << QStringLiteral("disabled") << QStringList{QStringLiteral("enabled: false")};
        QTest::newRow("duplicate plugin name: the first found is used")
            << QStringLiteral("dup") << QStringLiteral("duplicate") << QStringLiteral("enabled")
            << QStringList{};
        QTest::newRow("duplicate plugin name: the second is a conflict")
            << QString() << QStringLiteral("duplicate") << QStringLiteral("conflict")
            << QStringList{QStringLiteral("/dup_a/")};
        QTest::newRow("duplicate instance name: the second is a conflict")
            << QStringLiteral("good") << QStringLiteral("fixture_tools")
            << QStringLiteral("conflict")
            << QStringList{QStringLiteral("'good'"), QStringLiteral("plugins.custom[0]"),
                           QStringLiteral("%1:%2").arg(config).arg(firstGood)};
        QTest::newRow("module not installed")
            << QStringLiteral("ghost") << QStringLiteral("not_installed")
            << QStringLiteral("failed") << QStringList{QStringLiteral("not_installed")};
        QTest::newRow("manifest without a version")
            << QString() << QStringLiteral("fixture_noversion") << QStringLiteral("incompatible")
            << QStringList{QStringLiteral("version")};
        QTest::newRow("installed, not configured")
            << QString() << QStringLiteral("fixture_failing") << QStringLiteral("disabled")
            << QStringList{QStringLiteral("plugins.custom")};
    }

    void pluginListStatuses()
    {
        QFETCH(QString, instance);
        QFETCH(QString, name);
        QFETCH(QString, status);
        QFETCH(QStringList, reason);

        const CliRun run = cli(fixtureListArguments());
        // Plugins that fail are reported, they do not make the command fail.
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonObject row = rowOf(parseArray(run), instance, name);
        QVERIFY2(!row.isEmpty(), run.describe());
        const QByteArray rowText = QJsonDocument(row).toJson();
        QVERIFY2(row.value(QLatin1String("status")).toString() == status, rowText);
        const QString actualReason = row.value(QLatin1String("reason")).toString();
        if (reason.isEmpty()) {
            QVERIFY2(actualReason.isEmpty(), rowText);
        }
        for (const QString &part : std::as_const(reason)) {
            QVERIFY2(actualReason.contains(part),
                     qPrintable(QStringLiteral("'%1' not in the reason of\n%2")
                                    .arg(part, QString::fromUtf8(rowText))));
        }
    }

    void pluginListIsADryRun()
    {
        // The fixtures log setup()/teardown() to $SMOLLAMA_FIXTURE_LOG: nothing may be set up.
        const QString log = m_work.filePath(QStringLiteral("lifecycle.log"));
        QFile::remove(log);
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("SMOLLAMA_FIXTURE_LOG"), log);
        const CliRun run = cli(fixtureListArguments(), env);
        QVERIFY2(run.exitCode == 0, run.describe());
        QFile file(log);
        const QByteArray calls = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        QVERIFY2(!calls.contains("setup"), calls);
        QVERIFY2(!calls.contains("teardown"), calls);
    }

    void pluginListText_data()
    {
        QTest::addColumn<bool>("noColorVariable");
        QTest::addColumn<QStringList>("extraArguments");
        QTest::newRow("NO_COLOR=1") << true << QStringList{};
        QTest::newRow("stdout is a pipe") << false << QStringList{};
        QTest::newRow("--no-color") << false << QStringList{QStringLiteral("--no-color")};
    }

    void pluginListText()
    {
        QFETCH(bool, noColorVariable);
        QFETCH(QStringList, extraArguments);
        QStringList arguments = fixtureListArguments();
        arguments.removeAll(QStringLiteral("--json"));
        const CliRun run = cli(arguments + extraArguments, environment(noColorVariable));
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(!run.out.contains(s_esc), run.describe());

        // Each instance's line names it and shows its status.
        const QList<QPair<QString, QString>> expected{
            {QStringLiteral("system"), QStringLiteral("enabled")},
            {QStringLiteral("good (fixture_good)"), QStringLiteral("enabled")},
            {QStringLiteral("badcfg (fixture_good)"), QStringLiteral("invalid_config")},
            {QStringLiteral("nodev (fixture_missingdep)"), QStringLiteral("missing_dependencies")},
            {QStringLiteral("old (fixture_oldsdk)"), QStringLiteral("incompatible")},
            {QStringLiteral("parked (fixture_good)"), QStringLiteral("disabled")},
            {QStringLiteral("good (fixture_tools)"), QStringLiteral("conflict")},
            {QStringLiteral("ghost (not_installed)"), QStringLiteral("failed")},
            {QStringLiteral("duplicate"), QStringLiteral("conflict")},
        };
        const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'));
        for (const auto &[title, status] : expected) {
            bool found = false;
            for (const QString &line : lines) {
                if (line.startsWith(title + QLatin1Char(' ')) && line.endsWith(status)) {
                    found = true;
                    break;
                }
            }
            QVERIFY2(found, qPrintable(QStringLiteral("no line '%1 ... %2' in\n%3")
                                           .arg(title, status, QString::fromUtf8(run.out))));
        }
        // The reasons are shown too, not only in JSON.
        QVERIFY2(run.out.contains("built for SDK 0.3, this is " SMOLLAMA_SDK_VERSION_STRING),
                 run.describe());
        QVERIFY2(run.out.contains("/dev/fixture0"), run.describe());
    }

    void brokenYamlStopsPluginList_data() { brokenYamlRows(); }

    void brokenYamlStopsPluginList()
    {
        QFETCH(QString, file);
        QFETCH(QString, badLine);
        const int line = lineOf(file, badLine);
        QVERIFY(line > 0);
        for (const bool json : {false, true}) {
            QStringList arguments{QStringLiteral("plugin"), QStringLiteral("list"),
                                  QStringLiteral("-c"), file};
            if (json) {
                arguments.append(QStringLiteral("--json"));
            }
            const CliRun run = cli(arguments);
            QVERIFY2(run.exitCode == 2, run.describe());
            // Nothing a script could mistake for a plugin list.
            QVERIFY2(run.out.isEmpty(), run.describe());
            const QString where = QStringLiteral("%1:%2:").arg(file).arg(line);
            QVERIFY2(run.err.contains(where.toUtf8()),
                     qPrintable(QStringLiteral("'%1' not on stderr:\n%2")
                                    .arg(where, QString::fromUtf8(run.describe()))));
        }
    }

    void brokenYamlFailsConfigCheck_data() { brokenYamlRows(); }

    void brokenYamlFailsConfigCheck()
    {
        QFETCH(QString, file);
        QFETCH(QString, badLine);
        const int line = lineOf(file, badLine);
        QVERIFY(line > 0);
        const CliRun run =
            cli({QStringLiteral("config"), QStringLiteral("check"), QStringLiteral("-c"), file});
        QVERIFY2(run.exitCode == 1, run.describe());
        QVERIFY2(run.out.contains(QStringLiteral("%1:%2:").arg(file).arg(line).toUtf8()),
                 run.describe());
    }

    void missingConfigFileIsUnusable()
    {
        const QString file = m_work.filePath(QStringLiteral("no-such-config.yaml"));
        const CliRun run =
            cli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("-c"), file});
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains(file.toUtf8()), run.describe());
    }

    void colorsOnlyOnATerminal_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("noColorVariable");
        QTest::addColumn<bool>("colors");
        const QStringList list{QStringLiteral("plugin"), QStringLiteral("list")};
        const QStringList check{QStringLiteral("config"), QStringLiteral("check"),
                                QStringLiteral("-c"),
                                QStringLiteral(SMOLLAMA_SOURCE_DIR "/config.example.yaml")};
        QTest::newRow("plugin list") << list << false << true;
        QTest::newRow("plugin list, NO_COLOR=1") << list << true << false;
        QTest::newRow("plugin list --no-color")
            << list + QStringList{QStringLiteral("--no-color")} << false << false;
        QTest::newRow("plugin list --json")
            << list + QStringList{QStringLiteral("--json")} << false << false;
        QTest::newRow("config check") << check << false << true;
        QTest::newRow("config check, NO_COLOR=1") << check << true << false;
    }

    void colorsOnlyOnATerminal()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, noColorVariable);
        QFETCH(bool, colors);
        SMOLLAMA_REQUIRE_TOOL(!QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty(),
                              "script(1) from util-linux is needed to give the program a terminal");
        const CliRun run = cliOnTerminal(arguments, environment(noColorVariable));
        QVERIFY2(run.failure.isEmpty() && run.exitCode != 2, run.describe());
        QVERIFY2(!run.out.isEmpty(), run.describe());
        QVERIFY2(run.out.contains(s_esc) == colors, run.describe());
    }

    void configCheckExample()
    {
        // config.example.yaml is what `make run` starts with: it must always be valid.
        const QString example = QStringLiteral(SMOLLAMA_SOURCE_DIR "/config.example.yaml");
        QVERIFY2(QFileInfo::exists(example), "config.example.yaml is missing");
        const CliRun text =
            cli({QStringLiteral("config"), QStringLiteral("check"), QStringLiteral("-c"), example});
        QVERIFY2(text.exitCode == 0, text.describe());
        QVERIFY2(text.out.contains(": OK"), text.describe());

        const CliRun json = cli({QStringLiteral("config"), QStringLiteral("check"),
                                 QStringLiteral("-c"), example, QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, json.describe());
        const QJsonObject result = parseObject(json);
        QCOMPARE(result.value(QLatin1String("ok")), QJsonValue(true));
        QCOMPARE(result.value(QLatin1String("errors")).toInt(-1), 0);
    }

    void configCheckListsEveryError_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("pluginPaths");
        // Each error as "<key>@<text of its line>".
        QTest::addColumn<QStringList>("errors");

        QTest::newRow("file errors")
            << dataFile(QStringLiteral("file-errors.yaml")) << QStringList{}
            << QStringList{QStringLiteral("ollama.port@port: \"not a port\""),
                           QStringLiteral("http.port@port: 99999"),
                           QStringLiteral("readings.default_interval_s@default_interval_s: -1")};
        QTest::newRow("plugin config errors")
            << dataFile(QStringLiteral("plugin-errors.yaml"))
            << QStringList{fixturePluginDir() + QStringLiteral("/good")}
            << QStringList{QStringLiteral("plugins.builtin.system.config.interval_s@interval_s: 0"),
                           QStringLiteral("plugins.custom[0].config.mode@mode: turbo"),
                           QStringLiteral("plugins.custom[0].config.nested.depth@depth: 0")};
        QTest::newRow("file and plugin config errors")
            << dataFile(QStringLiteral("mixed-errors.yaml")) << QStringList{}
            << QStringList{
                   QStringLiteral("http.port@port: 99999"),
                   QStringLiteral("plugins.builtin.system.config.interval_s@interval_s: 0")};
    }

    void configCheckListsEveryError()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, pluginPaths);
        QFETCH(QStringList, errors);

        QStringList arguments{QStringLiteral("config"), QStringLiteral("check"),
                              QStringLiteral("-c"), file};
        for (const QString &dir : std::as_const(pluginPaths)) {
            arguments << QStringLiteral("--plugin-path") << dir;
        }
        const CliRun text = cli(arguments);
        QVERIFY2(text.exitCode == 1, text.describe());
        const CliRun json = cli(arguments + QStringList{QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 1, json.describe());
        const QJsonObject result = parseObject(json);
        QCOMPARE(result.value(QLatin1String("ok")), QJsonValue(false));
        QVERIFY2(result.value(QLatin1String("errors")).toInt() >= 1, json.describe());
        const QJsonArray diagnostics = result.value(QLatin1String("diagnostics")).toArray();

        const QStringList textLines = QString::fromUtf8(text.out).split(QLatin1Char('\n'));
        QStringList missing;
        for (const QString &error : std::as_const(errors)) {
            const QString key = error.section(QLatin1Char('@'), 0, 0);
            const int line = lineOf(file, error.section(QLatin1Char('@'), 1));
            const QString where = QStringLiteral("%1:%2:").arg(file).arg(line);
            // Text: one output line names the key and where it is.
            bool inText = false;
            for (const QString &l : textLines) {
                inText = inText || (l.contains(key + QLatin1Char(':')) && l.contains(where));
            }
            // JSON: an error diagnostic with that key and line, or whose message names both.
            bool inJson = false;
            for (const QJsonValue &value : diagnostics) {
                const QJsonObject d = value.toObject();
                if (d.value(QLatin1String("severity")).toString() != QLatin1String("error")) {
                    continue;
                }
                const QString message = d.value(QLatin1String("message")).toString();
                inJson = inJson ||
                         (d.value(QLatin1String("key")).toString() == key &&
                          d.value(QLatin1String("line")).toInt() == line &&
                          d.value(QLatin1String("file")).toString() == file) ||
                         (message.contains(key + QLatin1Char(':')) && message.contains(where));
            }
            if (!inText || !inJson) {
                missing.append(QStringLiteral("%1 at %2 (%3)")
                                   .arg(key, where,
                                        inText ? QStringLiteral("not in JSON")
                                               : QStringLiteral("not in the text")));
            }
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(missing.join(QLatin1String("; ")) + QLatin1Char('\n') +
                            QString::fromUtf8(text.describe()) + QString::fromUtf8(json.out)));
    }

    void configCheckJson_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("ok");
        QTest::newRow("errors") << dataFile(QStringLiteral("file-errors.yaml")) << false;
        QTest::newRow("example") << QStringLiteral(SMOLLAMA_SOURCE_DIR "/config.example.yaml")
                                 << true;
        QTest::newRow("broken YAML") << dataFile(QStringLiteral("broken-flow.yaml")) << false;
    }

    void configCheckJson()
    {
        QFETCH(QString, file);
        QFETCH(bool, ok);
        const CliRun run = cli({QStringLiteral("config"), QStringLiteral("check"),
                                QStringLiteral("--json"), QStringLiteral("-c"), file});
        QVERIFY2(run.exitCode == (ok ? 0 : 1), run.describe());
        const QJsonObject result = parseObject(run);
        QCOMPARE(joined(keysOf(result)),
                 joined({QStringLiteral("file"), QStringLiteral("ok"), QStringLiteral("errors"),
                         QStringLiteral("warnings"), QStringLiteral("diagnostics")}));
        QCOMPARE(result.value(QLatin1String("file")).toString(), file);
        QCOMPARE(result.value(QLatin1String("ok")), QJsonValue(ok));
        QVERIFY(result.value(QLatin1String("diagnostics")).isArray());

        const QSet<QString> diagnosticKeys{QStringLiteral("severity"), QStringLiteral("file"),
                                           QStringLiteral("line"),     QStringLiteral("column"),
                                           QStringLiteral("key"),      QStringLiteral("message")};
        int errors = 0;
        int warnings = 0;
        const QJsonArray diagnostics = result.value(QLatin1String("diagnostics")).toArray();
        for (const QJsonValue &value : diagnostics) {
            const QJsonObject d = value.toObject();
            QCOMPARE(joined(keysOf(d)), joined(diagnosticKeys));
            const QString severity = d.value(QLatin1String("severity")).toString();
            QVERIFY2(severity == QLatin1String("error") || severity == QLatin1String("warning") ||
                         severity == QLatin1String("info"),
                     qPrintable(severity));
            QVERIFY(d.value(QLatin1String("line")).isDouble());
            QVERIFY(d.value(QLatin1String("column")).isDouble());
            QVERIFY(d.value(QLatin1String("key")).isString());
            QVERIFY(!d.value(QLatin1String("message")).toString().isEmpty());
            errors += severity == QLatin1String("error");
            warnings += severity == QLatin1String("warning");
            if (severity == QLatin1String("error")) {
                QCOMPARE(d.value(QLatin1String("file")).toString(), file);
                QVERIFY2(d.value(QLatin1String("line")).toInt() > 0, run.describe());
            }
        }
        QCOMPARE(result.value(QLatin1String("errors")).toInt(-1), errors);
        QCOMPARE(result.value(QLatin1String("warnings")).toInt(-1), warnings);
        QCOMPARE(errors == 0, ok);
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("unknown option first")
            << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("plugin"),
                           QStringLiteral("list")}
            << QStringLiteral("--frobnicate");
        QTest::newRow("unknown option last")
            << QStringList{QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("-x")}
            << QStringLiteral("-x");
        QTest::newRow("unknown plugin subcommand")
            << QStringList{QStringLiteral("plugin"), QStringLiteral("frobnicate")}
            << QStringLiteral("frobnicate");
        QTest::newRow("plugin without subcommand")
            << QStringList{QStringLiteral("plugin")} << QStringLiteral("plugin");
        QTest::newRow("unknown config subcommand")
            << QStringList{QStringLiteral("config"), QStringLiteral("frobnicate")}
            << QStringLiteral("frobnicate");
        QTest::newRow("an option of another command")
            << QStringList{QStringLiteral("plugin"), QStringLiteral("list"),
                           QStringLiteral("--ref"), QStringLiteral("v1")}
            << QStringLiteral("plugin list does not take --ref REF; its options are: --json, "
                              "--plugin-path DIR, --dry-run, -c, --config FILE");
        QTest::newRow("a switch of another command before it")
            << QStringList{QStringLiteral("--watch"), QStringLiteral("config"),
                           QStringLiteral("check")}
            << QStringLiteral("config check does not take -w, --watch; its options are: --json");
        QTest::newRow("install takes no --json")
            << QStringList{QStringLiteral("plugin"), QStringLiteral("install"), QStringLiteral("x"),
                           QStringLiteral("--json")}
            << QStringLiteral("plugin install does not take --json; its options are: --ref REF, "
                              "--force, --enable, --plugins-dir DIR");
        QTest::newRow("-c without a file")
            << QStringList{QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("-c")}
            << QStringLiteral("-c");
    }

    void badUsage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliRun run = cli(arguments);
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.out.isEmpty(), run.describe());
        QVERIFY2(run.err.contains(message.toUtf8()), run.describe());
        for (const QString &word : usageWords()) {
            QVERIFY2(run.err.contains(word.toUtf8()), run.describe());
        }
    }

    void uninstallOfAnUnknownPluginFails()
    {
        const CliRun run = cli({QStringLiteral("plugin"), QStringLiteral("uninstall"),
                                QStringLiteral("no_such_plugin")});
        QVERIFY2(run.exitCode == 1, run.describe());
        QVERIFY2(run.err.contains("no plugin 'no_such_plugin' is installed"), run.describe());
    }

    void noCommandShowsUsage()
    {
        const CliRun run = cli({});
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2((run.out + run.err).contains("Usage: smollama-cli"), run.describe());
    }

    void help_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("-h after a command")
            << QStringList{QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("-h")};
        QTest::newRow("help") << QStringList{QStringLiteral("help")};
    }

    void help()
    {
        QFETCH(QStringList, arguments);
        const CliRun run = cli(arguments);
        QVERIFY2(run.exitCode == 0, run.describe());
        for (const QString &word : usageWords()) {
            QVERIFY2(run.out.contains(word.toUtf8()), run.describe());
        }
        // Nothing but the help: no warnings of the option parser.
        QVERIFY2(run.err.isEmpty(), run.describe());
    }

    void version_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")};
        QTest::newRow("--version after a command") << QStringList{
            QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--version")};
    }

    void version()
    {
        QFETCH(QStringList, arguments);
        const CliRun run = cli(arguments);
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(QString::fromUtf8(run.out).trimmed(),
                 QStringLiteral("smollama-cli " SMOLLAMA_VERSION_STRING
                                " (plugin SDK " SMOLLAMA_SDK_VERSION_STRING ")"));
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
