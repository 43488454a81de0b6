// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QObject>

class QSocketNotifier;

namespace Smollama {

/*!
    Turns SIGINT and SIGTERM into a Qt signal on the thread that created the watcher (the
    self-pipe trick: the handler only writes a byte; everything else happens in the event loop).
    One watcher per process.
*/
class SMOLLAMA_EXPORT UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    /*! \a signalNumber is SIGINT or SIGTERM. */
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Smollama
