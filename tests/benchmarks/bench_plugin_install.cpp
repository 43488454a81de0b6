// SPDX-License-Identifier: GPL-3.0-or-later
// Time from `smollama-cli plugin install <repo>/examples/plugins/tool_example` (a source folder:
// configure and build against the build tree's SDK, check, install) until
// `smollama-cli plugin list --json` lists the plugin. Goal: under 5 minutes on a Raspberry Pi.
// Prints figures; asserts no time. Exits non-zero only when the install itself fails.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

namespace {

struct Run
{
    bool ok = false;
    QByteArray out;
};

Run runCli(const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess cli;
    cli.setProcessEnvironment(env);
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(QStringLiteral(SMOLLAMA_CLI), arguments);
    Run run;
    if (!cli.waitForStarted() || !cli.waitForFinished(timeoutMs)) {
        cli.kill();
        cli.waitForFinished();
        run.out = cli.readAll() + "\n(did not finish in time)";
        return run;
    }
    run.out = cli.readAll();
    run.ok = cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;
    return run;
}

bool listed(const QByteArray &json, const QString &name)
{
    // The list may be preceded by log lines: parse from the first '['.
    const int start = json.indexOf('[');
    const QJsonArray array = QJsonDocument::fromJson(json.mid(start < 0 ? 0 : start)).array();
    for (const QJsonValue &v : array) {
        if (v.toObject().value(QLatin1String("name")).toString() == name) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    if (!home.isValid()) {
        std::fprintf(stderr, "cannot create a temporary HOME\n");
        return 1;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));

    const QString source = QStringLiteral(SMOLLAMA_SOURCE_DIR "/examples/plugins/tool_example");
    std::printf("installing %s with HOME=%s\n", qPrintable(source), qPrintable(home.path()));
    std::fflush(stdout);

    QElapsedTimer timer;
    timer.start();
    const Run install =
        runCli({QStringLiteral("plugin"), QStringLiteral("install"), source}, env, 10 * 60 * 1000);
    const double installSeconds = timer.elapsed() / 1000.0;
    if (!install.ok) {
        std::printf("%s\ninstall failed after %.1f s\n", install.out.constData(), installSeconds);
        return 1;
    }
    const Run list =
        runCli({QStringLiteral("plugin"), QStringLiteral("list"), QStringLiteral("--json")}, env,
               2 * 60 * 1000);
    const double totalSeconds = timer.elapsed() / 1000.0;
    if (!list.ok || !listed(list.out, QStringLiteral("tool_example"))) {
        std::printf("%s\ninstalled, but `plugin list --json` does not list tool_example\n",
                    list.out.constData());
        return 1;
    }
    std::printf("install (configure + build + check): %.1f s\n", installSeconds);
    std::printf("install start until listed: %.1f s (goal: < 300 s)\n", totalSeconds);
    return 0;
}
