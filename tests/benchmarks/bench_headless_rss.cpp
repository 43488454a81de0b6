// SPDX-License-Identifier: GPL-3.0-or-later
// Memory of `smollama --headless` with the system plugin. Prints figures; asserts nothing.
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

namespace {

QByteArray statusField(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return "?";
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':')) {
            return line.mid(field.size() + 1).simplified();
        }
    }
    return "?";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    QFile config(home.filePath(QStringLiteral("config.yaml")));
    config.open(QIODevice::WriteOnly);
    config.write("plugins:\n  builtin:\n    system: {config: {interval_s: 1}}\n");
    config.close();

    QProcess smollama;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    smollama.setProcessEnvironment(env);
    smollama.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    smollama.start(QStringLiteral(SMOLLAMA_APP),
                   {QStringLiteral("--headless"), QStringLiteral("-c"), config.fileName()});
    if (!smollama.waitForStarted()) {
        std::printf("could not start %s\n", SMOLLAMA_APP);
        return 1;
    }
    QThread::sleep(5); // a few polls of every source, the history written to disk
    const qint64 pid = smollama.processId();
    std::printf("smollama --headless with the system plugin after 5 s: RSS %s, peak %s "
                "(goal RSS < 30 MiB)\n",
                statusField(pid, "VmRSS").constData(), statusField(pid, "VmHWM").constData());
    smollama.terminate();
    smollama.waitForFinished(20000);
    std::printf("exit code after SIGTERM: %d\n", smollama.exitCode());
    return 0;
}
