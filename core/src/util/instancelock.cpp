// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancelock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace Smollama {

// The translation context of this file's messages (docs/translations.md).
class InstanceLockTr
{
    Q_DECLARE_TR_FUNCTIONS(InstanceLock)
};

InstanceLock::InstanceLock(const QString &path)
    : m_path(path)
{
}

InstanceLock::~InstanceLock() = default;

QString InstanceLock::path() const
{
    return m_path;
}

qint64 InstanceLock::holderPid() const
{
    return m_holderPid;
}

QString InstanceLock::errorString() const
{
    return m_error;
}

bool InstanceLock::tryLock()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_holderPid = 0;
    m_lock = std::make_unique<QLockFile>(m_path);
    // A lock whose process is gone is removed by QLockFile itself (it checks the PID).
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0)) {
        return true;
    }
    if (m_lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString app;
        if (!m_lock->getLockInfo(&pid, &host, &app) || pid <= 0) {
            // An empty or damaged lock file (a power cut while it was written): nobody holds
            // it in a way that can be named. Removing it fails while a live holder has it open.
            if (m_lock->removeStaleLockFile() && m_lock->tryLock(0)) {
                return true;
            }
            m_error = InstanceLockTr::tr("the lock file %1 is damaged and cannot be removed: "
                                         "check that no other smollama runs, then delete it")
                          .arg(m_path);
            m_lock.reset();
            return false;
        }
        m_holderPid = pid;
        m_error =
            InstanceLockTr::tr("another smollama is already running (PID %1, lock %2); only "
                               "one instance may own the hardware. Stop it first (systemctl "
                               "stop smollama, or kill %1), or use smollama-cli to talk to it")
                .arg(pid)
                .arg(m_path);
    } else {
        m_error = InstanceLockTr::tr("cannot create the lock file %1 (check that the folder is "
                                     "writable)")
                      .arg(m_path);
    }
    m_lock.reset();
    return false;
}

} // namespace Smollama
