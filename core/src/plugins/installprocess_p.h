// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace Smollama::Internal {

/*! What a program run by the plugin installer did (git, cmake, the trial load). */
struct ProcessResult
{
    bool started = false;
    bool timedOut = false;
    bool crashed = false;
    /*! The exit code; after a crash, the number of the signal that ended the program. */
    int exitCode = -1;
    /*! Stdout and stderr, merged. */
    QString log;

    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }
    /*! The last \a lines lines of the output, indented, for error messages. */
    QString tail(int lines = 25) const;
};

/*! Runs \a program to its end, passing each output line to \a onLine. Never waits for a
    password (git's prompts are off) and runs with LC_ALL=C so that the output can be parsed. */
ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const std::function<void(const QString &)> &onLine = {},
                         int timeoutMs = 30 * 60 * 1000);

} // namespace Smollama::Internal
