// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>
#include <QSemaphore>
#include <QString>

namespace Smollama {

class PluginManager;

/*! How the answer of a call a setup retry does not wait for comes back: the worker posts it to
    the manager while `manager` is set; the manager clears it when it stops waiting. */
struct CallLink
{
    QMutex mutex;
    PluginManager *manager = nullptr; //!< guarded by mutex
    QSemaphore done;                  //!< released when the call has returned
};

/*! The tool call of an instance that did not return in time, shared by the callers (any
    thread) and the call itself (the instance's thread), which may outlive the instance. */
struct CallWatch
{
    QMutex mutex;
    quint64 lastId = 0;   //!< guarded by mutex
    quint64 hungId = 0;   //!< the call that hangs; 0 when none (guarded by mutex)
    QString hungTool;     //!< guarded by mutex
    qint64 hungSince = 0; //!< ms since the epoch (guarded by mutex)
};

namespace Internal {

/*! What a plugin call threw, in a sentence ("setup() threw an exception: ..."); call it only in
    a catch block. \a what names the call. */
QString currentExceptionText(const char *what);

} // namespace Internal

} // namespace Smollama
