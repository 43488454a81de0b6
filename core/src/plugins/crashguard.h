// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/statepaths.h"

#include <smollama/smollama_export.h>

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace Smollama {

/*!
    The crash notes of the process that owns the hardware: which plugin instance a crash is
    blamed on, which instances are skipped for it, and how many runs in a row went wrong, for
    safe mode.

    Nothing is written while plugins run: CrashNote marks each thread that calls into a plugin
    and, once arm()ed, writes the note only when the process gets a fatal signal. So a clean
    stop, a setup() that was given up or a read() that blocks never leave a note, and a program
    that only looks (the CLI's dry run) cannot erase or overwrite one.

    All files live in the state folder (StatePaths::crashNotesDir(): ~/.smollama/state) and are
    replaced atomically, so a crash never leaves half a file:
    - sentinel.json: the note of the last crash, until the next start reads it;
    - blocked.json: instances that crashed, with the reason and their crash count, skipped
      until `smollama-cli plugin enable`;
    - starts.json: how many runs in a row did not finish their start or crashed soon after.
*/
class SMOLLAMA_EXPORT CrashGuard
{
public:
    /*! \a stateDir: the folder of the notes, by default StatePaths::crashNotesDir(). */
    explicit CrashGuard(const QString &stateDir = StatePaths::crashNotesDir());

    QString stateDir() const;

    /*! The node only: a fatal signal from now on writes the note (CrashNote::arm()). */
    bool arm();
    /*! Puts the signal handlers of before arm() back. */
    void disarm();

    /*! At the start of the process that owns the hardware: turns the note of a process that
        died into blocked instances (counting their crashes) and remembers that the last run
        crashed. Returns the instances blamed now. */
    QStringList recoverFromCrash();

    /*! Instances that must not be loaded, with the reason ("crashed during read #3 on
        2026-11-24 18:20 (SIGSEGV, ...); ..."). Includes a note not yet recovered, so the dry
        run of the CLI shows the same as the next start will. Reads only. */
    QHash<QString, QString> blocked() const;

    /*! Lets \a instance load again (its crash count is kept). Returns false when it was not
        blocked. */
    bool unblock(const QString &instance);

    /*! Counts a start that has begun; returns how many runs before it in a row went wrong: did
        not finish their start, or crashed within crashWindowSeconds() of starting. */
    int beginStart();
    /*! The start finished (plugins set up, first reads done). A crash in the next
        crashWindowSeconds() still counts the run as gone wrong. */
    void startFinished();
    /*! The process stops cleanly: the count goes back to 0. */
    void stoppedCleanly();

    static constexpr int crashWindowSeconds() { return 600; }

    /*! "SIGSEGV", "SIGABRT", ... for \a signalNumber. */
    static QString signalName(int signalNumber);

private:
    QString path(const char *file) const;
    QJsonObject readObject(const char *file) const;
    bool writeObject(const char *file, const QJsonObject &object) const;
    static QString reasonFor(const QString &instance, const QJsonObject &entry,
                             const QJsonObject &crash, int crashes);

    QString m_stateDir;
    mutable QMutex m_mutex;
    qint64 m_lastCrashEpoch = 0; //!< from the note recoverFromCrash() read; 0 when none
};

} // namespace Smollama
