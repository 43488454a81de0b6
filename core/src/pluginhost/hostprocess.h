// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace Smollama {

/*!
    One `smollama-plugin-host` process: started with its end of a socketpair as descriptor 3,
    waited for, killed. Not thread-safe: its owner serializes the calls.
*/
class SMOLLAMA_EXPORT HostProcess
{
public:
    HostProcess() = default;
    ~HostProcess();
    HostProcess(const HostProcess &) = delete;
    HostProcess &operator=(const HostProcess &) = delete;

    /*! Where the host program is: $SMOLLAMA_PLUGIN_HOST, <libexecdir>/smollama beside the
        running program's <bindir>, the installed one, the build tree's. Empty when none
        exists; \a looked lists where. */
    static QString program(QStringList *looked = nullptr);

    /*! Starts \a program for \a instance; false with \a error set when it cannot start. */
    bool start(const QString &program, const QString &instance, QString *error);

    pid_t pid() const { return m_pid; }
    /*! The node's end of the socketpair; -1 when not running. */
    int fd() const { return m_fd; }
    bool running() const { return m_pid > 0; }

    void kill();
    /*! Waits for the process to end (killing it after \a graceMs) and closes the socket;
        returns the wait status (as waitpid() gives it), -1 when none was running. */
    int reap(int graceMs);
    /*! Closes the node's end of the socket: the host sees the node go and ends. */
    void closeSocket();

    /*! The resident set of the process in MiB (VmRSS of /proc/PID/status); -1 when unknown. */
    double rssMiB() const;

    /*! "crashed (SIGSEGV)", "exited with code 3" for a wait status. */
    static QString describe(int status);

private:
    pid_t m_pid = -1;
    int m_fd = -1;
};

} // namespace Smollama
