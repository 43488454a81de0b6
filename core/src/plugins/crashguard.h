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
    Remembers which plugin instance the process was busy with when it died, so the next start
    can skip just that one, and counts starts that never finished, for safe mode.

    Before a risky call (loading the library, setup(), the first read()) the instance is
    written to a sentinel file; after the call it is removed. All files live in the state
    folder (StatePaths::crashNotesDir(): ~/.smollama/state) and are replaced atomically, so a crash
   never leaves half a file:
    - sentinel.json: the calls in progress {instance: {phase, time, pid}};
    - blocked.json: instances that crashed, with the reason, until `smollama-cli plugin enable`;
    - starts.json: how many starts in a row did not finish.
*/
class SMOLLAMA_EXPORT CrashGuard
{
public:
    /*! \a stateDir: the folder of the notes, by default StatePaths::crashNotesDir(). */
    explicit CrashGuard(const QString &stateDir = StatePaths::crashNotesDir());

    QString stateDir() const;

    /*! At the start of the process that owns the hardware: turns a sentinel left by a process
        that died into blocked instances. Returns the instances blamed now. */
    QStringList recoverFromCrash();

    /*! Instances that must not be loaded, with the reason ("crashed during setup on
        2026-11-24 18:20; ..."). Includes a sentinel not yet recovered, so the dry run of the
        CLI shows the same as the next start will. */
    QHash<QString, QString> blocked() const;

    /*! Lets \a instance load again. Returns false when it was not blocked. */
    bool unblock(const QString &instance);

    /*! Marks \a instance as being in \a phase ("load", "setup", "the first read").
        Thread-safe. With \a exclusive, calls from several threads take turns (waiting at most
        \a waitMs each), so a crash is blamed on one instance and not on all that were busy. */
    void enter(const QString &instance, const QString &phase, bool exclusive = false,
               int waitMs = 0);
    void leave(const QString &instance);

    /*! Counts a start that has begun; returns how many earlier starts in a row did not
        finish. */
    int beginStart();
    /*! The start finished (plugins set up, first reads done): the count goes back to 0. */
    void startFinished();

private:
    QString path(const char *file) const;
    QJsonObject readObject(const char *file) const;
    bool writeObject(const char *file, const QJsonObject &object) const;
    static QString reasonFor(const QString &instance, const QJsonObject &entry);

    QString m_stateDir;
    mutable QMutex m_mutex;
    QMutex m_turn;        //!< held during an exclusive phase
    QString m_turnHolder; //!< the instance holding m_turn (guarded by m_mutex)
    QJsonObject m_inFlight;
};

} // namespace Smollama
