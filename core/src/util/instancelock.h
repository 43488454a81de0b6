// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/statepaths.h"

#include <smollama/smollama_export.h>

#include <QString>

#include <memory>

class QLockFile;

namespace Smollama {

/*!
    Keeps a second smollama from starting: one process owns the hardware. The lock is a file
    holding the owner's PID; a lock left by a process that died is taken over.
*/
class SMOLLAMA_EXPORT InstanceLock
{
public:
    /*! \a path: the lock file, by default StatePaths::lockFile(). */
    explicit InstanceLock(const QString &path = StatePaths::lockFile());
    ~InstanceLock();

    /*! True when this process now holds the lock; otherwise errorString() names the PID that
        holds it and what to do. */
    bool tryLock();
    QString errorString() const;
    QString path() const;
    /*! After a failed tryLock(): the PID of the process that holds the lock, 0 when the lock
        could not be taken for another reason (a damaged or unwritable lock file). */
    qint64 holderPid() const;

private:
    QString m_path;
    QString m_error;
    qint64 m_holderPid = 0;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Smollama
