// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostprocess.h"

#include "plugins/crashguard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace Smollama {

namespace {

constexpr char kHostName[] = "smollama-plugin-host";

} // namespace

HostProcess::~HostProcess()
{
    if (m_pid > 0) {
        kill();
        reap(0);
    }
    closeSocket();
}

QString HostProcess::program(QStringList *looked)
{
    QStringList candidates;
    const QString env = qEnvironmentVariable("SMOLLAMA_PLUGIN_HOST");
    if (!env.isEmpty()) {
        candidates << env;
    }
    if (QCoreApplication::instance()) {
        candidates << QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1Char('/') +
                                      QLatin1String(SMOLLAMA_BIN_TO_HOST) + QLatin1Char('/') +
                                      QLatin1String(kHostName));
    }
    candidates << QStringLiteral(SMOLLAMA_PLUGIN_HOST_INSTALLED)
               << QStringLiteral(SMOLLAMA_PLUGIN_HOST_BUILT);
    for (const QString &candidate : std::as_const(candidates)) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable()) {
            return info.absoluteFilePath();
        }
    }
    if (looked) {
        *looked = candidates;
    }
    return QString();
}

bool HostProcess::start(const QString &program, const QString &instance, QString *error)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        *error =
            QStringLiteral("socketpair(): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    int child = fds[1];
    if (child == 3) {
        // dup2(3, 3) would keep close-on-exec set: move it out of the way first.
        child = ::fcntl(fds[1], F_DUPFD_CLOEXEC, 10);
        ::close(fds[1]);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child, 3);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    QList<QByteArray> env;
    for (char **e = environ; *e; ++e) {
        if (std::strncmp(*e, "SMOLLAMA_HOST_PARENT=", 21) != 0) {
            env.append(QByteArray(*e));
        }
    }
    env.append("SMOLLAMA_HOST_PARENT=" + QByteArray::number(qint64(::getpid())));
    std::vector<char *> envp;
    for (QByteArray &e : env) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    QByteArray path = QFile::encodeName(program);
    QByteArray arg1("--instance");
    QByteArray arg2 = instance.toUtf8();
    char *argv[] = {path.data(), arg1.data(), arg2.data(), nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, path.constData(), &actions, &attr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(child);
    if (rc != 0) {
        ::close(fds[0]);
        *error = QStringLiteral("cannot start %1: %2")
                     .arg(program, QString::fromLocal8Bit(std::strerror(rc)));
        return false;
    }
    m_pid = pid;
    m_fd = fds[0];
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    return true;
}

void HostProcess::kill()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
    }
}

int HostProcess::reap(int graceMs)
{
    if (m_pid <= 0) {
        closeSocket();
        return -1;
    }
    int status = 0;
    for (int waited = 0;; waited += 10) {
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid || (r < 0 && errno != EINTR)) {
            break;
        }
        if (waited >= graceMs) {
            ::kill(m_pid, SIGKILL);
            while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        ::usleep(10000);
    }
    m_pid = -1;
    closeSocket();
    return status;
}

void HostProcess::closeSocket()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

double HostProcess::rssMiB() const
{
    if (m_pid <= 0) {
        return -1;
    }
    QFile status(QStringLiteral("/proc/%1/status").arg(m_pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

QString HostProcess::describe(int status)
{
    //: %1 is a signal name such as SIGSEGV
    if (WIFSIGNALED(status)) {
        return QCoreApplication::translate("PluginHost", "crashed (%1)")
            .arg(CrashGuard::signalName(WTERMSIG(status)));
    }
    if (WIFEXITED(status)) {
        return QCoreApplication::translate("PluginHost", "exited with code %1")
            .arg(WEXITSTATUS(status));
    }
    return QCoreApplication::translate("PluginHost", "ended");
}

} // namespace Smollama
