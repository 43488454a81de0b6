// SPDX-License-Identifier: GPL-3.0-or-later
#include "installprocess_p.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>

namespace Smollama::Internal {

QString ProcessResult::tail(int lines) const
{
    QStringList all = log.trimmed().split(QLatin1Char('\n'));
    if (all.size() > lines) {
        all = all.mid(all.size() - lines);
    }
    return QStringLiteral("    ") + all.join(QLatin1String("\n    "));
}

ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const std::function<void(const QString &)> &onLine, int timeoutMs)
{
    ProcessResult result;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Never wait for a password nobody will type.
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_SSH_COMMAND"), QStringLiteral("ssh -o BatchMode=yes"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        result.log = process.errorString();
        return result;
    }
    result.started = true;
    QByteArray pending;
    const auto drain = [&](bool all) {
        pending += process.readAll();
        int nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(pending.left(nl));
            pending.remove(0, nl + 1);
            result.log += line + QLatin1Char('\n');
            if (onLine) {
                onLine(line);
            }
        }
        if (all && !pending.isEmpty()) {
            result.log += QString::fromUtf8(pending);
            pending.clear();
        }
    };
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(200);
        drain(false);
        if (timer.elapsed() > timeoutMs) {
            process.kill();
            process.waitForFinished();
            result.timedOut = true;
            break;
        }
    }
    drain(true);
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    // After a crash Qt keeps the terminating signal's number here.
    result.exitCode = process.exitCode();
    return result;
}

} // namespace Smollama::Internal
