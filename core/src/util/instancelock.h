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

private:
    QString m_path;
    QString m_error;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Smollama
